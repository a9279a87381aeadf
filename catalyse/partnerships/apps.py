from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "catalyse.partnerships"
    verbose_name = _("Partenariats et observatoire")

    def ready(self) -> None:
        from catalyse.lib.registry import DemoLoader, TerritoryBlock, registry
        from catalyse.partnerships import demo, signals
        from catalyse.partnerships.blocks import territory_partnerships_context

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
        registry.add_demo_loader(DemoLoader(key="partnerships", load=demo.demo_load, order=70))
