"""The one-tap check-in page's form, read into the same `Meaning` a text would give ("here, spot 4, red Civic").
Pure: the page's words live here too, in English and French."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .handoff import AT_STORE, HandoffView
from .understanding import Meaning

ETA_CHOICES = (5, 10, 15, 20, 30)
SPOT_MAX, VEHICLE_MAX, NOTE_MAX = 10, 60, 200
_SPOT = re.compile(r"^[A-Za-z0-9-]{1,10}$")


@dataclass(frozen=True)
class CheckinForm:
    """What the page's form said, or the first thing wrong with it (`problem`, a key of WORDS)."""

    meaning: Meaning | None
    problem: str | None = None


def _clean(value: str | None, limit: int) -> str | None:
    """A field as typed, without control characters and runs of space, cut to its limit; None when empty."""
    if not value:
        return None
    text = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch in " \t")
    text = " ".join(text.split())[:limit]
    return text or None


def read_form(form: dict[str, str], handoff_mode: str, language: str) -> CheckinForm:
    """`form`: the posted fields (action: on_the_way | here; eta; where: car | door; spot; vehicle; note).
    `handoff_mode`: the store's (car | door | both); a door the store does not offer is a car handoff."""
    action = form.get("action")
    vehicle = _clean(form.get("vehicle"), VEHICLE_MAX)
    note = _clean(form.get("note"), NOTE_MAX)
    if action == "on_the_way":
        try:
            eta = int(form.get("eta") or "")
        except ValueError:
            return CheckinForm(None, "eta_missing")
        if eta not in ETA_CHOICES:
            return CheckinForm(None, "eta_missing")
        return CheckinForm(
            Meaning("on_the_way", eta_minutes=eta, vehicle=vehicle, language=language, language_confident=True)
        )
    if action != "here":
        return CheckinForm(None, "action_missing")
    door = handoff_mode == "door" or (handoff_mode == "both" and form.get("where") == "door")
    spot = None
    if not door:
        spot = (_clean(form.get("spot"), SPOT_MAX + 10) or "").replace(" ", "").lstrip("#")
        if not spot:
            return CheckinForm(None, "spot_missing")
        if not _SPOT.match(spot):
            return CheckinForm(None, "spot_bad")
        spot = spot.upper()
    return CheckinForm(
        Meaning(
            "arrived",
            spot=spot,
            vehicle=vehicle,
            door=door,
            note=note,
            language=language,
            language_confident=True,
        )
    )


def repeats(m: Meaning, h: HandoffView | None) -> bool:
    """ "I'm here" again saying nothing new (a double tap, a resent form) while the team already knows: a text would
    remind staff, but a tap again is no sign of waiting longer, so nobody is texted."""
    if h is None or h.status not in AT_STORE or m.intent != "arrived":
        return False
    same_place = (h.location == "door") if m.door else (h.location == "car" and m.spot == h.spot)
    return same_place and not m.note and (not m.vehicle or m.vehicle == h.vehicle)


# The page's words. French as spoken in Québec: "place" for a parking spot, "rendu" for arrived.
WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Check in", "fr": "Signaler votre arrivée"},
    "order": {"en": "Order", "fr": "Commande"},
    "orders": {"en": "Orders", "fr": "Commandes"},
    "switch": {"en": "Français", "fr": "English"},
    "on_the_way": {"en": "I'm on my way", "fr": "Je suis en route"},
    "eta": {"en": "I'll be there in about", "fr": "Je serai là dans environ"},
    "minutes": {"en": "min", "fr": "min"},
    "send_on_the_way": {"en": "I'm on my way", "fr": "Je suis en route"},
    "here": {"en": "I'm here", "fr": "Je suis là"},
    "where": {"en": "Where are you?", "fr": "Où êtes-vous?"},
    "at_car": {"en": "In my car, at spot", "fr": "Dans mon auto, à la place"},
    "at_door": {"en": "At the door", "fr": "À la porte"},
    "spot": {"en": "Spot number", "fr": "Numéro de place"},
    "at_spot": {"en": "spot {spot}", "fr": "place {spot}"},
    "spot_hint": {
        "en": "The number on the sign in front of your car",
        "fr": "Le numéro sur l'affiche devant votre auto",
    },
    "door_only": {
        "en": "Come to the pickup door: we'll meet you there.",
        "fr": "Présentez-vous à la porte de cueillette : on vous y attend.",
    },
    "vehicle": {"en": "Your vehicle (optional)", "fr": "Votre véhicule (facultatif)"},
    "vehicle_hint": {"en": "e.g. red Civic", "fr": "ex. Civic rouge"},
    "note": {"en": "A note for the team (optional)", "fr": "Une note pour l'équipe (facultatif)"},
    "note_hint": {"en": "e.g. trunk is open", "fr": "ex. le coffre est ouvert"},
    "send_here": {"en": "I'm here", "fr": "Je suis là"},
    "sent": {"en": "Sent! The team has been told.", "fr": "C'est envoyé! L'équipe est avisée."},
    "status_on_the_way": {"en": "We're expecting you.", "fr": "On vous attend."},
    "status_waiting": {"en": "The team knows you're here", "fr": "L'équipe sait que vous êtes là"},
    "status_not_alerted": {
        "en": "You're checked in: your order isn't quite ready yet.",
        "fr": "Votre arrivée est notée : votre commande n'est pas encore tout à fait prête.",
    },
    "status_claimed": {
        "en": "Someone is on the way out with your order.",
        "fr": "Un commis s'en vient avec votre commande.",
    },
    "change": {"en": "Moved? Tell us again:", "fr": "Vous avez bougé? Dites-le-nous :"},
    "paused": {"en": "Pickups are paused right now.", "fr": "Les cueillettes sont en pause pour le moment."},
    "closed": {"en": "We're closed right now. Hours:", "fr": "Nous sommes fermés en ce moment. Heures :"},
    "text_instead": {
        "en": "You can also text us: reply HERE and your spot number.",
        "fr": "Vous pouvez aussi nous texter : répondez ARRIVÉ et votre numéro de place.",
    },
    "text_instead_door": {
        "en": "You can also text us: reply HERE.",
        "fr": "Vous pouvez aussi nous texter : répondez ARRIVÉ.",
    },
    "eta_missing": {"en": "Choose when you'll be there.", "fr": "Choisissez dans combien de temps vous serez là."},
    "action_missing": {
        "en": 'Choose "I\'m on my way" or "I\'m here".',
        "fr": "Choisissez « Je suis en route » ou « Je suis là ».",
    },
    "spot_missing": {
        "en": "Enter your spot number (or choose the door).",
        "fr": "Entrez votre numéro de place (ou choisissez la porte).",
    },
    "spot_bad": {
        "en": "A spot number is a few letters or digits, like 4 or A12.",
        "fr": "Un numéro de place, c'est quelques lettres ou chiffres, comme 4 ou A12.",
    },
    "gone": {
        "en": "This pickup is over: this link no longer works.",
        "fr": "Cette cueillette est terminée : ce lien ne fonctionne plus.",
    },
    "unknown": {
        "en": "This link doesn't work. Check the text we sent you.",
        "fr": "Ce lien ne fonctionne pas. Vérifiez le texto qu'on vous a envoyé.",
    },
    "bad_form": {
        "en": "This form could not be sent: reload the page and try again.",
        "fr": "Ce formulaire n'a pas pu être envoyé : rechargez la page et réessayez.",
    },
}


def words(language: str) -> dict[str, str]:
    """The page's words in one language; French gets Québec typography (a non-breaking space before ":")."""
    lang = language if language in ("en", "fr") else "en"
    out = {key: both[lang] for key, both in WORDS.items()}
    if lang == "fr":
        out = {key: re.sub(r" :", "\u00a0:", value) for key, value in out.items()}
    return out
