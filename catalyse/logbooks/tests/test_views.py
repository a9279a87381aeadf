"""Pages of the carnets de bord: who sees what, editing and publishing, feed, PDF, subscriptions."""

from __future__ import annotations

import datetime
import io
from typing import Any

import feedparser
import pytest
from django.test import Client
from pypdf import PdfReader

from catalyse.logbooks import services
from catalyse.logbooks.models import Delivery, LogbookIssue, Status, Subscription
from catalyse.logbooks.tests.conftest import OCTOBER, add_session
from catalyse.test import make_person

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2026, 11, 1)


def _publish(cohort: Any, month: datetime.date, **fields: str) -> LogbookIssue:
    issue = services.logbook_draft(journey=cohort.journey, month=month)
    if fields:
        services.logbook_update(issue=issue, by=cohort.facilitator, title=fields.pop("title", issue.title), **fields)
    issue.status = Status.PUBLISHED
    issue.published_at = datetime.datetime(month.year, month.month, 28, 10, tzinfo=datetime.UTC)
    issue.save()
    return issue


def url(cohort: Any, suffix: str = "") -> str:
    return f"/parcours/{cohort.journey.slug}/carnets/{suffix}"


# ---------------------------------------------------------------------------------------------- who sees what


def test_the_archive_is_public_and_lists_published_issues_only(client: Client, cohort: Any) -> None:
    _publish(cohort, OCTOBER, title="Octobre : le parcours démarre")
    services.logbook_draft(journey=cohort.journey, month=NOVEMBER)

    response = client.get(url(cohort))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Octobre : le parcours démarre" in page
    assert "Carnet de bord de novembre 2026" not in page
    assert "Préparer le carnet du mois" not in page
    assert "Se connecter pour s’abonner" in page


def test_the_archive_shows_drafts_to_the_facilitators(client: Client, cohort: Any) -> None:
    services.logbook_draft(journey=cohort.journey, month=NOVEMBER)
    client.force_login(cohort.facilitator)

    page = client.get(url(cohort)).content.decode()

    assert "Carnet de bord de novembre 2026" in page
    assert "Préparer le carnet du mois" in page


def test_the_archive_reads_in_a_fixed_number_of_queries(
    client: Client, cohort: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(cohort.member)
    for count, month in enumerate((datetime.date(2026, 9, 1), OCTOBER, NOVEMBER, datetime.date(2026, 12, 1)), 1):
        _publish(cohort, month, editorial=f"Le mot **n° {count}**.")
        with django_assert_max_num_queries(14):  # the same whatever the number of issues
            response = client.get(url(cohort))
        assert response.content.decode().count('class="card logbook-card"') == count
    assert "Le mot n° 4." in response.content.decode()
    assert "**" not in response.content.decode()  # the excerpt is text, not Markdown


@pytest.mark.parametrize("who", ["visitor", "outsider", "member", "catalyst", "other_facilitator"])
def test_a_draft_is_hidden_from_everyone_but_the_facilitators(client: Client, cohort: Any, who: str) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    people = {
        "outsider": lambda: make_person(email="lea.dehors@exemple.fr"),
        "member": lambda: cohort.member,
        "catalyst": lambda: make_person(role="catalyst", email="cat@exemple.fr"),
        "other_facilitator": lambda: make_person(role="facilitator", email="autre.anim@exemple.fr"),
    }
    if who in people:
        client.force_login(people[who]())

    assert client.get(issue.get_absolute_url()).status_code == 404
    assert client.get(issue.get_pdf_url()).status_code == 404
    edit = client.get(issue.get_edit_url())
    if who == "visitor":
        assert edit.status_code == 302 and "/comptes/login/" in edit["Location"]
    else:
        assert edit.status_code == 404
    assert client.post(issue.get_edit_url(), {"title": "Piraté", "action": "publish"}).status_code in (302, 404)
    assert client.post(url(cohort, "preparer/"), {"month": "2026-09"}).status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT and issue.title != "Piraté"
    assert LogbookIssue.objects.count() == 1


def test_a_published_issue_is_public_but_only_facilitators_edit_it(client: Client, cohort: Any) -> None:
    issue = _publish(cohort, OCTOBER, title="Octobre", editorial="Bienvenue **à tous**.")

    response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    assert "<strong>à tous</strong>" in response.content.decode()
    assert "Modifier" not in response.content.decode().split("<main")[1].split("Télécharger")[0]

    client.force_login(cohort.member)
    assert client.get(issue.get_edit_url()).status_code == 403
    client.force_login(cohort.facilitator)
    assert client.get(issue.get_edit_url()).status_code == 200
    assert "Corriger le carnet" in client.get(issue.get_absolute_url()).content.decode()


def test_a_facilitator_sees_the_draft(client: Client, cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    client.force_login(cohort.facilitator)
    response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    assert "Brouillon : seuls les animateurs" in response.content.decode()


def test_unknown_addresses_answer_404(client: Client, cohort: Any) -> None:
    assert client.get("/parcours/inconnu/carnets/").status_code == 404
    assert client.get(url(cohort, "2026-13/")).status_code == 404
    assert client.get(url(cohort, "2026-10/")).status_code == 404
    assert client.get(url(cohort, "desabonnement/faux-jeton/")).status_code == 404


def test_markdown_written_by_a_facilitator_is_sanitized(client: Client, cohort: Any) -> None:
    nasty = '<script>alert("x")</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>'
    issue = _publish(cohort, OCTOBER, editorial=nasty)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "<img src=x onerror" not in page


# ---------------------------------------------------------------------------------------------- drafting and editing


def test_a_facilitator_drafts_the_month_and_lands_on_the_edit_page(client: Client, cohort: Any) -> None:
    add_session(cohort, consent=True)
    client.force_login(cohort.facilitator)

    response = client.post(url(cohort, "preparer/"), {"month": "2026-10"})

    issue = LogbookIssue.objects.get(journey=cohort.journey, month=OCTOBER)
    assert response.status_code == 302 and response["Location"] == issue.get_edit_url()
    page = client.get(issue.get_edit_url()).content.decode()
    assert "Inviter les entreprises dès la conception" in page


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("octobre", "n’est pas un mois"),
        ("", "Choisissez le mois"),
        ("2099-01", "n’a pas commencé"),
        ("2026-08", "Le parcours commence le 1er septembre 2026"),
    ],
)
def test_drafting_a_bad_month_says_what_to_fix(client: Client, cohort: Any, month: str, message: str) -> None:
    client.force_login(cohort.facilitator)
    response = client.post(url(cohort, "preparer/"), {"month": month}, follow=True)
    assert message in response.content.decode()
    assert not LogbookIssue.objects.exists()


def _form(issue: LogbookIssue, **changes: str) -> dict[str, str]:
    data = {"title": issue.title, "editorial": "", "enjeux": issue.enjeux, "pratiques": issue.pratiques}
    data.update({"illustrations": issue.illustrations, "agenda": issue.agenda})
    data.update(changes)
    return data


def test_saving_bad_input_shows_french_errors_and_saves_nothing(client: Client, cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    client.force_login(cohort.facilitator)

    response = client.post(issue.get_edit_url(), _form(issue, title=" ", enjeux="x" * 20_001, action="save"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Donnez un titre au carnet" in page
    assert "20000 caractères au plus" in page
    issue.refresh_from_db()
    assert issue.title == "Carnet de bord d’octobre 2026"


def test_the_preview_shows_the_text_without_saving_it(client: Client, cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    client.force_login(cohort.facilitator)

    response = client.post(issue.get_edit_url(), _form(issue, editorial="Un **mot** neuf.", action="preview"))
    assert response.status_code == 200
    assert "Un <strong>mot</strong> neuf." in response.content.decode()

    htmx = client.post(
        issue.get_edit_url(), _form(issue, editorial="Un **mot** neuf.", action="preview"), HTTP_HX_REQUEST="true"
    )
    fragment = htmx.content.decode()
    assert fragment.lstrip().startswith('<div id="editeur">')
    assert '<section id="apercu"' in fragment
    assert "<html" not in fragment
    issue.refresh_from_db()
    assert issue.editorial == ""


def test_publishing_from_the_edit_page_sends_the_issue(
    client: Client, cohort: Any, inbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    client.force_login(cohort.facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(issue.get_edit_url(), _form(issue, editorial="Bonne lecture !", action="publish"))

    assert response.status_code == 302 and response["Location"] == issue.get_absolute_url()
    issue.refresh_from_db()
    assert issue.status == Status.PUBLISHED and issue.editorial == "Bonne lecture !"
    assert len(inbox.wait_for(3)) == 3
    assert Delivery.objects.filter(issue=issue).count() == 3


def test_publishing_an_empty_issue_is_refused_and_changes_nothing(client: Client, cohort: Any, inbox: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    client.force_login(cohort.facilitator)
    empty = dict.fromkeys(("editorial", "enjeux", "pratiques", "illustrations", "agenda"), "")

    response = client.post(issue.get_edit_url(), _form(issue, title="Nouveau titre", action="publish", **empty))

    assert response.status_code == 400
    assert "Le carnet est vide" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT
    assert issue.title == "Carnet de bord d’octobre 2026"  # the save was rolled back with the publication
    assert issue.pratiques != ""
    assert inbox.wait_for(1, timeout=0.3) == []


def test_refreshing_takes_the_activity_again(client: Client, cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    add_session(cohort, consent=True, title="Séance du jeudi")
    client.force_login(cohort.facilitator)

    response = client.post(url(cohort, "2026-10/actualiser/"), follow=True)

    assert "reprises de l’activité du mois" in response.content.decode()
    issue.refresh_from_db()
    assert "Séance du jeudi" in issue.pratiques
    client.force_login(cohort.member)
    assert client.post(url(cohort, "2026-10/actualiser/")).status_code == 404


# ---------------------------------------------------------------------------------------------- feed and PDF


def test_the_atom_feed_lists_published_issues(client: Client, cohort: Any) -> None:
    _publish(cohort, OCTOBER, title="Octobre : le parcours démarre", editorial="Bienvenue à *tous*.")
    services.logbook_draft(journey=cohort.journey, month=NOVEMBER)

    response = client.get(url(cohort, "flux.atom"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "Carnets de bord — Parcours d’expérience des alliances 2026"
    assert [entry.title for entry in feed.entries] == ["Octobre : le parcours démarre"]
    entry = feed.entries[0]
    assert entry.link.endswith("/parcours/parcours-alliances-2026/carnets/2026-10/")
    assert "Le mot des animateurs" in entry.summary and "<em>tous</em>" in entry.summary
    assert "Séminaire de lancement" in entry.summary


def test_the_pdf_holds_the_issue(client: Client, cohort: Any) -> None:
    issue = _publish(
        cohort, OCTOBER, title="Octobre : le parcours démarre", editorial="Bienvenue à *tous* ; « merci » !"
    )

    response = client.get(issue.get_pdf_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Octobre : le parcours démarre" in text
    assert "Le mot des animateurs" in text
    assert "« merci »" in text
    assert "Séminaire de lancement" in text
    assert reader.metadata is not None and "Octobre" in str(reader.metadata.title)


# ---------------------------------------------------------------------------------------------- subscriptions


def test_a_signed_in_person_subscribes_and_unsubscribes(client: Client, cohort: Any, outsider: Any) -> None:
    client.force_login(outsider)

    response = client.post(url(cohort, "abonnement/"), {"action": "subscribe"}, follow=True)
    assert "Vous recevrez chaque carnet" in response.content.decode()
    assert Subscription.objects.get(user=outsider).is_active

    client.post(url(cohort, "abonnement/"), {"action": "unsubscribe"})
    assert not Subscription.objects.get(user=outsider).is_active


def test_a_visitor_is_sent_to_sign_in_to_subscribe(client: Client, cohort: Any) -> None:
    response = client.post(url(cohort, "abonnement/"), {"action": "subscribe"})
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert not Subscription.objects.exists()


def test_the_unsubscribe_link_works_without_signing_in_and_in_one_click(cohort: Any) -> None:
    services.subscriptions_sync_participants(journey=cohort.journey)
    subscription = Subscription.objects.get(user=cohort.member)
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(subscription.get_unsubscribe_url())
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active  # a GET (a link preview) changes nothing

    # RFC 8058: the mail client posts without a session nor a CSRF token.
    response = browser.post(subscription.get_unsubscribe_url(), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "vous ne recevrez plus" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_the_pdf_renders_every_kind_of_markdown(client: Client, cohort: Any, tmp_path: Any) -> None:
    body = (
        "### Un intertitre\n\n*Emphase*, **gras**, `code` et [un lien](/ressources/).\n\n"
        "1. un\n2. deux\n\n> Une citation.\n\n```\nbloc de code\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![une image](https://exemple.fr/image.png)"
    )
    issue = _publish(cohort, OCTOBER, editorial=body)

    response = client.get(issue.get_pdf_url())

    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in ("Un intertitre", "Emphase", "bloc de code", "Une citation"):
        assert words in text
