"""The planner page: fragility and a plan for the groups the viewer can see."""


def test_it_sends_anonymous_visitors_to_sign_in(world, client):
    response = client.get("/plan/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_it_offers_only_the_groups_the_viewer_sees(world, client):
    client.force_login(world.users.bob)
    page = client.get("/plan/").content.decode()
    assert "Vanpool" in page
    assert "Bronx Readers" not in page


def test_it_shows_who_holds_the_group_together_and_the_introductions_to_make(world, client):
    client.force_login(world.users.root)
    response = client.get("/plan/", {"groups": [world.vanpool.pk, world.dinners.pk], "target": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    # The chain dave - bob - alice - erin - frank: bob, alice and erin each split it.
    assert "People whose departure would split them" in page
    assert "Introductions to make" in page
    assert "both know" in page
    assert "No cheaper plan exists." in page


def test_it_refuses_a_group_out_of_scope_without_planning_anything(world, client):
    client.force_login(world.users.bob)
    response = client.get("/plan/", {"groups": [world.bronx.pk]})
    page = response.content.decode()
    assert "Introductions to make" not in page
    assert "Charlie" not in page
    assert "errorlist" in page


def test_it_asks_for_a_choice_when_nothing_is_chosen(world, client):
    client.force_login(world.users.alice)
    page = client.get("/plan/", {"target": "2"}).content.decode()
    assert "Choose at least one group or a collective." in page


def test_it_never_names_people_outside_the_viewers_scope(world, client):
    client.force_login(world.users.bob)
    page = client.get("/plan/", {"groups": [world.vanpool.pk], "gatherings": 1}).content.decode()
    # bob sees alice, dave and gina, not erin or frank (erin knows alice).
    assert "Erin" not in page and "Frank" not in page
    assert "Gina" in page  # outside the group, tied to bob: someone to invite


def test_it_plans_mixed_gatherings(world, client):
    client.force_login(world.users.root)
    page = client.get(
        "/plan/", {"collective": world.everett.pk, "gatherings": 1, "gathering_size": 3}
    ).content.decode()
    assert "Mixed gatherings" in page
