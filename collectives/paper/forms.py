"""Forms for the paper and its distribution. They check input; the actions check the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectives import scoping
from collectives.people.models import Language

from .actions import MAX_COPIES
from .models import Article, Category
from .reach import Where

COPIES_WIDGET = forms.NumberInput(
    attrs={"inputmode": "numeric", "pattern": "[0-9]*", "min": 1, "class": "copies"}
)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show an action's ValidationError on the form, field by field where possible."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def published_issues(user):
    return scoping.visible_paper_issues(user).filter(published_at__isnull=False)


class IssueForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=2**31 - 1)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class ArticleForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    region = forms.ModelChoiceField(label=_("Region (optional)"), queryset=None, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: *italics*, **bold**, [a link](https://...), # a heading."),
    )
    translation_of = forms.ModelChoiceField(
        label=_("Translation of (optional)"), queryset=None, required=False
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, initial=0)

    def __init__(self, *args, issue, user, article=None, **kwargs):
        if article is not None:
            kwargs.setdefault(
                "initial",
                {
                    "language": article.edition.language,
                    "title": article.title,
                    "region": article.region_id,
                    "body": article.body,
                    "translation_of": article.translation_of_id,
                    "position": article.position,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = scoping.visible_regions(user)
        originals = Article.objects.filter(edition__issue=issue, translation_of__isnull=True)
        if article is not None:
            originals = originals.exclude(pk=article.pk)
        self.fields["translation_of"].queryset = originals.select_related("edition")
        self.fields["translation_of"].label_from_instance = lambda a: (
            f"{a.title} ({a.edition.language})"
        )


class QuickHandoutForm(forms.Form):
    """The three-tap form: issue (the latest is chosen already), category, number."""

    issue = forms.ModelChoiceField(
        label=_("Issue"), queryset=None, to_field_name="number", widget=forms.RadioSelect,
        empty_label=None,
    )  # fmt: skip
    category = forms.ChoiceField(
        label=_("To"), choices=Category.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose whom the copies went to.")},
    )  # fmt: skip
    copies = forms.IntegerField(
        label=_("Copies"), min_value=1, max_value=MAX_COPIES, widget=COPIES_WIDGET
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The three latest: a queryset the field can still filter (so no slice).
        published = published_issues(user).order_by("-number")
        latest = list(published.values_list("pk", flat=True)[:3])
        self.fields["issue"].queryset = published.filter(pk__in=latest)


class CountForm(forms.Form):
    """Copies taken (with an optional place) or given back."""

    copies = forms.IntegerField(
        label=_("Copies"), min_value=1, max_value=MAX_COPIES, widget=COPIES_WIDGET
    )
    place = forms.CharField(label=_("Place (optional)"), max_length=120, required=False)


class DistributorMixin(forms.Form):
    issue = forms.ModelChoiceField(label=_("Issue"), queryset=None, to_field_name="number")
    person = forms.ModelChoiceField(label=_("Who"), queryset=None)
    copies = forms.IntegerField(
        label=_("Copies"), min_value=1, max_value=MAX_COPIES, widget=COPIES_WIDGET
    )
    date = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = published_issues(user).order_by("-number")
        self.fields["person"].queryset = scoping.distributing_people(user).order_by(
            "display_name", "pk"
        )
        if user.person_id:
            self.fields["person"].initial = user.person_id


class BundleForm(DistributorMixin):
    place = forms.CharField(label=_("Place (optional)"), max_length=120, required=False)


class HandoutForm(DistributorMixin):
    category = forms.ChoiceField(label=_("To"), choices=Category.choices)
    to = forms.ModelChoiceField(label=_("A known person (optional)"), queryset=None, required=False)
    new_contact = forms.CharField(
        label=_("Or someone new: their name (optional)"),
        max_length=100,
        required=False,
        help_text=_("Added as a reader, with a tie to whoever handed on the copy."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["to"].queryset = scoping.visible_people(user).order_by("display_name", "pk")
        self.fields["copies"].initial = 1


class CorrectionForm(forms.Form):
    copies = forms.IntegerField(
        label=_("The right number of copies"), min_value=0, max_value=MAX_COPIES
    )
    reason = forms.CharField(label=_("Why"), max_length=200)


class WhereForm(forms.Form):
    """Narrow a reach page, chart or export to one region, collective or group in scope."""

    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False)
    collective = forms.ModelChoiceField(label=_("Collective"), queryset=None, required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = scoping.visible_regions(user)
        self.fields["collective"].queryset = scoping.visible_collectives(user)
        self.fields["group"].queryset = scoping.visible_groups(user)

    def clean(self):
        data = super().clean()
        if sum(1 for name in ("region", "collective", "group") if data.get(name)) > 1:
            raise ValidationError(_("Choose a region, a collective or a group: only one."))
        return data

    def where(self) -> Where:
        # An id outside the user's scope is "not found", like any record they cannot see.
        if not self.is_valid():
            raise Http404
        return Where(**{k: self.cleaned_data.get(k) for k in ("region", "collective", "group")})
