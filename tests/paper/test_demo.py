"""The paper's demo year: the story it tells, and that it loads only once."""

from datetime import date

from collectives.accounts.models import User
from collectives.demo.data import load_demo
from collectives.paper import ledger, reach
from collectives.paper.demo import boeing_groups, load_paper_demo
from collectives.paper.models import Article, Bundle, Handout, Holding, PaperIssue, Tally
from collectives.people.models import Person, StageStep, Tie

TODAY = date(2026, 3, 15)


def counts() -> tuple:
    models = (PaperIssue, Article, Bundle, Handout, Holding, Tally, Person, Tie, StageStep)
    return tuple(model.objects.count() for model in models)


def test_a_year_of_bilingual_issues_where_the_boeing_groups_grow(db):
    load_demo()
    load_paper_demo(today=TODAY)

    issues = list(PaperIssue.objects.order_by("number"))
    assert [i.number for i in issues] == list(range(1, 13))
    assert issues[0].date == date(2025, 4, 1) and issues[-1].date == date(2026, 3, 1)
    assert all(i.is_published for i in issues)
    for issue in issues:
        languages = set(Article.objects.filter(edition__issue=issue).values_list(
            "edition__language", flat=True))  # fmt: skip
        assert languages == {"en", "es"}
        assert Article.objects.filter(edition__issue=issue, translation_of__isnull=False).exists()

    admin = User.objects.get(username="admin")
    groups = boeing_groups()
    assert len(groups) == 3
    for group in groups:
        trend = reach.trend(admin, where=reach.Where(group=group))
        first, last = trend[0], trend[-1]
        assert first["members_distributing"] == 1, group
        assert last["members_distributing"] > last["members"] / 2, group

    # Nothing is ever handed on beyond what was taken, and the rollups match the ledger.
    assert not any(h.on_hand < 0 for h in Holding.objects.all())
    before = sorted(
        Holding.objects.values_list("issue", "person", "taken", "returned", "handed_out")
    )
    ledger.rebuild_rollups()
    after = sorted(
        Holding.objects.values_list("issue", "person", "taken", "returned", "handed_out")
    )
    assert after == before

    loaded = counts()
    load_demo()
    load_paper_demo(today=TODAY)
    assert counts() == loaded
