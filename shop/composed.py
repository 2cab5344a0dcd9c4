"""A course the reader put together: one basket line that carries what it holds.

The composer (app `ondemand`) adds the course's product with one line option,
`COMPOSED_OPTION`, whose value is the whole course as chosen: its title, the
revisions of its lessons in order (the final lesson last), their titles, how it is
delivered, and its price. Oscar keeps line options with the basket line and copies
them to the order line, so what the reader chose is what the order holds, whatever
editors change later. Delivery renders those revisions, courses mails them, the
invoice lists the lessons, and the strategy prices the line from it.

The value is written only by the server (never a form field), so its price can be
taken as it stands.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

COMPOSED_OPTION = "kurs-nach-wunsch"


@dataclass
class ComposedSpec:
    """What one composed course line holds."""

    code: str  # the composition's public id (the composer's record)
    title: str
    revision_ids: list[int]
    lesson_titles: list[str]
    price: str  # gross, as a decimal string
    as_pdf: bool = True
    by_mail: bool = False
    interval_days: int = 2
    final_title: str = ""
    tasks: int = 0
    pages: int = 0

    def as_value(self) -> dict:
        return asdict(self)

    @property
    def gross(self) -> Decimal | None:
        try:
            return Decimal(self.price)
        except (InvalidOperation, TypeError):
            return None

    @property
    def line_title(self) -> str:
        return str(_("eCourse on demand: %(title)s") % {"title": self.title})[:255]


def spec_from_value(value) -> ComposedSpec | None:
    if not isinstance(value, dict):
        return None
    known = set(ComposedSpec.__dataclass_fields__)
    try:
        return ComposedSpec(**{k: v for k, v in value.items() if k in known})
    except TypeError:
        return None


def composed_of(line) -> ComposedSpec | None:
    """The composed course a basket or order line holds, else None. Reads the
    line's prefetched attributes: no query when they are prefetched."""
    for attribute in line.attributes.all():
        if attribute.option.code == COMPOSED_OPTION:
            return spec_from_value(attribute.value)
    return None


def composed_option():
    """The line option (created once, by the code the app knows it by)."""
    from oscar.core.loading import get_model

    Option = get_model("catalogue", "Option")
    option, _created = Option.objects.get_or_create(
        code=COMPOSED_OPTION,
        defaults={"name": "Kurs nach Wunsch", "type": Option.TEXT, "required": False},
    )
    return option
