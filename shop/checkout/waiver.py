"""The withdrawal waiver of a digital order, written to the consent ledger.

§ 356(5) BGB: the right of withdrawal for digital content ends with the start of
delivery only if the buyer expressly agreed to early delivery and acknowledged the
loss. Both ticks are recorded with the wording shown (in the reader's language), the
withdrawal policy version the review page linked, the order, and where it came from.
"""

from django.http import HttpRequest
from django.utils.translation import gettext_noop

from consent.models import ConsentRecord
from consent.services import consent_records, source_text
from shop import selectors
from shop.checkout.forms import EARLY_DELIVERY_TEXT, WAIVER_TEXT


def record(request: HttpRequest, order) -> list[ConsentRecord]:
    version = selectors.withdrawal_policy_version()
    common = {
        "email": order.email,
        "user": request.user,
        "scope": order.number,
        "policy_version": version,
        "source": source_text(
            gettext_noop("checkout review page %(path)s (order %(number)s)"),
            path=request.path,
            number=order.number,
        ),
        "request": request,
    }
    return consent_records(
        [
            {
                "purpose": ConsentRecord.Purpose.EARLY_DELIVERY,
                "text": str(EARLY_DELIVERY_TEXT),
                **common,
            },
            {
                "purpose": ConsentRecord.Purpose.WITHDRAWAL_WAIVER,
                "text": str(WAIVER_TEXT),
                **common,
            },
        ]
    )
