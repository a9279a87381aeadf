"""Private spaces: threads scoped to a space (`Thread.space`, e.g. "cohort:12") are kept out of the network's
lists and open only to the people the space's owner lets in.

The network does not know the apps that own spaces (it sits below them): each registers, from its
AppConfig.ready(), who may read the spaces of its prefix. A space whose prefix nobody registered is closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# prefix -> can_read(user, key): the key is what follows "prefix:" in Thread.space
_READERS: dict[str, Callable[[Any, str], bool]] = {}


def space_register(prefix: str, can_read: Callable[[Any, str], bool]) -> None:
    _READERS[prefix] = can_read


def space_can_read(user: Any, space: str | None) -> bool:
    """Whether this person may read (and write in) the threads of this space; public threads (None): yes."""
    if not space:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    prefix, _sep, key = space.partition(":")
    reader = _READERS.get(prefix)
    return bool(reader and reader(user, key))
