"""Platform roles as groups with their permissions (catalyse/accounts/roles.py reads them)."""

from django.db import migrations

# Copied from roles.GROUP_NAMES: a migration must not depend on code that may change.
GROUPS = {
    "member": "Membres",
    "catalyst": "Catalyseurs territoriaux",
    "facilitator": "Animateurs",
    "editor": "Éditeurs",
    "administrator": "Administrateurs",
}
ACCOUNTS_MODELS = ["user", "profile", "skill", "consentrecord", "organisation", "membership"]
PERMISSIONS = {
    "member": [],
    "catalyst": [],
    # Other apps grant editors their permissions in their own migrations.
    "editor": [],
    "facilitator": [
        "accounts.view_people_list",
        "accounts.view_user",
        "accounts.view_profile",
        "accounts.view_organisation",
        "accounts.view_membership",
    ],
    "administrator": [
        "accounts.view_people_list",
        *[f"accounts.{action}_{model}" for model in ACCOUNTS_MODELS for action in ("view", "add", "change", "delete")
          if (model, action) not in {("consentrecord", "add"), ("consentrecord", "change")}],
        "auth.view_group",
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations: create those we grant now.
    for app_label in ("auth", "accounts"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, name in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for dotted in PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profiles_organisations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
