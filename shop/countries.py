"""The countries the shop ships to: the member states of the EU, Germany first.

Their rows are written by a data migration (shop/migrations/0001_countries.py), so a
fresh database can take an order for a book; their names here are translatable, so
the address form speaks the reader's language.
"""

from django.utils.translation import gettext_lazy as _

# ISO 3166-1 alpha-2, alpha-3, numeric, name.
EU_COUNTRIES = [
    ("DE", "DEU", "276", _("Germany")),
    ("AT", "AUT", "040", _("Austria")),
    ("BE", "BEL", "056", _("Belgium")),
    ("BG", "BGR", "100", _("Bulgaria")),
    ("HR", "HRV", "191", _("Croatia")),
    ("CY", "CYP", "196", _("Cyprus")),
    ("CZ", "CZE", "203", _("Czechia")),
    ("DK", "DNK", "208", _("Denmark")),
    ("EE", "EST", "233", _("Estonia")),
    ("FI", "FIN", "246", _("Finland")),
    ("FR", "FRA", "250", _("France")),
    ("GR", "GRC", "300", _("Greece")),
    ("HU", "HUN", "348", _("Hungary")),
    ("IE", "IRL", "372", _("Ireland")),
    ("IT", "ITA", "380", _("Italy")),
    ("LV", "LVA", "428", _("Latvia")),
    ("LT", "LTU", "440", _("Lithuania")),
    ("LU", "LUX", "442", _("Luxembourg")),
    ("MT", "MLT", "470", _("Malta")),
    ("NL", "NLD", "528", _("Netherlands")),
    ("PL", "POL", "616", _("Poland")),
    ("PT", "PRT", "620", _("Portugal")),
    ("RO", "ROU", "642", _("Romania")),
    ("SK", "SVK", "703", _("Slovakia")),
    ("SI", "SVN", "705", _("Slovenia")),
    ("ES", "ESP", "724", _("Spain")),
    ("SE", "SWE", "752", _("Sweden")),
]

NAMES = {code: name for code, _a3, _num, name in EU_COUNTRIES}


def country_name(code: str) -> str:
    """The country's name in the active language, or "" for one outside the list
    (callers then show the stored name)."""
    name = NAMES.get(code)
    return str(name) if name is not None else ""


def address_lines(address) -> list[str]:
    """A postal address as a German envelope has it: the name, the street, then
    postcode and town on one line, and the country in the active language (Oscar
    prints "Köln, 51147" and the English country name)."""
    if not address:
        return []
    lines = [
        f"{address.first_name} {address.last_name}".strip(),
        address.line1,
        address.line2,
        address.line3,
        f"{address.postcode} {address.line4}".strip(),
        # The stored name costs a query: only for a country outside our list.
        country_name(address.country_id) or str(address.country),
    ]
    return [line for line in lines if line]
