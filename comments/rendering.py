"""The thread as HTML, built in Python.

A discussion of 200 comments rendered through a template include per comment
costs about a millisecond each, paid by the first reader after every purge; built
as strings it costs a few dozen microseconds each. Every value is escaped except the
comment's HTML, which `comments.text` made and cleaned (and the reply URL, built here
from an integer).
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .selectors import Node


class ThreadRenderer:
    def __init__(self, *, open_: bool):
        self.open = open_
        self.reply_url = reverse("comments:reply", args=[0]).replace("/0/", "/{}/")
        self.report_url = reverse("comments:report", args=[0]).replace("/0/", "/{}/")
        self.report_label = gettext("Report")
        self.report_name = gettext("Report the comment of %(name)s")
        self.author_label = gettext("Author")
        self.reply_label = gettext("Reply to %(name)s")
        self.to_label = gettext("in reply to %(name)s")
        self.author_urls: dict[int, str | None] = {}
        self.days: dict = {}

    def render(self, nodes: list[Node]) -> SafeString:
        parts: list[str] = []
        for node in nodes:
            self.node(node, parts)
        return mark_safe("".join(parts))  # noqa: S308  (built from escaped parts)

    def node(self, node: Node, out: list[str]) -> None:
        comment = node.comment
        classes = f"comment comment--depth-{node.depth}"
        if comment.author_id:
            classes += " comment--by-author"
        if comment.erased_at:
            classes += " comment--erased"
        moment = timezone.localtime(comment.created_at)
        out.append(
            f'<li class="{classes}" id="kommentar-{comment.pk}"><article>'
            f'<header class="comment__meta"><span class="comment__name">'
            f"{self.name(comment)}</span>"
        )
        if comment.author_id:
            out.append(
                f'<span class="comment__badge">{escape(self.author_label)}</span>'
            )
        out.append(
            f'<a class="comment__date" href="#kommentar-{comment.pk}">'
            # Whole seconds: HTML's datetime allows at most three decimals.
            f'<time datetime="{moment.replace(microsecond=0).isoformat()}">'
            f"{escape(self.when(moment))}"
            "</time></a>"
        )
        if node.replying_to:
            to = self.to_label % {"name": node.replying_to}
            out.append(f'<span class="comment__to">{escape(to)}</span>')
        out.append(f'</header><div class="comment__text">{comment.html}</div>')
        out.append('<p class="comment__actions">')
        if self.open:
            label = self.reply_label % {"name": comment.shown_name}
            out.append(
                f'<a class="comment__reply" href="{self.reply_url.format(comment.pk)}"'
                f' rel="nofollow">{escape(label)}</a> '
            )
        # Each link names whose comment it reports: a list of links that all
        # read "Melden" tells a screen reader nothing.
        name = self.report_name % {"name": comment.shown_name}
        out.append(
            f'<a class="comment__report" href="{self.report_url.format(comment.pk)}"'
            f' rel="nofollow" aria-label="{escape(name)}">'
            f"{escape(self.report_label)}</a></p>"
        )
        out.append("</article>")
        if node.children:
            out.append('<ol class="comments comments--replies">')
            for child in node.children:
                self.node(child, out)
            out.append("</ol>")
        out.append("</li>")

    def when(self, moment) -> str:
        """Date and time as the language writes them; the date part is formatted
        once per day shown."""
        day = moment.date()
        if day not in self.days:
            self.days[day] = formats.date_format(day, "DATE_FORMAT")
        return f"{self.days[day]}, {formats.time_format(moment, 'TIME_FORMAT')}"

    def name(self, comment) -> str:
        shown = escape(comment.shown_name)
        if comment.erased_at:
            return shown
        if comment.author_id and comment.author:
            url = self.author_url(comment.author)
            return f'<a href="{escape(url)}">{shown}</a>' if url else shown
        if comment.website:
            return f'<a href="{escape(comment.website)}" rel="nofollow ugc">{shown}</a>'
        return shown

    def author_url(self, author) -> str | None:
        if author.pk not in self.author_urls:
            self.author_urls[author.pk] = author.archive_url
        return self.author_urls[author.pk]


def thread_html(nodes: list[Node], *, open_: bool) -> SafeString:
    return ThreadRenderer(open_=open_).render(nodes)
