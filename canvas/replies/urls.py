from django.urls import path

from canvas.replies import views

app_name = "replies"
urlpatterns = [
    path("n/<slug:slug>/notities/<int:pk>/reacties/", views.replies, name="replies"),
]
