"""The Settings page: the store's name, language, time zone, pickup hours, pause, escalation delay, landline and
handoff mode, in one form saved all at once (stores.update_store: one bad value and nothing changes)."""

from __future__ import annotations

from flask import render_template

from ...core.handoff import DAYS
from ...usecases import stores
from ...usecases.errors import Invalid
from ...usecases.fields import HANDOFF_MODES, LANGUAGES
from .. import services
from . import bp
from .forms import checked, done, number, optional, refusal, text, words

# Times a day that was closed starts with once ticked open.
USUAL_HOURS = ("09:00", "17:00")
# Offered as you type; any IANA name is taken (America/Toronto is Montréal's and Québec City's).
TIME_ZONES = (
    "America/Toronto",
    "America/Halifax",
    "America/Moncton",
    "America/St_Johns",
    "America/Blanc-Sablon",
    "America/Winnipeg",
    "America/Regina",
    "America/Edmonton",
    "America/Vancouver",
    "America/New_York",
    "Europe/Paris",
)


def _labels(t: dict) -> dict[str, str]:
    """Each setting's name on the page, for a refusal that names it."""
    labels = {
        "name": t["store_name"],
        "language": t["store_language"],
        "timezone": t["timezone"],
        "hours": t["hours"],
        "escalation_seconds": t["escalation"],
        "handoff_mode": t["handoff_mode"],
        "paused": t["paused_setting"],
        "pause_message": t["pause_message"],
        "landline": t["landline"],
    }
    labels.update({f"hours.{day}": f"{t['hours']}, {t['day_' + day]}" for day in DAYS})
    return labels


def _shown(store) -> dict:
    """The form as the store is now."""
    hours = store.hours or {}
    return {
        "name": store.name,
        "language": store.language,
        "timezone": store.timezone,
        "hours_set": bool(store.hours),
        "escalation_seconds": store.escalation_seconds,
        "handoff_mode": store.handoff_mode,
        "paused": store.paused,
        "pause_message": store.pause_message or "",
        "landline": store.landline or "",
        "days": {
            day: {
                "open": bool(hours.get(day)),
                "opens": (hours.get(day) or USUAL_HOURS)[0],
                "closes": (hours.get(day) or USUAL_HOURS)[1],
            }
            for day in DAYS
        },
    }


def _typed() -> dict:
    """The form as it was posted, to show again beside a refusal."""
    return {
        "name": text("name"),
        "language": text("language"),
        "timezone": text("timezone"),
        "hours_set": text("hours") == "set",
        "escalation_seconds": text("escalation_seconds"),
        "handoff_mode": text("handoff_mode"),
        "paused": checked("paused"),
        "pause_message": text("pause_message"),
        "landline": text("landline"),
        "days": {
            day: {"open": checked(f"{day}_open"), "opens": text(f"{day}_opens"), "closes": text(f"{day}_closes")}
            for day in DAYS
        },
    }


def _changes() -> dict:
    """Every setting from the form, as the use case takes it: hours as {"mon": ["09:00", "17:00"], ...} with the
    days ticked open (None: no set hours), a blank pause message as none."""
    hours = None
    if text("hours") == "set":
        hours = {day: [text(f"{day}_opens"), text(f"{day}_closes")] for day in DAYS if checked(f"{day}_open")}
    return {
        "name": text("name"),
        "language": text("language"),
        "timezone": text("timezone").strip(),
        "hours": hours,
        "escalation_seconds": number("escalation_seconds"),
        "handoff_mode": text("handoff_mode"),
        "paused": checked("paused"),
        "pause_message": optional("pause_message"),
        "landline": optional("landline"),
    }


def _page(store, form: dict, errors: dict | None = None, error: str | None = None, status: int = 200):
    return render_template(
        "admin/settings.html",
        store=store,
        form=form,
        days=DAYS,
        modes=HANDOFF_MODES,
        languages=LANGUAGES,
        time_zones=TIME_ZONES,
        errors=errors or {},
        error=error,
    ), status


@bp.get("/stores/<int:store_id>/settings")
def settings(store_id: int):
    store = stores.get_store(services().db, store_id)
    return _page(store, _shown(store))


@bp.post("/stores/<int:store_id>/settings")
def save_settings(store_id: int):
    t = words()
    db = services().db
    try:
        stores.change_settings(services(), store_id, _changes())
    except Invalid as exc:
        fields, message = refusal(exc, _labels(t))
        return _page(stores.get_store(db, store_id), _typed(), fields, message, 422)
    return done(t["settings_saved"], "admin.settings", store_id=store_id)
