from django.urls import path

from coalitions.digests import views

app_name = "digests"
urlpatterns = [
    path("account/e-mail/", views.mail_settings, name="settings"),
    path("afmelden/<str:signed>/", views.unsubscribe, name="unsubscribe"),
]
