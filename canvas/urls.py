from django.contrib import admin
from django.urls import include, path

from canvas import live

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("n/<slug:slug>/live/", live.board_events, name="live-events"),
    path("", include("networks.urls")),
    path("", include("canvas.board_urls")),
    path("", include("coalitions.urls")),
    path("", include("canvas.workshop_urls")),
]
