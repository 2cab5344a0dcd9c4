"""When a download ends (used up, expired, refunded): the reader is told what
happened, for which order, and whom to ask; links sent again leave out the ended
ones; and a shop manager gives a fresh allowance from the order, recorded."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model
from pypdf import PdfReader

from delivery import services
from delivery.links import grant_path
from delivery.models import Grant, Renewal
from tests.flows.checkout import (
    ADDRESS,
    WAIVER,
    add_to_basket,
    choose_payment,
    guest_buys,
    place_order,
)

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
User = get_user_model()

pytestmark = pytest.mark.django_db
CONTACT = "kontakt@lindenblatt.example"  # the publisher's address in tests.world


@pytest.fixture
def used_up(client, ids, django_capture_on_commit_callbacks):
    """A guest's PDF whose one download is used."""
    Product.objects.filter(pk=ids.pdf_product).update(download_limit=1)
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    grant = Grant.objects.get(line__product_id=ids.pdf_product)
    assert client.get(grant_path(grant)).status_code == 200
    return grant


@pytest.fixture
def staff_client(admin_user):
    staff = Client()
    staff.force_login(admin_user)
    return staff


def test_used_up_download_names_the_order_and_the_publishers_address(used_up):
    response = Client().get(grant_path(used_up))
    html = response.content.decode()
    assert response.status_code == 410
    assert "Download dieses Kaufs ist verbraucht" in html
    assert used_up.line.order.number in html and used_up.line.title in html
    assert f'href="mailto:{CONTACT}"' in html
    assert "neue Downloads frei" in html
    assert "Schreiben Sie uns, oder" not in html  # the old page named no address


def test_refunded_download_says_so_and_offers_no_renewal(client, used_up):
    services.grants_revoke(order=used_up.line.order)
    html = client.get(grant_path(used_up)).content.decode()
    assert "storniert oder erstattet" in html
    assert "neue Downloads frei" not in html


def test_links_sent_again_leave_out_an_ended_download_and_say_whom_to_ask(used_up):
    order = used_up.line.order
    mail.outbox.clear()
    Client().post(
        "/shop/downloads/links/", {"email": order.email, "number": order.number}
    )
    [message] = mail.outbox
    assert grant_path(used_up) not in message.body  # the link that no longer works
    assert "aufgebraucht oder abgelaufen" in message.body
    assert CONTACT in message.body and order.number in message.body


def test_shop_manager_gives_a_fresh_allowance_which_is_recorded(
    staff_client, used_up, admin_user
):
    order = used_up.line.order
    page = staff_client.get(f"/shop/dashboard/orders/{order.number}/")
    html = page.content.decode()
    assert "Neues Download-Kontingent gewähren" in html
    assert "1 von 1" in html and "Aufgebraucht" in html

    answer = staff_client.post(
        f"/shop/downloads/staff/renew/{used_up.pk}/", follow=True
    )
    assert "kann noch 1-mal heruntergeladen werden" in answer.content.decode()
    renewal = Renewal.objects.get(grant=used_up)
    assert renewal.renewed_by == admin_user and renewal.downloads_used_before == 1
    # The reader's old link works again, once more.
    assert Client().get(grant_path(used_up)).status_code == 200
    assert Client().get(grant_path(used_up)).status_code == 410
    html = staff_client.get(f"/shop/dashboard/orders/{order.number}/").content.decode()
    assert "2 von 2" in html  # both downloads stay counted


def test_renewal_is_refused_for_a_refunded_order_and_for_readers(
    client, staff_client, used_up
):
    reader = Client()
    reader.force_login(
        User.objects.create_user(email="leserin@test.example", password="x" * 20)
    )
    assert reader.post(f"/shop/downloads/staff/renew/{used_up.pk}/").status_code == 403
    assert (
        staff_client.get(f"/shop/downloads/staff/renew/{used_up.pk}/").status_code
        == 405
    )

    services.grants_revoke(order=used_up.line.order)
    answer = staff_client.post(
        f"/shop/downloads/staff/renew/{used_up.pk}/", follow=True
    )
    assert "bleiben gesperrt" in answer.content.decode()
    assert not Renewal.objects.filter(grant=used_up).exists()
    assert client.get(grant_path(used_up)).status_code == 410


def _stamp(client, grant) -> str:
    data = b"".join(client.get(grant_path(grant)).streaming_content)
    return PdfReader(io.BytesIO(data)).pages[0].extract_text().replace("\xa0", " ")


def test_stamp_carries_name_and_address_for_a_guest_who_gave_a_name(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product, ids.book, address=ADDRESS)
    grant = Grant.objects.get(line__product_id=ids.pdf_product)
    text = _stamp(client, grant)
    name = f"{ADDRESS['first_name']} {ADDRESS['last_name']}"
    assert f"{name} (leser@test.example)" in text


def test_stamp_carries_name_and_address_for_an_account(
    ids, django_capture_on_commit_callbacks
):
    buyer = User.objects.create_user(
        email="konto@test.example", password="x" * 20, first_name="Jana",
        last_name="Körber",
    )  # fmt: skip
    client = Client()
    client.force_login(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, ids.pdf_product)
        client.get("/shop/checkout/")
        choose_payment(client, "test")
        place_order(client, **WAIVER)
    grant = Grant.objects.get(line__order__user=buyer)
    assert "Jana Körber (konto@test.example)" in _stamp(client, grant)
