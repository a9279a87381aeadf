import pytest
from django.test import Client
from django.utils import translation

from catalyse.accounts.adapter import AccountAdapter

pytestmark = pytest.mark.django_db


def _nav_labels(html: str) -> list[str]:
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return [part.split("</strong>", 1)[0] for part in nav.split("<strong>")[1:]]


def test_it_renders_the_home_page_in_french_by_default(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert _nav_labels(html) == ["Agir", "Se former", "Partager", "Expérimenter", "Observer"]
    assert "Aller au contenu" in html


def test_it_switches_the_home_page_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert _nav_labels(html) == ["Act", "Learn", "Share", "Experiment", "Observe"]
    assert "Skip to content" in html
    assert "What is happening in your territory?" in html
    # The switcher now offers French back.
    assert 'value="fr"' in html


def test_it_switches_back_to_french(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert _nav_labels(html)[0] == "Agir"


def test_it_translates_the_not_found_page(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_it_translates_messages_written_with_unicode_escapes() -> None:
    # xgettext keeps "\u00a0" verbatim in the msgid; scripts/po_fill.py must store the real character.
    message = AccountAdapter.error_messages["email_taken"]
    with translation.override("fr"):
        assert str(message) == "Un compte utilise déjà cette adresse électronique\u00a0: connectez-vous plutôt."
    with translation.override("en"):
        assert str(message) == "An account already uses this email address: log in instead."


def test_it_uses_the_french_plural_rule_singular_for_zero_and_one() -> None:
    with translation.override("fr"):
        for count, expected in [(0, "0 organisation"), (1, "1 organisation"), (2, "2 organisations")]:
            text = translation.ngettext("%(counter)s organisation", "%(counter)s organisations", count)
            assert text % {"counter": count} == expected
    with translation.override("en"):
        assert (
            translation.ngettext("%(counter)s organisation", "%(counter)s organisations", 0) % {"counter": 0}
            == "0 organisations"
        )
