"""The rules a comment must pass before it is stored, with no outside service.

Each refusal says what happened and what an honest reader can do, and the form
comes back with everything they typed (`comments.views`). The rules, cheapest
first: a field only programs fill in (honeypot), a minimum time between serving the
form and sending it (signed, `core.cached_forms.issued_*`), a maximum number of
links, the editors' word list, the same text twice, and, counted only for comments
that passed all of these, limits per network address and per e-mail address.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from core import cached_forms
from core.http import client_ip
from core.ratelimit import within_limit

from . import text as comment_text
from .models import Comment, CommentSettings

HONEYPOT = "homepage"


@dataclass
class Refused(Exception):
    """A comment refused: `message` is for the reader, `status` for HTTP, `rule`
    names the rule for logs and tests."""

    rule: str
    message: str
    status: int = 400


def comment_screen(
    *, page: Page, data: dict, request: HttpRequest, rules: CommentSettings
) -> None:
    """Raise `Refused` for the first rule the comment breaks."""
    if request.POST.get(HONEYPOT, "").strip():
        raise Refused(
            "honeypot",
            _(
                "The field “Leave this field empty” was filled in, which only "
                "programs do. If you filled it in, please empty it and send your "
                "comment again."
            ),
        )
    age = cached_forms.issued_age(request)
    if age is None:
        raise Refused(
            "stale",
            _(
                "The form had been open for a very long time or was incomplete. "
                "Your text is still here: please send it again."
            ),
        )
    if age < rules.min_seconds:
        raise Refused(
            "too-fast",
            _(
                "That was faster than anyone can write a comment, so we took it for "
                "a program. Please wait a few seconds and send it again; your text "
                "is still here."
            ),
        )
    links = comment_text.links_in(data["text"])
    if links > rules.max_links:
        raise Refused(
            "links",
            ngettext(
                "Your comment contains %(count)d links; at most %(max)d is allowed. "
                "Please remove some and send it again.",
                "Your comment contains %(count)d links; at most %(max)d are allowed. "
                "Please remove some and send it again.",
                rules.max_links,
            )
            % {"count": links, "max": rules.max_links},
        )
    word = blocked_word(data, rules.blocked_list())
    if word:
        raise Refused(
            "blocked-word",
            _(
                "Your comment contains “%(word)s”, which we do not publish here (see "
                "the debate rules). Please rephrase it and send it again."
            )
            % {"word": word},
        )
    if _duplicate(page, data):
        raise Refused(
            "duplicate",
            _(
                "You have already sent this comment here. It appears once it is "
                "approved; there is no need to send it again."
            ),
        )
    if not within_limit(
        f"comments:ip:{client_ip(request)}", settings.COMMENTS_PER_IP_HOUR
    ):
        raise Refused(
            "ip-limit",
            _(
                "Many comments came from your network in the last hour, so we are "
                "not taking more for now. Please try again later; your text is "
                "still here."
            ),
            status=429,
        )
    if not within_limit(
        f"comments:address:{data['email'].lower()}", settings.COMMENTS_PER_ADDRESS_HOUR
    ):
        raise Refused(
            "address-limit",
            _(
                "You have written several comments in the last hour. Please give the "
                "discussion a little time and try again later; your text is still "
                "here."
            ),
            status=429,
        )


def blocked_word(data: dict, words: list[str]) -> str:
    """The first blocked word or phrase in any field the reader filled in. A single
    word counts only as a whole word ("kasino", not "Kasinostraße"); a phrase or an
    address ("billig-kredit.example") counts wherever it stands."""
    haystack = "\n".join(
        str(data.get(name) or "") for name in ("name", "email", "website", "text")
    ).lower()
    for word in words:
        if re.fullmatch(r"\w+", word):
            if re.search(rf"(?<!\w){word}(?!\w)", haystack):
                return word
        elif word in haystack:
            return word
    return ""


def _normalised(value: str) -> str:
    return " ".join(value.split()).lower()


def _duplicate(page: Page, data: dict) -> bool:
    wanted = _normalised(data["text"])
    earlier = Comment.objects.filter(
        page=page, email__iexact=data["email"], erased_at=None
    ).values_list("text", flat=True)
    return any(_normalised(text) == wanted for text in earlier)
