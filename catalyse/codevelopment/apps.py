from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodevelopmentConfig(AppConfig):
    name = "catalyse.codevelopment"
    verbose_name = _("Codéveloppement")

    def ready(self) -> None:
        from catalyse.codevelopment import demo, personal_data, services
        from catalyse.journeys.services import journey_link_register, progress_counter_register
        from catalyse.lib.registry import DemoLoader, PersonalDataEraser, PersonalDataExporter, registry

        # After the journeys' loader (80), which makes the demo journey; before the logbooks (95), which read us.
        registry.add_demo_loader(DemoLoader(key="codevelopment", load=demo.demo_load, order=85))
        progress_counter_register(
            key="codev", label=_("Séances de codéveloppement"), count=services.sessions_held_by_team, order=50
        )
        journey_link_register(
            key="codev", label=_("Séances de codéveloppement"), url=services.journey_link_url, order=10
        )
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="codeveloppement", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(
            PersonalDataEraser(key="codeveloppement", erase=personal_data.personal_data_erase)
        )
