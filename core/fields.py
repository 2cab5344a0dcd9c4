"""Model fields shared by the apps."""

from django.db import models
from wagtail.fields import RichTextField

from .sanitize import clean_html, clean_stored_html


class CleanRichTextField(RichTextField):
    """A RichTextField whose value is cleaned on every save (`core.sanitize`)."""

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
