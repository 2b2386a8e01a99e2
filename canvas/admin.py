from django.contrib import admin

from canvas.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["text", "network", "block", "prompt", "status", "author_name", "updated_at"]
    list_filter = ["block", "prompt", "status", "network"]
    search_fields = ["text", "author_name", "author__name"]
    autocomplete_fields = ["network", "author"]

    def get_queryset(self, request):
        return Note.all_objects.all()  # deleted ones too, waiting for their undo
