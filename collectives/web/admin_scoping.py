"""A ModelAdmin base that takes its querysets from collectives.scoping, like every view.

Inlines use ``ScopedChoices`` so their selects offer only what the user may see.
"""

from django.contrib import admin

from collectives import scoping
from collectives.audit.log import record
from collectives.groups.models import Collective, Group, Region
from collectives.people.models import Person, Workplace

# The choices a foreign-key select or filter may offer, per related model. Without this the
# admin lists every row of the related table (every region, every workplace...).
CHOICES = {
    Person: scoping.visible_people,
    Group: scoping.visible_groups,
    Collective: scoping.visible_collectives,
    Region: scoping.visible_regions,
    Workplace: scoping.visible_workplaces,
}


class ScopedChoices:
    """Foreign-key selects offer only records the user may see (for admins and inlines)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        visible = CHOICES.get(db_field.related_model)
        if visible is not None and "queryset" not in kwargs:
            kwargs["queryset"] = visible(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdmin(ScopedChoices, admin.ModelAdmin):
    """Admin views list, show and change only what the scoping module allows."""

    visible = None  # a function user -> QuerySet, from collectives.scoping
    manageable = None
    creatable = None  # a function user -> bool, from collectives.scoping; None: no rule

    def get_queryset(self, request):
        return type(self).visible(request.user)

    def get_list_filter(self, request):
        # A filter on a relation lists every related row (every region...); list only those
        # that occur among the records this user sees.
        return [
            (name, admin.RelatedOnlyFieldListFilter) if self._is_relation(name) else name
            for name in super().get_list_filter(request)
        ]

    def _is_relation(self, name) -> bool:
        if not isinstance(name, str) or "__" in name:
            return False
        return self.model._meta.get_field(name).is_relation

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()
        )

    def has_add_permission(self, request):
        # Django's "add" permission is not enough: the same rule as the pages and the API.
        creatable = type(self).creatable
        return super().has_add_permission(request) and (
            creatable is None or creatable(request.user)
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


class AdminOnly(ScopedChoices, admin.ModelAdmin):
    """Accounts, tokens, the audit log and settings: only admins reach them, whatever
    Django permissions a staff account was given."""

    def _allowed(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or user.role == "admin")

    def has_module_permission(self, request):
        return self._allowed(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request) and super().has_delete_permission(request, obj)
