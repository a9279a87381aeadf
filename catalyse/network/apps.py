from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "catalyse.network"
    verbose_name = _("Réseau des catalyseurs")

    def ready(self) -> None:
        from catalyse.lib.registry import (
            DemoLoader,
            PersonalDataEraser,
            PersonalDataExporter,
            ProfileBlock,
            TerritoryBlock,
            registry,
        )
        from catalyse.network import blocks, demo, personal_data, signals

        signals.connect()
        registry.add_demo_loader(DemoLoader(key="network", load=demo.demo_load, order=20))
        registry.add_personal_data_exporter(
            PersonalDataExporter(key="reseau", export=personal_data.personal_data_export)
        )
        registry.add_personal_data_eraser(PersonalDataEraser(key="reseau", erase=personal_data.personal_data_erase))
        registry.add_profile_block(
            ProfileBlock(
                key="contact",
                title=_("Écrire un message"),  # type: ignore[arg-type]
                template="network/includes/profile_block.html",
                context=blocks.profile_contact_context,
                order=10,
            )
        )
        registry.add_territory_block(
            TerritoryBlock(
                key="network",
                title=_("Membres du réseau"),  # type: ignore[arg-type]
                template="network/territory_block.html",
                context=blocks.territory_members_context,
                order=30,
            )
        )
