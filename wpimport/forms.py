"""The admin's upload form for a WordPress export."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import BlogIndexPage


class ImportForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export (WXR)"),
        help_text=_("WordPress: Tools → Export → All content. An .xml file."),
    )
    parent = forms.ModelChoiceField(
        label=_("Magazine"),
        queryset=BlogIndexPage.objects.all(),
        required=False,
        help_text=_(
            "Posts become articles under this page (the first magazine if empty)."
        ),
    )
    media_dir = forms.CharField(
        label=_("Media directory on the server"),
        required=False,
        help_text=_(
            "Optional: where a copy of wp-content/uploads lies, for the images."
        ),
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if not export.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("Please upload the .xml file WordPress exported.")
            )
        head = export.read(2048)
        export.seek(0)
        if b"<rss" not in head and b"<?xml" not in head:
            raise forms.ValidationError(_("This file is not a WordPress export."))
        return export

    def clean_media_dir(self):
        value = self.cleaned_data["media_dir"].strip()
        if value and not Path(value).is_dir():
            raise forms.ValidationError(_("There is no such directory on the server."))
        return value
