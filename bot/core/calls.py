"""The phone call to the store's landline when nobody takes a waiting customer: whether to call, who a "1" makes
the pickup's, and what the call says, in the store's language. Pure."""

from __future__ import annotations

from .handoff import HandoffView

# Twilio <Say> voices: Québec French and Canadian English.
VOICE_LANGUAGES = {"fr": "fr-CA", "en": "en-CA"}


def should_call(has_landline: bool, open_now: bool, paused: bool, h: HandoffView) -> bool:
    """Only for a customer still waiting, alerted, unclaimed, while the store is open and taking pickups."""
    return has_landline and open_now and not paused and h.status == "waiting" and h.alerted


def lead(staff) -> int | None:
    """Who a "1" on the store's phone makes the pickup's: the owner or a manager on duty, else the first on-duty
    staff member, else (nobody on duty) the first owner or manager. `staff`: StaffViews, in roster order."""
    bosses = [s for s in staff if s.role in ("owner", "manager")]
    for group in ([s for s in bosses if s.on_duty], [s for s in staff if s.on_duty], bosses):
        if group:
            return group[0].id
    return None


def _spelled(number: str) -> str:
    """An order number read digit by digit ("1 2 3 4"): "one thousand two hundred…" is not how staff say it."""
    return " ".join(number.lstrip("#")) if number.lstrip("#").isdigit() else number.lstrip("#")


def _where(h: HandoffView, lang: str) -> str:
    if h.location == "door":
        return "à la porte" if lang == "fr" else "at the door"
    if h.spot:
        return f"à la place {h.spot}" if lang == "fr" else f"at spot {h.spot}"
    return "dans le stationnement" if lang == "fr" else "in the parking lot"


def _orders(h: HandoffView, lang: str) -> str:
    numbers = [_spelled(n) for n in h.order_numbers] or [str(h.id)]
    joined = ", ".join(numbers)
    if lang == "fr":
        return f"pour la commande {joined}" if len(numbers) == 1 else f"pour les commandes {joined}"
    return f"for order {joined}" if len(numbers) == 1 else f"for orders {joined}"


def prompt(h: HandoffView, lang: str, store_name: str) -> str:
    """What the call says when answered, before waiting for a key."""
    if lang == "fr":
        return (
            f"Bonjour, ici Arrivée, pour {store_name}. Un client attend {_where(h, 'fr')} {_orders(h, 'fr')}, "
            f"et personne ne l'a encore pris. Appuyez sur 1 pour vous en occuper."
        )
    return (
        f"Hello, this is Arrivée for {store_name}. A customer is waiting {_where(h, 'en')} {_orders(h, 'en')}, "
        f"and nobody has taken it yet. Press 1 to take it."
    )


def after_key(outcome: str, lang: str, lead_name: str | None = None) -> str:
    """What the call says after a key: 'claimed' (for `lead_name`), 'taken' (someone was quicker), 'gone' (the
    customer left or was handed their order), or 'declined' (another key, or none)."""
    first = (lead_name or "").split()[0] if lead_name else ""
    fr = {
        "claimed": f"Merci. C'est noté pour {first}; le client est avisé. Bonne journée!",
        "taken": "Merci, quelqu'un s'en occupe déjà. Bonne journée!",
        "gone": "Merci, ce client n'attend plus. Bonne journée!",
        "declined": "D'accord. Au revoir!",
    }
    en = {
        "claimed": f"Thank you. It's {first}'s now; the customer has been told. Goodbye!",
        "taken": "Thanks, someone already took it. Goodbye!",
        "gone": "Thanks, that customer is no longer waiting. Goodbye!",
        "declined": "All right. Goodbye!",
    }
    return (fr if lang == "fr" else en)[outcome]
