"""Demo partnerships (idempotent, `manage.py load_demo`): a few real-looking alliances between the demo
organisations, one waiting for its partner's confirmation, and a synthetic national layer so that the
observatory has something to show (`generate_partnerships`, seed 2026)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from catalyse.accounts.models import Organisation
from catalyse.partnerships.generation import partnerships_generate
from catalyse.partnerships.models import Partnership
from catalyse.partnerships.services import IndicatorData, partnership_create

DEMO_GENERATED = 20_000
DEMO_SEED = 2026

PARTNERSHIPS: list[dict[str, Any]] = [
    {
        "title": "Chantier d’insertion « Bois du Pilat »",
        "description": "La menuiserie accueille chaque année douze personnes en parcours d’insertion suivies par "
        "l’association ; les meubles produits équipent des écoles de Saint-Étienne.",
        "modes": ["pratiques_responsables", "cooperation_economique"],
        "themes": ["social", "economique"],
        "territory": "commune:42218",
        "start_year": 2019,
        "partners": [("loire-solidarites-emploi", "porteur"), ("menuiserie-cooperative-du-pilat", "partenaire")],
        "status": "confirmed",
        "indicators": [("Personnes accompagnées vers l’emploi", "34", "personnes", datetime.date(2025, 12, 31))],
    },
    {
        "title": "Jardins nourriciers des écoles de Lorient",
        "description": "Des potagers dans six écoles, cultivés avec les jardiniers bénévoles de l’association ; "
        "la récolte va aux cantines de la ville.",
        "modes": ["innovation_societale"],
        "themes": ["environnemental", "societal"],
        "territory": "commune:56121",
        "start_year": 2022,
        "partners": [("les-jardins-du-scorff", "porteur"), ("ville-de-lorient", "financeur")],
        "status": "confirmed",
        "indicators": [("Écoles participantes", "6", "écoles", datetime.date(2025, 6, 30))],
    },
    {
        "title": "Ordinateurs reconditionnés pour les familles de l’agglomération",
        "description": "L’agglomération confie ses ordinateurs réformés à l’entreprise, qui les reconditionne "
        "et les remet à des familles orientées par les centres sociaux.",
        "modes": ["mecenat", "cooperation_economique"],
        "themes": ["social", "environnemental"],
        "territory": "epci:200068781",
        "start_year": 2021,
        "partners": [("numerique-solidaire-drome", "porteur"), ("valence-romans-agglo", "partenaire")],
        "status": "confirmed",
    },
    {
        "title": "Mesurer l’impact des alliances territoriales",
        "description": "Une recherche-action sur l’évaluation des partenariats soutenus par la fondation.",
        "modes": ["innovation_societale"],
        "themes": ["societal"],
        "territory": "region:75",
        "start_year": 2024,
        "partners": [("universite-de-franche-comte", "porteur"), ("fondation-pays-basque-avenir", "financeur")],
        "status": "declared",
        "is_public": True,
    },
]


def demo_load() -> dict[str, int]:
    from catalyse.territories.models import Territory

    if not Territory.objects.filter(level="commune").exists():
        return {}
    created = 0
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_slugs())}
    for spec in PARTNERSHIPS:
        slugs = [slug for slug, _role in spec["partners"]]
        if any(slug not in organisations for slug in slugs) or Partnership.objects.filter(title=spec["title"]).exists():
            continue
        level, code = spec["territory"].split(":")
        partners = [(organisations[slug], role) for slug, role in spec["partners"]]
        partnership_create(
            user=None,
            organisation=partners[0][0],
            title=spec["title"],
            description=spec["description"],
            modes=spec["modes"],
            themes=spec["themes"],
            territory=Territory.objects.filter(level=level, code=code).first(),
            start_year=spec["start_year"],
            partners=partners,
            status=spec["status"],
            is_public=spec.get("is_public", True),
            indicators=[IndicatorData(n, Decimal(v), u, d) for n, v, u, d in spec.get("indicators", [])],
        )
        created += 1
    if Partnership.objects.filter(generated=True).count() != DEMO_GENERATED:
        partnerships_generate(count=DEMO_GENERATED, seed=DEMO_SEED)
    return {"partenariats": created, "partenariats fictifs": DEMO_GENERATED}


def _slugs() -> set[str]:
    return {slug for spec in PARTNERSHIPS for slug, _role in spec["partners"]}
