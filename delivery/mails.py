"""The mail that sends a guest's download links again."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from oscar.core.loading import get_model

from pagecache.routing import default_site

from . import links


def links_resend(*, email: str, number: str) -> bool:
    Order = get_model("order", "Order")
    order = Order.objects.filter(number=number.strip()).first()
    if order is None or order.email.lower() != email.strip().lower():
        return False
    site = default_site()
    context = {
        "order": order,
        "downloads": links.order_downloads(order),
        "site_url": site.root_url if site else "",
    }
    subject = " ".join(
        render_to_string("delivery/mail/links_subject.txt", context).split()
    )
    body = render_to_string("delivery/mail/links_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
    return True
