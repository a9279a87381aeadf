"""Drafting, editing, publishing and sending the carnet de bord (services)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from catalyse.logbooks import services
from catalyse.logbooks.models import Delivery, LogbookIssue, Status, Subscription, SubscriptionSource, french_day
from catalyse.logbooks.tests.conftest import OCTOBER, add_session, make_resource
from catalyse.test import make_person

pytestmark = pytest.mark.django_db


def test_it_drafts_the_month_from_the_journey_activity(cohort: Any) -> None:
    add_session(cohort, consent=True)
    make_resource(title="La Fabrique des alliances de Lorient", published=datetime.date(2026, 10, 12))
    make_resource(title="Une ressource de septembre", published=datetime.date(2026, 9, 20))
    make_resource(title="Un brouillon d’octobre", published=datetime.date(2026, 10, 20), status="draft")
    from catalyse.events.services import event_create

    # Upcoming whenever the test runs, and never in 2026 (the logbook's year).
    webinar = (timezone.now() + datetime.timedelta(days=400)).replace(hour=12, minute=30)
    for title, status in (("Webinaire : le mécénat de compétences", "published"), ("Atelier en brouillon", "draft")):
        event_create(
            title=title,
            kind="webinaire",
            starts_at=webinar,
            ends_at=webinar + datetime.timedelta(hours=1),
            format="en_ligne",
            registration_mode="aucune",
            status=status,
        )

    issue = services.logbook_draft(journey=cohort.journey, month=datetime.date(2026, 10, 17))

    assert issue.month == OCTOBER
    assert issue.status == Status.DRAFT
    assert issue.title == "Carnet de bord d’octobre 2026"
    assert "«\u00a0Comment associer les entreprises au forum de l’emploi des jeunes ?\u00a0»" in issue.enjeux
    assert "Séminaire de lancement" in issue.pratiques
    assert "Portrait de territoire" in issue.pratiques
    assert "Inviter les entreprises dès la conception" in issue.pratiques
    assert "La Fabrique des alliances de Lorient" in issue.illustrations
    assert "septembre" not in issue.illustrations
    assert "brouillon" not in issue.illustrations.lower()
    # Seen from the end of October: the November visit is coming, April is too far.
    assert "Visite apprenante à Lorient" in issue.agenda
    assert "Témoignage d’une élue" not in issue.agenda
    assert "Séminaire de lancement" not in issue.agenda
    # Upcoming public events, with the year when it is not the logbook's.
    day = french_day(timezone.localtime(webinar).date())
    assert day.endswith(str(webinar.year)) and webinar.year > 2026
    assert f"**{day}** — [Webinaire : le mécénat de compétences](/evenements/" in issue.agenda
    assert "Atelier en brouillon" not in issue.agenda
    assert "**19 novembre** — Visite apprenante à Lorient" in issue.agenda
    assert issue.editorial == ""


def test_it_keeps_what_the_client_did_not_agree_to_share_out_of_the_draft(cohort: Any) -> None:
    add_session(cohort, consent=False, title="Séance confidentielle")

    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)

    assert "Séance confidentielle" in issue.pratiques  # that it took place is shared
    assert "forum de l’emploi" not in issue.enjeux + issue.pratiques
    assert "dès la conception" not in issue.pratiques
    # Without a shared question, the teams' challenges tell the stakes.
    assert "Faire coopérer entreprises et associations" in issue.enjeux


def test_it_escapes_titles_in_the_generated_markdown(cohort: Any) -> None:
    make_resource(title="Guide [piégé](javascript:alert(1)) <b>gras</b>", published=datetime.date(2026, 10, 3))

    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)

    from catalyse.lib.markdown import render_markdown

    html = render_markdown(issue.illustrations)
    assert 'href="javascript' not in html
    assert "<b>" not in html


def test_it_drafts_once_and_keeps_the_facilitators_edits(cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    services.logbook_update(
        issue=issue, by=cohort.facilitator, title="Octobre : le parcours démarre", editorial="Bienvenue à tous."
    )

    again = services.logbook_draft(journey=cohort.journey, month=OCTOBER)

    assert again.pk == issue.pk
    assert again.title == "Octobre : le parcours démarre"
    assert again.editorial == "Bienvenue à tous."
    assert LogbookIssue.objects.count() == 1


def test_refreshing_a_draft_rewrites_the_generated_sections_only(cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    services.logbook_update(
        issue=issue, by=cohort.facilitator, title="Mon titre", editorial="Mon mot.", pratiques="effacé"
    )
    add_session(cohort, consent=True, title="Séance ajoutée")

    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER, by=cohort.facilitator, refresh=True)

    assert "Séance ajoutée" in issue.pratiques
    assert issue.title == "Mon titre"
    assert issue.editorial == "Mon mot."


def test_only_the_journeys_facilitators_draft_edit_and_publish(cohort: Any, outsider: Any, catalyst: Any) -> None:
    other_facilitator = make_person(role="facilitator", email="autre.animateur@exemple.fr")
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    for person in (cohort.member, outsider, catalyst, other_facilitator):
        with pytest.raises(PermissionDenied):
            services.logbook_draft(journey=cohort.journey, month=OCTOBER, by=person, refresh=True)
        with pytest.raises(PermissionDenied):
            services.logbook_update(issue=issue, by=person, title="Piraté")
        with pytest.raises(PermissionDenied):
            services.logbook_publish(issue=issue, by=person)
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT
    assert issue.title != "Piraté"


def test_bad_input_is_refused_with_french_errors_and_nothing_saved(cohort: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    with pytest.raises(ValidationError) as caught:
        services.logbook_update(issue=issue, by=cohort.facilitator, title="  ", enjeux="x" * 20_001)
    errors = caught.value.message_dict
    assert "Donnez un titre" in errors["title"][0]
    assert "20000 caractères" in errors["enjeux"][0]
    issue.refresh_from_db()
    assert issue.title == "Carnet de bord d’octobre 2026"


def test_an_empty_issue_cannot_be_published(cohort: Any) -> None:
    issue = LogbookIssue.objects.create(journey=cohort.journey, month=OCTOBER, title="Vide")
    with pytest.raises(ValidationError, match="Le carnet est vide"):
        services.logbook_publish(issue=issue, by=cohort.facilitator)
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT
    assert not Subscription.objects.exists()


def test_publishing_sends_the_issue_once_to_each_subscriber(
    cohort: Any, outsider: Any, inbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    add_session(cohort, consent=True)
    services.logbook_subscribe(journey=cohort.journey, user=outsider)  # opts in
    services.logbook_unsubscribe(journey=cohort.journey, user=cohort.second_member)  # a participant who left
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    services.logbook_update(
        issue=issue, by=cohort.facilitator, title="Octobre : le parcours démarre", editorial="Bonne lecture !"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.logbook_publish(issue=issue, by=cohort.facilitator)

    issue.refresh_from_db()
    assert issue.status == Status.PUBLISHED and issue.published_at is not None
    messages = inbox.wait_for(3)
    recipients = sorted(str(m["To"]) for m in messages)
    assert recipients == sorted([cohort.facilitator.email, cohort.member.email, outsider.email])
    assert Delivery.objects.filter(issue=issue).count() == 3
    message = inbox.to(cohort.member.email)[0]
    assert "Octobre : le parcours démarre" in str(message["Subject"])
    text = inbox.text(message)
    assert "Bonne lecture !" in text
    assert "Séminaire de lancement" in text
    assert "](/" not in text and f"]({settings.SITE_URL}/parcours/" in text  # full addresses in plain text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<h2" in html and "Le mot des animateurs" in html
    assert 'href="http' in html  # links are absolute in mail
    subscription = Subscription.objects.get(journey=cohort.journey, user=cohort.member)
    assert subscription.token in str(message["List-Unsubscribe"])
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert Subscription.objects.get(user=cohort.member).source == SubscriptionSource.PARTICIPANT

    # The sending runs again (a retry, a second worker): nobody gets it twice.
    inbox.clear()
    assert services.logbook_deliver(issue_id=issue.pk) == {"envoyés": 0, "déjà reçus": 0}
    from catalyse.logbooks.tasks import send_logbook_issue

    send_logbook_issue.enqueue(issue.pk)
    assert inbox.wait_for(1, timeout=0.5) == []
    assert Delivery.objects.filter(issue=issue).count() == 3


def test_a_delivery_claimed_elsewhere_is_not_sent_again(cohort: Any, inbox: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    issue.status = Status.PUBLISHED
    issue.save()
    services.subscriptions_sync_participants(journey=cohort.journey)
    subscription = Subscription.objects.get(journey=cohort.journey, user=cohort.member)

    assert services.logbook_deliver_one(issue=issue, subscription=subscription) is True
    assert services.logbook_deliver_one(issue=issue, subscription=subscription) is False

    assert len(inbox.wait_for(1)) == 1
    assert Delivery.objects.filter(issue=issue, user=cohort.member).count() == 1


def test_a_published_issue_cannot_be_published_again(cohort: Any, django_capture_on_commit_callbacks: Any) -> None:
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    with django_capture_on_commit_callbacks(execute=True):
        services.logbook_publish(issue=issue, by=cohort.facilitator)
    with pytest.raises(ValidationError, match="déjà publié"):
        services.logbook_publish(issue=issue, by=cohort.facilitator)
    with pytest.raises(ValidationError, match="déjà publié"):
        services.logbook_draft(journey=cohort.journey, month=OCTOBER, refresh=True)


def test_subscriptions_participants_by_default_opt_in_and_leaving(cohort: Any, outsider: Any) -> None:
    journey = cohort.journey
    assert services.logbook_is_subscribed(journey=journey, user=cohort.member)
    assert services.logbook_is_subscribed(journey=journey, user=cohort.facilitator)
    assert not services.logbook_is_subscribed(journey=journey, user=outsider)

    services.logbook_subscribe(journey=journey, user=outsider)
    assert services.logbook_is_subscribed(journey=journey, user=outsider)
    assert Subscription.objects.get(user=outsider).source == SubscriptionSource.OPT_IN

    services.logbook_unsubscribe(journey=journey, user=cohort.member)
    assert not services.logbook_is_subscribed(journey=journey, user=cohort.member)
    # Publishing later does not subscribe them again.
    services.subscriptions_sync_participants(journey=journey)
    assert not services.logbook_is_subscribed(journey=journey, user=cohort.member)

    services.logbook_subscribe(journey=journey, user=cohort.member)
    assert services.logbook_is_subscribed(journey=journey, user=cohort.member)
    assert Subscription.objects.filter(user=cohort.member).count() == 1


def test_the_command_drafts_every_running_journey_once(cohort: Any) -> None:
    from io import StringIO

    from catalyse.journeys.models import Journey

    Journey.objects.create(
        slug="parcours-termine",
        title="Parcours terminé",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 9, 30),
    )
    out = StringIO()
    call_command("draft_logbooks", "--month", "2026-10", stdout=out)
    assert "1 brouillon(s) préparé(s), 0 déjà là" in out.getvalue()
    call_command("draft_logbooks", "--month", "2026-10", stdout=out)
    assert "0 brouillon(s) préparé(s), 1 déjà là" in out.getvalue()
    assert list(LogbookIssue.objects.values_list("journey__slug", "month")) == [(cohort.journey.slug, OCTOBER)]


def test_the_command_refuses_a_bad_month() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="AAAA-MM"):
        call_command("draft_logbooks", "--month", "octobre")


def test_dates_and_months_are_written_the_french_way() -> None:
    from catalyse.logbooks.models import french_day, of_month

    assert french_day(datetime.date(2026, 9, 1)) == "1er septembre 2026"
    assert french_day(datetime.date(2026, 8, 12), year=False) == "12 août"
    assert of_month(datetime.date(2026, 10, 1)) == "d’octobre 2026"
    assert of_month(datetime.date(2027, 4, 1)) == "d’avril 2027"
    assert of_month(datetime.date(2026, 11, 1)) == "de novembre 2026"


def test_no_logbook_before_the_journey_starts(cohort: Any) -> None:
    with pytest.raises(ValidationError, match="Le parcours commence le 1er septembre 2026"):
        services.logbook_draft(journey=cohort.journey, month=datetime.date(2026, 8, 1))
    assert not LogbookIssue.objects.exists()


def test_the_month_under_way_lists_the_planned_sessions(cohort: Any) -> None:
    from django.utils import timezone

    from catalyse.codevelopment.models import Session

    soon = timezone.now() + datetime.timedelta(days=10)
    Session.objects.create(journey=cohort.journey, title="Séance n° 2", scheduled_at=soon, client_team=cohort.team)
    this_month = services.logbook_draft(journey=cohort.journey, month=timezone.localdate())
    october = services.logbook_draft(journey=cohort.journey, month=OCTOBER)

    assert "Prochaines séances de codéveloppement" in this_month.agenda
    assert "Séance n° 2 — Saint-Étienne" in this_month.agenda
    assert "Séance n° 2" not in october.agenda  # a past month does not know what was planned then


def test_months_are_written_the_english_way_in_english() -> None:
    from django.utils import translation

    from catalyse.logbooks.models import of_month

    with translation.override("en"):
        assert of_month(datetime.date(2026, 10, 1)) == "of October 2026"
