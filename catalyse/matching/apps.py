from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "catalyse.matching"
    verbose_name = _("Besoins et offres")

    def ready(self) -> None:
        from catalyse.lib.registry import (
            DemoLoader,
            OrganisationBlock,
            PersonalDataEraser,
            PersonalDataExporter,
            TerritoryBlock,
            registry,
        )
        from catalyse.matching import demo, personal_data, signals  # noqa: F401 — signals connect on import
        from catalyse.matching.blocks import organisation_listings_context, territory_listings_context

        registry.add_territory_block(
            TerritoryBlock(
                key="matching",
                title=_("Besoins et offres des organisations"),  # type: ignore[arg-type]
                template="matching/territory_block.html",
                context=territory_listings_context,
                order=60,
            )
        )
        registry.add_organisation_block(
            OrganisationBlock(
                key="matching",
                title=_("Besoins et offres"),  # type: ignore[arg-type]
                template="matching/organisation_block.html",
                context=organisation_listings_context,
                order=60,
            )
        )
        registry.add_demo_loader(DemoLoader(key="matching", load=demo.demo_load, order=80))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="besoins_et_offres", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(
            PersonalDataEraser(key="besoins_et_offres", erase=personal_data.personal_data_erase)
        )
