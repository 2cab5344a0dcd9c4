"""Share images: the 1200×630 picture a link to an article or series shows on
social sites and in messengers, drawn from the page's hero image and its title.

It is a Wagtail rendition like any other size, with one more operation in its
filter spec: `sharecard-<revision id>` writes the title of that revision of the
page over the image (Pillow). So it is made once per published revision, kept in
the renditions table and the rendition storage, served from there, and a new
title makes a new spec and so a new picture (`share_card_spec`)."""

import textwrap
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont
from wagtail.images.image_operations import FilterOperation
from wagtail.models import Revision

from publisher.selectors import publisher_name

from .renditions import SHARE, SPECS

SIZE = (1200, 630)
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
TITLE_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
NAME_FONT = FONT_DIR / "DejaVuSans.ttf"
ACCENT = (138, 43, 15)


def share_card_spec(revision_id: int) -> str:
    """The filter spec of a page revision's share image."""
    return f"{SPECS[SHARE]}|sharecard-{revision_id}|format-jpeg|jpegquality-85"


def revision_title(revision_id: int) -> str:
    content = (
        Revision.objects.filter(pk=revision_id)
        .values_list("content", flat=True)
        .first()
    )
    return (content or {}).get("title", "")


def card_draw(picture: Image.Image, title: str, name: str) -> Image.Image:
    """The card: the picture, darkened towards the foot, the title in up to
    three lines of white type over it, the publisher's name above, an accent bar
    at the foot."""
    card = picture.convert("RGB")
    if card.size != SIZE:
        card = card.resize(SIZE)
    shade = Image.new("L", SIZE, 0)
    draw_shade = ImageDraw.Draw(shade)
    for y in range(SIZE[1]):
        # Clear at the top, nearly black behind the title.
        strength = int(70 + 170 * (y / SIZE[1]) ** 1.4)
        draw_shade.line([(0, y), (SIZE[0], y)], fill=strength)
    card = Image.composite(Image.new("RGB", SIZE, (18, 18, 22)), card, shade)
    draw = ImageDraw.Draw(card)
    size, lines = _fit(title)
    font = ImageFont.truetype(str(TITLE_FONT), size)
    line_height = int(size * 1.18)
    y = SIZE[1] - 70 - line_height * len(lines)
    name_font = ImageFont.truetype(str(NAME_FONT), 30)
    draw.text((64, y - 58), name, font=name_font, fill=(235, 230, 220))
    for line in lines:
        draw.text((64, y), line, font=font, fill=(255, 255, 255))
        y += line_height
    draw.rectangle((0, SIZE[1] - 18, SIZE[0], SIZE[1]), fill=ACCENT)
    return card


def _fit(title: str) -> tuple[int, list[str]]:
    """The largest type size at which the title takes at most three lines."""
    for size, width in ((68, 24), (58, 29), (50, 34), (44, 40)):
        lines = textwrap.wrap(title, width=width) or [""]
        if len(lines) <= 3:
            return size, lines
    lines = textwrap.wrap(title, width=40)
    rest = textwrap.shorten(" ".join(lines[2:]), 40, placeholder=" …")
    return 44, [*lines[:2], rest]


class ShareCardOperation(FilterOperation):
    """`sharecard-<revision id>`: the title of that page revision over the image."""

    def construct(self, revision_id):
        self.revision_id = int(revision_id)

    def run(self, willow, image, env):
        from willow.plugins.pillow import PillowImage

        picture = willow.get_pillow_image()
        card = card_draw(picture, revision_title(self.revision_id), publisher_name())
        return PillowImage(card)


def share_card_make(*, image, page_id: int, revision_id: int) -> None:
    """Make a published revision's share image ahead of the first reader, and
    drop the images of the page's older revisions."""
    image.get_rendition(share_card_spec(revision_id))
    older = (
        Revision.page_revisions.filter(object_id=str(page_id))
        .exclude(pk=revision_id)
        .values_list("pk", flat=True)
    )
    image.renditions.filter(
        filter_spec__in=[share_card_spec(pk) for pk in older]
    ).delete()
