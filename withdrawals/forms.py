"""The withdrawal function's form (§ 356a(2) BGB asks for the name, the contract and
where the confirmation goes)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WithdrawalFindForm(forms.Form):
    """Step one: which contract. Guests name it by order number and e-mail
    address; a signed-in reader may pick one of their orders instead."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    order = forms.ChoiceField(
        label=_("Your order"), required=False, widget=forms.RadioSelect
    )
    number = forms.CharField(
        label=_("Order number"),
        max_length=30,
        required=False,
        help_text=_("You find it in the order confirmation e-mail."),
    )
    email = forms.EmailField(
        label=_("E-mail address used for the order"), required=False
    )

    def __init__(self, *args, orders=(), **kwargs):
        super().__init__(*args, **kwargs)
        if orders:
            self.fields["order"].choices = [
                (
                    order.number,
                    _("Order %(number)s of %(date)s")
                    % {
                        "number": order.number,
                        "date": order.date_placed.strftime("%d.%m.%Y"),
                    },
                )
                for order in orders
            ]
        else:
            del self.fields["order"]

    def clean(self):
        data = super().clean()
        if data.get("order"):
            return data
        if not data.get("number"):
            self.add_error("number", _("Please enter your order number."))
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Please enter the e-mail address of the order."))
        return data
