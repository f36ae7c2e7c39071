from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from collectives.web.admin_scoping import AdminOnly

from .models import AccessToken, Organization, User


@admin.register(User)
class UserAdmin(AdminOnly, DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("Collectives", {"fields": ("role", "person", "region")}),
    )
    list_display = ["username", "role", "region", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["person"]


@admin.register(AccessToken)
class AccessTokenAdmin(AdminOnly):
    list_display = ["prefix", "user", "name", "created", "last_used", "revoked"]
    readonly_fields = ["key_hash", "prefix", "created", "last_used"]


@admin.register(Organization)
class OrganizationAdmin(AdminOnly):
    list_display = ["name", "paper_name"]
