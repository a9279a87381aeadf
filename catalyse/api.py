"""The JSON API under /api/v1/: each app brings its router; errors are JSON, never a 500."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

api = NinjaAPI(
    title="API Catalyse",
    version="1.0.0",
    description="API publique de Catalyse, la plateforme de la co-construction territoriale.",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", []) if part not in {"query", "body", "path"})
        details.append({"field": location, "message": error.get("msg", "")})
    fields = ", ".join(d["field"] for d in details if d["field"]) or "la requête"
    return api.create_response(
        request,
        {"detail": f"Paramètres invalides : {fields}. Corrigez-les et réessayez.", "errors": details},
        status=422,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def register_routers() -> None:
    """Routers are named by dotted path so that the core imports no domain app."""
    routers: list[tuple[str, Any]] = [
        ("/territories", "catalyse.territories.api.router"),
        ("/search", "catalyse.search.api.router"),
        ("/observatory", "catalyse.partnerships.api.router"),
        ("/events", "catalyse.events.api.router"),
        ("/matching", "catalyse.matching.api.router"),
    ]
    for prefix, router in routers:
        api.add_router(prefix, router)


register_routers()
