"""The sales report in the Wagtail admin: paid sales per month and product, as a
table and a chart, for staff with the permission."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.flows.checkout import guest_buys

pytestmark = pytest.mark.django_db


def test_report_lists_paid_sales_by_month_with_a_chart(
    client, admin_client, ids, django_capture_on_commit_callbacks
):
    buyer = Client()
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(buyer, ids.pdf_product)
        guest_buys(Client(), ids.pdf_product, email="zwei@test.example")
        guest_buys(Client(), ids.ebook, method="prepayment", email="drei@test.example")
    page = admin_client.get("/admin/reports/sales/")
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [(row.copies, str(row.revenue)) for row in rows] == [(2, "7.98")]
    html = page.content.decode()
    assert "<svg" in html and "7,98" in html
    assert "Der erste Tag im Team" in html  # the article the PDF is sold from


def test_report_needs_the_permission(ids, django_user_model):
    editor = django_user_model.objects.create_user(
        email="berichte@test.example", password="x"
    )
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/reports/sales/").status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="view_sales_report"))
    client.force_login(editor)
    assert client.get("/admin/reports/sales/?year=abc").status_code == 200
