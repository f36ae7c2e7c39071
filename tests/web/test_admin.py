"""The admin site goes through the same scoping as every page."""

import pytest

from collectives.accounts.models import AccessToken
from collectives.audit.models import AuditEntry


@pytest.fixture
def staff_coordinator(world, client):
    """cora with staff status and every model permission, as a careless admin might set up."""
    from django.contrib.auth.models import Permission

    cora = world.users.cora
    cora.is_staff = True
    cora.save()
    cora.user_permissions.set(Permission.objects.all())
    client.force_login(cora)
    return client


def test_it_keeps_accounts_tokens_audit_and_settings_from_non_admins(world, staff_coordinator):
    AccessToken.issue(world.users.bob)
    AuditEntry.objects.create(user=world.users.bob, action="view", model="people.person")
    for path in [
        "/admin/accounts/user/",
        f"/admin/accounts/user/{world.users.bob.pk}/change/",
        "/admin/accounts/accesstoken/",
        "/admin/accounts/organization/",
        "/admin/audit/auditentry/",
    ]:
        assert staff_coordinator.get(path).status_code == 403, path


def test_it_lists_only_people_in_the_coordinators_region(world, staff_coordinator):
    page = staff_coordinator.get("/admin/people/person/").content.decode()
    assert "Alice" in page
    assert "Charlie" not in page
    assert staff_coordinator.get(
        f"/admin/people/person/{world.people.charlie.pk}/change/"
    ).status_code in (302, 404)


def test_it_lets_a_real_admin_see_accounts(world, client):
    client.force_login(world.users.root)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/audit/auditentry/").status_code == 200
