from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "catalyse.cohorts"
    verbose_name = _("Cohortes")

    def ready(self) -> None:
        from catalyse.cohorts import demo, personal_data
        from catalyse.cohorts.discussions import SPACE_PREFIX, space_can_read
        from catalyse.lib.registry import DemoLoader, PersonalDataEraser, PersonalDataExporter, registry
        from catalyse.network.spaces import space_register

        space_register(SPACE_PREFIX, space_can_read)
        # After the learning loader (50: its courses) and the people of accounts (10) and the network (20).
        registry.add_demo_loader(DemoLoader(key="cohorts", load=demo.demo_load, order=55))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="cohortes", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="cohortes", erase=personal_data.personal_data_erase))
