"""Staff forms of delivery: an e-book file, and a found copy to trace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .ebooks import detect_kind
from .models import EbookFile


class EbookFileForm(forms.ModelForm):
    """The file is checked by its content: its name proves nothing."""

    class Meta:
        model = EbookFile
        fields = ["product", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        head = upload.read()
        upload.seek(0)
        self.instance.kind = detect_kind(head)
        self.instance.size = len(head)
        return upload


class TraceForm(forms.Form):
    file = forms.FileField(
        label=_("A PDF or EPUB found somewhere"),
        help_text=_("Its SHA-256 is compared with every copy delivered."),
    )
