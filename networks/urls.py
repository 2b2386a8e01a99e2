from django.contrib.auth import views as auth_views
from django.urls import path

from networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("n/<slug:slug>/", views.network_detail, name="detail"),
    path(
        "account/inloggen/",
        auth_views.LoginView.as_view(template_name="networks/login.html"),
        name="login",
    ),
    path("account/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
