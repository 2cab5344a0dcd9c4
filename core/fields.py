"""Model fields shared by the apps."""

from wagtail.fields import RichTextField

from .sanitize import clean_stored_html


class CleanRichTextField(RichTextField):
    """A RichTextField whose value is cleaned on every save (`core.sanitize`)."""

    def pre_save(self, model_instance, add):
        value = clean_stored_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
