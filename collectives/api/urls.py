"""The JSON API: one NinjaAPI, one router per noun, all scoped through collectives.scoping.

Errors share one shape, ``{"detail": ...}``: a message for 401, 403, 404 and 409, and for 422
a list of ``{"type", "loc", "msg"}`` like ninja's own validation errors, whether the body
failed its schema or an action refused it. To add a router, add one ``api.add_router`` line
at the bottom.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from collectives.paper import api as paper_api
from collectives.planner import api as planner_api

from . import collectives, groups, memberships, people, regions, ties
from .auth import api_auth

api = NinjaAPI(
    title="Collectives API",
    version="1",
    description="People, ties, text groups, collectives and regions, scoped to your role. "
    "See docs/api.md.",
    auth=api_auth,
    docs_url="/docs",
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(request, {"detail": "Authentication required."}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden."}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    # Every router names its body parameter ``payload``, so these locations match the
    # ones ninja reports for schema errors: ["body", "payload", <field>].
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    errors = []
    for field, field_errors in by_field.items():
        loc = ["body", "payload"] if field == NON_FIELD_ERRORS else ["body", "payload", field]
        for error in field_errors:
            message = " ".join(str(m) for m in error.messages)
            errors.append({"type": error.code or "invalid", "loc": loc, "msg": message})
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(ProtectedError)
@api.exception_handler(RestrictedError)
@api.exception_handler(IntegrityError)
def conflict(request, exc):
    # A concurrent write won a race past the actions' checks, or other records still
    # refer to this one. Either way nothing was written.
    return api.create_response(
        request, {"detail": "This conflicts with other records; nothing was changed."}, status=409
    )


api.add_router("/people", people.router)
api.add_router("/ties", ties.router)
api.add_router("/groups", groups.router)
api.add_router("/memberships", memberships.router)
api.add_router("/collectives", collectives.router)
api.add_router("/regions", regions.router)
api.add_router("/paper", paper_api.paper_router)
api.add_router("/distribution", paper_api.distribution_router)
api.add_router("/plan", planner_api.router)
