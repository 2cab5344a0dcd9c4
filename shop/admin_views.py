"""The shop's pages in the Wagtail admin: the sales report."""

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
