"""Property-based: requests generated from the OpenAPI schema never get a server error.

schemathesis reads /api/openapi.json from the WSGI application and sends each operation
examples built from its schema (valid and not), signed in as the coordinator. Every answer
must be a 2xx/4xx that matches the documented response schema.
"""

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core import signals  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from collectives.accounts.models import AccessToken  # noqa: E402
from collectives.wsgi import application  # noqa: E402

# The six nouns of the core API; the paper and distribution routers have their own tests.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex=r"^/api/(people|ties|groups|memberships|collectives|regions)(/|$)"
)
# The coverage phase (boundary values of every parameter) triples the run time, and
# test_bounds.py checks those boundaries directly.
schema.config.phases.coverage.enabled = False


@pytest.fixture
def token(world):
    _, raw = AccessToken.issue(world.users.cora)
    return raw


@pytest.fixture
def wsgi_keeps_the_test_connection():
    # Django closes the database connection after each request; on PostgreSQL that would
    # end the test's transaction. Django's own test client switches this off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,  # the same examples every run: a failure here is never a fluke
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_never_answers_with_a_server_error(case, token, wsgi_keeps_the_test_connection):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
