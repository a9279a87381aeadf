"""Seed the discussion topics (the four axes of the 4th meeting of the network, and evaluation),
and give every existing person their network row (handle for mentions, directory search text)."""

from django.db import migrations

from catalyse.lib.text import fold, slugify_fr

TOPICS = [
    ("modeles-socio-economiques-hybrides", "Modèles socio-économiques hybrides"),
    ("impact-du-numerique", "Impact du numérique"),
    ("evolution-des-competences", "Évolution des compétences"),
    ("diversite-des-methodes-d-evaluation", "Diversité des méthodes d’évaluation"),
    ("evaluer-l-impact", "Évaluer l’impact"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("network", "Topic")
    for position, (slug, title) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"title": title, "position": position})

    User = apps.get_model("accounts", "User")
    Profile = apps.get_model("accounts", "Profile")
    Membership = apps.get_model("accounts", "Membership")
    NetworkMember = apps.get_model("network", "NetworkMember")
    taken = set(NetworkMember.objects.values_list("handle", flat=True))
    for user in User.objects.filter(is_active=True, erased_at__isnull=True).exclude(network_member__isnull=False):
        base = slugify_fr(f"{user.first_name} {user.last_name}")[:40].strip("-") or "membre"
        handle, index = base, 2
        while handle in taken:
            handle, index = f"{base}-{index}", index + 1
        taken.add(handle)
        parts = [user.first_name, user.last_name]
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            parts.append(profile.bio)
            parts += list(profile.skills.values_list("name", flat=True))
        parts += list(
            Membership.objects.filter(user=user, status="active").values_list("organisation__name", flat=True)
        )
        NetworkMember.objects.create(
            user=user, handle=handle, search_text=" ".join(fold(p) for p in parts if p)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("accounts", "0003_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
