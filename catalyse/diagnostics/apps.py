from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    name = "catalyse.diagnostics"
    verbose_name = _("Autodiagnostic territorial")

    def ready(self) -> None:
        from catalyse.diagnostics import personal_data
        from catalyse.lib.registry import PersonalDataExporter, registry

        registry.add_personal_data_exporter(
            PersonalDataExporter(key="autodiagnostic", export=personal_data.personal_data_export)
        )
