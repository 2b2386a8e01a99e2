from django.contrib import admin

from coalitions.models import Ambition, Coalition, CoalitionMember


@admin.register(Ambition)
class AmbitionAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "key", "deleted_at"]
    list_filter = ["network"]
    search_fields = ["title", "description", "key"]
    autocomplete_fields = ["network"]

    def get_queryset(self, request):
        return Ambition.all_objects.all()  # deleted ones too, waiting for their undo


class CoalitionMemberInline(admin.TabularInline):
    model = CoalitionMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "work_form", "status", "ambition", "deleted_at"]
    list_filter = ["status", "work_form", "network"]
    search_fields = ["name", "target_group", "next_step"]
    autocomplete_fields = ["network", "ambition", "core_partners"]
    inlines = [CoalitionMemberInline]

    def get_queryset(self, request):
        return Coalition.all_objects.all()  # deleted ones too, waiting for their undo


@admin.register(CoalitionMember)
class CoalitionMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "coalition", "role"]
    list_filter = ["role"]
    search_fields = ["user__name", "coalition__name"]
    autocomplete_fields = ["user", "coalition"]
