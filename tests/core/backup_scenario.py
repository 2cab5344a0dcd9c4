"""Run inside `manage.py shell` of the demo a backup test works on (tests/core/
test_backup.py): a reader buys the article PDF, subscribes to the newsletter and
writes a comment, as on the site. Prints what the test checks after the restore."""

import json

from django.test import Client
from newsletter.models import Subscription
from oscar.core.loading import get_model

from blog.models import ArticlePage
from comments.models import Comment
from consent.models import ConsentRecord
from delivery.models import Grant
from newsletters.models import Subscriber
from tests.flows.checkout import guest_buys


def counts() -> dict:
    return {
        "orders": get_model("order", "Order").objects.count(),
        "grants": Grant.objects.count(),
        "subscribers": Subscriber.objects.count(),
        "subscriptions": Subscription.objects.filter(subscribed=True).count(),
        "comments": Comment.objects.count(),
        "consents": ConsentRecord.objects.count(),
    }


def scenario() -> dict:
    article = ArticlePage.objects.live().get(slug="der-erste-arbeitstag")
    reader = Client()
    product = get_model("catalogue", "Product").objects.get(page=article)
    guest_buys(reader, product.pk, email="sicherung@leser.example")
    thanks = reader.get("/shop/checkout/thank-you/").content.decode()
    start = thanks.index('href="/shop/downloads/') + len('href="')
    download = thanks[start : thanks.index('"', start)]
    order = get_model("order", "Order").objects.get(
        guest_email="sicherung@leser.example"
    )
    return {"download": download, "order": order.number, "counts": counts()}


def scenario_print() -> None:
    print("RESULT " + json.dumps(scenario()))  # noqa: T201 - read by the test


def counts_print() -> None:
    print("RESULT " + json.dumps(counts()))  # noqa: T201 - read by the test
