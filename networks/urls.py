from django.contrib.auth import views as auth_views
from django.urls import path

from canvas.board.views import board
from networks import views
from networks.accounts import views as account_views
from networks.insights import views as insight_views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("nieuw/", views.create_network, name="create"),
    path("code/", views.enter_code, name="enter_code"),
    path("doe-mee/<str:token>/", views.join, name="join"),
    # A network's main page is its canvas board (the canvas app draws it).
    path("n/<slug:slug>/", board, name="detail"),
    path("n/<slug:slug>/bewerken/", views.edit_network, name="edit"),
    path("n/<slug:slug>/actoren/", views.actors, name="actors"),
    path("n/<slug:slug>/actoren/<int:pk>/bewerken/", views.edit_actor, name="edit_actor"),
    # Joining a workshop: codes for the projector (facilitators).
    path("n/<slug:slug>/deelnamecodes/", views.join_links, name="join_links"),
    path("n/<slug:slug>/deelnamecodes/nieuw/", views.join_link_create, name="join_link_create"),
    path("n/<slug:slug>/deelnamecodes/<int:link_pk>/", views.join_link_show, name="join_link_show"),
    path(
        "n/<slug:slug>/deelnamecodes/<int:link_pk>/intrekken/",
        views.join_link_revoke,
        name="join_link_revoke",
    ),
    # People and roles (facilitators).
    path("n/<slug:slug>/mensen/", views.people, name="people"),
    path("n/<slug:slug>/mensen/uitnodigen/", views.person_invite, name="person_invite"),
    path("n/<slug:slug>/mensen/<int:membership_pk>/", views.person_update, name="person_update"),
    path(
        "n/<slug:slug>/mensen/<int:membership_pk>/verwijderen/",
        views.person_remove,
        name="person_remove",
    ),
    # The activity log (facilitators and coordinators).
    path("n/<slug:slug>/activiteit/", views.activity, name="activity"),
    # Accounts.
    path("account/", account_views.profile, name="profile"),
    path("account/inloggen/", account_views.sign_in, name="login"),
    path("account/aanmelden/", account_views.sign_up, name="sign_up"),
    path("account/aanmelden/verstuurd/", account_views.sign_up_sent, name="sign_up_sent"),
    path("account/bevestigen/<str:token>/", account_views.confirm_email, name="confirm_email"),
    path("account/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/wachtwoord-vergeten/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "account/wachtwoord-instellen/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/wachtwoord-ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
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
