from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "catalyse.journeys"
    verbose_name = _("Parcours d’expérience")

    def ready(self) -> None:
        from catalyse.journeys import blocks, demo, personal_data
        from catalyse.lib.registry import (
            DemoLoader,
            PersonalDataEraser,
            PersonalDataExporter,
            ProfileBlock,
            TerritoryBlock,
            registry,
        )

        registry.add_territory_block(
            TerritoryBlock(
                key="journeys",
                title=_("Parcours d’expérience"),  # type: ignore[arg-type]
                template="journeys/territory_block.html",
                context=blocks.territory_journeys_context,
                order=35,
            )
        )
        registry.add_profile_block(
            ProfileBlock(
                key="journeys",
                title=_("Parcours d’expérience"),  # type: ignore[arg-type]
                template="journeys/profile_block.html",
                context=blocks.profile_teams_context,
                order=40,
            )
        )
        # After accounts (10), network, resources and events; codevelopment and logbooks come after (> 80).
        registry.add_demo_loader(DemoLoader(key="journeys", load=demo.demo_load, order=80))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="parcours", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="parcours", erase=personal_data.personal_data_erase))
