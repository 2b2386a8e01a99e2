from django.contrib.auth import views as auth_views
from django.urls import path

from canvas.views import board
from networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("nieuw/", views.create_network, name="create"),
    # A network's main page is its canvas board (the canvas app draws it).
    path("n/<slug:slug>/", board, name="detail"),
    path("n/<slug:slug>/bewerken/", views.edit_network, name="edit"),
    path("n/<slug:slug>/actoren/", views.actors, name="actors"),
    path("n/<slug:slug>/actoren/<int:pk>/bewerken/", views.edit_actor, name="edit_actor"),
    path(
        "account/inloggen/",
        auth_views.LoginView.as_view(template_name="networks/login.html"),
        name="login",
    ),
    path("account/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
