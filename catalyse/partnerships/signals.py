"""An organisation that changes type, or goes away, moves the counts of its partnerships."""

from typing import Any

from django.db.models.signals import post_save, pre_delete, pre_save

from catalyse.accounts.models import Organisation

_OLD_TYPE = "_partnerships_old_org_type"


def _remember_type(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    if instance.pk and not kwargs.get("raw"):
        old = Organisation.objects.filter(pk=instance.pk).values_list("org_type", flat=True).first()
        setattr(instance, _OLD_TYPE, old)


def _follow_type(sender: Any, instance: Organisation, created: bool, **kwargs: Any) -> None:
    old = getattr(instance, _OLD_TYPE, None)
    if not created and old is not None and old != instance.org_type:
        from catalyse.partnerships.services import partnerships_follow_organisation

        partnerships_follow_organisation(organisation_id=instance.pk)


def _follow_removal(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    from catalyse.partnerships.services import partnerships_follow_organisation

    partnerships_follow_organisation(organisation_id=instance.pk, removed=True)


def connect() -> None:
    pre_save.connect(_remember_type, sender=Organisation, dispatch_uid="partnerships_remember_type")
    post_save.connect(_follow_type, sender=Organisation, dispatch_uid="partnerships_follow_type")
    pre_delete.connect(_follow_removal, sender=Organisation, dispatch_uid="partnerships_follow_removal")
