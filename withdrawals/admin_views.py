"""Staff's list of withdrawals (Wagtail admin → Widerrufe): when each arrived, what
it covers, what it could not, and the refund; with the actions that finish it."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Withdrawal

PERMISSION = "withdrawals.handle_withdrawals"
SHOWN = 200


@permission_required(PERMISSION, raise_exception=True)
def withdrawal_list(request: HttpRequest) -> HttpResponse:
    withdrawals = Withdrawal.objects.select_related("order")[:SHOWN]
    return render(request, "withdrawals/admin/index.html", {"withdrawals": withdrawals})


@permission_required(PERMISSION, raise_exception=True)
@require_POST
def withdrawal_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One of: the goods came back (refund), the transfer was made, retry Stripe."""
    withdrawal = get_object_or_404(Withdrawal, pk=pk)
    action = request.POST.get("action")
    if action == "returned":
        done = services.withdrawal_complete(withdrawal)
    elif action == "transferred":
        done = services.refund_transferred(
            withdrawal, reference=request.POST.get("reference", "")
        )
    elif action == "retry":
        done = services.refund_retry(withdrawal)
    else:
        return HttpResponse(_("Unknown action."), status=400)
    if done:
        messages.success(
            request,
            _("Withdrawal of order %(number)s updated.")
            % {"number": withdrawal.order.number},
        )
    else:
        messages.error(
            request, _("The withdrawal's state has changed; nothing was done.")
        )
    return redirect("withdrawals_admin")
