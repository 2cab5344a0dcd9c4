"""Wagtail's Moderators and Editors see the eCourses' enrolments from the start
(Wagtail admin → eCourses)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Moderators", "Editors"]


def grant(apps, schema_editor):
    # Permissions are otherwise created only after all migrations ran.
    config = apps.get_app_config("courses")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="courses", codename="view_course_reports"
    ).first()
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_courses"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
