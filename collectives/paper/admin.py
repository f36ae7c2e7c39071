"""The paper in Django's admin: editors manage issues and articles; the distribution ledger
is shown read-only and scoped (a correction is a new row, made in the app or the API)."""

from django.contrib import admin

from collectives import scoping
from collectives.web.admin_scoping import ScopedAdmin

from .models import Article, Bundle, Edition, Handout, PaperIssue


def _editable_issues(user):
    if not scoping.can_edit_paper(user):
        return PaperIssue.objects.none()
    return scoping.visible_paper_issues(user)


def _editable_articles(user):
    if not scoping.can_edit_paper(user):
        return Article.objects.none()
    return scoping.visible_articles(user)


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0


@admin.register(PaperIssue)
class PaperIssueAdmin(ScopedAdmin):
    visible = scoping.visible_paper_issues
    manageable = _editable_issues
    list_display = ["number", "date", "published_at"]
    inlines = [EditionInline]


@admin.register(Article)
class ArticleAdmin(ScopedAdmin):
    visible = scoping.visible_articles
    manageable = _editable_articles
    list_display = ["title", "edition", "region", "translation_of"]
    list_filter = ["edition__language"]
    search_fields = ["title"]
    raw_id_fields = ["edition", "translation_of"]


class LedgerAdmin(ScopedAdmin):
    """Append-only: nothing is added, changed or deleted here."""

    manageable = staticmethod(lambda user: Bundle.objects.none())
    list_select_related = ["issue", "person", "group"]
    raw_id_fields = ["person", "group", "corrects", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bundle)
class BundleAdmin(LedgerAdmin):
    visible = scoping.visible_bundles
    list_display = ["issue", "person", "kind", "copies", "date", "group", "corrects"]
    list_filter = ["kind"]


@admin.register(Handout)
class HandoutAdmin(LedgerAdmin):
    visible = scoping.visible_handouts
    list_display = ["issue", "person", "category", "copies", "date", "group", "corrects"]
    list_filter = ["category"]

    def get_exclude(self, request, obj=None):
        # A hand-out in scope may name a recipient who is not: leave them out.
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and obj.recipient_id:
            people = scoping.visible_person_ids(request.user, among=[obj.recipient_id])
            if people is not None and obj.recipient_id not in people:
                excluded.append("recipient")
        return excluded
