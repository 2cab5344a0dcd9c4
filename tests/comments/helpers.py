"""What the comment tests share: sending the form of a page as a browser without
JavaScript does (its hidden fields, the Origin header), and building threads."""

import re
import time

from django.core import signing
from django.test import Client

from comments.models import Comment
from core import cached_forms

HOST = "testserver"
READER = {
    "name": "Jana Reuter",
    "email": "jana@leser.example",
    "text": (
        "Danke für den Beitrag. Am ersten Tag hat mir vor allem die Liste geholfen."
    ),
    "debate_rules": "on",
    "privacy": "on",
}


def form_fields(html: str) -> dict:
    """The hidden fields of the comment form in `html`, and where it posts."""
    start = html.index('class="comment-form__form"')
    form = html[start : html.index("</form>", start)]
    fields = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)
    )
    fields["_action"] = re.search(r'action="([^"]+)"', form).group(1)
    return fields


def issued_ago(seconds: float) -> str:
    """The `issued` value of a form served `seconds` ago (the reader took this long)."""
    return signing.Signer(salt=cached_forms.ISSUED_SALT).sign(
        f"{time.time() - seconds:.3f}"
    )


def send(client: Client, url: str, *, took: float | None = 30, origin=True, **data):
    """Fetch `url`, fill in its comment form and send it. `took` is how long the
    reader wrote (None: send the form's own value at once)."""
    html = Client().get(url).content.decode()
    fields = form_fields(html)
    action = fields.pop("_action")
    if took is not None:
        fields["issued"] = issued_ago(took)
    payload = {**fields, **READER, **data}
    payload = {key: value for key, value in payload.items() if value is not None}
    headers = {"HTTP_ORIGIN": f"http://{HOST}", "HTTP_REFERER": url} if origin else {}
    return client.post(action, payload, **headers)


def approved(
    page, *, parent=None, name="Leser", email="leser@leser.example", text="Gut."
):
    return Comment.objects.create(
        page=page, parent=parent, name=name, email=email, text=text,
        status=Comment.Status.APPROVED,
    )  # fmt: skip
