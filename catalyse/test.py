"""Shared test base: personas (people with a role, a verified email and a profile) and small helpers.

Registered as a pytest plugin by the root conftest.py, so every app's tests can ask for the
fixtures `catalyst`, `facilitator`, `editor`, `pilot_member`, `outsider` and `administrator`
(a visitor signed out is simply the `client` fixture), or call `make_person(...)`."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

DEFAULT_PASSWORD = "un-mot-de-passe-solide-42"
_counter = itertools.count(1)


def make_person(
    *,
    role: Any = "member",
    email: str | None = None,
    first_name: str = "Camille",
    last_name: str = "Martin",
    world: str = "collectivite",
    territory: Any = None,
    password: str = DEFAULT_PASSWORD,
    directory_consent: bool = False,
    verified: bool = True,
) -> Any:
    """A person who can sign in: verified primary email, complete profile, the given role(s).

    `role` is a Role (or its value) or a list of them; `territory` a Territory or a `LEVEL:CODE` ref."""
    from allauth.account.models import EmailAddress

    from catalyse.accounts.models import Profile, User
    from catalyse.accounts.roles import Role, role_assign
    from catalyse.accounts.services import directory_consent_set
    from catalyse.territories.models import Territory

    roles = role if isinstance(role, list | tuple) else [role]
    email = (email or f"{Role(roles[0]).value}-{next(_counter)}@exemple.fr").lower()
    user = User.objects.create_user(email=email, password=password, first_name=first_name, last_name=last_name)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if isinstance(territory, str):
        territory = Territory.objects.by_ref(territory)
    Profile.objects.filter(user=user).update(world=world, territory=territory)
    if directory_consent:
        directory_consent_set(user=user, granted=True)
    for item in roles:
        if Role(item) != Role.MEMBER:
            role_assign(user=user, role=item)
    return User.objects.get(pk=user.pk)


def make_territory(level: str, code: str, name: str, **fields: Any) -> Any:
    """A territory row as the territorial reference would load it (search fields included)."""
    from catalyse.lib.text import fold, slugify_fr
    from catalyse.territories.models import Territory

    territory, _created = Territory.objects.update_or_create(
        level=level,
        code=code,
        defaults={"name": name, "slug": slugify_fr(name), "search_name": fold(name), **fields},
    )
    return territory


def make_territories() -> dict[str, Any]:
    """A few real territories, with the ambiguities a name or a code can have (84, Saint-Denis)."""
    aura = make_territory("region", "84", "Auvergne-Rhône-Alpes", population=8_114_361)
    idf = make_territory("region", "11", "Île-de-France", population=12_358_932)
    reunion_region = make_territory("region", "04", "La Réunion", population=885_700)
    loire = make_territory("departement", "42", "Loire", region=aura, population=769_212)
    vaucluse = make_territory("departement", "84", "Vaucluse", population=563_751)
    seine_saint_denis = make_territory("departement", "93", "Seine-Saint-Denis", region=idf, population=1_655_422)
    reunion = make_territory("departement", "974", "La Réunion", region=reunion_region, population=885_700)
    metropole = make_territory(
        "epci", "244200770", "Saint-Étienne Métropole", region=aura, departement=loire, population=404_520
    )
    saint_etienne = make_territory(
        "commune",
        "42218",
        "Saint-Étienne",
        region=aura,
        departement=loire,
        epci=metropole,
        population=173_136,
        postal_codes="42000 42100 42230",
    )
    saint_denis_93 = make_territory(
        "commune", "93066", "Saint-Denis", region=idf, departement=seine_saint_denis, population=113_942
    )
    saint_denis_974 = make_territory(
        "commune", "97411", "Saint-Denis", region=reunion_region, departement=reunion, population=153_001
    )
    return {
        "aura": aura,
        "loire": loire,
        "vaucluse": vaucluse,
        "metropole": metropole,
        "saint_etienne": saint_etienne,
        "saint_denis_93": saint_denis_93,
        "saint_denis_974": saint_denis_974,
    }


# ------------------------------------------------------------- personas


@pytest.fixture
def catalyst(db: Any) -> Any:
    return make_person(
        role="catalyst", email="amandine.catalyseuse@exemple.fr", first_name="Amandine", last_name="Moreau"
    )


@pytest.fixture
def facilitator(db: Any) -> Any:
    return make_person(
        role="facilitator",
        email="elodie.animatrice@exemple.fr",
        first_name="Élodie",
        last_name="Fabre",
        world="association",
    )


@pytest.fixture
def editor(db: Any) -> Any:
    return make_person(
        role="editor", email="pierre.editeur@exemple.fr", first_name="Pierre", last_name="Dumas", world="academique"
    )


@pytest.fixture
def pilot_member(db: Any) -> Any:
    """A member of a pilot territory team (the journeys app gives them their team)."""
    return make_person(
        role="member", email="nadia.pilote@exemple.fr", first_name="Nadia", last_name="Haddad", world="collectivite"
    )


@pytest.fixture
def outsider(db: Any) -> Any:
    """Signed in, but with no role and no organisation in common with anyone."""
    return make_person(
        role="member", email="lea.exterieure@exemple.fr", first_name="Léa", last_name="Rousseau", world="citoyen"
    )


@pytest.fixture
def administrator(db: Any) -> Any:
    return make_person(
        role="administrator",
        email="camille.admin@exemple.fr",
        first_name="Camille",
        last_name="Roussel",
        world="acteur_public",
    )
