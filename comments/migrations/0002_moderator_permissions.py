"""Wagtail's Moderators and Editors groups moderate comments and mentions from the
start; Moderators also keep the comment settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Moderators": [
        "change_comment", "delete_comment", "change_mention", "delete_mention",
        "change_commentsettings",
    ],
    "Editors": ["change_comment", "delete_comment", "change_mention", "delete_mention"],
}  # fmt: skip


def grant(apps, schema_editor):
    # Permissions are otherwise created only after all migrations ran.
    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="comments", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
