from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "catalyse.learning"
    verbose_name = _("Formations")

    def ready(self) -> None:
        from catalyse.learning import demo, personal_data
        from catalyse.learning.search_sync import register_search_source
        from catalyse.lib.registry import DemoLoader, PersonalDataEraser, PersonalDataExporter, registry

        # After accounts (10) and resources (40), whose people and kit it links to; cohorts come after (55).
        registry.add_demo_loader(DemoLoader(key="learning", load=demo.demo_load, order=50))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="formations", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="formations", erase=personal_data.personal_data_erase))
        register_search_source()
