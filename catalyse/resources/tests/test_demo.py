import pytest
from django.core.management import call_command

from catalyse.resources.models import Collection, Resource, ResourceFile

pytestmark = pytest.mark.django_db


def test_it_loads_a_realistic_demo_kit_idempotently(places, capsys):
    from catalyse.resources.demo import demo_load

    first = demo_load()
    counts = (Resource.objects.count(), ResourceFile.objects.count(), Collection.objects.count())
    second = demo_load()
    assert (Resource.objects.count(), ResourceFile.objects.count(), Collection.objects.count()) == counts
    assert first["ressources créées"] >= 30
    assert second["ressources créées"] == 0 and second["ressources mises à jour"] == 0 and second["fichiers"] == 0
    assert set(Resource.objects.values_list("kind", flat=True)) == {"cadre", "illustration", "methode", "outil"}
    assert set(Resource.objects.values_list("objective", flat=True)) == {"comprendre", "s_approprier", "innover"}
    assert Resource.objects.get(slug="saint-etienne-tiers-lieu-cooperation").territory == places["saint_etienne"]
    path = Collection.objects.get(slug="initier-une-demarche-de-co-construction")
    assert path.items.first().resource.slug == "referentiel-co-construction-territoriale"
    grille = ResourceFile.objects.get(resource__slug="grille-d-autodiagnostic")
    assert grille.file.open("rb").read(5) == b"%PDF-"


def test_it_runs_through_load_demo_with_authors_and_proposals_to_review(places, client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Resource.objects.published().count() >= 30
    assert Resource.objects.get(slug="saint-etienne-tiers-lieu-cooperation").authors.get().last_name == "Moreau"
    assert set(Resource.objects.exclude(status="published").values_list("status", flat=True)) == {
        "submitted",
        "changes_requested",
    }
    from catalyse.accounts.models import User

    client.force_login(User.objects.get(email="pierre.dumas@catalyse.localhost"))
    page = client.get("/ressources/relecture/").content.decode()
    assert "Lorient : une coopération autour de la filière maritime" in page.replace("\u00a0", " ")
