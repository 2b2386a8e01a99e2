from django.urls import path

from canvas.records import views

app_name = "record"
urlpatterns = [
    path("importeren/", views.network_import, name="import"),
    path("n/<slug:slug>/poster/", views.print_page, name="print"),
    path("n/<slug:slug>/poster.pdf", views.poster_pdf, name="poster"),
    path("n/<slug:slug>/poster.png", views.poster_png, name="poster_png"),
    path("n/<slug:slug>/notities.csv", views.notes_csv, name="notes_csv"),
    path("n/<slug:slug>/coalitiebladen.pdf", views.sheets_pdf, name="sheets"),
    path("n/<slug:slug>/export.json", views.canvas_export, name="export"),
    path("n/<slug:slug>/versies/", views.version_list, name="versions"),
    path("n/<slug:slug>/versies/opslaan/", views.version_save, name="save"),
    path("n/<slug:slug>/versies/vergelijken/", views.version_compare, name="compare"),
    path("n/<slug:slug>/versies/importeren/", views.version_import, name="import_version"),
    path("n/<slug:slug>/versies/<int:pk>/", views.version_detail, name="version"),
    path("n/<slug:slug>/versies/<int:pk>/export.json", views.version_export, name="version_export"),
    path("n/<slug:slug>/versies/<int:pk>/terugzetten/", views.version_restore, name="restore"),
]
