"""Every integer the API accepts is bounded: out-of-range input is a 422, never a 500."""

import pytest

NOUNS = ["people", "ties", "groups", "memberships", "collectives", "regions"]
FILTERS = {
    "people": ["group", "region"],
    "ties": ["person"],
    "groups": ["region", "collective"],
    "memberships": ["group", "person"],
    "collectives": ["region"],
    "regions": [],
}


@pytest.mark.parametrize("noun", NOUNS)
@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"limit": 10**12},
        {"limit": "ten"},
        {"offset": -1},
        {"offset": 10**12},
        {"offset": 10**30},
    ],
)
def test_it_refuses_pages_out_of_bounds(api_as, noun, params):
    response = api_as("root").get(f"/api/{noun}", **params)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", next(iter(params))]


@pytest.mark.parametrize("noun", NOUNS)
def test_it_accepts_the_largest_page_and_offset(api_as, noun):
    response = api_as("root").get(f"/api/{noun}", limit=500, offset=10**9)
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("noun", NOUNS)
@pytest.mark.parametrize("record_id", ["0", "-1", str(2**62 + 1), str(10**30), "abc"])
def test_it_refuses_ids_out_of_bounds(api_as, noun, record_id):
    api = api_as("root")
    assert api.get(f"/api/{noun}/{record_id}").status_code == 422
    assert api.patch(f"/api/{noun}/{record_id}", {}).status_code == 422
    assert api.delete(f"/api/{noun}/{record_id}").status_code == 422


@pytest.mark.parametrize("noun", NOUNS)
def test_it_answers_404_for_the_largest_id_that_does_not_exist(api_as, noun):
    assert api_as("root").get(f"/api/{noun}/{2**62}").status_code == 404


@pytest.mark.parametrize(
    ("noun", "field"), [(noun, field) for noun, fields in FILTERS.items() for field in fields]
)
def test_it_refuses_filters_out_of_bounds(api_as, noun, field):
    api = api_as("root")
    for value in (0, 2**63):
        response = api.get(f"/api/{noun}", **{field: value})
        assert response.status_code == 422, (field, value)
    assert api.get(f"/api/{noun}", **{field: 2**62}).json() == {"items": [], "count": 0}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/ties", {"a": 2**63, "b": 1, "kinds": ["friend"]}),
        ("/api/memberships", {"person": 1, "group": 10**30}),
        ("/api/people", {"display_name": "X", "region": 0}),
        ("/api/groups", {"name": "X", "region": -5}),
    ],
)
def test_it_refuses_references_out_of_bounds(api_as, path, body):
    assert api_as("root").post(path, body).status_code == 422


def test_it_refuses_a_search_longer_than_100_characters(api_as):
    assert api_as("root").get("/api/people", q="x" * 101).status_code == 422


def test_it_answers_400_to_a_body_that_is_not_json(api_as):
    response = api_as("root").post("/api/regions", "{not json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/people", {"display_name": "Nul\x00", "region": 1}),
        ("/api/regions", {"name": "Nul\x00"}),
        ("/api/groups", {"name": "X", "region": 1, "description": "\x00"}),
    ],
)
def test_it_refuses_text_with_nul_characters(api_as, path, body):
    # PostgreSQL cannot store them; without this check they were a 500 there
    api = api_as("root")
    field = next(name for name, value in body.items() if "\x00" in str(value))
    assert field in api.errors(api.post(path, body))


def test_it_refuses_a_search_with_nul_characters(api_as):
    assert api_as("root").get("/api/people", q="a\x00").status_code == 422
