"""The variables the texts of a decision are rendered with, in both languages."""

from __future__ import annotations

from datetime import datetime

from ..handoff import HandoffView
from .views import CustomerView, StoreView


def order_list(numbers) -> str:
    return ", ".join(f"#{n.lstrip('#')}" for n in numbers)


def note_vars(note: str | None) -> dict:
    """A customer's words for staff, quoted as typed; French puts a non-breaking space before the colon."""
    if not note:
        return {"note": "", "note_fr": ""}
    return {"note": f' Note: "{note}"', "note_fr": f' Note\u00a0: "{note}"'}


def handoff_vars(h: HandoffView, now: datetime | None = None) -> dict:
    """The variables every handoff text may use, in both languages."""
    if h.location == "door":
        where_en, where_fr = "at the door", "à la porte"
    elif h.spot:
        where_en, where_fr = f"spot {h.spot}", f"place {h.spot}"
    elif h.has_photo:
        where_en, where_fr = "car in the photo", "auto sur la photo"
    else:
        where_en, where_fr = "spot not given yet", "place pas encore donnée"
    return {
        "customer": h.customer_label,
        "where_en": where_en,
        "where_fr": where_fr,
        "vehicle": f", {h.vehicle}" if h.vehicle else "",
        "orders": order_list(h.order_numbers),
        "ref": h.order_numbers[0].lstrip("#") if h.order_numbers else str(h.id),
        **note_vars(h.note),
        "unverified_en": " Phone not on file: check the name." if h.unverified_phone else "",
        "unverified_fr": " Numéro inconnu\u00a0: vérifiez le nom." if h.unverified_phone else "",
        "no_texts_en": " Opted out of texts: can't be texted back." if h.customer_opted_out else "",
        "no_texts_fr": " A refusé les textos\u00a0: impossible de lui répondre." if h.customer_opted_out else "",
        "staff": h.claimed_by_name or "",
        "minutes": h.waited_minutes(now) if now else 0,
    }


def checkin_vars(store: StoreView) -> dict:
    if store.handoff_mode == "door":
        return {"checkin_en": "reply HERE.", "checkin_fr": "répondez ARRIVÉ."}
    return {
        "checkin_en": "reply HERE and your spot number (e.g. HERE 4).",
        "checkin_fr": "répondez ARRIVÉ et votre numéro de place (ex. ARRIVÉ 4).",
    }


def _name(c: CustomerView) -> dict:
    return {"name": f" {c.first_name}" if c.first_name else ""}
