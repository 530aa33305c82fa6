"""The store's orders for today: add one, mark one ready, cancel one (after a confirmation page, so it works without
script), or import a day's CSV file. Each form calls one use case of bot/usecases/orders.py."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from ...core.problems import describe
from ...core.statuses import OrderStatus
from ...phones import display
from ...usecases import order_events, order_records, orders, stores
from ...usecases.errors import Conflict, Invalid, NotFound, Refused
from .. import services
from . import bp
from .access import language
from .strings import STRINGS

# The words of strings.py that name each field an order's problem may point at.
FIELD_WORDS = {
    "number": "order_number",
    "customer_name": "customer_name",
    "customer_phone": "customer_phone",
    "language": "customer_language",
    "status": "col_status",
}


def _words() -> dict:
    return STRINGS[language()]


def _page(store_id: int, status: int = 200, error: str | None = None, form=None, problems=None):
    svc = services()
    store = stores.get_store(svc.db, store_id)
    zone = ZoneInfo(store.timezone)
    return render_template(
        "admin/orders.html",
        store=store,
        orders=order_records.day_orders(svc.db, store_id, svc.clock()),
        # Orders from the shop's system with no phone to text: flagged here, never dropped.
        held=[
            (h.number or "?", h.customer_name or "–", h.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"))
            for h in order_events.orders_without_phone(svc.db, store_id)
        ],
        form=form or {},
        error=error,
        problems=problems or [],
        display=display,
    ), status


def _problem(exc: Invalid | Conflict) -> str:
    """The problem in the page's language, after the field it is about."""
    said, field = exc.describe(language()), getattr(exc, "field", None)
    if field not in FIELD_WORDS:
        return said
    return _words()["label_value"].format(label=_words()[FIELD_WORDS[field]], value=said)


@bp.get("/stores/<int:store_id>/orders", endpoint="orders")
def orders_today(store_id: int):
    return _page(store_id)


@bp.post("/stores/<int:store_id>/orders")
def create_order(store_id: int):
    form = request.form
    ready = form.get("ready") == "1"
    try:
        created = orders.create_order(
            services(),
            store_id,
            form.get("number", ""),
            form.get("customer_phone", ""),
            form.get("customer_name") or None,
            language=form.get("language") or None,
            status=OrderStatus.READY if ready else OrderStatus.PENDING,
        )
    except (Invalid, Conflict) as exc:
        return _page(store_id, 422, _problem(exc), form)
    flash(_words()["order_created_ready" if ready else "order_created"].format(number=created["number"]))
    return redirect(url_for("admin.orders", store_id=store_id), code=303)


@bp.post("/stores/<int:store_id>/orders/ready")
def order_ready(store_id: int):
    return _on_order(store_id, lambda svc, number: orders.mark_ready(svc, store_id, number).number, "marked_ready")


@bp.get("/stores/<int:store_id>/orders/cancel")
def confirm_cancel(store_id: int):
    """The confirmation step: what cancelling would do, and the button that does it."""
    number = request.args.get("number", "")
    try:
        order = order_records.get_order(services().db, store_id, number)
    except (NotFound, Invalid):
        return _page(store_id, 404, _words()["order_unknown"].format(number=number))
    return render_template("admin/order_cancel.html", order=order, display=display)


@bp.post("/stores/<int:store_id>/orders/cancel")
def cancel_order(store_id: int):
    return _on_order(
        store_id, lambda svc, number: orders.cancel_order(svc, store_id, number)["number"], "cancelled_done"
    )


def _on_order(store_id: int, act, done: str):
    """One order's button (mark ready, cancel): `act` runs the use case on the form's order number and gives back the
    number as stored; then the notice `done`, or the page again saying what stopped it."""
    number = request.form.get("number", "")
    try:
        stored = act(services(), number)
    except NotFound:
        return _page(store_id, 404, _words()["order_unknown"].format(number=number))
    except (Invalid, Conflict) as exc:
        return _page(store_id, 422, _problem(exc))
    flash(_words()[done].format(number=stored))
    return redirect(url_for("admin.orders", store_id=store_id), code=303)


@bp.post("/stores/<int:store_id>/orders/import")
def import_orders(store_id: int):
    t = _words()
    sheet = request.files.get("sheet")
    if sheet is None or not sheet.filename:
        return _page(store_id, 422, t["import_choose"])
    try:
        done = orders.import_orders(services(), store_id, sheet.read())
    except Refused as exc:
        lines = [
            (
                t["import_line"].format(line=p.line),
                t[FIELD_WORDS[p.column]] if p.column in FIELD_WORDS else None,
                describe(p.problem, language()),
            )
            for p in exc.problems
        ]
        return _page(store_id, 422, t["import_refused"], problems=lines)
    except Conflict as exc:
        return _page(store_id, 422, exc.describe(language()))
    flash(t["import_done"].format(count=len(done.created)))
    if done.existing:
        flash(
            t["import_existing"].format(
                orders=", ".join(
                    f"#{number} ({t['import_line'].format(line=line).lower()})" for line, number in done.existing
                )
            )
        )
    return redirect(url_for("admin.orders", store_id=store_id), code=303)


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    """A file past the app's upload limit, on the import form: said on the orders page rather than as a bare 413.
    The size is found before the sign-in guard has run, so this only sends the browser back to the guarded page."""
    if request.endpoint != "admin.import_orders":
        return exc
    flash(_words()["import_too_large"])
    return redirect(url_for("admin.orders", store_id=request.view_args["store_id"]), code=303)
