"""The sales report: paid sales per month, per product and the article or series it
is sold from, as rows for the table and as an SVG chart drawn with matplotlib on
the server (no script, no CDN; the table carries the same figures for screen
readers and for readers without images)."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import formats
from oscar.core.loading import get_model

Line = get_model("order", "Line")
Order = get_model("order", "Order")

PAID = (Order.PAID, Order.SHIPPED)


@dataclass(frozen=True)
class SalesRow:
    month: date
    product: str
    source: str  # the article or series a PDF is sold from, else ""
    copies: int
    revenue: Decimal


def sales_by_month(*, year: int) -> list[SalesRow]:
    """Paid lines of `year`, grouped by month and product: one query."""
    rows = (
        Line.objects.filter(order__status__in=PAID, order__date_placed__year=year)
        .annotate(month=TruncMonth("order__date_placed"))
        .values("month", "title", "product__page__title")
        .annotate(copies=Sum("quantity"), revenue=Sum("line_price_incl_tax"))
        .order_by("month", "-revenue", "title")
    )
    return [
        SalesRow(
            month=row["month"].date()
            if hasattr(row["month"], "date")
            else row["month"],
            product=row["title"],
            source=row["product__page__title"] or "",
            copies=row["copies"],
            revenue=Decimal(row["revenue"]).quantize(Decimal("0.01")),
        )
        for row in rows
    ]


def monthly_totals(rows: list[SalesRow]) -> list[tuple[date, Decimal]]:
    totals: dict[date, Decimal] = {}
    for row in rows:
        totals[row.month] = totals.get(row.month, Decimal("0")) + row.revenue
    return sorted(totals.items())


def chart_svg(totals: list[tuple[date, Decimal]], *, title: str) -> str:
    """A bar chart of revenue per month as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3.2), dpi=100)
    axes = figure.add_subplot()
    labels = [formats.date_format(month, "M Y") for month, _total in totals]
    values = [float(total) for _month, total in totals]
    axes.bar(labels, values, color="#8a2b0f")
    axes.set_title(title, fontsize=11)
    axes.set_ylabel("€")
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="x", labelsize=8, rotation=45)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


@dataclass(frozen=True)
class OssRow:
    """One country and rate of a quarter's OSS return: net, VAT and gross."""

    country: str
    percent: str
    net: Decimal
    vat: Decimal
    gross: Decimal


def oss_quarter(*, year: int, quarter: int) -> list[OssRow]:
    """The digital sales taxed in other member states in a quarter (§ 18j UStG):
    per country and rate, the lines of the invoices issued in it, less the lines
    their cancellation invoices of that quarter reversed. The VAT is worked out
    per country and rate from the gross sum, as the invoices do."""
    from oscar.core.loading import get_model

    from shop import oss
    from shop.models import Invoice, InvoiceCorrection
    from shop.vat import RateLine, percent

    Line = get_model("order", "Line")
    first_month = 3 * (quarter - 1) + 1
    period = {
        "issued_at__year": year,
        "issued_at__month__gte": first_month,
        "issued_at__month__lte": first_month + 2,
    }
    gross: dict[tuple[str, Decimal], Decimal] = {}

    def add(line, sign: int) -> None:
        key = oss.rate_of_code(line.tax_code)
        if key is not None:
            gross[key] = gross.get(key, Decimal("0")) + sign * line.line_price_incl_tax

    invoiced = Invoice.objects.filter(**period).values("order_id")
    for line in Line.objects.filter(order_id__in=invoiced).exclude(tax_code=""):
        add(line, 1)
    reversed_ids = [
        line_id
        for ids in InvoiceCorrection.objects.filter(**period).values_list(
            "line_ids", flat=True
        )
        for line_id in ids
    ]
    for line in Line.objects.filter(pk__in=reversed_ids).exclude(tax_code=""):
        add(line, -1)
    rows = []
    for (country, rate), amount in sorted(gross.items()):
        share = RateLine(rate=rate, gross=amount)
        rows.append(OssRow(country, percent(rate), share.net, share.tax, share.gross))
    return rows


def oss_csv(rows: list[OssRow]) -> str:
    """The quarter as CSV (semicolons, decimal commas, as German accounting
    software reads it)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Land", "Steuersatz %", "Netto EUR", "USt EUR", "Brutto EUR"])
    for row in rows:
        writer.writerow(
            [
                row.country,
                row.percent.replace(".", ","),
                f"{row.net:.2f}".replace(".", ","),
                f"{row.vat:.2f}".replace(".", ","),
                f"{row.gross:.2f}".replace(".", ","),
            ]
        )
    return out.getvalue()
