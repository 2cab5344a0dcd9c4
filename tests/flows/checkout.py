"""The checkout as a reader without JavaScript walks it: plain form posts, following
redirects, reading what each page says. Shared by the shop, delivery, courses,
newsletter and backup tests."""

from oscar.core.loading import get_model

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

WAIVER = {"early_delivery": "on", "waiver": "on"}
ADDRESS = {
    "first_name": "Lena",
    "last_name": "Sommer",
    "line1": "Gartenweg 3",
    "line2": "",
    "postcode": "04109",
    "line4": "Leipzig",
    "country": "DE",
}


def add_to_basket(client, product_pk: int, quantity: int = 1):
    product = Product.objects.get(pk=product_pk)
    return client.post(
        f"/shop/basket/add/{product.pk}/",
        {"quantity": quantity},
        HTTP_REFERER=product.get_absolute_url(),
    )


def as_guest(client, email: str = "leser@test.example"):
    return client.post(
        "/shop/checkout/", {"username": email, "options": "anonymous", "password": ""}
    )


def choose_payment(client, method: str = "test"):
    return client.post("/shop/checkout/payment-method/", {"method": method})


def place_order(client, **extra):
    data = {"action": "place_order", **extra}
    return client.post("/shop/checkout/preview/", data)


def guest_buys(
    client,
    *product_pks: int,
    method: str = "test",
    email: str = "leser@test.example",
    address: dict | None = None,
    waiver: bool = True,
):
    """The whole purchase; returns the response of the order button."""
    for pk in product_pks:
        add_to_basket(client, pk)
    as_guest(client, email)
    if address is not None:
        client.post("/shop/checkout/shipping-address/", address)
        page = client.get("/shop/checkout/shipping-method/")
        code = page.context["methods"][0]["method"].code
        client.post("/shop/checkout/shipping-method/", {"method_code": code})
    choose_payment(client, method)
    return place_order(client, **(WAIVER if waiver else {}))
