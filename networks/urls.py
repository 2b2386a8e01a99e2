from django.contrib.auth import views as auth_views
from django.urls import path

from canvas.views import board
from networks import insight_views, views

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

# Looking at a network: overlap, self-scans, advice and pitfall signals.
urlpatterns += [
    path("overlap/", insight_views.overlap_overview, name="overlap"),
    path("overlap/export.<str:fmt>", insight_views.overlap_export, name="overlap_export"),
    path("n/<slug:slug>/overlap/", insight_views.network_overlap, name="network_overlap"),
    path("n/<slug:slug>/scans/", insight_views.scan_list, name="scans"),
    path("n/<slug:slug>/scans/<int:pk>/", insight_views.scan_detail, name="scan"),
    path("n/<slug:slug>/scans/<int:pk>/sluiten/", insight_views.scan_close, name="scan_close"),
    path(
        "n/<slug:slug>/scans/<int:pk>/resultaten.<str:fmt>",
        insight_views.scan_export,
        name="scan_export",
    ),
    path("n/<slug:slug>/advies/", insight_views.advice_page, name="advice"),
    path("n/<slug:slug>/signalen/", insight_views.signal_list, name="signals"),
    path(
        "n/<slug:slug>/signalen/<slug:code>/", insight_views.signal_dismiss, name="signal_dismiss"
    ),
]
