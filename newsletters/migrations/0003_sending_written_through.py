from django.db import migrations, models
from django.db.models import Max


def started_sendings_are_written(apps, schema_editor):
    """A sending started before this change wrote all its readers at once: no
    range is left to write."""
    Sending = apps.get_model("newsletters", "Sending")
    Subscriber = apps.get_model("newsletters", "Subscriber")
    top = Subscriber.objects.aggregate(top=Max("pk"))["top"] or 0
    Sending.objects.exclude(html="").update(written_through=top)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0002_alter_recipient_state"),
    ]

    operations = [
        # db_default: a worker still running the previous release, which does not
        # know the column, can go on creating sendings during a deploy.
        migrations.AddField(
            model_name="sending",
            name="written_through",
            field=models.PositiveBigIntegerField(default=0, db_default=0, editable=False),
        ),
        migrations.RunPython(started_sendings_are_written, migrations.RunPython.noop),
    ]
