from django.urls import path

from canvas.identity import views

app_name = "identity"
urlpatterns = [
    path("n/<slug:slug>/identiteitskaart/", views.identity_map, name="map"),
    path("n/<slug:slug>/identiteitskaart/kaart/", views.map_part, name="part"),
    path("n/<slug:slug>/identiteitskaart/presentatie/", views.present, name="present"),
    path("n/<slug:slug>/identiteitskaart/notitie/", views.make_note, name="make_note"),
    path("n/<slug:slug>/workshops/<int:pk>/identiteitskaart/", views.print_map, name="print"),
]
