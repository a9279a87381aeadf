from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The five sections of the programme, in the order of the header.
SECTIONS = [
    ("agir", _("Agir"), _("Ressources"), "section-resources"),
    ("se-former", _("Se former"), _("Formations"), "section-learning"),
    ("partager", _("Partager"), _("Réseau et événements"), "section-network"),
    ("experimenter", _("Expérimenter"), _("Parcours d’expérience"), "section-journeys"),
    ("observer", _("Observer"), _("Observatoire des alliances"), "section-observatory"),
]


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    nav = []
    for key, label, description, url_name in SECTIONS:
        url = reverse(url_name)
        nav.append(
            {"key": key, "label": label, "description": description, "url": url, "current": path.startswith(url)}
        )
    return {"site_name": "Catalyse", "nav_sections": nav, "site_url": settings.SITE_URL}
