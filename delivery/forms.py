"""Staff forms of delivery: an e-book file, and a found copy to trace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .ebooks import detect_kind, epub_accessibility_missing
from .models import EbookFile


class EbookFileForm(forms.ModelForm):
    """The file is checked by its content: its name proves nothing."""

    class Meta:
        model = EbookFile
        fields = ["product", "file", "accessibility_confirmed"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read()
        upload.seek(0)
        self.instance.kind = detect_kind(head)
        self.instance.size = len(head)
        self._gaps = (
            epub_accessibility_missing(head) if self.instance.kind == "epub" else []
        )
        return upload

    def clean(self):
        """An EPUB without accessibility metadata (EPUB Accessibility 1.1) is
        refused unless the editor confirms selling it so."""
        data = super().clean()
        gaps = getattr(self, "_gaps", [])
        if gaps and not data.get("accessibility_confirmed"):
            self.add_error(
                "file",
                _(
                    "The EPUB lacks accessibility metadata: %(missing)s. Add it to "
                    "the package document, or tick the box below to sell it "
                    "without."
                )
                % {"missing": ", ".join(gaps)},
            )
        self.instance.accessibility_gaps = ", ".join(gaps)[:255]
        return data


class TraceForm(forms.Form):
    file = forms.FileField(
        label=_("A PDF or EPUB found somewhere"),
        help_text=_("Its SHA-256 is compared with every copy delivered."),
    )
