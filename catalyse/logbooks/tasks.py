"""Tasks of the carnets de bord: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from catalyse.logbooks.services import logbook_deliver


@task()
def send_logbook_issue(issue_id: int) -> dict[str, int]:
    """Email a published issue to its subscribers; safe to run twice or from several workers."""
    return logbook_deliver(issue_id=issue_id)
