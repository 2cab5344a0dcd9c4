"""The newsletter in the Wagtail admin: sending an issue (test to oneself, now, or
at a time), its progress while it runs, and the subscribers chart on the dashboard."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component

from . import rendering, selectors, sending
from .models import Issue, Sending

PERMISSION = "newsletters.add_sending"


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=gettext_lazy("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Please choose a time in the future."))
        return when


def issue_send(request, pk: int):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    schedule_form = ScheduleForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            sending.test_send(issue=issue, email=request.user.email)
            messages.success(
                request,
                _("A test mail was sent to %(email)s.") % {"email": request.user.email},
            )
            return redirect("newsletters_issue_send", pk=issue.pk)
        if action == "now" and request.POST.get("confirmed") != "1":
            # One click must not send to everyone: the editor confirms, seeing
            # how many receive it and from which newsletter.
            return render(
                request,
                "newsletters/admin/issue_send_confirm.html",
                {
                    "issue": issue,
                    "subscribers": selectors.confirmed_count(issue.newsletter),
                },
            )
        if action in ("now", "schedule"):
            when = None
            if action == "schedule":
                schedule_form = ScheduleForm(request.POST)
                when = (
                    schedule_form.cleaned_data["when"]
                    if schedule_form.is_valid()
                    else False
                )
            if when is not False:
                try:
                    sending.sending_create(issue=issue, user=request.user, when=when)
                except sending.AlreadySent:
                    messages.error(
                        request,
                        _(
                            "This issue is sent or scheduled already. Cancel the "
                            "scheduled sending first, or copy the issue."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("The issue is scheduled.")
                        if when
                        else _("The issue is being sent."),
                    )
                return redirect("newsletters_issue_send", pk=issue.pk)
        if action == "cancel":
            target = get_object_or_404(
                Sending, pk=request.POST.get("sending"), issue=issue
            )
            if sending.sending_cancel(target):
                messages.success(request, _("The sending is cancelled."))
            return redirect("newsletters_issue_send", pk=issue.pk)
    sendings = [
        {"sending": s, "counts": selectors.sending_counts(s)}
        for s in issue.sendings.order_by("-scheduled_for")
    ]
    running = any(s["sending"].status == Sending.Status.RUNNING for s in sendings)
    response = render(
        request,
        "newsletters/admin/issue_send.html",
        {
            "issue": issue,
            "sendings": sendings,
            "schedule_form": schedule_form,
            "subscribers": selectors.confirmed_count(issue.newsletter),
        },
    )
    if running:
        # The counts move while the worker sends: the page asks again (a header
        # rather than a timed <meta> refresh in the page).
        response["Refresh"] = "3"
    return response


def issue_preview(request, pk: int):
    """The saved issue as its readers will get it (HTML part), links inert."""
    if not request.user.has_perm("newsletters.change_issue"):
        raise PermissionDenied
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    _subject, html, _text = rendering.issue_render(issue)
    for placeholder in (rendering.PREFERENCES, rendering.UNSUBSCRIBE):
        html = html.replace(placeholder, "#")
    return HttpResponse(html)


class SubscribersChartPanel(Component):
    """On the dashboard: subscribers per newsletter over the last half year."""

    name = "newsletter_subscribers"
    template_name = "newsletters/admin/subscribers_panel.html"
    order = 160

    def get_context_data(self, parent_context=None):
        from .charts import subscribers_svg

        context = super().get_context_data(parent_context)
        history = selectors.subscriber_history()
        context["charts"] = [
            {
                "title": title,
                "svg": subscribers_svg(history["points"], series),
                "now": series[-1],
            }
            for title, series in history["newsletters"].items()
        ]
        return context
