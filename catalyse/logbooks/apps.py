from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbooksConfig(AppConfig):
    name = "catalyse.logbooks"
    verbose_name = _("Carnets de bord")

    def ready(self) -> None:
        from catalyse.journeys.services import journey_link_register
        from catalyse.lib.registry import DemoLoader, PersonalDataEraser, PersonalDataExporter, registry
        from catalyse.logbooks import demo, personal_data, services

        # After the journeys and co-development loaders: the demo journey and its sessions must exist.
        registry.add_demo_loader(DemoLoader(key="logbooks", load=demo.demo_load, order=95))
        journey_link_register(key="carnets", label=_("Carnets de bord"), url=services.journey_link_url, order=20)
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="carnets_de_bord", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(
            PersonalDataEraser(key="carnets_de_bord", erase=personal_data.personal_data_erase)
        )
