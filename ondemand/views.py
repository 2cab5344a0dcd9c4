"""The reader's composer (`/kurse/nach-wunsch/`), an editor's course bought by its
link, and the request form. All work without JavaScript: every step is a form
post answered by a redirect back to the page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.http import client_ip
from core.ratelimit import within_limit
from shop.composed import spec_from_value

from . import selectors, services
from .composing import draft_step, int_or_none
from .forms import CourseRequestForm
from .models import MAX_LESSONS

SESSION_KEY = "ondemand_draft"
REQUESTS_PER_HOUR = 5  # per network: a stranger cannot flood the editors


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def composer(request: HttpRequest) -> HttpResponse:
    terms = selectors.terms_current()
    if not terms.enabled or terms.product_id is None:
        raise Http404("courses on demand are not offered")
    draft = services.Draft.from_value(request.session.get(SESSION_KEY))
    topic = request.GET.get("thema", "")[:100]
    group = int_or_none(request.GET.get("reihe"))
    back = request.get_full_path()
    if request.method == "POST":
        step = draft_step(request, draft)
        if step == "basket":
            try:
                spec = services.spec_build(draft, terms)
                services.basket_add(request.basket, spec, terms)
            except services.Refused as refused:
                messages.error(request, str(refused))
            else:
                request.session[SESSION_KEY] = services.Draft("", []).as_value()
                messages.success(
                    request,
                    _("Your course “%(title)s” is in your basket.")
                    % {"title": spec.title},
                )
                return redirect("basket:summary")
        request.session[SESSION_KEY] = draft.as_value()
        return redirect(back)
    state = selectors.composer_state(terms, draft.ids, topic=topic, group=group)
    return _private(
        render(
            request,
            "ondemand/composer.html",
            {
                "state": state,
                "draft": draft,
                "chosen_ids": set(draft.ids),
                "topic": topic,
                "group": group,
                "max_lessons": MAX_LESSONS,
                "form_url": back,
            },
        )
    )


def offer(request: HttpRequest, code: str) -> HttpResponse:
    """The course an editor put together for a reader: exactly what was sent,
    with its price, and the button that puts it in the basket."""
    terms = selectors.terms_current()
    course = selectors.offer_find(code[:40])
    spec = spec_from_value(course.spec) if course else None
    if spec is None:
        raise Http404("no such course")
    if request.method == "POST":
        try:
            services.basket_add(request.basket, spec, terms)
        except services.Refused as refused:
            messages.error(request, str(refused))
            return redirect("ondemand:offer", code=code)
        messages.success(
            request,
            _("Your course “%(title)s” is in your basket.") % {"title": spec.title},
        )
        return redirect("basket:summary")
    response = render(
        request,
        "ondemand/offer.html",
        {"course": course, "spec": spec, "terms": terms},
    )
    response["X-Robots-Tag"] = "noindex"
    return _private(response)


def request_form(request: HttpRequest) -> HttpResponse:
    """ "Wir stellen Ihren Kurs zusammen": the reader describes the course."""
    form = CourseRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not within_limit(f"course-requests:{client_ip(request)}", REQUESTS_PER_HOUR):
            form.add_error(
                None,
                _(
                    "We have received several requests from your network in the "
                    "last hour. Please try again later."
                ),
            )
            return _private(
                render(request, "ondemand/request.html", {"form": form}, status=429)
            )
        data = form.cleaned_data
        services.request_submit(
            name=data["name"],
            email=data["email"],
            wishes=data["wishes"],
            topics=data["topics"],
            lessons_wanted=data["lessons_wanted"],
            language=(get_language() or "de")[:2],
        )
        return redirect(reverse("ondemand:request_received"))
    return _private(render(request, "ondemand/request.html", {"form": form}))


def request_received(request: HttpRequest) -> HttpResponse:
    return render(request, "ondemand/request_received.html")
