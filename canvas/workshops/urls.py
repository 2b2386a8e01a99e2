from django.urls import path

from canvas.workshops import views

app_name = "workshop"
urlpatterns = [
    path("n/<slug:slug>/workshops/", views.workshops, name="list"),
    path("n/<slug:slug>/workshops/<int:pk>/", views.workshop_summary, name="summary"),
    path("n/<slug:slug>/workshops/<int:pk>/pdf/", views.workshop_pdf, name="pdf"),
    path("n/<slug:slug>/workshop/", views.workshop_part, name="part"),
    path("n/<slug:slug>/bedankt/", views.thanks, name="thanks"),
    path("n/<slug:slug>/workshop/sturen/", views.steer, name="steer"),
    path("n/<slug:slug>/workshop/stip/", views.place_dot, name="dot"),
]
