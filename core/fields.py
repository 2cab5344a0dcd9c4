"""Model fields shared by the apps."""

from django.db import models
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField

from .sanitize import clean_html, clean_stored_html


class CleanRichTextField(RichTextField):
    """A RichTextField whose value is cleaned on every save (`core.sanitize`), and
    on every load: text stored another way (a raw UPDATE, an old import) is
    cleaned and its markup balanced before the page, the feed or the admin's
    editor sees it. Wagtail's editor fails with a 500 on markup it cannot map
    (an `<img>`, a `<div>`, unbalanced tags)."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else clean_stored_html(value)

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else clean_stored_html(value)

    def pre_save(self, model_instance, add):
        value = clean_stored_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class CleanHTMLField(models.TextField):
    """A text field holding HTML from a plain editor (the shop dashboard), cleaned
    on every save (`core.sanitize.clean_html`); templates show it with
    `|clean_html`, which cleans again for rows written another way."""

    def pre_save(self, model_instance, add):
        value = str(clean_html(getattr(model_instance, self.attname) or ""))
        setattr(model_instance, self.attname, value)
        return value


class CleanStreamField(StreamField):
    """A StreamField whose rich text is cleaned on every save, whatever path the
    value came by.

    Wagtail keeps a value assigned as raw JSON (an import, the ORM, a fixture) as
    it is and stores it again untouched: the rich-text blocks' cleaning
    (`core.blocks.CleanRichTextBlock`) only runs for blocks that were turned into
    Python values. Here every block is turned into one before the save, so every
    block's `get_prep_value` runs. Migrations see a plain StreamField (the
    difference is only in saving)."""

    def get_prep_value(self, value):
        # Used for the row and for revisions (the editor opens the latest one).
        if isinstance(value, StreamValue):
            for index in range(len(value)):
                value[index]
        return super().get_prep_value(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.fields.StreamField", args, kwargs
