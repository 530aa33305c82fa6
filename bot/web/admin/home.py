"""The store's page for today: pause or resume pickups, who is waiting, the day's figures, the board link."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ...core.report import minutes
from ...usecases import report, stores
from ...usecases.errors import Invalid
from .. import services
from ..api import board_url
from . import bp
from .access import language
from .strings import STRINGS


@bp.get("/stores/<int:store_id>")
def overview(store_id: int):
    svc = services()
    store = stores.get_store(svc.db, store_id)
    figures = report.day_figures_of(svc.db, store_id, svc.clock())
    return render_template(
        "admin/overview.html", store=store, figures=figures, minutes=minutes, board_url=board_url(store), error=None
    )


@bp.post("/stores/<int:store_id>/pause")
def pause(store_id: int):
    svc = services()
    t = STRINGS[language()]
    paused = request.form.get("paused") == "1"
    changes = {"paused": paused}
    if paused:
        changes["pause_message"] = request.form.get("pause_message", "")
    try:
        stores.change_settings(svc, store_id, changes)
    except Invalid as exc:
        store = stores.get_store(svc.db, store_id)
        figures = report.day_figures_of(svc.db, store_id, svc.clock())
        return render_template(
            "admin/overview.html",
            store=store,
            figures=figures,
            minutes=minutes,
            board_url=board_url(store),
            error=exc.describe(language()),
        ), 422
    flash(t["paused_done"] if paused else t["resumed_done"])
    return redirect(url_for("admin.overview", store_id=store_id), code=303)
