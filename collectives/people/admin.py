from django.contrib import admin

from collectives import scoping
from collectives.web.admin_scoping import ScopedAdmin

from .models import Person, StageStep, Tie, Workplace


@admin.register(Workplace)
class WorkplaceAdmin(ScopedAdmin):
    visible = scoping.visible_workplaces
    manageable = scoping.visible_workplaces
    list_display = ["name", "city"]
    search_fields = ["name", "city"]


class StageStepInline(admin.TabularInline):
    model = StageStep
    extra = 0
    fields = ["stage", "date", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    visible = scoping.visible_people
    manageable = scoping.manageable_people
    list_display = ["display_name", "region", "workplace", "stage"]
    list_filter = ["stage", "region"]
    search_fields = ["display_name"]
    raw_id_fields = ["workplace", "added_by"]
    inlines = [StageStepInline]

    def get_exclude(self, request, obj=None):
        # Contact details and notes are for those who manage a person, as on the pages.
        excluded = list(super().get_exclude(request, obj) or [])
        manageable = type(self).manageable(request.user)
        if obj is not None and not manageable.filter(pk=obj.pk).exists():
            excluded += ["email", "phone", "notes"]
        return excluded


@admin.register(Tie)
class TieAdmin(ScopedAdmin):
    visible = scoping.visible_ties
    manageable = scoping.manageable_ties
    list_display = ["person_a", "person_b", "strength", "source"]
    list_filter = ["source", "strength"]
    raw_id_fields = ["person_a", "person_b"]
