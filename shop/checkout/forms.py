"""The checkout's forms: Oscar's, made German and usable without JavaScript."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.apps.customer.utils import normalise_email
from oscar.core.loading import get_model

from core.text import bidi_strip
from shop.countries import country_name

Country = get_model("address", "Country")


class GatewayForm(forms.Form):
    """Guest or returning customer.

    Oscar's form is a login form whose password box is required in the HTML, so a
    browser refused to send the guest option. Here the password matters only for a
    returning customer; a guest is never told whether the address has an account,
    and a failed login reads the same for known and unknown addresses.
    """

    GUEST, EXISTING = "anonymous", "existing"

    username = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    options = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=(
            (GUEST, _("Order as a guest, without an account")),
            (EXISTING, _("I have a customer account; my password is:")),
        ),
        initial=GUEST,
        label=_("How would you like to order?"),
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])

    def clean(self):
        data = super().clean()
        if data.get("options") != self.EXISTING or "username" not in data:
            return data
        password = data.get("password")
        if not password:
            self.add_error("password", _("Please enter your password."))
            return data
        self.user_cache = authenticate(
            self.request, username=data["username"], password=password
        )
        if self.user_cache is None or not self.user_cache.is_active:
            raise forms.ValidationError(
                _("The e-mail address and password do not match."), code="login"
            )
        return data

    def is_guest_checkout(self) -> bool:
        return self.cleaned_data.get("options") == self.GUEST

    def is_new_account_checkout(self) -> bool:
        return False

    def get_user(self):
        return self.user_cache


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return country_name(obj.iso_3166_1_a2) or obj.printable_name


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """A German postal address: street and number, an optional second line,
    postcode and town, country. No state, no third line."""

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "line1",
            "line2",
            "postcode",
            "line4",
            "country",
        ]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "line1": _("Street and number"),
            "line2": _("Address supplement (optional)"),
            "postcode": _("Postcode"),
            "line4": _("Town"),
            "country": _("Country"),
        }
        field_classes = {"country": CountryChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Oscar's phone mixin adds a phone box to every address form; a parcel to a
        # German address needs none.
        self.fields.pop("phone_number", None)

    def clean_first_name(self) -> str:
        return bidi_strip(self.cleaned_data.get("first_name", "")).strip()

    def clean_last_name(self) -> str:
        return bidi_strip(self.cleaned_data.get("last_name", "")).strip()

    def adjust_country_field(self):
        self.fields["country"].queryset = Country.objects.filter(
            is_shipping_country=True
        ).order_by("-display_order", "printable_name")
        self.fields["country"].empty_label = None
        self.fields["country"].initial = "DE"


class PaymentMethodForm(forms.Form):
    """How the reader pays, and who buys: the country of residence when nothing
    is shipped (the address gives it otherwise), and for business buyers the
    company and the VAT ID printed on the invoice."""

    method = forms.ChoiceField(
        widget=forms.RadioSelect,
        label=_("How would you like to pay?"),
        error_messages={"required": _("Please choose how you would like to pay.")},
    )
    country = forms.ChoiceField(
        label=_("Country of residence"),
        help_text=_("Decides the VAT on downloads and courses."),
        # Preselected as Germany: a form sent without it means Germany.
        required=False,
    )
    company = forms.CharField(
        label=_("Company (for business customers)"), max_length=200, required=False
    )
    vat_id = forms.CharField(
        label=_("VAT ID (for business customers)"),
        max_length=20,
        required=False,
        help_text=_(
            "Printed on your invoice; you can then also download it as XRechnung."
        ),
    )

    def __init__(self, providers, *args, ask_country: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = providers
        self.fields["method"].choices = [(p.code, p.label) for p in providers]
        if ask_country:
            from shop.countries import EU_COUNTRIES

            self.fields["country"].choices = [
                (code, name) for code, _a3, _num, name in EU_COUNTRIES
            ]
            self.fields["country"].initial = "DE"
        else:
            del self.fields["country"]

    def clean_vat_id(self) -> str:
        from stdnum.eu import vat as eu_vat

        value = "".join(self.cleaned_data["vat_id"].split()).upper()
        if value and not eu_vat.is_valid(value):
            raise forms.ValidationError(
                _(
                    "This is not a valid VAT ID. It starts with the country code, "
                    "e.g. DE123456789."
                )
            )
        return value

    def clean(self):
        data = super().clean()
        if "country" in self.fields and not data.get("country"):
            data["country"] = "DE"
        if data.get("vat_id") and not data.get("company"):
            self.add_error(
                "company", _("Please name the company the VAT ID belongs to.")
            )
        return data


EARLY_DELIVERY_TEXT = _(
    "I expressly agree that you begin to deliver the digital content before the "
    "withdrawal period ends."
)
WAIVER_TEXT = _(
    "I know that with this consent I lose my right of withdrawal as soon as the "
    "delivery has begun (§ 356(5) BGB)."
)


class WithdrawalWaiverForm(forms.Form):
    """The two ticks a digital order cannot be placed without (§ 356(5) BGB)."""

    early_delivery = forms.BooleanField(
        label=EARLY_DELIVERY_TEXT,
        error_messages={"required": _("Please confirm this to receive the download.")},
    )
    waiver = forms.BooleanField(
        label=WAIVER_TEXT,
        error_messages={"required": _("Please confirm this to receive the download.")},
    )


NEWSLETTER_TEXT = _(
    "Yes, send me the publisher's newsletter by e-mail (I will confirm by a link we "
    "mail to me; unsubscribe at any time)."
)


class NewsletterOptInForm(forms.Form):
    """The unticked newsletter box of the review page. A tick starts the newsletter's
    double opt-in (through `core.hooks.newsletter_opt_in`) once the order is
    placed; it is never a condition of the order."""

    newsletter = forms.BooleanField(label=NEWSLETTER_TEXT, required=False)
