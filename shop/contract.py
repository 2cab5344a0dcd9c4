"""The contract confirmation on a durable medium (§ 312f(2) BGB, Art. 246a EGBGB).

The first mail of every order carries it: the order placed (paid at once), the
request for a bank transfer (prepayment), or the payment received (Stripe, whose
orders get no mail before). It holds, beside the order's lines:
- the VAT per rate;
- for digital items, the two § 356(5) consents exactly as the ledger recorded them;
- the AGB and the withdrawal policy in the versions that were live when the order
  was placed (`consent.PolicyVersion`), each as a PDF;
- the model withdrawal form (Annex 2 to Art. 246a § 1(2) EGBGB), filled in with
  the seller and the order, in the withdrawal policy's PDF.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks

from consent.models import ConsentRecord, PolicyVersion
from core import hooks as names
from core import pdf

#: The legal roles whose versions a contract names (home.StandardPage.Role).
CONTRACT_ROLES = ("terms", "withdrawal")


def policy_versions_at(order) -> dict[str, PolicyVersion]:
    """The version of each contract text that was live when `order` was placed:
    the newest published before it (the oldest, should none be older)."""
    found = {}
    for role in CONTRACT_ROLES:
        versions = PolicyVersion.objects.filter(role=role)
        version = (
            versions.filter(published_at__lte=order.date_placed)
            .order_by("-published_at", "-number")
            .first()
            or versions.order_by("published_at", "number").first()
        )
        if version is not None:
            found[role] = version
    return found


def waiver_consents(order) -> list[ConsentRecord]:
    """The § 356(5) consents the buyer gave on the order's review page."""
    return list(
        ConsentRecord.objects.filter(
            scope=order.number,
            action=ConsentRecord.Action.GIVEN,
            purpose__in=(
                ConsentRecord.Purpose.EARLY_DELIVERY,
                ConsentRecord.Purpose.WITHDRAWAL_WAIVER,
            ),
        )
        .select_related("policy_version")
        .order_by("created_at", "pk")
    )


def contract_context(order, versions: dict[str, PolicyVersion]) -> dict:
    """What the confirmation mail adds to its context."""
    from shop import vat

    lines = list(order.lines.all())
    products = [line.product for line in lines if line.product]
    notices = {}
    for hook in hooks.get_hooks(names.SHOP_PRODUCT_NOTICES):
        for product_id, texts in hook(products).items():
            notices.setdefault(product_id, []).extend(texts)
    return {
        "notices": [
            {"title": line.title, "text": text}
            for line in lines
            for text in notices.get(line.product_id, [])
        ],
        "rates": vat.order_breakdown(order),
        "consents": waiver_consents(order),
        "versions": [versions[role] for role in CONTRACT_ROLES if role in versions],
        "withdrawal_path": reverse("withdrawals:start"),
    }


def contract_documents(
    order, versions: dict[str, PolicyVersion], seller: dict, site_url: str
) -> list[tuple[str, bytes]]:
    """The contract texts as PDFs, named for the mail: the AGB, and the withdrawal
    policy with the model withdrawal form."""
    documents = []
    with translation.override(order.language or settings.LANGUAGE_CODE):
        for role in CONTRACT_ROLES:
            version = versions.get(role)
            if version is None:
                continue
            html = render_to_string(
                "shop/legal/contract_document.html",
                {
                    "version": version,
                    "paragraphs": [p for p in version.text.split("\n\n") if p.strip()],
                    "model_form": role == "withdrawal",
                    "order": order,
                    "lines": list(order.lines.all()),
                    "seller": seller,
                    "withdrawal_url": site_url.rstrip("/")
                    + reverse("withdrawals:start"),
                },
            )
            name = _("Terms") if role == "terms" else _("Withdrawal-policy")
            documents.append(
                (f"{name}-{_('version')}-{version.number}.pdf", pdf.render(html))
            )
    return documents
