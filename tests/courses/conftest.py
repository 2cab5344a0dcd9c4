"""A course of five lessons and a final lesson, sold at 19,99 €, and a helper that
buys it as a guest (the checkout a reader walks) with mails read from a real SMTP
sink."""

import re

import pytest
from oscar.core.loading import get_model

from courses.models import Enrolment
from tests import factories
from tests.flows.checkout import guest_buys
from tests.mailsink import body

Order = get_model("order", "Order")


@pytest.fixture
def course_product(db):
    return factories.product("E-Kurs: Führen lernen", "19.99", kind="e-kurs")


@pytest.fixture
def course(home_page, course_product):
    return factories.course_with_lessons(
        home_page, slug="fuehren-lernen", lessons=5, product=course_product
    )


@pytest.fixture
def buy(client, django_capture_on_commit_callbacks):
    def buy(product, email: str = "kursleser@test.example", browser=None) -> Enrolment:
        with django_capture_on_commit_callbacks(execute=True):
            guest_buys(browser or client, product.pk, email=email)
        order = Order.objects.get(guest_email=email)
        assert order.status == Order.PAID
        return Enrolment.objects.get(line__order=order)

    return buy


def links(message) -> dict[str, str]:
    """The course links of a lesson mail (text part), by kind."""
    text = body(message, "plain")
    found = {}
    for kind in ("lektion", "verwalten", "abbestellen"):
        match = re.search(rf"https?://\S+/kurse/{kind}/[^/\s]+/", text)
        if match:
            found[kind] = match.group(0)
    return found


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def lesson_mails(inbox) -> list:
    """The lesson mails among what the sink received (the shop's mails go there
    too)."""
    return [m for m in inbox.parsed() if "course-" in str(m.get("List-Id", ""))]
