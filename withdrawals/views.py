"""The withdrawal function (§ 356a BGB): linked in every page's footer, usable
without an account, in two steps: name the contract, then "Widerruf bestätigen".

Step one looks the order up by number and e-mail address (or the signed-in
reader picks it) and shows, line by line, what the withdrawal covers and what it
cannot, with the reason and the ledger entry cited. The contract travels to step
two signed, so the reader types nothing twice and nobody can swap it. The
receipt page and the mail say when the withdrawal arrived."""

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oscar.core.loading import get_model

from core.http import client_ip
from core.ratelimit import within_limit

from . import selectors, services
from .forms import WithdrawalFindForm
from .models import Withdrawal

Order = get_model("order", "Order")

SALT = "withdrawals.contract"
RECEIPT_SALT = "withdrawals.receipt"
STEP_SECONDS = 3600
LOOKUPS_PER_HOUR = 30


def _form(request: HttpRequest, data=None) -> WithdrawalFindForm:
    orders = selectors.orders_of_user(request.user)
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "name": request.user.get_full_name(),
            "email": request.user.email,
        }
        wanted = request.GET.get("bestellung", "")
        if any(order.number == wanted for order in orders):
            initial["order"] = wanted
    return WithdrawalFindForm(data, orders=orders, initial=initial)


@require_http_methods(["GET", "POST"])
def withdrawal_start(request: HttpRequest) -> HttpResponse:
    """Step one, and on a valid post the review of step two."""
    if request.method == "GET":
        return render(request, "withdrawals/start.html", {"form": _form(request)})
    form = _form(request, request.POST)
    if not form.is_valid():
        return render(request, "withdrawals/start.html", {"form": form}, status=400)
    if not within_limit(f"withdrawal-lookups:{client_ip(request)}", LOOKUPS_PER_HOUR):
        form.add_error(None, _too_many())
        return render(request, "withdrawals/start.html", {"form": form}, status=429)
    data = form.cleaned_data
    if data.get("order"):
        order = Order.objects.filter(number=data["order"], user=request.user).first()
        email = request.user.email
    else:
        order = selectors.order_find(number=data["number"], email=data["email"])
        email = order.email if order is not None else ""
    if order is None:
        form.add_error(None, _not_found())
        return render(request, "withdrawals/start.html", {"form": form}, status=404)
    token = signing.dumps(
        {"order": order.pk, "email": email, "name": data["name"]}, salt=SALT
    )
    return _review(request, order, token)


def _review(request, order, token: str, status: int = 200) -> HttpResponse:
    rights = selectors.line_rights(order)
    return render(
        request,
        "withdrawals/review.html",
        {
            "order": order,
            "rights": rights,
            "withdrawable": [right for right in rights if right.withdrawable],
            "token": token,
        },
        status=status,
    )


@require_http_methods(["POST"])
def withdrawal_confirm(request: HttpRequest) -> HttpResponse:
    """Step two: the reader pressed "Widerruf bestätigen"."""
    try:
        contract = signing.loads(
            request.POST.get("token", ""), salt=SALT, max_age=STEP_SECONDS
        )
    except signing.BadSignature:
        return render(
            request,
            "withdrawals/start.html",
            {"form": _form(request), "expired": True},
            status=400,
        )
    order = Order.objects.filter(pk=contract["order"]).first()
    if order is None:
        return render(
            request, "withdrawals/start.html", {"form": _form(request)}, status=404
        )
    try:
        withdrawal = services.withdrawal_declare(
            order=order,
            name=contract["name"],
            email=contract["email"],
            user=request.user,
            ip_address=client_ip(request) or None,
        )
    except services.NothingToWithdraw:
        return _review(request, order, request.POST["token"], status=409)
    receipt = signing.dumps(withdrawal.pk, salt=RECEIPT_SALT)
    return redirect(reverse("withdrawals:receipt", args=[receipt]))


def withdrawal_receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    """What arrived and when; reachable only through the signed link."""
    try:
        pk = signing.loads(receipt, salt=RECEIPT_SALT, max_age=30 * 24 * 3600)
    except signing.BadSignature:
        return render(
            request,
            "withdrawals/start.html",
            {"form": _form(request), "expired": True},
            status=404,
        )
    withdrawal = Withdrawal.objects.select_related("order").filter(pk=pk).first()
    if withdrawal is None:
        return redirect("withdrawals:start")
    return render(
        request,
        "withdrawals/receipt.html",
        {"withdrawal": withdrawal},
    )


def _not_found() -> str:
    return _(
        "We find no order with this number and e-mail address. Please check both "
        "against your order confirmation."
    )


def _too_many() -> str:
    return _("Too many attempts from your network. Please try again in an hour.")
