"""The newsletter's forms. Names are plain text on one line: they are used in
mails, and a line break in a header field is how headers get injected."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from newsletter.models import Newsletter

from core.text import bidi_strip

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>\u2028\u2029]")


def clean_name(value: str) -> str:
    value = bidi_strip(value).strip()
    if _UNSAFE_NAME.search(value):
        raise forms.ValidationError(
            _("Please enter your name on one line, without angle brackets.")
        )
    return value


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name (optional)"), max_length=100, required=False)
    newsletters = NewsletterChoiceField(
        label=_("Newsletters"),
        queryset=Newsletter.objects.filter(visible=True),
        to_field_name="slug",
        error_messages={"required": _("Please choose at least one newsletter.")},
    )

    def clean_name(self):
        return clean_name(self.cleaned_data.get("name"))


class PreferencesForm(forms.Form):
    newsletters = NewsletterChoiceField(
        label=_("Newsletters"),
        queryset=Newsletter.objects.filter(visible=True),
        to_field_name="slug",
        required=False,
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=100, required=False)

    def clean_name(self):
        return clean_name(self.cleaned_data.get("name"))


class AddressChangeForm(forms.Form):
    new_email = forms.EmailField(label=_("New e-mail address"), max_length=254)
