from django.urls import path

from coalitions.actions import views

app_name = "actions"
urlpatterns = [
    path("mijn-coalities/", views.mine, name="mine"),
    path("n/<slug:slug>/coalities/<int:pk>/", views.coalition, name="coalition"),
    path(
        "n/<slug:slug>/coalities/<int:pk>/acties/<int:action_pk>/bewerken/",
        views.edit_action,
        name="edit_action",
    ),
    path(
        "n/<slug:slug>/coalities/<int:pk>/acties/<int:action_pk>/status/",
        views.set_status,
        name="set_status",
    ),
]
