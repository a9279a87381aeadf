"""The vocabularies of the kit: keys are part of the import format (contracts.md), labels come from the programme."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CADRE = "cadre", _("Cadre de référence")
    ILLUSTRATION = "illustration", _("Illustration")
    METHODE = "methode", _("Méthode")
    OUTIL = "outil", _("Boîte à outils")


KIND_DESCRIPTIONS = {
    Kind.CADRE: _("Comprendre les enjeux de la co-construction en territoire et le cadre de réflexion proposé."),
    Kind.ILLUSTRATION: _("Des cas concrets qui montrent la diversité des formes de co-construction territoriale."),
    Kind.METHODE: _("Les éléments qui permettent aux acteurs d’animer une dynamique de co-construction."),
    Kind.OUTIL: _("Les outils nécessaires à la mise en pratique : grilles, trames, modèles."),
}

# Plural labels, for headings and feeds.
KIND_PLURALS = {
    Kind.CADRE: _("Cadres de référence"),
    Kind.ILLUSTRATION: _("Illustrations"),
    Kind.METHODE: _("Méthodes"),
    Kind.OUTIL: _("Boîte à outils"),
}


class Objective(models.TextChoices):
    COMPRENDRE = "comprendre", _("Comprendre et s’outiller pour initier")
    S_APPROPRIER = "s_approprier", _("S’approprier les meilleures pratiques")
    INNOVER = "innover", _("Innover et changer d’échelle")


OBJECTIVE_DESCRIPTIONS = {
    Objective.COMPRENDRE: _(
        "Comprendre les enjeux, identifier les solutions existantes et s’outiller pour initier une démarche "
        "de co-construction territoriale."
    ),
    Objective.S_APPROPRIER: _("S’approprier les meilleures pratiques et optimiser l’impact des actions engagées."),
    Objective.INNOVER: _("Innover et faire changer d’échelle ses projets de co-construction territoriale."),
}


class Theme(models.TextChoices):
    ECONOMIQUE = "economique", _("Économique")
    SOCIAL = "social", _("Social")
    ENVIRONNEMENTAL = "environnemental", _("Environnemental")
    SOCIETAL = "societal", _("Sociétal")


class ActionForm(models.TextChoices):
    ANIMATION = "animation", _("Animation du territoire")
    EXPERIMENTATION = "experimentation", _("Expérimentation collective")
    ACCOMPAGNEMENT = "accompagnement", _("Accompagnement des organisations")


# The worlds the programme brings together (same keys as accounts' World).
class Audience(models.TextChoices):
    COLLECTIVITE = "collectivite", _("Collectivités territoriales")
    ASSOCIATION = "association", _("Associations")
    ENTREPRISE = "entreprise", _("Entreprises")
    ACADEMIQUE = "academique", _("Monde académique")
    ACTEUR_PUBLIC = "acteur_public", _("Acteurs publics")
    CITOYEN = "citoyen", _("Citoyens")


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Proposée, en relecture")
    CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")


DEFAULT_LICENSE = "CC-BY-SA-4.0"

# SPDX identifiers accepted for a resource: label and the licence's address.
LICENSES: dict[str, tuple[str, str]] = {
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
    "CC-BY-NC-SA-4.0": ("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"),
    "CC-BY-NC-4.0": ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/deed.fr"),
    "CC-BY-ND-4.0": ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/deed.fr"),
    "CC-BY-NC-ND-4.0": ("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr"),
    "CC0-1.0": ("CC0 1.0 (domaine public)", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
    "etalab-2.0": ("Licence Ouverte 2.0 (Etalab)", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "ODbL-1.0": ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "GFDL-1.3-or-later": ("GNU FDL 1.3", "https://www.gnu.org/licenses/fdl-1.3.html"),
    "LicenseRef-tous-droits-reserves": ("Tous droits réservés", ""),
}
LICENSE_CHOICES = [(key, label) for key, (label, _url) in LICENSES.items()]


def labels(choices: type[models.TextChoices], keys: list[str]) -> list[str]:
    """Labels of the known keys, in the vocabulary's order."""
    return [str(label) for value, label in choices.choices if value in keys]
