from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "catalyse.partnerships"
    verbose_name = _("Partenariats et observatoire")

    def ready(self) -> None:
        from catalyse.lib.registry import DemoLoader, OrganisationBlock, TerritoryBlock, registry
        from catalyse.partnerships import demo, signals
        from catalyse.partnerships.blocks import organisation_partnerships_context, territory_partnerships_context

        signals.connect()
        registry.add_territory_block(
            TerritoryBlock(
                key="partnerships",
                title=_("Partenariats"),  # type: ignore[arg-type]
                template="partnerships/territory_block.html",
                context=territory_partnerships_context,
                order=50,
            )
        )
        registry.add_organisation_block(
            OrganisationBlock(
                key="partnerships",
                title=_("Partenariats"),  # type: ignore[arg-type]
                template="partnerships/organisation_block.html",
                context=organisation_partnerships_context,
                order=50,
            )
        )
        registry.add_demo_loader(DemoLoader(key="partnerships", load=demo.demo_load, order=70))
