from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canvas.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Notes for staff, who read no more than the board shows anyone: never a hidden note's
    text or author, nor who wrote a note revealed anonymously.

    A hidden note's author stays out too: its id survives the reveal, so an author seen
    before an anonymous reveal would name the anonymous note after it.
    """

    list_display = [
        "shown_text",
        "network",
        "block",
        "prompt",
        "status",
        "shown_author",
        "hidden",
        "anonymous",
        "updated_at",
    ]
    list_filter = ["block", "prompt", "status", "hidden", "anonymous", "network"]
    search_fields = ["text", "author_name", "author__name"]  # see get_search_results
    autocomplete_fields = ["network", "author"]
    # Unticking them would show the note, or its author, to the one who unticked.
    # A cluster is chosen on the board: the admin's select would offer every network's.
    readonly_fields = ["hidden", "anonymous", "cluster"]

    @admin.display(description=_("tekst"))
    def shown_text(self, note):
        return str(note)

    @admin.display(description=_("auteur"))
    def shown_author(self, note):
        return "" if note.hidden else note.author_display

    def get_exclude(self, request, obj=None):
        if obj is not None and obj.hidden:
            return ["text", "author", "author_name"]
        if obj is not None and obj.anonymous:
            return ["author", "author_name"]
        return []

    def get_search_results(self, request, queryset, search_term):
        """Find notes by what staff may read: a hidden note never, an anonymous one by its
        text only (a search by name would tell who wrote it)."""
        terms = search_term.split()
        if not terms:
            return queryset, False
        for term in terms:
            by_name = Q(author_name__icontains=term) | Q(author__name__icontains=term)
            queryset = queryset.filter(Q(text__icontains=term) | (Q(anonymous=False) & by_name))
        return queryset.filter(hidden=False), False

    def get_queryset(self, request):
        return Note.all_objects.all()  # deleted ones too, waiting for their undo
