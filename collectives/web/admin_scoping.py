"""A ModelAdmin base that takes its querysets from collectives.scoping, like every view."""

from django.contrib import admin

from collectives.audit.log import record


class ScopedAdmin(admin.ModelAdmin):
    """Admin views list, show and change only what the scoping module allows."""

    visible = None  # a function user -> QuerySet, from collectives.scoping
    manageable = None

    def get_queryset(self, request):
        return type(self).visible(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or type(self).manageable(request.user).filter(pk=obj.pk).exists()
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or type(self).manageable(request.user).filter(pk=obj.pk).exists()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is not None and response.status_code == 200:
            record(request.user, "view", obj, via="admin")
        return response

    def log_change(self, request, obj, message):
        record(request.user, "change", obj, via="admin")
        return super().log_change(request, obj, message)

    def log_addition(self, request, obj, message):
        record(request.user, "create", obj, via="admin")
        return super().log_addition(request, obj, message)
