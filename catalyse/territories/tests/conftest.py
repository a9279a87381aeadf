from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from catalyse.territories.services import territories_load

# Six départements (~1,500 communes): Loire, Rhône (Lyon and its arrondissements), Bouches-du-Rhône
# (Marseille), Paris, Nord, Corse-du-Sud. Loaded in about a quarter of a second.
SUBSET = ["42", "69", "13", "75", "59", "2A"]


@pytest.fixture(scope="module")
def _module_territories(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    """The subset loaded once per test module, in a transaction rolled back after the module.

    Each test runs in a savepoint inside it (pytest-django's own atomic block nests), so what a test
    writes is undone after it while the territories stay. Not for `transactional_db` tests."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield territories_load(departements=SUBSET)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def territories(_module_territories: dict[str, int], db: Any) -> dict[str, int]:
    return _module_territories
