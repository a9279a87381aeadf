"""Seeds the first version of the questionnaire: 15 questions, 5 per action, in the programme's vocabulary."""

from typing import Any

from django.db import migrations

QUESTIONS = {
    "animation": [
        "Un lieu ou un temps de dialogue réunit régulièrement les acteurs des quatre mondes "
        "(associations, entreprises, collectivités, citoyens et académiques) du territoire.",
        "Une personne ou une structure joue le rôle de catalyseur territorial, reconnue par les acteurs.",
        "Les acteurs disposent d’un diagnostic partagé des fragilités et des ressources du territoire.",
        "Les alliances existantes sont repérées, rendues visibles et valorisées.",
        "Les élus et les services de la collectivité soutiennent la co-construction territoriale.",
    ],
    "experimentation": [
        "Des projets d’innovation sociétale sont conçus à plusieurs, entre organisations de mondes différents.",
        "Les acteurs s’accordent sur des enjeux prioritaires sur lesquels expérimenter ensemble.",
        "Les expérimentations collectives disposent de moyens (temps, financement, compétences) dédiés.",
        "Les expérimentations sont évaluées et leurs enseignements partagés.",
        "Les expérimentations réussies sont essaimées ou changent d’échelle.",
    ],
    "accompagnement": [
        "Les organisations du territoire trouvent un appui pour construire un partenariat "
        "(méthode, outils, mise en relation).",
        "Les entreprises sont accompagnées dans leurs démarches de mécénat et de pratiques responsables.",
        "Les associations sont accompagnées pour nouer des alliances avec des entreprises et des collectivités.",
        "Les collectivités sont outillées pour favoriser les alliances sur leur territoire.",
        "Des formations ou des échanges de pratiques sur la co-construction sont proposés aux organisations.",
    ],
}


def seed(apps: Any, schema_editor: Any) -> None:
    Questionnaire = apps.get_model("diagnostics", "Questionnaire")
    Question = apps.get_model("diagnostics", "Question")
    questionnaire, _created = Questionnaire.objects.get_or_create(
        version=1, defaults={"title": "Autodiagnostic des alliances territoriales", "is_active": True}
    )
    order = 0
    for dimension, texts in QUESTIONS.items():
        for text in texts:
            order += 1
            Question.objects.get_or_create(
                questionnaire=questionnaire, order=order, defaults={"dimension": dimension, "text": text}
            )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("diagnostics", "Questionnaire").objects.filter(version=1, responses__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
