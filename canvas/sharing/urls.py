from django.urls import path

from canvas.sharing import views

app_name = "sharing"
urlpatterns = [
    path("n/<slug:slug>/leeslinks/", views.share_links, name="links"),
    path(
        "n/<slug:slug>/leeslinks/<int:pk>/intrekken/",
        views.share_link_revoke,
        name="revoke",
    ),
    path("lezen/<str:share_token>/", views.shared, name="shared"),
]
