"""The Staff page: the roster with who is on duty; add someone, change them, put them on or off duty, and take them off
the roster after a confirmation (a page of its own, so it works without JavaScript). The store's only owner stays:
the use case's Conflict is shown on the page."""

from __future__ import annotations

from flask import abort, g, render_template, url_for

from ...phones import display
from ...usecases import roster, stores
from ...usecases.errors import Conflict, Invalid
from ...usecases.fields import LANGUAGES, ROLES
from .. import services
from . import bp
from .forms import checked, confirmation, done, refusal, text, words


def _labels(t: dict) -> dict[str, str]:
    return {
        "name": t["name"],
        "phone": t["phone"],
        "role": t["role"],
        "language": t["language"],
        "on_duty": t["on_duty"],
    }


def _member(store_id: int, staff_id: int):
    member = next((m for m in roster.roster(services().db, store_id) if m.id == staff_id), None)
    if member is None:
        abort(404)
    return member


def _page(
    store_id: int, new: dict | None = None, errors: dict | None = None, error: str | None = None, status: int = 200
):
    """The roster and the form that adds someone (`new`: what was typed in it, after a refusal)."""
    db = services().db
    store = stores.get_store(db, store_id)
    new = new or {"name": "", "phone": "", "role": "staff", "language": store.language, "on_duty": True}
    return render_template(
        "admin/staff.html",
        members=roster.roster(db, store_id),
        new=new,
        roles=ROLES,
        languages=LANGUAGES,
        me=g.store["staff_id"],
        errors=errors or {},
        error=error,
        display=display,
    ), status


def _edit_page(
    store_id: int, member, form: dict, errors: dict | None = None, error: str | None = None, status: int = 200
):
    return render_template(
        "admin/staff_edit.html",
        member=member,
        form=form,
        roles=ROLES,
        languages=LANGUAGES,
        errors=errors or {},
        error=error,
        display=display,
    ), status


@bp.get("/stores/<int:store_id>/staff")
def staff(store_id: int):
    return _page(store_id)


@bp.post("/stores/<int:store_id>/staff")
def add_staff(store_id: int):
    t = words()
    typed = {
        "name": text("name"),
        "phone": text("phone"),
        "role": text("role"),
        "language": text("language"),
        "on_duty": checked("on_duty"),
    }
    try:
        member = roster.enlist(services(), store_id, **typed, by=g.store["role"])
    except (Invalid, Conflict) as exc:
        fields, message = refusal(exc, _labels(t))
        return _page(store_id, typed, fields, message, 409 if isinstance(exc, Conflict) else 422)
    return done(t["staff_added"].format(name=member.name), "admin.staff", store_id=store_id)


@bp.get("/stores/<int:store_id>/staff/<int:staff_id>")
def edit_staff(store_id: int, staff_id: int):
    member = _member(store_id, staff_id)
    form = {"name": member.name, "role": member.role, "language": member.language, "on_duty": member.on_duty}
    return _edit_page(store_id, member, form)


@bp.post("/stores/<int:store_id>/staff/<int:staff_id>")
def save_staff(store_id: int, staff_id: int):
    t = words()
    member = _member(store_id, staff_id)
    typed = {"name": text("name"), "role": text("role"), "language": text("language"), "on_duty": checked("on_duty")}
    try:
        member = roster.update_staff(services().db, store_id, staff_id, typed, by=g.store["role"])
    except (Invalid, Conflict) as exc:
        fields, message = refusal(exc, _labels(t))
        return _edit_page(store_id, member, typed, fields, message, 409 if isinstance(exc, Conflict) else 422)
    return done(t["staff_saved"].format(name=member.name), "admin.staff", store_id=store_id)


@bp.post("/stores/<int:store_id>/staff/<int:staff_id>/duty")
def staff_duty(store_id: int, staff_id: int):
    t = words()
    on = checked("on_duty")
    member = roster.update_staff(services().db, store_id, staff_id, {"on_duty": on})
    return done(
        t["duty_on_done" if on else "duty_off_done"].format(name=member.name),
        "admin.staff",
        anchor=f"staff-{staff_id}",
        store_id=store_id,
    )


@bp.get("/stores/<int:store_id>/staff/<int:staff_id>/remove")
def confirm_remove_staff(store_id: int, staff_id: int):
    t = words()
    member = _member(store_id, staff_id)
    return confirmation(
        t["remove_staff_q"].format(name=member.name),
        t["remove_staff_detail"],
        t["remove"],
        url_for("admin.remove_staff", store_id=store_id, staff_id=staff_id),
        url_for("admin.staff", store_id=store_id),
    )


@bp.post("/stores/<int:store_id>/staff/<int:staff_id>/remove")
def remove_staff(store_id: int, staff_id: int):
    t = words()
    member = _member(store_id, staff_id)
    try:
        roster.remove_staff(services(), store_id, staff_id, by=g.store["role"])
    except Conflict as exc:
        _, message = refusal(exc, {})
        return _page(store_id, error=message, status=409)
    return done(t["staff_removed"].format(name=member.name), "admin.staff", store_id=store_id)
