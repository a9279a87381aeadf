from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "catalyse.resources"
    verbose_name = _("Centre de ressources")

    def ready(self) -> None:
        from catalyse.lib.registry import (
            DemoLoader,
            PersonalDataEraser,
            PersonalDataExporter,
            TerritoryBlock,
            registry,
        )
        from catalyse.resources import demo, personal_data, search_sync
        from catalyse.resources.blocks import territory_resources_context

        registry.add_territory_block(
            TerritoryBlock(
                key="resources",
                title=_("Ressources du kit"),  # type: ignore[arg-type]
                template="resources/territory_block.html",
                context=territory_resources_context,
                order=20,
            )
        )
        registry.add_demo_loader(DemoLoader(key="resources", load=demo.demo_load, order=40))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="ressources", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="ressources", erase=personal_data.personal_data_erase))
        search_sync.register_search_source()
