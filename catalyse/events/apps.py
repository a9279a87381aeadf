from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "catalyse.events"
    verbose_name = _("Événements")

    def ready(self) -> None:
        from catalyse.events import demo, personal_data
        from catalyse.events.blocks import territory_events_context
        from catalyse.lib.registry import (
            DemoLoader,
            PersonalDataEraser,
            PersonalDataExporter,
            TerritoryBlock,
            registry,
        )

        registry.add_territory_block(
            TerritoryBlock(
                key="events",
                title=_("Événements"),  # type: ignore[arg-type]
                template="events/territory_block.html",
                context=territory_events_context,
                order=30,
            )
        )
        registry.add_demo_loader(DemoLoader(key="events", load=demo.demo_load, order=60))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="evenements", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="evenements", erase=personal_data.personal_data_erase))
