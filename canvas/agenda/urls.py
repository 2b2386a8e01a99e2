from django.urls import path

from canvas.agenda import views

app_name = "agenda"
urlpatterns = [
    path("n/<slug:slug>/agendas/", views.agendas, name="list"),
    path("n/<slug:slug>/agendas/<int:pk>/", views.agenda, name="detail"),
    path("n/<slug:slug>/agendas/<int:pk>/afdrukken/", views.agenda_print, name="print"),
]
