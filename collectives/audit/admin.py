from django.contrib import admin

from collectives.web.admin_scoping import AdminOnly

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AdminOnly):
    list_display = ["at", "user", "action", "model", "object_ids", "via"]
    list_filter = ["action", "model", "via"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
