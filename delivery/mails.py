"""The mail that sends a guest's download links again."""

from oscar.core.loading import get_model

from mail.compose import Kind, message_build

from . import links


def links_resend(*, email: str, number: str) -> bool:
    Order = get_model("order", "Order")
    order = Order.objects.filter(number=number.strip()).first()
    if order is None or order.email.lower() != email.strip().lower():
        return False
    downloads = links.order_downloads(order)
    message_build(
        template="delivery/mail/links",
        to=order.email,
        kind=Kind.ORDER,
        language=order.language,
        context={
            "order": order,
            "downloads": downloads,
            "closed": any(not item["open"] for item in downloads),
        },
    ).send()
    return True
