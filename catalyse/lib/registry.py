"""Registries that domain apps fill from their AppConfig.ready(), so that the core
never imports a domain app by name (as healthchecks lists its integrations in one place)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


@dataclass
class Registry:
    territory_blocks: list[TerritoryBlock] = field(default_factory=list)
    demo_loaders: list[DemoLoader] = field(default_factory=list)

    def add_territory_block(self, block: TerritoryBlock) -> None:
        self.territory_blocks = sorted(
            [b for b in self.territory_blocks if b.key != block.key] + [block], key=lambda b: b.order
        )

    def add_demo_loader(self, loader: DemoLoader) -> None:
        self.demo_loaders = sorted(
            [item for item in self.demo_loaders if item.key != loader.key] + [loader], key=lambda b: b.order
        )


registry = Registry()
