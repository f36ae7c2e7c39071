"""The reach figures: what the summary counts, in how many queries, and growth."""

from collectives.groups.models import Group
from collectives.paper import actions, reach


def test_the_summary_takes_a_fixed_number_of_queries(world, stocked, django_assert_num_queries):
    for n in range(20):  # more groups must not mean more queries
        Group.objects.create(name=f"Extra {n}", region=world.pnw)
    # 1 totals, 2 distinct distributors by region and group, 3-4 sums by region and by
    # group, 5 memberships, 6 regions, 7 groups, 8 categories (rollup), 9 people by stage,
    # 10 the next issue's date, 11 ladder steps in the period.
    with django_assert_num_queries(11):
        reach.summary(world.users.root, issue=stocked.no2)
    with django_assert_num_queries(10):  # all issues: no period to look up
        reach.summary(world.users.root)


def test_it_counts_the_share_of_members_who_distribute_over_time(world, stocked):
    actions.record_bundle(
        user=world.users.alice, issue=stocked.no1, by=world.people.alice, copies=2
    )
    actions.record_handout(
        user=world.users.alice, issue=stocked.no1, by=world.people.alice, copies=2, category="other"
    )
    trend = reach.trend(world.users.alice, where=reach.Where(group=world.vanpool))
    assert [(r["number"], r["members_distributing"], r["members"]) for r in trend] == [
        (1, 1, 3),
        (2, 1, 3),
    ]


def test_it_names_the_groups_growing_fastest(world, stocked):
    # No. 1: nobody handed out; No. 2: bob (4 copies) and erin (3). Ties in growth go to
    # the group that handed on more copies.
    growth = reach.growth(world.users.cora)
    assert [(g["name"], g["change"], g["handed_out_after"]) for g in growth] == [
        ("Vanpool", 1, 4),
        ("Dinners", 1, 3),
    ]


def test_ladder_steps_count_only_while_the_issue_was_current(world, stocked):
    issue_one = reach.summary(world.users.root, issue=stocked.no1)["ladder"]["steps"]
    issue_two = reach.summary(world.users.root, issue=stocked.no2)["ladder"]["steps"]
    assert (issue_one["distributor"], issue_two["distributor"]) == (0, 3)
