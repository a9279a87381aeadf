from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The five sections of the programme, in the order of the header.
SECTIONS = [
    (
        "agir",
        _("Agir"),
        _("Ressources"),
        "resources:home",
        _("Le kit ouvert : cadres de référence, illustrations, méthodes et boîte à outils."),
    ),
    (
        "se-former",
        _("Se former"),
        _("Formations"),
        "learning:catalogue",
        _("Deux MOOC suivis en cohorte, quatre sessions de deux heures chacun."),
    ),
    (
        "partager",
        _("Partager"),
        _("Réseau et événements"),
        "network:home",
        _("Le réseau des catalyseurs territoriaux, ses rencontres et ses webinaires."),
    ),
    (
        "experimenter",
        _("Expérimenter"),
        _("Parcours d’expérience"),
        "journeys:home",
        _("Neuf mois de co-développement entre pairs pour douze territoires pilotes."),
    ),
    (
        "observer",
        _("Observer"),
        _("Observatoire des alliances"),
        "observatory:home",
        _("Les partenariats par mode d’action, type d’organisation, époque et territoire."),
    ),
]


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    nav = []
    for key, label, description, url_name, pitch in SECTIONS:
        url = reverse(url_name)
        nav.append(
            {
                "key": key,
                "label": label,
                "description": description,
                "pitch": pitch,
                "url": url,
                "current": path.startswith(url),
            }
        )
    return {"site_name": "Catalyse", "nav_sections": nav, "site_url": settings.SITE_URL}
