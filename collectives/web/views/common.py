"""Small helpers every page module shares."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from collectives import scoping


def get_manageable_or_403(visible, manageable, pk):
    """The record ``pk``: 404 when the user cannot see it, 403 when they cannot change it."""
    obj = scoping.get_visible_or_404(visible, pk=pk)
    if not manageable.filter(pk=pk).exists():
        raise PermissionDenied
    return obj


def posted(request):
    """The form data of a POST, else None. An empty POST still binds the form, so it says
    what is missing instead of showing a blank form again."""
    return request.POST if request.method == "POST" else None


def redirect_next(request, *fallback, **kwargs):
    """Go back to the page named by ``next`` when it is on this site, else to ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(*fallback, **kwargs)
