"""Template filters that turn stored codes into translated labels."""

from django import template

from collectives.people.models import Language, TieKind

register = template.Library()


def _labels(codes, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def tie_kinds(codes) -> str:
    """["coworker", "vanpool"] -> "coworker, vanpool", in the page's language."""
    return _labels(codes, TieKind.choices)


@register.filter
def languages(codes) -> str:
    return _labels(codes, Language.choices)
