"""Oscar's customer forms, with registration that does not reveal taken addresses."""

from django import forms
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(oscar_forms.EmailUserCreationForm):
    def clean_email(self) -> str:
        """No "a user with that address exists": the registration answers the same
        either way and mails the owner instead (shop/customer/registration.py)."""
        return normalise_email(self.cleaned_data["email"])

    def validate_unique(self) -> None:
        """The model's unique address would say it again: checked in the view."""
        exclude = self._get_validation_exclusions()
        exclude.add("email")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)
