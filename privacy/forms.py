from django import forms
from django.utils.translation import gettext_lazy as _


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        max_length=254,
        help_text=_("The address the person wrote from or shopped with."),
    )


class EraseConfirmForm(PersonForm):
    confirm = forms.BooleanField(
        label=_("I have verified the request and want to erase this person's data."),
        required=True,
    )
