from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from canvas.live import views as live

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch is on public pages too (home, sign-in, joining).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("n/<slug:slug>/live/", live.board_events, name="live-events"),
    path("", include("networks.urls")),
    path("", include("canvas.board.urls")),
    path("", include("coalitions.urls")),
    path("", include("coalitions.digests.urls")),
    path("", include("coalitions.actions.urls")),
    path("", include("canvas.workshops.urls")),
    path("", include("canvas.agenda.urls")),
    path("", include("canvas.records.urls")),
    path("", include("canvas.replies.urls")),
    path("", include("canvas.identity.urls")),
    path("", include("canvas.sharing.urls")),
]

# Django's own error pages, closing the connection they open (see canvas/errors.py).
handler400 = "canvas.errors.bad_request"
handler403 = "canvas.errors.permission_denied"
handler404 = "canvas.errors.page_not_found"
handler500 = "canvas.errors.server_error"
