"""Geometry of the dashboard's charts, drawn as SVG by the templates (no script at all).

Each chart also has its data as a table on the page and a text alternative in the SVG.
"""

from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _

LABEL_WIDTH = 115
BAR_SPACE = 200  # 100 % is this wide
ROW_HEIGHT = 28
VALUE_GAP = 8


def _bars(rows, *, value, label, text, maximum):
    bars = []
    for index, row in enumerate(rows):
        amount = value(row)
        width = 0 if amount is None or not maximum else round(BAR_SPACE * amount / maximum)
        bars.append(
            {
                "y": index * ROW_HEIGHT,
                "text_y": index * ROW_HEIGHT + 17,
                "label": label(row),
                "width": width,
                "value_x": LABEL_WIDTH + width + VALUE_GAP,
                "value": text(row),
                "known": amount is not None,
            }
        )
    return {
        "bars": bars,
        "height": max(1, len(rows)) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_SPACE + 70,
    }


def strategy_bars(rows) -> dict:
    return _bars(
        rows,
        value=lambda r: r["average"],
        label=lambda r: _("Strategy %(number)s") % {"number": r["strategy"].number},
        text=lambda r: "?" if r["average"] is None else f"{r['average']} %",
        maximum=100,
    )


def status_bars(rows) -> dict:
    maximum = max((r["count"] for r in rows), default=0)
    return _bars(
        rows,
        value=lambda r: r["count"],
        label=lambda r: str(r["label"]),
        text=lambda r: str(r["count"]),
        maximum=maximum,
    )


PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, PLOT_HEIGHT = 40, 10, 330, 150


def time_line(rows) -> dict | None:
    """A line of the average progress per month (0-100 %), months on the horizontal axis."""
    if not rows:
        return None
    step = PLOT_WIDTH / max(1, len(rows) - 1)
    points = []
    for index, row in enumerate(rows):
        if row["average"] is None:
            continue
        x = round(PLOT_LEFT + index * step, 1)
        y = round(PLOT_TOP + PLOT_HEIGHT * (1 - row["average"] / 100), 1)
        points.append({"x": x, "y": y, "row": row})
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "first": date_format(rows[0]["month"], "F Y"),
        "last": date_format(rows[-1]["month"], "F Y"),
        "left": PLOT_LEFT,
        "right": PLOT_LEFT + PLOT_WIDTH,
        "top": PLOT_TOP,
        "middle": PLOT_TOP + PLOT_HEIGHT // 2,
        "bottom": PLOT_TOP + PLOT_HEIGHT,
        "width": PLOT_LEFT + PLOT_WIDTH + 10,
        "height": PLOT_TOP + PLOT_HEIGHT + 30,
    }


def indicator_bars(entry) -> dict | None:
    """An indicator's headline figure (its first) month by month, one bar per month; a month
    without a value has no bar and says so. None while no month has a value."""
    rows = [(month, values[0] if values else None) for month, values in entry["table"]]
    known = [value for _month, value in rows if value is not None]
    if not known:
        return None
    chart = _bars(
        rows,
        value=lambda r: r[1],
        label=lambda r: date_format(r[0], "M Y"),
        text=lambda r: "\u2014" if r[1] is None else localize(r[1]),
        maximum=max(known),
    )
    chart["label"] = entry["labels"][0]
    chart["rows"] = [{"month": date_format(month, "F Y"), "value": value} for month, value in rows]
    return chart
