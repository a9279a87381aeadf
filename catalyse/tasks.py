"""Tasks of the core: thin wrappers around plain functions."""

from typing import Any

from django_tasks import task

from catalyse.lib.mail import deliver


@task(queue_name="email")
def send_email(payload: dict[str, Any]) -> int:
    return deliver([payload])
