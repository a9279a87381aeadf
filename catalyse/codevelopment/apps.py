from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodevelopmentConfig(AppConfig):
    name = "catalyse.codevelopment"
    verbose_name = _("Codéveloppement")
