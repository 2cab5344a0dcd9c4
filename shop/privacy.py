"""The shop's part in GDPR requests (found by `privacy.registry`): orders, baskets,
addresses, stock alerts and reviews of an e-mail address, a guest's included.

Orders are kept: invoices and their corrections for eight years from the end of
the year of issue (§ 14b UStG, § 147(3) AO as amended from 2025; the models refuse
deletion before then, `shop.models.RetainedUntil`), the orders they belong to with
them, and copies of the shop's mails to the customer as business letters for six
years (§ 257 HGB); erasure reports each as kept, with the reason and the date.
Baskets, addresses, alerts, reviews, wish lists, notifications and the shop's
per-account statistics are erased."""

from django.db.models import Q
from oscar.core.loading import get_model

from shop.models import Invoice, InvoiceCorrection, retention_end

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
UserAddress = get_model("address", "UserAddress")
ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")
WishList = get_model("wishlists", "WishList")
Email = get_model("communication", "Email")
Notification = get_model("communication", "Notification")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")
UserSearch = get_model("analytics", "UserSearch")

RETENTION_REASON = (
    "eight years from the end of the year of issue, by § 14b UStG and § 147(3) AO "
    "(as amended from 2025)"
)
LETTERS_REASON = "six years as business letters by § 257 HGB"


def _orders(email: str):
    return Order.objects.filter(
        Q(guest_email__iexact=email) | Q(user__email__iexact=email)
    )


def _baskets(email: str):
    """The person's own baskets and the baskets a guest's orders were placed from."""
    return Basket.objects.filter(
        Q(owner__email__iexact=email) | Q(order__guest_email__iexact=email)
    ).distinct()


def _emails(email: str):
    """Copies of the mails the shop sent (order confirmations and the like)."""
    return Email.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email))


def _address(address) -> dict | None:
    if address is None:
        return None
    return {"name": address.name, "lines": address.active_address_fields()}


def export_personal_data(email: str) -> dict:
    orders = _orders(email).select_related("shipping_address", "billing_address")
    data = {
        "orders": [
            {
                "number": order.number,
                "placed": order.date_placed,
                "status": order.status,
                "total_incl_tax": order.total_incl_tax,
                "currency": order.currency,
                "email": order.email,
                "shipping_address": _address(order.shipping_address),
                "billing_address": _address(order.billing_address),
                "lines": [
                    {
                        "title": line.title,
                        "quantity": line.quantity,
                        "price_incl_tax": line.line_price_incl_tax,
                    }
                    for line in order.lines.all()
                ],
            }
            for order in orders.prefetch_related("lines")
        ],
        "baskets": [
            {
                "status": basket.status,
                "created": basket.date_created,
                "lines": [
                    {"product": line.product.get_title(), "quantity": line.quantity}
                    for line in basket.all_lines()
                ],
            }
            for basket in _baskets(email)
        ],
        "addresses": [
            address.active_address_fields()
            for address in UserAddress.objects.filter(user__email__iexact=email)
        ],
        "stock_alerts": list(
            ProductAlert.objects.filter(
                Q(email__iexact=email) | Q(user__email__iexact=email)
            ).values("product__title", "status", "date_created")
        ),
        "reviews": list(
            ProductReview.objects.filter(
                Q(email__iexact=email) | Q(user__email__iexact=email)
            ).values("product__title", "score", "title", "body", "date_created")
        ),
        "mails_sent": list(_emails(email).values("subject", "date_sent")),
        "products_viewed": list(
            UserProductView.objects.filter(user__email__iexact=email).values(
                "product__title", "date_created"
            )
        ),
        "searches": list(
            UserSearch.objects.filter(user__email__iexact=email).values(
                "query", "date_created"
            )
        ),
    }
    return {key: value for key, value in data.items() if value}


def erase_personal_data(email: str) -> dict:
    erased = []
    for label, queryset in (
        ("baskets", _baskets(email)),
        ("saved addresses", UserAddress.objects.filter(user__email__iexact=email)),
        (
            "stock alerts",
            ProductAlert.objects.filter(
                Q(email__iexact=email) | Q(user__email__iexact=email)
            ),
        ),
        (
            "product reviews",
            ProductReview.objects.filter(
                Q(email__iexact=email) | Q(user__email__iexact=email)
            ),
        ),
        ("wish lists", WishList.objects.filter(owner__email__iexact=email)),
        (
            "account notifications",
            Notification.objects.filter(recipient__email__iexact=email),
        ),
        (
            "shop statistics of the account (views, searches)",
            UserRecord.objects.filter(user__email__iexact=email),
        ),
        (
            "viewed products",
            UserProductView.objects.filter(user__email__iexact=email),
        ),
        ("searches", UserSearch.objects.filter(user__email__iexact=email)),
    ):
        # By primary key: a distinct queryset (the baskets) cannot delete itself.
        pks = list(queryset.values_list("pk", flat=True))
        if pks:
            queryset.model.objects.filter(pk__in=pks).delete()
            erased.append(f"{len(pks)} {label}")
    kept = []
    orders = _orders(email)
    count = orders.count()
    if count:
        invoices = Invoice.objects.filter(order__in=orders)
        corrections = InvoiceCorrection.objects.filter(invoice__in=invoices)
        issued = [
            *invoices.values_list("issued_at", flat=True),
            *corrections.values_list("issued_at", flat=True),
        ]
        until = max((retention_end(at) for at in issued), default=None)
        kept.append(
            {
                "what": f"{count} orders, {invoices.count()} invoices and "
                f"{corrections.count()} cancellation invoices",
                "why": RETENTION_REASON
                + (f": until {until.day} {until:%B %Y}" if until else ""),
            }
        )
    letters = _emails(email).count()
    if letters:
        kept.append({"what": f"{letters} copies of shop mails", "why": LETTERS_REASON})
    return {"erased": erased, "kept": kept}
