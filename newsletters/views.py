"""The newsletter's pages: the overview with its sign-up form, the one-step sign-up
that the footer and article boxes post to from cached pages, confirmation, the
preference centre, one-click unsubscribe, the archive, and the bounce webhook.

Pages reached by a signed link (confirm, preferences, unsubscribe, address change)
take the link as their authority: they post without a CSRF token (a forged form
would need the secret link) and work without a login or a cookie.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from newsletter.models import Newsletter

from consent.services import source_text
from core import cached_forms
from core.badinput import bad_value
from core.http import client_ip
from core.ratelimit import within_limit

from . import selectors, services, tokens
from .forms import AddressChangeForm, PreferencesForm, SignupForm
from .models import Bounce
from .tasks import signup_request

SIGNUP = "newsletter-signup"


def newsletter_list(request: HttpRequest, form: SignupForm | None = None, status=200):
    newsletters = selectors.public_newsletters()
    form = form or SignupForm(
        initial={"newsletters": [n.slug for n in newsletters[:1]]}
    )
    return render(
        request,
        "newsletters/list.html",
        {
            "newsletters": newsletters,
            "form": form,
            "stamp": cached_forms.stamp(SIGNUP, "any"),
            "wording": services.consent_wording_choice(),
            "privacy": selectors.privacy_page(),
            "sendings": selectors.archive()[:5],
        },
        status=status,
    )


@csrf_exempt
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    """One step from any page, also a cached one: the footer's and the article
    box's forms post here with a signed stamp instead of a CSRF token
    (`core.cached_forms`). Every outcome for a valid address looks the same."""
    form = SignupForm(request.POST)
    try:
        cached_forms.stamp_check(request, SIGNUP, "any")
    except cached_forms.Refused:
        form.is_valid()
        form.add_error(
            None,
            _(
                "The form was too old or did not come from this site. Please "
                "check your entries and send it again."
            ),
        )
        return newsletter_list(request, form, status=403)
    if not form.is_valid():
        return newsletter_list(request, form, status=400)
    if not _ip_allowed(request):
        form.add_error(
            None,
            _(
                "There were too many sign-ups from your network in the last hour. "
                "Please try again later."
            ),
        )
        return newsletter_list(request, form, status=429)
    chosen = list(form.cleaned_data["newsletters"])
    # The wording the form showed: the footer and article boxes name their one
    # newsletter, the newsletter page's form the ones ticked.
    boxed = request.POST.get("form") in ("footer", "article") and len(chosen) == 1
    # The worker does the sign-up: here every address costs the same, so the
    # answer's timing tells nobody which addresses are subscribed.
    signup_request.enqueue(
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
        newsletter_ids=[newsletter.pk for newsletter in chosen],
        text=services.consent_wording(chosen)
        if boxed
        else services.consent_wording_choice(),
        source=_source(request),
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        user_id=request.user.pk if request.user.is_authenticated else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    return redirect("newsletters:sent")


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/sent.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows a button (a mail scanner that follows links confirms
    nothing); the button's POST confirms."""
    try:
        subscriber, subscriptions = tokens.confirm_read(token)
    except tokens.Invalid:
        return _invalid(request)
    if request.method == "GET":
        if not selectors.subscriptions_pending(subscriber, subscriptions):
            # A used link (a second click, the mail opened again): say so, rather
            # than ask for a confirmation that would change nothing.
            return render(
                request,
                "newsletters/confirmed.html",
                {"confirmed": [], "preferences_url": _preferences_url(subscriber)},
            )
        return render(request, "newsletters/confirm.html", {"token": token})
    confirmed = services.subscription_confirm(
        subscriber=subscriber, subscriptions=subscriptions
    )
    return render(
        request,
        "newsletters/confirmed.html",
        {
            "confirmed": confirmed,
            "preferences_url": _preferences_url(subscriber),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.preferences_read(token)
    except tokens.Invalid:
        return _invalid(request)
    return _preferences(
        request,
        subscriber,
        source=source_text(
            gettext_noop("preference centre %(path)s"), path=request.path
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The same preferences for a logged-in reader, under their account's address
    (CSRF-protected like every account page)."""
    subscriber = services.subscriber_for_user(request.user)
    return _preferences(
        request,
        subscriber,
        source=source_text(gettext_noop("account page")),
        in_account=True,
    )


def _preferences(request, subscriber, *, source: str, in_account: bool = False):
    current = selectors.chosen_slugs(subscriber)
    form = PreferencesForm(initial={"newsletters": current, "name": subscriber.name})
    change_form = AddressChangeForm()
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            services.unsubscribe(
                subscriber=subscriber, newsletters=None, source=source, request=request
            )
            return render(
                request,
                "newsletters/unsubscribed.html",
                {"everything": True, "preferences_url": request.path},
            )
        if "change_address" in request.POST:
            change_form = AddressChangeForm(request.POST)
            if change_form.is_valid():
                services.address_change_request(
                    subscriber=subscriber,
                    new_email=change_form.cleaned_data["new_email"],
                )
                return render(request, "newsletters/change_sent.html")
        else:
            form = PreferencesForm(request.POST)
            if form.is_valid():
                result = services.preferences_save(
                    subscriber=subscriber,
                    chosen=list(form.cleaned_data["newsletters"]),
                    name=form.cleaned_data["name"],
                    source=source,
                    request=request,
                )
                return render(
                    request,
                    "newsletters/preferences_saved.html",
                    {**result, "preferences_url": request.path},
                )
    return render(
        request,
        "newsletters/preferences.html",
        {
            "subscriber": subscriber,
            "form": form,
            "change_form": change_form,
            "states": selectors.subscription_states(subscriber),
            "wording": services.consent_wording_choice(),
            "privacy_url": selectors.privacy_page_url(),
            "in_account": in_account,
        },
        status=400 if form.errors or change_form.errors else 200,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, new_email = tokens.change_read(token)
    except tokens.Invalid:
        return _invalid(request)
    if request.method == "GET":
        return render(
            request, "newsletters/change.html", {"token": token, "new_email": new_email}
        )
    subscriber = services.address_change_confirm(
        subscriber=subscriber, new_email=new_email
    )
    return render(
        request,
        "newsletters/change_done.html",
        {"new_email": new_email, "preferences_url": _preferences_url(subscriber)},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: a POST (the mail program's one-click request, or the button here)
    unsubscribes at once, with no cookie and no CSRF token; a GET only asks."""
    try:
        subscriber, newsletter_id = tokens.unsubscribe_read(token)
    except tokens.Invalid:
        return _invalid(request)
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    if request.method == "GET":
        return render(
            request,
            "newsletters/unsubscribe.html",
            {"newsletter": newsletter, "token": token},
        )
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    services.unsubscribe(
        subscriber=subscriber,
        newsletters=[newsletter],
        source=source_text(
            gettext_noop("one-click unsubscribe (RFC 8058)")
            if one_click
            else gettext_noop("unsubscribe page")
        ),
        request=request,
    )
    return render(
        request,
        "newsletters/unsubscribed.html",
        {"newsletter": newsletter, "preferences_url": _preferences_url(subscriber)},
    )


def archive(request: HttpRequest) -> HttpResponse:
    return render(
        request, "newsletters/archive.html", {"sendings": selectors.archive()}
    )


def archive_issue(request: HttpRequest, pk: int) -> HttpResponse:
    sending = get_object_or_404(selectors.archive(), pk=pk)
    return render(
        request,
        "newsletters/archive_issue.html",
        {"sending": sending, "html": selectors.archive_html(sending)},
    )


@csrf_exempt
@require_POST
def bounce_webhook(request: HttpRequest) -> JsonResponse:
    """Bounces and complaints from the mail provider. The body is signed with the
    shared secret: header `X-Imprint-Signature: sha256=<hex HMAC of the body>`.
    Body: {"events": [{"type": "bounce"|"complaint", "email": …,
    "bounce": "hard"|"soft"}]}.
    """
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"error": "not found"}, status=404)
    expected = (
        "sha256=" + hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    )
    if not hmac.compare_digest(
        expected, request.headers.get("X-Imprint-Signature", "")
    ):
        return JsonResponse({"error": "bad signature"}, status=401)
    try:
        events = json.loads(request.body)["events"]
        if not isinstance(events, list):
            raise TypeError("events")
        parsed = [_webhook_event(event) for event in events]
    except RecursionError:  # JSON nested thousands deep
        return JsonResponse({"error": "bad payload: nested too deep"}, status=400)
    except (ValueError, KeyError, TypeError) as error:
        return JsonResponse({"error": f"bad payload: {error}"}, status=400)
    for email, kind, detail in parsed:
        services.bounce_record(email=email, kind=kind, source="webhook", detail=detail)
    return JsonResponse({"recorded": len(parsed)})


def _webhook_event(event: dict) -> tuple[str, str, str]:
    if not isinstance(event, dict):
        raise TypeError("event")
    email = str(event["email"]).strip()
    if "@" not in email or len(email) > 254 or bad_value(email):
        raise ValueError("email")
    detail = str(event.get("detail", ""))
    if bad_value(detail):
        raise ValueError("detail")
    event = {**event, "detail": detail[:1000]}
    if event["type"] == "complaint":
        return email, Bounce.Kind.COMPLAINT, event["detail"]
    if event["type"] == "bounce":
        kind = Bounce.Kind.HARD if event.get("bounce") == "hard" else Bounce.Kind.SOFT
        return email, kind, event["detail"]
    raise ValueError("type")


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/invalid.html", status=400)


def _preferences_url(subscriber) -> str:
    return reverse(
        "newsletters:preferences",
        args=[tokens.preferences_token(subscriber.pk, subscriber.email)],
    )


def _source(request: HttpRequest) -> str:
    forms = {
        "footer": gettext_noop("sign-up form in the footer on %(page)s"),
        "article": gettext_noop("sign-up box in an article on %(page)s"),
    }
    template = forms.get(
        request.POST.get("form", ""), gettext_noop("newsletter page %(page)s")
    )
    page = request.META.get("HTTP_REFERER", "")[:180]
    return source_text(template, page=page or request.path)


def _ip_allowed(request: HttpRequest) -> bool:
    return within_limit(
        f"newsletter-signups:{client_ip(request)}",
        settings.NEWSLETTER_SIGNUPS_PER_IP_HOUR,
    )
