"""The shop's pages in the Wagtail admin: the sales report and the quarterly OSS
report."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from shop import reports

PERMISSION = "shop.view_sales_report"


def sales_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:
        year = this_year
    rows = reports.sales_by_month(year=year)
    totals = reports.monthly_totals(rows)
    chart = (
        mark_safe(  # noqa: S308  (SVG drawn by matplotlib from numbers and dates)
            reports.chart_svg(
                totals, title=_("Revenue per month, %(year)s") % {"year": year}
            )
        )
        if totals
        else ""
    )
    return render(
        request,
        "shop/admin/sales_report.html",
        {
            "rows": rows,
            "totals": totals,
            "year": year,
            "years": range(this_year, this_year - 6, -1),
            "chart": chart,
            "grand_total": sum((total for _month, total in totals), 0),
        },
    )


def oss_report(request: HttpRequest) -> HttpResponse:
    """The quarter's digital sales taxed in other member states, per country and
    rate, on screen and as CSV for the OSS return."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        quarter = int(request.GET.get("quarter", (today.month - 1) // 3 + 1))
    except ValueError:
        year, quarter = today.year, (today.month - 1) // 3 + 1
    if not (2000 <= year <= today.year + 1 and 1 <= quarter <= 4):
        year, quarter = today.year, (today.month - 1) // 3 + 1
    rows = reports.oss_quarter(year=year, quarter=quarter)
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            reports.oss_csv(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="oss-{year}-q{quarter}.csv"'
        )
        return response
    from shop import oss

    return render(
        request,
        "shop/admin/oss_report.html",
        {
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "years": range(today.year, today.year - 6, -1),
            "quarters": range(1, 5),
            "active": oss.oss_active(),
            "source": oss.RATES_SOURCE,
        },
    )
