"""Registries that domain apps fill from their AppConfig.ready(), so that the core
never imports a domain app by name (as healthchecks lists its integrations in one place)."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class TerritoryBlock:
    """A block of a territory page: what an app holds in a territory."""

    key: str
    title: str
    template: str
    # context(territory, request) -> dict for the template, or None to hide the block
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    key: str
    load: Callable[[], dict[str, int]]
    order: int = 100


@dataclass(frozen=True)
class PersonalDataExporter:
    """What an app holds about a person, for their GDPR download (a JSON-serialisable value)."""

    key: str
    export: Callable[[Any], Any]  # export(user) -> JSON-serialisable


@dataclass(frozen=True)
class PersonalDataEraser:
    """Erases (or anonymises) what an app holds about a person, before their account is anonymised."""

    key: str
    erase: Callable[[Any], None]  # erase(user)
    order: int = 100


@dataclass(frozen=True)
class SearchEntry:
    """One document a search source gives to the site-wide index (see catalyse.search.services)."""

    key: str
    title: str
    body: str
    url: str
    kind: str
    summary: str = ""
    # themes, forms, objective, audiences, territories (LEVEL:CODE refs, parents included), year
    facets: dict[str, Any] | None = None
    published_at: Any = None  # datetime or None
    boost: float = 1.0


@dataclass(frozen=True)
class SearchSource:
    """A kind of content the site-wide search indexes: the resource centre first, other apps later."""

    key: str  # the `type` of its results in the API, e.g. "resource"
    label: str | Promise
    iter_documents: Callable[[], Iterable[SearchEntry]]  # everything that should be searchable now
    kinds: Mapping[str, str | Promise] = field(default_factory=dict)  # kind -> label
    facet_labels: Mapping[str, Mapping[str, str | Promise]] = field(default_factory=dict)  # facet -> value -> label
    order: int = 100


@dataclass(frozen=True)
class ProfileBlock:
    """A block of a member's public page (/membres/<id>/): what an app offers about or with that person."""

    key: str
    title: str
    template: str
    # context(person, request) -> dict for the template, or None to hide the block
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class OrganisationBlock:
    """A block of an organisation's page (/organisations/<slug>/): what an app holds with that organisation.

    Register it from your AppConfig.ready() with `registry.add_organisation_block(...)`. The page calls
    `context(organisation, request)` for each block, in `order`: return None to hide the block (nothing
    to show, or not for this person), or a dict for `template`, which also gets `organisation`. The page
    puts the block in a section headed by `title`: the template starts below that heading (h3 at most).
    Keep it small (a few items and a link to the app's own page) and its queries few."""

    key: str
    title: str
    template: str
    # context(organisation, request) -> dict for the template, or None to hide the block
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass
class Registry:
    territory_blocks: list[TerritoryBlock] = field(default_factory=list)
    demo_loaders: list[DemoLoader] = field(default_factory=list)
    personal_data_exporters: list[PersonalDataExporter] = field(default_factory=list)
    personal_data_erasers: list[PersonalDataEraser] = field(default_factory=list)
    search_sources: list[SearchSource] = field(default_factory=list)
    profile_blocks: list[ProfileBlock] = field(default_factory=list)
    organisation_blocks: list[OrganisationBlock] = field(default_factory=list)

    def add_territory_block(self, block: TerritoryBlock) -> None:
        self.territory_blocks = sorted(
            [b for b in self.territory_blocks if b.key != block.key] + [block], key=lambda b: b.order
        )

    def add_demo_loader(self, loader: DemoLoader) -> None:
        self.demo_loaders = sorted(
            [item for item in self.demo_loaders if item.key != loader.key] + [loader], key=lambda b: b.order
        )

    def add_personal_data_exporter(self, exporter: PersonalDataExporter) -> None:
        self.personal_data_exporters = [e for e in self.personal_data_exporters if e.key != exporter.key] + [exporter]

    def add_personal_data_eraser(self, eraser: PersonalDataEraser) -> None:
        self.personal_data_erasers = sorted(
            [e for e in self.personal_data_erasers if e.key != eraser.key] + [eraser], key=lambda e: e.order
        )

    def add_search_source(self, source: SearchSource) -> None:
        self.search_sources = sorted(
            [s for s in self.search_sources if s.key != source.key] + [source], key=lambda s: s.order
        )

    def add_profile_block(self, block: ProfileBlock) -> None:
        self.profile_blocks = sorted(
            [b for b in self.profile_blocks if b.key != block.key] + [block], key=lambda b: b.order
        )

    def add_organisation_block(self, block: OrganisationBlock) -> None:
        self.organisation_blocks = sorted(
            [b for b in self.organisation_blocks if b.key != block.key] + [block], key=lambda b: b.order
        )


registry = Registry()
