"""The page editor's form for every page type of the site (`base_form_class` of
`ImprintPageMixin`)."""

from wagtail.admin.forms import WagtailAdminPageForm

from core.text import slug_german

# Formset bookkeeping fields, never typed by an editor.
_FORMSET_FIELDS = {"id", "ORDER", "DELETE"}


class SitePageForm(WagtailAdminPageForm):
    """Wagtail's page form, with German slugs and drafts that save.

    - The slug is transliterated as German writes it ("ö" -> "oe"); Wagtail's own
      slugs keep the umlaut or drop its dots.
    - A draft (and the editor's autosave) may leave an inline row untouched: a new
      article opens with one empty author row, whose required author made every
      autosave of a new article fail (400, "autosave paused"). An untouched row
      is left out of the draft; publishing still requires it.
    """

    def clean_slug(self) -> str:
        return slug_german(self.cleaned_data.get("slug") or "")

    def defer_required_fields(self):
        super().defer_required_fields()
        for formset in self.formsets.values():
            for form in formset.forms:
                typed = [
                    name
                    for name, field in form.fields.items()
                    if name not in _FORMSET_FIELDS and field.required
                ]
                if typed and all(not form[name].value() for name in typed):
                    form.empty_permitted = True
                    form.has_changed = lambda: False
