"""The moderation page of one comment in the Wagtail admin: the comment in its
thread's context, approve / reject / spam, and a reply as one of the article's
authors or as the editorial team."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import mentions, reports, selectors, services
from .models import Comment, Mention

PERMISSION = "comments.change_comment"
ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your reply"), widget=forms.Textarea(attrs={"rows": 6})
    )
    as_author = forms.TypedChoiceField(
        label=gettext_lazy("Reply as"), coerce=int, empty_value=0, required=False
    )

    def __init__(self, *args, authors, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.authors = {author.pk: author for author in authors}
        own = getattr(user, "author_profile", None)
        self.fields["as_author"].choices = [
            (author.pk, _("%(name)s (author of the article)") % {"name": author.name})
            for author in authors
        ] + [
            (
                0,
                _("%(name)s for the editorial team")
                % {"name": user.get_full_name() or user.email},
            )
        ]
        if own is not None and own.pk in self.authors:
            self.initial.setdefault("as_author", own.pk)
        else:
            self.initial.setdefault("as_author", 0)


def review(request, pk: int):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    comment = get_object_or_404(
        Comment.objects.select_related("page", "parent", "author"), pk=pk
    )
    authors = selectors.page_authors(comment.page)
    reply_form = ReplyForm(authors=authors, user=request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "keep":
            kept = reports.reports_decide(
                item=comment, removed=False, user=request.user
            )
            messages.success(
                request,
                _("%(count)s report(s) closed; the comment stays.") % {"count": kept},
            )
            return redirect("comments_review", pk=comment.pk)
        if action in ACTIONS:
            services.comments_moderate(
                comments=[comment], status=ACTIONS[action], user=request.user
            )
            messages.success(
                request,
                _("The comment is now: %(status)s.")
                % {"status": comment.get_status_display()},
            )
            return redirect("comments_review", pk=comment.pk)
        if action == "reply":
            reply_form = ReplyForm(request.POST, authors=authors, user=request.user)
            if reply_form.is_valid():
                author = reply_form.authors.get(reply_form.cleaned_data["as_author"])
                services.comment_reply_as_author(
                    parent=comment,
                    text=reply_form.cleaned_data["text"],
                    user=request.user,
                    author=author,
                )
                messages.success(request, _("Your reply is published."))
                return redirect("comments_review", pk=comment.pk)
    return render(
        request,
        "comments/admin/review.html",
        {
            "comment": comment,
            "replies": comment.replies.order_by("created_at"),
            "reports": comment.reports.order_by("created_at"),
            "open_reports": comment.reports.filter(decision="open").exists(),
            "reply_form": reply_form,
            "page_url": comment.page.full_url,
        },
        status=400 if reply_form.errors else 200,
    )


def mention_review(request, pk: int):
    if not request.user.has_perm("comments.change_mention"):
        raise PermissionDenied
    mention = get_object_or_404(Mention.objects.select_related("page"), pk=pk)
    if request.method == "POST" and request.POST.get("action") in ("approve", "reject"):
        status = (
            Mention.Status.APPROVED
            if request.POST["action"] == "approve"
            else Mention.Status.REJECTED
        )
        if mentions.mentions_moderate(mentions=[mention], status=status):
            messages.success(
                request,
                _("The mention is now: %(status)s.")
                % {"status": mention.get_status_display()},
            )
        else:
            messages.error(
                request, _("Only verified mentions can be approved or rejected.")
            )
        return redirect("comments_mention_review", pk=mention.pk)
    return render(
        request,
        "comments/admin/mention_review.html",
        {"mention": mention, "reports": mention.reports.order_by("created_at")},
    )


def report_list(request):
    """Open reports, oldest first, and the year's transparency figures."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    from django.utils import timezone

    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        year = timezone.localdate().year
    return render(
        request,
        "comments/admin/reports.html",
        {
            "reports": selectors.open_reports(),
            "figures": selectors.transparency_counts(year),
            "years": range(timezone.localdate().year, 2023, -1),
        },
    )
