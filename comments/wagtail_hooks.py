"""Comments in the Wagtail admin: the moderation queue (a snippet listing filtered
by status, with bulk approve / reject / spam and a count of waiting items in the
menu), the moderation page of each comment with the author's reply, the mentions
from other sites, and the settings."""

from django.urls import path, reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, mentions, selectors, services
from .models import Comment, Mention


class NoAddPolicy(ModelPermissionPolicy):
    """Comments are written by readers and mentions sent by other sites: the
    admin moderates and edits them but never adds one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "add"]
        )


def _with_count(label, count: int):
    return f"{label} ({count})" if count else label


def _waiting(request) -> dict[str, int]:
    """The waiting counts, read once per admin page (three menu entries show them)."""
    if not hasattr(request, "_comments_waiting"):
        request._comments_waiting = selectors.moderation_counts()
    return request._comments_waiting


class WaitingCountMenuItem(MenuItem):
    """The menu entry names how many items wait for a moderator."""

    kind = "comments"

    def render_component(self, request):
        component = super().render_component(request)
        component.label = _with_count(self.label, _waiting(request)[self.kind])
        return component


class WaitingMentionsMenuItem(WaitingCountMenuItem):
    kind = "mentions"


class OpenReportsMenuItem(WaitingCountMenuItem):
    kind = "reports"


class CommentViewSet(SnippetViewSet):
    model = Comment
    base_url_path = "comments/comments"
    url_namespace = "comments_admin"
    icon = "comment"
    menu_label = _("Comments")
    list_display = ["__str__", "page", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "text"]
    ordering = ["-created_at"]
    list_per_page = 50

    @property
    def menu_item_class(self):
        return WaitingCountMenuItem

    def get_queryset(self, request):
        return Comment.objects.select_related("page", "author")

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("text")]


class MentionViewSet(SnippetViewSet):
    model = Mention
    base_url_path = "comments/mentions"
    url_namespace = "comments_mentions"
    icon = "link"
    menu_label = _("Mentions")
    list_display = ["__str__", "page", "kind", "status", "received_at"]
    list_filter = ["status", "kind"]
    search_fields = ["source", "title", "author_name"]
    ordering = ["-received_at"]
    inspect_view_enabled = True

    @property
    def menu_item_class(self):
        return WaitingMentionsMenuItem

    def get_queryset(self, request):
        return Mention.objects.select_related("page")


class CommentsGroup(ViewSetGroup):
    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 260
    items = (CommentViewSet(), MentionViewSet())

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            OpenReportsMenuItem(
                _("Reports (DSA)"),
                reverse("comments_reports"),
                icon_name="warning",
                order=300,
            ),
        ]

    def get_menu_item(self, order=None):
        return CountedSubmenuMenuItem(
            label=self.menu_label,
            menu=Menu(
                register_hook_name=self.submenu_hook, items=self.get_submenu_items()
            ),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


class CountedSubmenuMenuItem(SubmenuMenuItem):
    def render_component(self, request):
        component = super().render_component(request)
        component.label = _with_count(self.label, sum(_waiting(request).values()))
        return component


register_permission_policy(Comment, NoAddPolicy(Comment))
register_permission_policy(Mention, NoAddPolicy(Mention))


@hooks.register("register_admin_viewset")
def register_comment_viewsets():
    return CommentsGroup()


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("comments/review/<int:pk>/", admin_views.review, name="comments_review"),
        path("comments/reports/", admin_views.report_list, name="comments_reports"),
        path(
            "comments/mention-review/<int:pk>/",
            admin_views.mention_review,
            name="comments_mention_review",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def moderation_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Comment):
        yield ListingButton(
            _("Moderate"), reverse("comments_review", args=[snippet.pk]),
            icon_name="comment", priority=5,
        )  # fmt: skip
    elif isinstance(snippet, Mention):
        yield ListingButton(
            _("Moderate"), reverse("comments_mention_review", args=[snippet.pk]),
            icon_name="link", priority=5,
        )  # fmt: skip


@hooks.register("after_edit_snippet")
def purge_after_edit(request, instance):
    """An edited comment that is shown changes its page."""
    if isinstance(instance, Comment):
        services.comment_edited(instance)


class _ModerationBulkAction(SnippetBulkAction):
    """Set the status of the selected comments or mentions through their service
    (which purges pages and sends what approval sends)."""

    template_name = "comments/admin/confirm_bulk.html"
    model = Comment
    status = ""

    @classproperty
    def models(cls):
        return [cls.model]

    def check_perm(self, obj):
        return self.request.user.has_perm(
            f"comments.change_{self.model._meta.model_name}"
        )

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        if cls.model is Comment:
            changed = services.comments_moderate(
                comments=list(objects), status=cls.status, user=user
            )
        else:
            changed = mentions.mentions_moderate(
                mentions=list(objects), status=cls.status
            )
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d item changed.", "%(count)d items changed.", num_parent_objects
        ) % {"count": num_parent_objects}


def _bulk_action(model, status, action_type, label, aria_label, priority):
    return type(
        f"{model.__name__}{status.title()}BulkAction",
        (_ModerationBulkAction,),
        {
            "model": model,
            "status": status,
            "action_type": action_type,
            "display_name": label,
            "aria_label": aria_label,
            "action_priority": priority,
        },
    )


BULK_ACTIONS = [
    _bulk_action(Comment, Comment.Status.APPROVED, "approve", _("Approve"),
                 _("Approve the selected comments"), 10),
    _bulk_action(Comment, Comment.Status.REJECTED, "reject", _("Reject"),
                 _("Reject the selected comments"), 20),
    _bulk_action(Comment, Comment.Status.SPAM, "spam", _("Spam"),
                 _("Mark the selected comments as spam"), 25),
    _bulk_action(Mention, Mention.Status.APPROVED, "approve-mentions", _("Approve"),
                 _("Approve the selected mentions"), 10),
    _bulk_action(Mention, Mention.Status.REJECTED, "reject-mentions", _("Reject"),
                 _("Reject the selected mentions"), 20),
]  # fmt: skip
for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)
