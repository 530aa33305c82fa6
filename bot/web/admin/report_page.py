"""The day report: a chosen day's handoffs per hour and how long customers waited, drawn as server-side SVG with a
table beside each chart, and the day's handoffs as a CSV file. The numbers are those of the owner's STATUS text
(bot/usecases/report.py)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, render_template, request

from ...core.report import bucket_names, minutes
from ...usecases import report
from .. import services
from . import bp
from .access import language
from .charts import bar_chart
from .strings import STRINGS

# Excel in French reads ";" as the cell separator (the comma is its decimal mark); in English, ",".
SEPARATORS = {"semicolon": ";", "comma": ","}


def _day(value: str | None) -> tuple[date | None, bool]:
    """The day asked for (None: today) and whether it could be read."""
    if not value:
        return None, True
    try:
        return date.fromisoformat(value), True
    except ValueError:
        return None, False


def long_date(day: date, t: dict) -> str:
    """ "Thursday, December 3, 2026" / "jeudi 3 décembre 2026"."""
    return t["long_date"].format(
        weekday=t["weekdays"].split()[day.weekday()],
        month=t["months"].split()[day.month - 1],
        day=day.day,
        year=day.year,
    )


@bp.get("/stores/<int:store_id>/report", endpoint="report")
def day_report(store_id: int):
    svc = services()
    t = STRINGS[language()]
    day, readable = _day(request.args.get("day"))
    data = report.day_report(svc.db, store_id, svc.clock(), day)
    figures = data.figures
    hours = [t["hour_label"].format(h=h) for h in data.hours]
    waits = (figures.claim_buckets, figures.handover_buckets, figures.wait_buckets)
    return render_template(
        "admin/report.html",
        report=data,
        figures=figures,
        minutes=minutes,
        day_name=long_date(data.day, t),
        hours=list(zip(hours, (figures.per_hour.get(h, 0) for h in data.hours))),
        per_hour_chart=bar_chart(hours, [[figures.per_hour.get(h, 0) for h in data.hours]]),
        buckets=list(zip(bucket_names(), *waits)),
        waits_chart=bar_chart(list(bucket_names()), [list(w) for w in waits]),
        busiest=max(zip(hours, data.hours), key=lambda pair: figures.per_hour.get(pair[1], 0))[0] if hours else None,
        previous=data.day - timedelta(days=1),
        following=data.day + timedelta(days=1),
        separator="semicolon" if language() == "fr" else "comma",
        error=None if readable else t["report_bad_day"],
    ), 200 if readable else 422


@bp.get("/stores/<int:store_id>/report.csv")
def report_csv(store_id: int):
    svc = services()
    day, readable = _day(request.args.get("day"))
    if not readable:
        return Response(STRINGS[language()]["report_bad_day"], 422, mimetype="text/plain")
    sep = SEPARATORS.get(request.args.get("sep", ""), ",")
    day, text = report.day_csv(svc.db, store_id, svc.clock(), day, sep)
    # A byte order mark, so Excel reads the accents as UTF-8.
    return Response(
        "\ufeff" + text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="arrivee-{store_id}-{day.isoformat()}.csv"'},
    )
