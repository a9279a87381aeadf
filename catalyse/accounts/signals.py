"""Every account gets its profile, however it was created (sign-up, admin, shell, tests)."""

from typing import Any

from catalyse.accounts.models import User


def user_created(sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        from catalyse.accounts.services import profile_create

        profile_create(user=instance)
