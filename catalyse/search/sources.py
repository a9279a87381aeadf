"""What the registered search sources say about their documents: kinds and facet labels."""

from catalyse.lib.registry import registry
from catalyse.search.models import SearchDocument


def known_kinds() -> dict[str, str]:
    """kind → label, over every registered source."""
    kinds: dict[str, str] = {}
    for source in registry.search_sources:
        for kind, label in source.kinds.items():
            kinds.setdefault(kind, str(label))
    return kinds


def is_known_kind(kind: str) -> bool:
    if not kind or len(kind) > 40 or "\x00" in kind:
        return False
    # A source may index before it registers its kinds: what the index holds is known too.
    return kind in known_kinds() or SearchDocument.objects.filter(kind=kind).exists()


def facet_labels(name: str) -> dict[str, str]:
    """value → label for one facet, over every registered source."""
    if name == "kind":
        return known_kinds()
    labels: dict[str, str] = {}
    for source in registry.search_sources:
        for value, label in source.facet_labels.get(name, {}).items():
            labels.setdefault(value, str(label))
    return labels
