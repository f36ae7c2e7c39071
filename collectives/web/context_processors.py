from collectives.accounts.models import Organization


def organization(request):
    """The organization's and paper's names, for every page's header."""
    return {"organization": Organization.current()}
