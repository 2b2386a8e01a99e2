from django.contrib import admin

from coalitions.actions.models import Action


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "coalition", "owner", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "coalition__name", "owner__name"]
    autocomplete_fields = ["coalition", "owner"]
