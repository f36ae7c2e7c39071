from django.contrib import admin

from collectives import scoping
from collectives.web.admin_scoping import ScopedAdmin

from .models import Collective, Group, Membership, Region


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    visible = scoping.visible_regions
    manageable = scoping.manageable_regions
    creatable = scoping.can_create_region
    list_display = ["name", "country"]


@admin.register(Collective)
class CollectiveAdmin(ScopedAdmin):
    visible = scoping.visible_collectives
    manageable = scoping.manageable_collectives
    creatable = scoping.can_create_collective
    list_display = ["name", "region"]
    list_filter = ["region"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Group)
class GroupAdmin(ScopedAdmin):
    visible = scoping.visible_groups
    manageable = scoping.manageable_groups
    creatable = scoping.can_create_group
    list_display = ["name", "region", "collective"]
    list_filter = ["region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    visible = scoping.visible_memberships
    manageable = scoping.manageable_memberships
    list_display = ["person", "group", "role", "joined"]
    raw_id_fields = ["person", "group"]
