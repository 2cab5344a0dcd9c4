"""The reader's side: sending a comment from the (cached) page, the reply page, the
receipt, reply notifications, and the Webmention and pingback endpoints.

The comment form posts without a CSRF token, like every form on a cached page
(`core.cached_forms`): a signed stamp for this page plus an Origin/Referer check.
Whatever goes wrong, the form comes back with everything the reader typed and a
sentence saying why.
"""

import xmlrpc.client

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from core import cached_forms
from core.http import client_ip
from core.ratelimit import within_limit

from . import mentions, reports, selectors, services, spam, tokens
from .forms import CommentForm, ReportForm, consent_wordings
from .models import Comment, Mention

ACTION = "comment"


def form_context(
    page: Page, *, parent: Comment | None = None, form=None, issued=""
) -> dict:
    """What the form needs, on the page and on the form's own page."""
    policies = selectors.current_policies()
    return {
        "page": page,
        "parent": parent,
        "form": form,
        "open": selectors.is_open(page),
        "stamp": cached_forms.stamp(ACTION, page.pk),
        "issued": cached_forms.issued_field(issued),
        "policies": policies,
        "wordings": consent_wordings(policies, linked=True),
        "offers_newsletter": selectors.offers_newsletter(),
        "action": reverse("comments:post", args=[page.pk]),
        "honeypot": spam.HONEYPOT,
    }


def _form_page(request, page, form, *, parent=None, status=200, message=""):
    context = form_context(
        page, parent=parent, form=form, issued=cached_forms.issued_value(request)
    )
    context["message"] = message
    return render(request, "comments/form_page.html", context, status=status)


@csrf_exempt
@require_POST
def comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live().specific(), pk=page_id)
    if not selectors.accepts_comments(page):
        return _not_here(request)
    form = CommentForm(request.POST, page=page)
    valid = form.is_valid()
    # The comment answered, also when the form comes back for correction.
    parent = (
        form.cleaned_data.get("parent")
        if valid
        else Comment.objects.filter(
            pk=_int(request.POST.get("parent")),
            page=page,
            status=Comment.Status.APPROVED,
        ).first()
    )
    try:
        cached_forms.stamp_check(request, ACTION, page.pk)
    except cached_forms.Refused:
        return _form_page(
            request, page, form, parent=parent, status=403,
            message=_(
                "The form was too old or did not come from this site. Your text is "
                "still here: please check it and send it again."
            ),
        )  # fmt: skip
    if not valid:
        return _form_page(request, page, form, parent=parent, status=400)
    data = form.cleaned_data
    versions = {
        role: selectors.policy_version(role, data.get(f"{role}_version"))
        for role in ("debate_rules", "privacy")
    }
    try:
        comment = services.comment_submit(
            page=page,
            data=data,
            request=request,
            consent_texts=consent_wordings(
                {role: selectors.as_policy(v) for role, v in versions.items() if v},
                linked=False,
            ),
            versions=versions,
        )
    except spam.Refused as refusal:
        return _form_page(
            request, page, form, parent=parent, status=refusal.status,
            message=refusal.message,
        )  # fmt: skip
    return redirect("comments:receipt", token=tokens.receipt_token(comment))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET"])
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Replying without JavaScript: the comment and the form, on a page of its own."""
    parent = get_object_or_404(
        Comment.objects.select_related("page"),
        pk=comment_id,
        status=Comment.Status.APPROVED,
        page__live=True,
    )
    page = parent.page.specific
    form = CommentForm(page=page, initial={"parent": parent.pk})
    return _form_page(request, page, form, parent=parent)


REPORTS_PER_HOUR = 20


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Report a comment or a mention (DSA Art. 16), without an account. Only what
    is shown can be reported; the receipt names the report's number and time."""
    if kind == "kommentar":
        item = get_object_or_404(
            Comment.objects.select_related("page"),
            pk=pk,
            status=Comment.Status.APPROVED,
            page__live=True,
        )
    else:
        item = get_object_or_404(
            Mention.objects.select_related("page"),
            pk=pk,
            status=Mention.Status.APPROVED,
            page__live=True,
        )
    form = ReportForm(request.POST or None)
    context = {"item": item, "kind": kind, "form": form, "page": item.page}
    if request.method == "GET":
        return render(request, "comments/report.html", context)
    if not form.is_valid():
        return render(request, "comments/report.html", context, status=400)
    if not within_limit(f"reports:{client_ip(request)}", REPORTS_PER_HOUR):
        context["message"] = _(
            "Too many reports from your network. Please try again in an hour."
        )
        return render(request, "comments/report.html", context, status=429)
    data = form.cleaned_data
    done = reports.report_submit(
        item=item,
        reason=data["reason"],
        explanation=data["explanation"],
        email=data["email"],
        request=request,
    )
    return render(
        request, "comments/report_done.html", {"report": done, "page": item.page}
    )


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    try:
        comment = tokens.receipt_read(token)
    except tokens.Invalid:
        return _invalid(request)
    return render(
        request,
        "comments/receipt.html",
        {
            "comment": comment,
            "page": comment.page.specific,
            "newsletter_pending": selectors.newsletter_pending(comment),
        },
    )


def _signed_switch(request, token: str, *, read, switch, on: bool, ask: str):
    """A page reached by a signed link in a mail: a GET asks (mail scanners follow
    links), the POST (the button, or a mail program's one-click request) acts."""
    try:
        comment = read(token)
    except tokens.Invalid:
        return _invalid(request)
    if request.method == "POST":
        switch(comment)
        return render(
            request, "comments/notify_done.html", {"comment": comment, "on": on}
        )
    return render(request, ask, {"comment": comment})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest, token: str) -> HttpResponse:
    """Confirming reply notifications (the double opt-in's second step)."""
    return _signed_switch(
        request, token, read=tokens.notify_read, switch=services.notify_confirm,
        on=True, ask="comments/notify_confirm.html",
    )  # fmt: skip


@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """Stopping reply notifications, from the link in each of them."""
    return _signed_switch(
        request, token, read=tokens.stop_read, switch=services.notify_stop,
        on=False, ask="comments/notify_stop.html",
    )  # fmt: skip


@csrf_exempt
@require_POST
def webmention(request: HttpRequest) -> HttpResponse:
    """W3C Webmention receiver: `source` and `target` form-encoded; 202 Accepted
    with a status URL once it is queued for verification, 400 with the reason."""
    try:
        mention, created = mentions.mention_receive(
            source=request.POST.get("source", ""),
            target=request.POST.get("target", ""),
            kind=Mention.Kind.WEBMENTION,
            request=request,
        )
    except mentions.Refused as refusal:
        status = 429 if refusal.code == "rate-limit" else 400
        return JsonResponse(
            {"error": refusal.code, "message": refusal.message}, status=status
        )
    location = reverse("comments:mention_status", args=[mention.pk])
    response = JsonResponse(
        {"status": mention.status, "created": created, "location": location},
        status=202,
    )
    response["Location"] = location
    return response


def mention_status(request: HttpRequest, pk: int) -> JsonResponse:
    mention = get_object_or_404(Mention, pk=pk)
    return JsonResponse({"status": mention.status, "failure": mention.failure})


# Pingback 1.0 fault codes.
PINGBACK_FAULTS = {
    "missing": 0,
    "too-long": 0,
    "source-invalid": 16,
    "same": 0,
    "target-invalid": 32,
    "target-foreign": 33,
    "target-missing": 32,
    "target-closed": 33,
}


@csrf_exempt
@require_POST
def pingback(request: HttpRequest) -> HttpResponse:
    """Pingback 1.0 over XML-RPC (`pingback.ping(source, target)`). The source is
    verified in the background like a Webmention; the answer says it was received.
    A source already registered for the page gets fault 48."""
    if len(request.body) > 65_536:
        return HttpResponse(status=413)

    def ping(source: str, target: str) -> str:
        try:
            _mention, created = mentions.mention_receive(
                source=str(source), target=str(target),
                kind=Mention.Kind.PINGBACK, request=request,
            )  # fmt: skip
        except mentions.Refused as refusal:
            raise xmlrpc.client.Fault(
                PINGBACK_FAULTS.get(refusal.code, 0), refusal.message
            ) from refusal
        if not created:
            raise xmlrpc.client.Fault(48, "The pingback has already been registered.")
        return "Pingback received; it is shown once verified and approved."

    return HttpResponse(
        _xmlrpc_answer(request.body, ping), content_type="text/xml; charset=utf-8"
    )


def _xmlrpc_answer(body: bytes, ping) -> str:
    """One XML-RPC call answered by hand: the standard dispatcher turns any
    exception into a fault that names its Python class, which tells a stranger
    what runs here. Every fault below is plain and fixed."""
    try:
        params, method = xmlrpc.client.loads(body, use_builtin_types=False)
    except Exception:  # noqa: BLE001 - any parse failure is the caller's
        fault = xmlrpc.client.Fault(-32700, "The request is not valid XML-RPC.")
        return xmlrpc.client.dumps(fault, methodresponse=True)
    if method != "pingback.ping":
        fault = xmlrpc.client.Fault(-32601, "Only pingback.ping is offered here.")
    elif len(params) != 2 or not all(isinstance(p, str) for p in params):
        fault = xmlrpc.client.Fault(
            -32602, "pingback.ping takes two strings: source and target."
        )
    else:
        try:
            return xmlrpc.client.dumps((ping(*params),), methodresponse=True)
        except xmlrpc.client.Fault as raised:
            fault = raised
    return xmlrpc.client.dumps(fault, methodresponse=True)


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "comments/invalid.html", status=400)


def _not_here(request: HttpRequest) -> HttpResponse:
    return render(request, "comments/invalid.html", {"not_here": True}, status=404)
