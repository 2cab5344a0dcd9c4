"""Query budgets of the shop's pages, flat in the size of the basket: the basket page
with five lines and the order button (issue 10's table)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.flows.checkout import (
    ADDRESS,
    WAIVER,
    add_to_basket,
    as_guest,
    choose_payment,
)

pytestmark = pytest.mark.django_db


def _fill(client, pks):
    for pk in pks:
        add_to_basket(client, pk)


def test_basket_with_five_lines(client, ids, django_assert_max_num_queries):
    _fill(client, (ids.pdf_product, ids.book, ids.ebook, ids.course, ids.series_pdf))
    client.get("/shop/basket/")
    with django_assert_max_num_queries(15):
        page = client.get("/shop/basket/")
    assert len(page.context["basket"].all_lines()) == 5


def _place(client, pks, address=None) -> int:
    _fill(client, pks)
    as_guest(client)
    if address:
        client.post("/shop/checkout/shipping-address/", address)
        code = client.get("/shop/checkout/shipping-method/").context["methods"][0]
        client.post(
            "/shop/checkout/shipping-method/", {"method_code": code["method"].code}
        )
    choose_payment(client)
    client.get("/shop/checkout/preview/")
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            "/shop/checkout/preview/", {"action": "place_order", **WAIVER}
        )
    assert response["Location"].endswith("/shop/checkout/thank-you/")
    # What the database is sent in production: the test's own transaction turns
    # each of the view's transactions into a savepoint, which a live site
    # does not send.
    return len(
        [
            query
            for query in captured.captured_queries
            if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
    )


def test_placing_an_order_costs_the_same_for_one_line_or_two(client, ids):
    from django.test import Client

    _place(Client(), [ids.ebook])  # the process's first payment looks up its types
    one = _place(client, [ids.series_pdf])
    two = _place(Client(), [ids.pdf_product, ids.series_pdf])
    assert two == one
    # Issue 26's budget for the order button: 40.
    assert one <= 40


def test_placing_a_mixed_order_with_five_lines_within_budget(client, ids):
    """Every kind at once (a shipped book, an e-book, a course, two PDFs): each
    kind's handler looks once, and the whole stays within the budget."""
    from django.test import Client

    _place(Client(), [ids.ebook])  # the process's first payment looks up its types
    count = _place(
        client,
        [ids.pdf_product, ids.book, ids.ebook, ids.course, ids.series_pdf],
        address=ADDRESS,
    )
    assert count <= 40
