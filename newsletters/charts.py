"""The subscribers chart of the dashboard, drawn by matplotlib as inline SVG (as
the sales report is)."""

import io

from django.utils.translation import gettext as _

from .selectors import STATES

COLOURS = {
    "confirmed": "#1f4e5f",
    "pending": "#d9a441",
    "unsubscribed": "#9a9a9a",
    "bounced": "#b2442f",
}


def subscribers_svg(points, series) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels = {
        "confirmed": _("confirmed"),
        "pending": _("pending"),
        "unsubscribed": _("unsubscribed"),
        "bounced": _("bounced"),
    }
    figure = Figure(figsize=(7, 2.6))
    axes = figure.add_subplot()
    for state in STATES:
        axes.plot(
            points,
            [counter[state] for counter in series],
            label=labels[state],
            color=COLOURS[state],
            linewidth=2,
        )
    axes.legend(loc="upper left", fontsize=8, frameon=False)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.find("<svg") :]
