"""The payment source and event types the providers record, created once here
rather than looked up or created on every payment."""

from django.db import migrations

SOURCE_TYPES = ["Stripe", "Vorkasse (Überweisung)", "Testzahlung", "Gutschein"]


def create_types(apps, schema_editor):
    SourceType = apps.get_model("payment", "SourceType")
    for name in SOURCE_TYPES:
        SourceType.objects.get_or_create(name=name)
    PaymentEventType = apps.get_model("order", "PaymentEventType")
    PaymentEventType.objects.get_or_create(name="Paid")


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0003_sales_report_permission"),
        ("payment", "0001_initial"),
        ("order", "0022_order_language_payment_method"),
    ]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
