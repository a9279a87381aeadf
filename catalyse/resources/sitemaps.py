from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap

from catalyse.resources.models import Collection, Resource


class ResourceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 10_000

    def items(self) -> Any:
        return Resource.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, item: Resource) -> datetime.datetime:
        return item.updated_at


class CollectionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> Any:
        return Collection.objects.published().order_by("id")
