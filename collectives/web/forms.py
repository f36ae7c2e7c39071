"""Forms for the web pages. They only validate input; the actions in people/ and groups/ write.

Every picker of people, regions, workplaces or collectives takes its queryset from
collectives.scoping, so a form never offers a record the user may not see.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectives import scoping
from collectives.groups.models import Collective, Group, Membership, Region
from collectives.people.models import Language, Person, Stage, Tie, TieKind, TieSource, Workplace
from collectives.validation import not_in_future


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker sends ISO dates whatever the page's language.
        super().__init__(attrs, format="%Y-%m-%d")


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a ValidationError raised by an action on the form, beside the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _not_in_future(value):
    not_in_future(value)
    return value


def _with_current(queryset, model, pk):
    """``queryset`` plus the record a form already points at, so editing never loses it."""
    if pk is None:
        return queryset
    return model.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk=pk))


class PeopleSearchForm(forms.Form):
    # A form, not request.GET as is: it refuses NUL characters, which PostgreSQL cannot
    # compare, with a message instead of an error page.
    q = forms.CharField(label=_("Search by name"), max_length=100, required=False, strip=True)

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


class PersonForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "display_name",
            "email",
            "phone",
            "region",
            "workplace",
            "shift",
            "city",
            "languages",
            "notes",
        ]
        help_texts = {"display_name": _("A first name or a pseudonym is enough.")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _with_current(
            scoping.visible_regions(user), Region, self.instance.region_id
        )
        self.fields["workplace"].queryset = _with_current(
            scoping.visible_workplaces(user), Workplace, self.instance.workplace_id
        )


class NewPersonForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "stage"]


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

    def clean_on(self):
        return _not_in_future(self.cleaned_data["on"])


class TieForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        choices=TieKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of tie.")},
    )
    strength = forms.TypedChoiceField(
        label=_("Strength"),
        help_text=_("1 = barely know each other, 5 = very close."),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
    )
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput)
    source = forms.ChoiceField(label=_("Source"), choices=TieSource.choices, initial="entered")

    def clean_since(self):
        return _not_in_future(self.cleaned_data["since"])


class NewTieForm(TieForm):
    other = forms.ModelChoiceField(label=_("Other person"), queryset=Person.objects.none())

    field_order = ["other", "kinds", "strength", "since", "source"]

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        # Leaving out people already tied reveals nothing: a tie between two people the
        # user sees is itself visible to them.
        tied = Tie.objects.touching(person)
        self.fields["other"].queryset = (
            scoping.visible_people(user)
            .exclude(pk=person.pk)
            .exclude(pk__in=tied.values("person_a_id"))
            .exclude(pk__in=tied.values("person_b_id"))
        )


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "region", "collective", "description", "created"]
        widgets = {"created": DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _with_current(
            scoping.visible_regions(user), Region, self.instance.region_id
        )
        self.fields["collective"].queryset = _with_current(
            scoping.visible_collectives(user), Collective, self.instance.collective_id
        )

    def clean_created(self):
        return _not_in_future(self.cleaned_data["created"])


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "joined"]
        widgets = {"joined": DateInput}

    def clean_joined(self):
        return _not_in_future(self.cleaned_data["joined"])


class NewMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    joined = forms.DateField(label=_("Joined"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(group=group).values("person_id")
        self.fields["person"].queryset = scoping.visible_people(user).exclude(pk__in=members)

    def clean_joined(self):
        return _not_in_future(self.cleaned_data["joined"])
