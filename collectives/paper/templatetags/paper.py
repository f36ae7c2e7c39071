from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """``{{ counts|get:stage }}``: a dict's value for a key held in a variable."""
    return mapping.get(key, 0) if mapping else 0
