"""Every text the bot sends, in English and French, with owner overrides and SMS segment counting."""
from __future__ import annotations

import re
import string
import unicodedata
from typing import Mapping

# Customer-facing keys are the public contract (API, admin pages, the owner's SET command).
CUSTOMER_KEYS = (
    "order_ready", "on_the_way_ack", "arrival_ack", "ask_spot", "ask_order", "not_ready",
    "claimed", "handed_off", "still_waiting", "after_hours", "paused", "help", "opted_out",
)

# French wording avoids ê, â, ô, ç where a natural phrase allows it: those characters are not
# in the GSM-7 alphabet and would cut a segment from 160 characters to 70.
TEMPLATES: dict[str, dict[str, str]] = {
    # --- customers ---
    "order_ready": {
        "en": "{store}: order {orders} is ready for pickup. When you arrive, {checkin_en}",
        "fr": "{store} : votre commande {orders} vous attend. À votre arrivée, {checkin_fr}",
    },
    "on_the_way_ack": {
        "en": "Thanks{name}! See you{eta_en}. When you arrive, {checkin_en}",
        "fr": "Merci{name}! À tantôt{eta_fr}. À votre arrivée, {checkin_fr}",
    },
    "arrival_ack": {
        "en": "Thanks{name}! Got it: {where_en}. Someone will bring order {orders} out shortly.",
        "fr": "Merci{name}, c'est noté : {where_fr}. Un commis vous apporte la commande {orders} sous peu.",
    },
    "ask_spot": {
        "en": "Welcome{name}! What's your parking spot number? Reply with just the number (e.g. 4).",
        "fr": "Bienvenue{name}! Quel est votre numéro de place? Répondez seulement le numéro (ex. 4).",
    },
    "ask_order": {
        "en": "Hi! We can't find an order for this phone number. What's your order number?",
        "fr": "Bonjour! On ne trouve pas de commande pour ce numéro de téléphone. Quel est votre numéro de commande?",
    },
    "order_not_found": {
        "en": "Sorry, we can't find order {order}. Please check the number in your confirmation email.",
        "fr": "Désolé, on ne trouve pas la commande {order}. Vérifiez le numéro dans votre courriel de confirmation.",
    },
    "not_ready": {
        "en": "Thanks{name}! Order {orders} isn't ready yet. The team knows you're here and we'll text you the moment it is.",
        "fr": "Merci{name}! La commande {orders} n'est pas encore prête. L'équipe sait que vous êtes là et on vous texte dès qu'elle l'est.",
    },
    "status_ready": {
        "en": "Yes, order {orders} is ready! When you arrive, {checkin_en}",
        "fr": "Oui, votre commande {orders} vous attend! À votre arrivée, {checkin_fr}",
    },
    "status_not_ready": {
        "en": "Order {orders} isn't ready yet. We'll text you the moment it is.",
        "fr": "La commande {orders} n'est pas encore prête. On vous texte dès qu'elle l'est.",
    },
    "claimed": {
        "en": "{staff} is bringing order {orders} out to you now.",
        "fr": "{staff} s'en vient avec votre commande {orders}!",
    },
    "handed_off": {
        "en": "All set! Thanks for shopping at {store}. Have a great day!",
        "fr": "C'est tout bon! Merci d'avoir magasiné chez {store}. Bonne journée!",
    },
    "still_waiting": {
        "en": "Sorry for the wait{name}! We've reminded the team and someone will be right out.",
        "fr": "Désolé pour l'attente{name}! On a relancé l'équipe, quelqu'un arrive dans un instant.",
    },
    "after_hours": {
        "en": "{store} is closed right now. Pickup hours: {hours_en}. We'll be happy to see you then!",
        "fr": "{store} est fermé en ce moment. Heures de cueillette : {hours_fr}. Au plaisir de vous voir!",
    },
    "paused": {
        "en": "{store} has paused curbside pickup for now. {message}",
        "fr": "{store} a suspendu la cueillette à l'auto pour le moment. {message}",
    },
    "help": {
        "en": "{store} curbside pickup: when you arrive, reply HERE and your spot number. Reply STOP to opt out.",
        "fr": "{store}, cueillette à l'auto : à votre arrivée, répondez ARRIVÉ et votre numéro de place. ARRET pour vous désabonner.",
    },
    "opted_out": {
        "en": "You won't get any more texts from {store}. Reply START to opt back in.",
        "fr": "Vous ne recevrez plus de textos de {store}. Répondez START pour vous réabonner.",
    },
    "opted_in": {
        "en": "You're subscribed again to texts from {store}. Reply STOP to opt out.",
        "fr": "Vous recevez de nouveau les textos de {store}. Répondez ARRET pour vous désabonner.",
    },
    "cancel_request": {
        "en": "We've passed your cancellation request for order {orders} to the {store} team. They'll follow up with you.",
        "fr": "On a transmis votre demande d'annulation de la commande {orders} à l'équipe de {store}. Elle fera le suivi avec vous.",
    },
    # --- staff ---
    "staff_arrival": {
        "en": "Arrival: {customer}, {where_en}{vehicle}. Order {orders}.{unverified_en}{no_texts_en}{note} Reply OK {ref} to take it.",
        "fr": "Arrivée : {customer}, {where_fr}{vehicle}. Commande {orders}.{unverified_fr}{no_texts_fr}{note} Répondez OK {ref} pour la prendre.",
    },
    "staff_not_ready": {
        "en": "{customer} is waiting ({where_en}) for order {orders}, which is NOT ready. Mark it ready and the alert goes out.{no_texts_en}",
        "fr": "{customer} attend ({where_fr}) la commande {orders}, qui n'est PAS prête. Dès qu'elle est marquée prête, l'alerte part.{no_texts_fr}",
    },
    "staff_claimed_you": {
        "en": "It's yours: {customer}, {where_en}{vehicle}, order {orders}.{no_texts_en} Reply DONE {ref} once handed off.",
        "fr": "C'est à vous : {customer}, {where_fr}{vehicle}, commande {orders}.{no_texts_fr} Répondez FAIT {ref} une fois remise.",
    },
    "staff_claimed_other": {
        "en": "{staff} took {customer} ({where_en}, order {orders}).",
        "fr": "{staff} s'occupe de {customer} ({where_fr}, commande {orders}).",
    },
    "staff_already_claimed": {
        "en": "{staff} already took order {orders}.",
        "fr": "{staff} s'occupe déjà de la commande {orders}.",
    },
    "staff_already_yours": {
        "en": "Order {orders} is already yours. Reply DONE {ref} once handed off.",
        "fr": "La commande {orders} est déjà à vous. Répondez FAIT {ref} une fois remise.",
    },
    "staff_done": {
        "en": "Done: order {orders} handed off to {customer}. Thanks!",
        "fr": "Fait : commande {orders} remise à {customer}. Merci!",
    },
    "staff_which": {
        "en": "Which one? {choices}. Reply {command} with the order number.",
        "fr": "Laquelle? {choices}. Répondez {command} avec le numéro de commande.",
    },
    "staff_no_match": {
        "en": "No pickup matches {ref}. Reply LIST to see who's waiting.",
        "fr": "Aucune cueillette ne correspond à {ref}. Répondez LISTE pour voir qui attend.",
    },
    "staff_list": {
        "en": "Waiting: {lines}",
        "fr": "En attente : {lines}",
    },
    "staff_list_empty": {
        "en": "Nobody is waiting right now.",
        "fr": "Personne n'attend en ce moment.",
    },
    "staff_realert": {
        "en": "Still waiting ({minutes} min): {customer}, {where_en}{vehicle}, order {orders}.{no_texts_en} Reply OK {ref} to take it.",
        "fr": "Attend toujours ({minutes} min) : {customer}, {where_fr}{vehicle}, commande {orders}.{no_texts_fr} Répondez OK {ref} pour la prendre.",
    },
    "staff_escalation": {
        "en": "Nobody has taken {customer} ({where_en}, order {orders}), waiting {minutes} min.{no_texts_en} Reply OK {ref} to take it.",
        "fr": "Personne n'a pris {customer} ({where_fr}, commande {orders}), qui attend depuis {minutes} min.{no_texts_fr} Répondez OK {ref} pour la prendre.",
    },
    "staff_reminder": {
        "en": "{customer} is asking again ({where_en}, order {orders}, waiting {minutes} min).{no_texts_en}{note}",
        "fr": "{customer} relance ({where_fr}, commande {orders}, attend depuis {minutes} min).{no_texts_fr}{note}",
    },
    "staff_update": {
        "en": "Update from {customer}: {where_en}{vehicle}, order {orders}.{no_texts_en}{note}",
        "fr": "Mise à jour de {customer} : {where_fr}{vehicle}, commande {orders}.{no_texts_fr}{note}",
    },
    "staff_cancel_request": {
        "en": "{customer} asks to cancel order {orders}. Please follow up.",
        "fr": "{customer} demande d'annuler la commande {orders}. Merci de faire le suivi.",
    },
    "staff_help": {
        "en": "Staff commands: OK [order] to take a pickup, DONE [order] once handed off, LIST to see who's waiting.",
        "fr": "Commandes : OK [no de commande] pour prendre une cueillette, FAIT [no] une fois remise, LISTE pour voir qui attend.",
    },
}

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")


class _Blank(dict):
    """Unknown placeholders render empty rather than failing a send over an owner's typo."""

    def __missing__(self, key):
        return ""


_FORMATTER = string.Formatter()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def template_for(key: str, lang: str, overrides: Mapping[str, Mapping[str, str | None]] | None = None) -> str:
    lang = lang if lang in ("en", "fr") else "en"
    override = (overrides or {}).get(key) or {}
    if override.get(lang):
        return override[lang]
    return TEMPLATES[key][lang]


# Answers to HELP and STOP/START must fit one SMS segment whatever the store is called (carriers expect
# them short): the store's name is simplified to GSM-7 and shortened if needed, never the instructions.
ONE_SEGMENT = ("help", "opted_out", "opted_in")


def render(key: str, lang: str, variables: Mapping[str, object],
           overrides: Mapping[str, Mapping[str, str | None]] | None = None) -> str:
    text = _render(key, lang, variables, overrides)
    store = str(variables.get("store") or "")
    if key in ONE_SEGMENT and store and segments(text) > 1:
        for name in _shorter_names(gsm_only(store)):
            shorter = _render(key, lang, {**variables, "store": name}, overrides)
            if segments(shorter) == 1:
                return shorter
    return text


def _shorter_names(name: str):
    """The name whole, then cut at word boundaries, then (a single long word) letter by letter."""
    words = name.split(" ")
    for count in range(len(words), 0, -1):
        yield " ".join(words[:count]).rstrip(" ,.;:-&(/")
    for cut in range(len(words[0]) - 1, 0, -1):
        yield words[0][:cut]


def gsm_only(text: str) -> str:
    """Accents outside GSM-7 dropped ("Café Côté" → "Café Cote"), anything else outside it removed."""
    out = []
    for ch in text:
        if ch not in GSM7_BASIC:
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if c in GSM7_BASIC)
        out.append(ch)
    return " ".join("".join(out).split())


def _render(key: str, lang: str, variables: Mapping[str, object],
            overrides: Mapping[str, Mapping[str, str | None]] | None) -> str:
    try:
        text = template_for(key, lang, overrides).format_map(_Blank(variables))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        # An owner's override that can't be filled in ("{", "{}", "{store.x}") must not stop a text
        # from going out: the default wording is used instead (the API refuses such overrides anyway).
        text = TEMPLATES[key][lang if lang in ("en", "fr") else "en"].format_map(_Blank(variables))
    # Empty optional parts leave doubled spaces or a space before punctuation behind.
    text = " ".join(text.split())
    for mark in (" .", " ,"):
        text = text.replace(mark, mark[1:])
    # A name ending in an initial ("Marie L.") followed by a sentence's full stop.
    text = _INITIAL_STOP.sub(r"\1.", text)
    return text.strip()


_INITIAL_STOP = re.compile(r"(\b[A-ZÀ-Ý])\.\.(?!\.)")


def segments(text: str) -> int:
    """How many SMS segments Twilio bills for this text (GSM-7 or UCS-2, with concatenation headers)."""
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        return 1 if units <= 160 else -(-units // 153)
    # UCS-2 counts UTF-16 code units: an emoji takes two.
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else -(-units // 67)
