"""The API's documentation: the OpenAPI schema, the docs page and docs/api.md agree."""

import re
from pathlib import Path

import pytest
from django.conf import settings

NOUNS = ["people", "ties", "groups", "memberships", "collectives", "regions"]
API_MD = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("noun", NOUNS)
def test_it_documents_five_operations_per_noun(openapi, noun):
    paths = openapi["paths"]
    # The detail path is /api/<noun>/{id}; deeper paths (/api/people/{id}/export) are extras.
    [detail] = [path for path in paths if re.fullmatch(rf"/api/{noun}/\{{\w+\}}", path)]
    assert set(paths[f"/api/{noun}"]) == {"get", "post"}
    assert set(paths[detail]) == {"get", "patch", "delete"}
    assert f"### `/api/{noun}`" in API_MD.read_text()


def test_it_bounds_every_integer_parameter_in_the_schema(openapi):
    for path, operations in openapi["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                integer = schema.get("type") == "integer" or any(
                    option.get("type") == "integer" for option in schema.get("anyOf", [])
                )
                if integer:
                    bounded = schema if "maximum" in schema else schema["anyOf"][0]
                    assert "minimum" in bounded and "maximum" in bounded, (path, parameter)


def test_it_documents_both_ways_to_sign_in(openapi):
    schemes = openapi["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


@pytest.mark.skipif(
    "ninja" not in settings.INSTALLED_APPS,
    reason="needs 'ninja' in INSTALLED_APPS, or the docs page loads Swagger UI from a CDN",
)
def test_it_serves_the_docs_page_without_third_party_hosts(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
