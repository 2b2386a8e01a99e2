from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from networks.models import Activity, Actor, Membership, Network, NetworkActor, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "is_guest", "is_staff", "date_joined"]
    list_filter = ["is_guest", "is_staff", "is_superuser", "is_active"]
    search_fields = ["name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["name", "is_guest"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


class NetworkActorInline(admin.TabularInline):
    model = NetworkActor
    extra = 0
    autocomplete_fields = ["actor"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "network_type", "updated_at"]
    list_filter = ["network_type"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkActorInline, MembershipInline]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "kind"]


@admin.register(NetworkActor)
class NetworkActorAdmin(admin.ModelAdmin):
    list_display = ["actor", "network", "key", "role"]
    list_filter = ["role", "network"]
    search_fields = ["actor__name", "key", "network__name"]
    autocomplete_fields = ["actor", "network"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "actor"]
    list_filter = ["role", "network"]
    search_fields = ["user__name", "user__email", "network__name"]
    autocomplete_fields = ["user", "network"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "network", "area", "kind", "sentence"]
    list_filter = ["area", "kind", "network"]
    readonly_fields = [f.name for f in Activity._meta.fields]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.hidden:
            # About a note still hidden: its author is theirs to know, staff included.
            fields = [field for field in fields if field not in ("user", "user_name")]
        return fields

    @admin.display(description=_("zin"))
    def sentence(self, entry):
        return entry.sentence()
