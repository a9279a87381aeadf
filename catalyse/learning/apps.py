from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "catalyse.learning"
    verbose_name = _("Formations")

    def ready(self) -> None:
        from catalyse.learning import demo, personal_data
        from catalyse.learning.blocks import profile_courses_context
        from catalyse.learning.search_sync import register_search_source
        from catalyse.lib.registry import (
            DemoLoader,
            PersonalDataEraser,
            PersonalDataExporter,
            ProfileBlock,
            registry,
        )

        # After accounts (10) and resources (40), whose people and kit it links to; cohorts come after (55).
        registry.add_demo_loader(DemoLoader(key="learning", load=demo.demo_load, order=50))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="formations", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="formations", erase=personal_data.personal_data_erase))
        registry.add_profile_block(
            ProfileBlock(
                key="formations",
                title=_("Témoigne dans les formations"),  # type: ignore[arg-type]
                template="learning/profile_block.html",
                context=profile_courses_context,
                order=50,
            )
        )
        register_search_source()
