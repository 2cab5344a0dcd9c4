import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """A version points at its page as a Wagtail page, not as the home app's
    StandardPage: the consent app sits below home and knows no page type. The ids
    are the same; only the foreign key's target table changes."""

    dependencies = [
        ('consent', '0001_initial'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='policyversion',
            name='page',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='policy_versions', to=settings.WAGTAIL_PAGE_MODEL),
        ),
    ]
