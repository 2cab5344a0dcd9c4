# The publisher's settings moved to the `publisher` app (its table stays).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_bank_account_and_shop_legal_roles'),
        ('publisher', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PublisherSettings")],
            database_operations=[],
        ),
    ]
