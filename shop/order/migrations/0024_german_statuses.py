"""Order and line statuses, and the "Paid" payment event, as a German shop names
them: Oscar shows the stored name everywhere in its dashboard (lists, filters,
the status form, the history), so the name itself is German. Readers see
`Order.status_label`, translated into their language."""

from django.db import migrations

NAMES = {
    "Pending payment": "Zahlung ausstehend",
    "Awaiting transfer": "Überweisung ausstehend",
    "Paid": "Bezahlt",
    "Shipped": "Versendet",
    "Cancelled": "Storniert",
    "Refunded": "Erstattet",
}
EVENTS = {"Paid": "Zahlung eingegangen"}


def rename(apps, names: dict, events: dict) -> None:
    Order = apps.get_model("order", "Order")
    Line = apps.get_model("order", "Line")
    OrderStatusChange = apps.get_model("order", "OrderStatusChange")
    PaymentEventType = apps.get_model("order", "PaymentEventType")
    for old, new in names.items():
        Order.objects.filter(status=old).update(status=new)
        Line.objects.filter(status=old).update(status=new)
        OrderStatusChange.objects.filter(old_status=old).update(old_status=new)
        OrderStatusChange.objects.filter(new_status=old).update(new_status=new)
    for old, new in events.items():
        if PaymentEventType.objects.filter(name=new).exists():
            continue
        # The code ("paid") stays: only the name is shown.
        PaymentEventType.objects.filter(name=old).update(name=new)


def forward(apps, schema_editor):
    rename(apps, NAMES, EVENTS)


def backward(apps, schema_editor):
    rename(
        apps,
        {new: old for old, new in NAMES.items()},
        {new: old for old, new in EVENTS.items()},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0023_line_page_revision_ids"),
        ("shop", "0004_payment_types"),
    ]

    operations = [migrations.RunPython(forward, backward)]
