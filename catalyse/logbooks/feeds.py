"""Atom feed of a journey's published carnets de bord."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from catalyse.journeys.models import Journey
from catalyse.journeys.services import get_journey_for_user
from catalyse.logbooks.models import LogbookIssue
from catalyse.logbooks.services import issue_sections_html

FEED_SIZE = 24


class JourneyLogbookFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, journey_slug: str) -> Journey:
        return get_journey_for_user(request, journey_slug)

    def title(self, journey: Journey) -> str:
        return _("Carnets de bord — %(title)s") % {"title": journey.title}

    def subtitle(self, journey: Journey) -> str:
        return _("Chaque mois, les enjeux, pratiques et illustrations du parcours d’expérience « %(title)s ».") % {
            "title": journey.title
        }

    def link(self, journey: Journey) -> str:
        return reverse("logbooks:archive", kwargs={"journey_slug": journey.slug})

    def feed_url(self, journey: Journey) -> str:
        return reverse("logbooks:feed", kwargs={"journey_slug": journey.slug})

    def items(self, journey: Journey) -> Any:
        return (
            LogbookIssue.objects.published()
            .filter(journey=journey)
            .select_related("journey", "published_by")
            .order_by("-month")[:FEED_SIZE]
        )

    def item_title(self, item: LogbookIssue) -> str:
        return item.title

    def item_description(self, item: LogbookIssue) -> str:
        return "".join(f"<h2>{escape(title)}</h2>{html}" for _name, title, html in issue_sections_html(item))

    def item_link(self, item: LogbookIssue) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: LogbookIssue) -> str:
        return f"tag:catalyse,2026:carnet-de-bord:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: LogbookIssue) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: LogbookIssue) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: LogbookIssue) -> str:
        return _("Les animateurs du parcours")
