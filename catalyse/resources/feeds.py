"""Atom feeds of new resources: all of them, and one per kind."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from catalyse.resources.choices import KIND_PLURALS, Kind
from catalyse.resources.models import Resource

FEED_SIZE = 30


class NewResourcesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, kind: str = "") -> str:
        if kind and kind not in Kind.values:
            raise Http404
        return kind

    def title(self, kind: str) -> str:
        if kind:
            return _("Catalyse — nouvelles ressources : %(kind)s") % {"kind": KIND_PLURALS[Kind(kind)]}
        return _("Catalyse — nouvelles ressources du kit")

    def subtitle(self, kind: str) -> str:
        return _("Les dernières ressources publiées dans le kit ouvert de la co-construction territoriale.")

    def link(self, kind: str) -> str:
        url = reverse("resources:resource-list")
        return f"{url}?nature={kind}" if kind else url

    def feed_url(self, kind: str) -> str:
        if kind:
            return reverse("resources:feed-kind", kwargs={"kind": kind})
        return reverse("resources:feed")

    def items(self, kind: str) -> Any:
        queryset = Resource.objects.published().select_related("territory").prefetch_related("authors")
        if kind:
            queryset = queryset.filter(kind=kind)
        return queryset.order_by("-published", "-id")[:FEED_SIZE]

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        return item.summary

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Resource) -> str:
        return f"tag:catalyse,2026:ressource:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Resource) -> datetime.datetime | None:
        if not item.published:
            return None
        return timezone.make_aware(datetime.datetime.combine(item.published, datetime.time(9, 0)))

    def item_updateddate(self, item: Resource) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Resource) -> list[str]:
        return [str(Kind(item.kind).label), *item.theme_labels()]

    def item_author_name(self, item: Resource) -> str:
        names = [a.get_full_name() for a in item.authors.all() if a.get_full_name()]
        return ", ".join(names) or "Catalyse"
