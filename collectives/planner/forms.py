from django import forms
from django.utils.translation import gettext_lazy as _

from collectives import scoping

TARGETS = [
    ("2", _("No single tie's loss splits it (2-edge-connected)")),
    ("vertex", _("No single person's departure splits it (2-vertex-connected)")),
    ("1", _("Everyone connected")),
]


class PlanForm(forms.Form):
    """Which people to knit together, and how resilient the result must be."""

    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    collective = forms.ModelChoiceField(label=_("or a collective"), queryset=None, required=False)
    target = forms.ChoiceField(label=_("Goal"), choices=TARGETS, initial="2", required=False)
    max_per_person = forms.IntegerField(
        label=_("At most this many introductions per person"),
        min_value=1,
        max_value=50,
        required=False,
    )
    gatherings = forms.IntegerField(
        label=_("Mixed gatherings to plan"), min_value=0, max_value=10, initial=2, required=False
    )
    gathering_size = forms.IntegerField(
        label=_("People per gathering"), min_value=2, max_value=60, initial=8, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = scoping.visible_groups(user).order_by("name")
        self.fields["collective"].queryset = scoping.visible_collectives(user).order_by("name")

    def clean(self):
        data = super().clean()
        data["target"] = data.get("target") or "2"
        if data.get("groups") and data.get("collective"):
            raise forms.ValidationError(_("Choose groups or a collective, not both."))
        if not data.get("groups") and not data.get("collective"):
            raise forms.ValidationError(_("Choose at least one group or a collective."))
        return data
