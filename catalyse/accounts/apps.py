from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "catalyse.accounts"
    verbose_name = _("Comptes et organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from catalyse.accounts import demo
        from catalyse.accounts.models import User
        from catalyse.accounts.signals import user_created
        from catalyse.lib.registry import DemoLoader, registry

        post_save.connect(user_created, sender=User, dispatch_uid="accounts_user_created")
        registry.add_demo_loader(DemoLoader(key="accounts", load=demo.demo_load, order=10))
