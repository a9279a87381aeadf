"""Pages of the core: home, sections still to come, health check."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

# Sections of the mission that are not built yet: each says so honestly.
UPCOMING_SECTIONS = {
    "resources": {
        "title": _("Agir : le centre de ressources"),
        "lead": _(
            "Le kit ouvert de la co-construction territoriale : cadres de référence, illustrations, "
            "méthodes et boîte à outils, sous licence libre."
        ),
    },
    "learning": {
        "title": _("Se former : les formations en cohorte"),
        "lead": _(
            "Les MOOC « Les partenariats qui changent le monde » et « Les alliances qui changent "
            "les territoires », suivis ensemble, en cohorte."
        ),
    },
    "network": {
        "title": _("Partager : le réseau des catalyseurs territoriaux"),
        "lead": _(
            "L’annuaire des catalyseurs, les échanges entre pairs, la rencontre annuelle du réseau et les webinaires."
        ),
    },
    "events": {
        "title": _("Partager : l’agenda"),
        "lead": _("Rencontres du réseau, webinaires, ateliers et visites apprenantes."),
    },
    "journeys": {
        "title": _("Expérimenter : les parcours d’expérience"),
        "lead": _(
            "Neuf mois de co-développement entre pairs pour douze territoires pilotes, suivis par un "
            "carnet de bord mensuel."
        ),
    },
    "observatory": {
        "title": _("Observer : l’observatoire des alliances"),
        "lead": _(
            "Les partenariats entre mondes différents, par mode d’action, type d’organisation, époque et territoire."
        ),
    },
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {})


def upcoming_section(request: HttpRequest, section: str) -> HttpResponse:
    return render(request, "upcoming_section.html", {"section": UPCOMING_SECTIONS[section], "key": section})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "detail": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        detail = _("Aucune ressource à l’adresse %(path)s. Consultez /api/v1/docs pour les adresses valides.")
        return JsonResponse({"detail": str(detail) % {"path": request.path}}, status=404)
    return render(request, "404.html", {"path": request.path}, status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": "Requête invalide."}, status=400)
    return render(request, "400.html", {}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": "Accès refusé."}, status=403)
    return render(request, "403.html", {}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": "Erreur interne : l’équipe a été prévenue. Réessayez plus tard."}, status=500)
    # No context processors here: the error may come from them.
    return render(request, "500.html", {}, status=500)
