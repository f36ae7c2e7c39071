from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from collectives import scoping


@login_required
def home(request):
    groups = scoping.visible_groups(request.user).select_related("region", "collective")
    return render(request, "web/home.html", {"groups": groups})
