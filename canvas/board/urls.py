from django.urls import path

from canvas import views
from canvas.board import views as board_views

# The board's own URLs: the projector's page and the notes' fragments (canvas.views).
# The board page itself is networks:detail, a network's main page.
app_name = "canvas"
urlpatterns = [
    path("over/", views.about, name="about"),
    path("n/<slug:slug>/presentatie/", board_views.present, name="present"),
    path("n/<slug:slug>/vragen/<slug:prompt>/", views.prompt_notes, name="prompt"),
    path("n/<slug:slug>/vragen/<slug:prompt>/nieuw/", views.add_note, name="add_note"),
    path("n/<slug:slug>/notities/<int:pk>/", views.note_detail, name="note"),
    path("n/<slug:slug>/notities/<int:pk>/bewerken/", views.edit_note, name="edit_note"),
    path("n/<slug:slug>/notities/<int:pk>/verwijderen/", views.delete_note, name="delete_note"),
    path("n/<slug:slug>/notities/<int:pk>/terugzetten/", views.restore_note, name="restore_note"),
    path("n/<slug:slug>/notities/<int:pk>/verplaatsen/", views.move_note, name="move_note"),
    path("n/<slug:slug>/spelregels/<int:pk>/status/", views.toggle_rule, name="toggle_rule"),
]
