"""The profile: edit, bad input, territory typed as text, directory consent, public pages."""

import pytest

from catalyse.accounts.fields import territory_resolve
from catalyse.accounts.models import CURRENT_CONSENT_VERSIONS, ConsentPurpose, ConsentRecord, Profile, Skill
from catalyse.accounts.services import skills_normalise
from catalyse.test import make_person, make_territories

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "first_name": "Amandine",
        "last_name": "Moreau",
        "world": "association",
        "territory": "",
        "bio": "Je relie les associations d’insertion et les entreprises.",
        "themes": ["social", "economique"],
        "skills": "ESS, Insertion",
    }
    data.update(overrides)
    return data


@pytest.fixture
def territories():
    return make_territories()


def test_it_redirects_a_visitor_to_the_login_page(client):
    for url in ["/profil/", "/profil/modifier/", "/profil/donnees/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/comptes/login/?next=")


def test_it_saves_the_profile_and_shows_it(client, outsider, territories):
    client.force_login(outsider)
    response = client.post("/profil/modifier/", form_data(territory="Saint-Étienne"))
    assert response.status_code == 302
    assert response.url == "/profil/"
    outsider.refresh_from_db()
    profile = Profile.objects.get(user=outsider)
    assert (outsider.first_name, outsider.last_name) == ("Amandine", "Moreau")
    assert profile.world == "association"
    assert profile.territory == territories["saint_etienne"]
    assert profile.themes == ["economique", "social"]
    assert sorted(profile.skills.values_list("name", flat=True)) == ["ESS", "Insertion"]
    assert profile.directory_consent is False

    page = client.get("/profil/").content.decode()
    assert "Amandine Moreau" in page
    assert "Saint-Étienne" in page
    assert "Insertion" in page
    assert "Sociétal" not in page and "Social" in page


def test_it_shows_the_current_territory_with_its_reference_for_the_autocomplete(client, outsider, territories):
    Profile.objects.filter(user=outsider).update(territory=territories["saint_etienne"])
    client.force_login(outsider)
    body = client.get("/profil/modifier/").content.decode()
    assert 'data-territory-autocomplete data-territory-field="id_territory_ref"' in body
    assert 'name="territory" value="Saint-Étienne (42)"' in body
    assert 'type="hidden" name="territory_ref" id="id_territory_ref" value="commune:42218"' in body
    # Sent back unchanged, with or without the reference, it resolves to the same place.
    for ref in ("commune:42218", ""):
        response = client.post("/profil/modifier/", form_data(territory="Saint-Étienne (42)", territory_ref=ref))
        assert response.status_code == 302
        assert Profile.objects.get(user=outsider).territory == territories["saint_etienne"]


@pytest.mark.parametrize(
    ("text", "ref", "key"),
    [
        # The autocomplete chose a homonym: its reference decides.
        ("Saint-Denis (974)", "commune:97411", "saint_denis_974"),
        ("Saint-Denis", "commune:93066", "saint_denis_93"),
        # The text was changed after the choice (no JavaScript to clear the reference): the text wins.
        ("Loire", "commune:42218", "loire"),
        # A forged or stale reference is ignored.
        ("Saint-Étienne", "commune:00000", "saint_etienne"),
    ],
)
def test_it_uses_the_chosen_reference_while_the_text_still_names_it(client, outsider, territories, text, ref, key):
    client.force_login(outsider)
    response = client.post("/profil/modifier/", form_data(territory=text, territory_ref=ref))
    assert response.status_code == 302
    assert Profile.objects.get(user=outsider).territory == territories[key]


def test_it_clears_the_territory_when_the_text_is_emptied(client, outsider, territories):
    Profile.objects.filter(user=outsider).update(territory=territories["saint_etienne"])
    client.force_login(outsider)
    client.post("/profil/modifier/", form_data(territory="", territory_ref="commune:42218"))
    assert Profile.objects.get(user=outsider).territory is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("commune:42218", "saint_etienne"),
        ("COMMUNE : 42218", "saint_etienne"),
        ("42218", "saint_etienne"),
        ("42100", "saint_etienne"),  # a postal code
        ("saint etienne", "saint_etienne"),
        ("Saint-Étienne", "saint_etienne"),
        ("Saint-Étienne (42)", "saint_etienne"),
        ("244200770", "metropole"),
        ("Loire", "loire"),
        ("departement:84", "vaucluse"),
        ("Saint-Denis (commune:97411)", "saint_denis_974"),
        ("Saint-Denis (La Réunion)", "saint_denis_974"),
        ("Saint-Denis (93)", "saint_denis_93"),
    ],
)
def test_it_resolves_a_territory_typed_as_text(territories, text, key):
    assert territory_resolve(text) == territories[key]


def test_it_lists_the_choices_of_an_ambiguous_territory_in_french(client, outsider, territories):
    client.force_login(outsider)
    response = client.post("/profil/modifier/", form_data(territory="Saint-Denis"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Plusieurs territoires répondent à «\u00a0Saint-Denis\u00a0»" in body
    assert "commune:93066" in body and "commune:97411" in body
    assert 'aria-describedby="id_territory-aide id_territory-erreur"' in body
    assert Profile.objects.get(user=outsider).territory is None

    region_or_departement = client.post("/profil/modifier/", form_data(territory="84")).content.decode()
    assert "departement:84" in region_or_departement and "region:84" in region_or_departement


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("territory", "Atlantide", "Nous ne trouvons aucun territoire «\u00a0Atlantide\u00a0»"),
        ("territory", "commune:99999", "Aucun territoire ne porte la référence"),
        ("first_name", "", "Ce champ est obligatoire."),
        ("world", "martien", "Sélectionnez un choix valide"),
        ("bio", "x" * 801, "800 caractères"),
        ("skills", "a" * 41, "est trop long"),
        ("skills", ", ".join(f"compétence {i}" for i in range(13)), "gardez-en 12 au plus"),
        ("themes", ["economique", "spatial"], "Sélectionnez un choix valide"),
    ],
)
def test_it_explains_bad_input_and_changes_nothing(client, outsider, territories, field, value, message):
    client.force_login(outsider)
    response = client.post("/profil/modifier/", form_data(**{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert f'id="id_{field}-erreur"' in body
    assert "chose à corriger" in body
    outsider.refresh_from_db()
    assert outsider.first_name == "Léa"


def test_it_normalises_skills():
    assert skills_normalise("  ESS ,évaluation   d’impact; ess ;\n- Insertion -") == [
        "ESS",
        "évaluation d’impact",
        "Insertion",
    ]
    assert skills_normalise("") == []


def test_it_shares_one_skill_between_spellings(client, outsider, catalyst):
    client.force_login(outsider)
    client.post("/profil/modifier/", form_data(skills="Évaluation d’impact"))
    client.force_login(catalyst)
    client.post("/profil/modifier/", form_data(skills="evaluation d'impact"))
    assert Skill.objects.count() == 1


def test_it_records_the_directory_consent_and_its_withdrawal(client, outsider):
    client.force_login(outsider)
    assert Profile.objects.get(user=outsider).directory_consent is False  # off by default

    client.post("/profil/modifier/", form_data(directory_consent="on"))
    profile = Profile.objects.get(user=outsider)
    assert profile.directory_consent is True
    assert profile.directory_consent_at is not None
    [granted] = ConsentRecord.objects.filter(user=outsider)
    assert granted.granted is True
    assert granted.purpose == ConsentPurpose.DIRECTORY
    assert granted.text_version == CURRENT_CONSENT_VERSIONS[ConsentPurpose.DIRECTORY]
    assert "annuaire" in granted.text

    # Saving again without a change records nothing new.
    client.post("/profil/modifier/", form_data(directory_consent="on"))
    assert ConsentRecord.objects.filter(user=outsider).count() == 1

    client.post("/profil/modifier/", form_data())
    profile.refresh_from_db()
    assert profile.directory_consent is False
    assert profile.directory_consent_at is None
    assert list(ConsentRecord.objects.filter(user=outsider).values_list("granted", flat=True)) == [False, True]
    page = client.get("/profil/donnees/").content.decode()
    assert "Retiré" in page and "Accordé" in page


def test_it_shows_a_public_profile_only_with_consent(client, outsider, catalyst):
    url = f"/membres/{outsider.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(catalyst)
    assert client.get(url).status_code == 404
    # Themselves: yes, with a warning that nobody else sees it.
    client.force_login(outsider)
    own = client.get(url)
    assert own.status_code == 200
    assert "Cette page n’est visible que par vous" in own.content.decode()

    client.post("/profil/modifier/", form_data(directory_consent="on", first_name="Léa", last_name="Rousseau"))
    client.logout()
    public = client.get(url)
    assert public.status_code == 200
    body = public.content.decode()
    assert "Léa Rousseau" in body
    assert outsider.email not in body  # never the email address
    assert client.get("/membres/999999/").status_code == 404


def test_it_hides_an_inactive_person_even_with_consent(client):
    person = make_person(directory_consent=True)
    person.is_active = False
    person.save()
    assert client.get(f"/membres/{person.pk}/").status_code == 404


def test_it_shows_the_roles_on_the_profile(client, facilitator):
    client.force_login(facilitator)
    body = client.get("/profil/").content.decode()
    assert "Animateur du programme" in body


def test_it_renders_profile_pages_with_french_typography(client, catalyst):
    from catalyse.tests_support.typography import typography_errors

    client.force_login(catalyst)
    for url in ["/profil/", "/profil/modifier/", "/profil/donnees/", f"/membres/{catalyst.pk}/"]:
        body = client.get(url).content.decode()
        assert typography_errors(body) == [], url
