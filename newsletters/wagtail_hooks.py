"""The newsletter in the Wagtail admin: issues (Snippets with preview, and a
"Send" page each), subscribers and bounces, the subscribers chart on the dashboard,
and its tab in the shop account (through the shop's hook)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from core import hooks as names

from . import admin_views
from .models import Bounce, Issue, Subscriber


class IssueViewSet(SnippetViewSet):
    model = Issue
    base_url_path = "newsletter/issues"
    url_namespace = "newsletter_issues"
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["subject", "newsletter", "updated_at"]
    list_filter = ["newsletter"]
    search_fields = ["subject"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "confirmed_at", "deactivated_at", "deactivation_reason"]
    list_filter = ["deactivated_at", "confirmed_at"]
    search_fields = ["email", "name"]
    form_fields = ["name", "language"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class BounceViewSet(ModelViewSet):
    model = Bounce
    icon = "warning"
    menu_label = _("Bounces and complaints")
    list_display = ["email", "kind", "source", "received_at", "detail"]
    list_filter = ["kind", "source"]
    search_fields = ["email"]
    form_fields = ["email", "kind", "source", "detail"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class NewsletterGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (
        IssueViewSet(),
        SubscriberViewSet("newsletter_subscribers"),
        BounceViewSet("newsletter_bounces"),
    )


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterGroup()


@hooks.register("register_admin_urls")
def register_send_url():
    return [
        path(
            "newsletter/issues/<int:pk>/send/",
            admin_views.issue_send,
            name="newsletters_issue_send",
        ),
        path(
            "newsletter/issues/<int:pk>/mail/",
            admin_views.issue_preview,
            name="newsletters_issue_preview",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def send_button(snippet, user, next_url=None):
    if isinstance(snippet, Issue) and user.has_perm(admin_views.PERMISSION):
        yield ListingButton(
            _("Send"),
            reverse("newsletters_issue_send", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("construct_homepage_panels")
def add_subscribers_panel(request, panels):
    if request.user.has_perm("newsletters.view_subscriber"):
        panels.append(admin_views.SubscribersChartPanel())


@hooks.register("register_permissions")
def register_newsletter_permissions():
    return Permission.objects.filter(content_type__app_label="newsletters")


@hooks.register(names.SHOP_ACCOUNT_TABS)
def newsletter_tab() -> list[dict]:
    return [
        {
            "title": _("Newsletter"),
            "url": reverse("newsletters:account"),
            "code": "newsletter",
        }
    ]


@hooks.register(names.HOME_PAGE_SECTIONS, order=30)
def newsletter_home_section(request, sections) -> None:
    """The front page's invitation to the newsletter (its form is the footer's,
    from `newsletter_signup_form`, which needs no query of its own once cached)."""
    for section in sections:
        if section.kind == "newsletter":
            section.fill(heading=section.value["heading"], text=section.value["text"])
