"""Tasks waiting in the database queue under the module paths of the old layout are
pointed at the modules that now hold them, so a queue left by a deploy runs on."""

from django.db import migrations

MOVED = {
    "home.renditions.renditions_generate": "images.renditions.renditions_generate",
    "home.tasks.licence_expiry_reminder": "images.tasks.licence_expiry_reminder",
    "home.tasks.frontend_cache_purge": "pagecache.tasks.frontend_cache_purge",
    "home.tasks.search_index_refresh": "sitesearch.tasks.search_index_refresh",
}


def move(apps, schema_editor, moves=MOVED):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        DBTaskResult.objects.filter(task_path=old, status="READY").update(
            task_path=new
        )


def move_back(apps, schema_editor):
    move(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]

    operations = [migrations.RunPython(move, move_back)]
