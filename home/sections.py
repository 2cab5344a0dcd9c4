"""The home page's sections: what an editor composes the front page from.

Each block here holds only the editor's choices (which article leads, how many
stories, which series, which kinds of products). What a section shows is loaded
by the app that owns it, through the hook `home_page_sections` (blog: stories,
series, topics, authors; shop: the shelf; newsletters: the sign-up), for all
sections of a kind at once, so the page costs the same queries however many
articles or products there are. Models above this app are named by their label,
never imported.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .blocks import BodyStreamBlock

SECTION_TEMPLATE = "home/sections/{kind}.html"


def _heading(help_text) -> blocks.CharBlock:
    """A section's own heading; empty, the section's usual one (`help_text`)."""
    return blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, help_text=help_text
    )


class LeadStoryBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(
        page_type="blog.ArticlePage",
        required=False,
        label=_("article"),
        help_text=_("Leave empty to lead with the newest article."),
    )

    class Meta:
        icon = "pick"
        label = _("Lead story")
        description = _("One article, large: image, topic, title, lead and author.")


class StoriesBlock(blocks.StructBlock):
    heading = _heading(_('Leave empty for "More articles".'))
    topic = SnippetChooserBlock(
        "taxonomy.Category",
        required=False,
        label=_("topic"),
        help_text=_("Only articles on this topic; empty: all topics."),
    )
    count = blocks.IntegerBlock(label=_("number"), default=6, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        label = _("Further stories")
        description = _("The newest articles as cards (without the lead story).")


class SeriesShelfBlock(blocks.StructBlock):
    heading = _heading(_('Leave empty for "Our series".'))
    series = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="blog.SeriesPage", label=_("series")),
        label=_("series"),
        max_num=6,
        help_text=_("Leave empty for the three newest series."),
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Series shelf")
        description = _("Series with cover, number of parts and the series PDF.")


class ProductShelfBlock(blocks.StructBlock):
    # The shop's `SHELF_KINDS` with their plural names (home sits below the shop
    # and does not import it).
    KINDS = (
        ("book", _("Books")),
        ("ebook", _("E-books")),
        ("course", _("eCourses")),
    )

    heading = _heading(_('Leave empty for "Books, e-books and courses".'))
    kinds = blocks.MultipleChoiceBlock(
        choices=KINDS,
        required=False,
        label=_("kinds"),
        help_text=_("Empty: all three. Order: the products' priority, then newest."),
    )
    topic = SnippetChooserBlock("taxonomy.Category", required=False, label=_("topic"))
    count = blocks.IntegerBlock(label=_("number"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "tag"
        label = _("Shop shelf")
        description = _("Books, e-books and courses with cover, price and basket.")


class TopicsBlock(blocks.StructBlock):
    heading = _heading(_('Leave empty for "Topics".'))
    topics = blocks.ListBlock(
        SnippetChooserBlock("taxonomy.Category", label=_("topic")),
        label=_("topics"),
        help_text=_("Leave empty for every topic."),
    )

    class Meta:
        icon = "tag"
        label = _("Topic row")
        description = _("The topics, each linking to its page.")


class AuthorsBlock(blocks.StructBlock):
    heading = _heading(_('Leave empty for "Our authors".'))
    authors = blocks.ListBlock(
        SnippetChooserBlock("blog.Author", label=_("author")),
        label=_("authors"),
        max_num=8,
        help_text=_("Leave empty for the authors of the newest articles."),
    )

    class Meta:
        icon = "group"
        label = _("Author strip")
        description = _("Authors with photo and role, each linking to their page.")


class NewsletterSectionBlock(blocks.StructBlock):
    heading = _heading(_('Leave empty for "The newsletter".'))
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)

    class Meta:
        icon = "mail"
        label = _("Newsletter")
        description = _("The sign-up form of the site's newsletter.")


#: Section kinds in the order the front page shows them when the editor chose none.
SECTION_BLOCKS = {
    "lead_story": LeadStoryBlock,
    "stories": StoriesBlock,
    "series_shelf": SeriesShelfBlock,
    "product_shelf": ProductShelfBlock,
    "topics": TopicsBlock,
    "authors": AuthorsBlock,
    "newsletter": NewsletterSectionBlock,
}


class HomeBodyBlock(BodyStreamBlock):
    """The home page: the general blocks and the sections, in the editor's order."""

    lead_story = LeadStoryBlock()
    stories = StoriesBlock()
    series_shelf = SeriesShelfBlock()
    product_shelf = ProductShelfBlock()
    topics = TopicsBlock()
    authors = AuthorsBlock()
    newsletter = NewsletterSectionBlock()


@dataclass
class HomeSection:
    """One section to show: its kind, the editor's choices, and what the owning app
    loaded (`data`, None while nobody filled it: then it is left out)."""

    kind: str
    value: Any
    position: int
    data: dict | None = None
    template: str = ""

    def fill(self, **data) -> None:
        self.data = data
        self.template = SECTION_TEMPLATE.format(kind=self.kind)


def sections_of(body) -> list[HomeSection]:
    """The sections an editor placed in the body, or the default front page."""
    chosen = [
        HomeSection(kind=block.block_type, value=block.value, position=position)
        for position, block in enumerate(body)
        if block.block_type in SECTION_BLOCKS
    ]
    if chosen:
        return chosen
    stream_block = HomeBodyBlock()
    return [
        HomeSection(
            kind=kind,
            value=stream_block.child_blocks[kind].get_default(),
            position=len(body) + index,
        )
        for index, kind in enumerate(SECTION_BLOCKS)
    ]


def home_items(body, sections: list[HomeSection]) -> list[dict]:
    """The page in order: the editor's general blocks (`{"block": ...}`) and the
    sections that have something to show (`{"section": ...}`)."""
    items = [
        (position, {"block": block})
        for position, block in enumerate(body)
        if block.block_type not in SECTION_BLOCKS
    ]
    items += [
        (section.position, {"section": section})
        for section in sections
        if section.data is not None
    ]
    return [item for _position, item in sorted(items, key=lambda pair: pair[0])]
