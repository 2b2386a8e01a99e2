from django.urls import path

from coalitions import views

app_name = "coalitions"
urlpatterns = [
    path("n/<slug:slug>/coalities/", views.band, name="band"),
    path("n/<slug:slug>/ambities/nieuw/", views.add_ambition, name="add_ambition"),
    path("n/<slug:slug>/ambities/<int:pk>/bewerken/", views.edit_ambition, name="edit_ambition"),
    path("n/<slug:slug>/coalities/nieuw/", views.add_coalition, name="add_coalition"),
    path("n/<slug:slug>/coalities/<int:pk>/bewerken/", views.edit_coalition, name="edit_coalition"),
    path("n/<slug:slug>/coalities/<int:pk>/kaart/", views.card, name="card"),
    path("n/<slug:slug>/coalities/<int:pk>/meedoen/", views.participate, name="participate"),
    path("n/<slug:slug>/ambities/<int:pk>/betrokkenheid/", views.commit, name="commit"),
    path(
        "n/<slug:slug>/ambities/<int:pk>/coalitie-vormen/",
        views.form_coalition,
        name="form_coalition",
    ),
    path(
        "n/<slug:slug>/ambities/<int:pk>/verwijderen/",
        views.delete_ambition,
        name="delete_ambition",
    ),
    path(
        "n/<slug:slug>/ambities/<int:pk>/terugzetten/",
        views.restore_ambition,
        name="restore_ambition",
    ),
    path(
        "n/<slug:slug>/coalities/<int:pk>/verwijderen/",
        views.delete_coalition,
        name="delete_coalition",
    ),
    path(
        "n/<slug:slug>/coalities/<int:pk>/terugzetten/",
        views.restore_coalition,
        name="restore_coalition",
    ),
    path("n/<slug:slug>/coalities/<int:pk>/trekkers/", views.choose_lead, name="choose_lead"),
]
