"""Tasks of the network: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from catalyse.network.digests import digests_send


@task()
def send_digests(frequency: str = "") -> dict[str, int]:
    """The digests that are due (a scheduler may enqueue this every hour: it is idempotent)."""
    return digests_send(frequency=frequency or None).as_dict()
