"""The owner's and manager's commands by text (PAUSE, HOURS, SET, REPLY, STAFF, STATUS, LOGIN, HELP) and every staff
member's ON / OFF, in English and French: text → Command. Pure; the words after a command keep their case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import cast

from .problems import Problem
from .texts import OVERRIDABLE

# The first word decides, folded (lower case, no accents). French forms beside the English ones.
_VERBS = {
    **dict.fromkeys(("pause", "suspendre"), "pause"),
    **dict.fromkeys(("resume", "reprendre", "reprise", "unpause"), "resume"),
    **dict.fromkeys(("hours", "heures", "horaire", "horaires"), "hours"),
    **dict.fromkeys(("set", "texte"), "set"),
    **dict.fromkeys(("reply", "reponse", "repondre"), "reply"),
    **dict.fromkeys(("staff", "equipe", "personnel"), "staff"),
    **dict.fromkeys(("status", "statut", "etat", "bilan", "stats"), "status"),
    **dict.fromkeys(("login", "connexion", "connecter", "admin"), "login"),
    **dict.fromkeys(("help", "aide", "info", "commands", "commandes", "menu"), "help"),
}
_ADD = frozenset(("add", "ajouter", "ajoute", "ajout", "+", "new", "nouveau", "nouvelle"))
_REMOVE = frozenset(
    ("remove", "retirer", "retire", "enlever", "enleve", "supprimer", "supprime", "delete", "del", "-", "rm")
)
# ON / OFF for one's own on-duty state, any staff member.
_DUTY = {
    **dict.fromkeys(("on", "on duty", "en service", "en poste", "dispo", "disponible", "available"), True),
    **dict.fromkeys(("off", "off duty", "hors service", "pas dispo", "indisponible", "unavailable"), False),
}

OWNER_ONLY = ("pause", "resume", "hours", "set", "reply", "staff", "staff_add", "staff_remove", "status", "login")
# Every Command.name: the intents of staff and owner texts besides claim, done and list.
NAMES = (*OWNER_ONLY, "help", "duty")

# The command word, then what follows it, as owners type them: "PAUSE back at 2", "Pause: back at 2", "STATUS?",
# "PAUSE" and its message on two lines.
_HEAD = re.compile(r"\s*(?P<head>[^\s:=,;]+)[\s:=,;]*(?P<rest>.*)", re.S)
_TRAILING = ".,;:!?"
# A phone number as people type it ("514-555-0111", "(514) 555 0111", "+1 514.555.0111"), with a name before or
# after it ("Julie Tremblay, 514-555-0111").
_PHONE = r"\+?[\d(][\d\s().\-]{5,}\d"
_PHONE_THEN_NAME = re.compile(rf"(?P<phone>{_PHONE})[\s,;:.\-]*(?P<name>[^\d\s].*)?", re.S)
_NAME_THEN_PHONE = re.compile(rf"(?P<name>[^\d\s+(].*?)[\s,;:\-]+(?P<phone>{_PHONE})[\s.!]*", re.S)
# SET's key and REPLY's keyword: the first word, or what comes before a colon or an equals sign ("hours: Open 9 to
# 5", "handed off = Merci", not the colon of "9:00"), or what is in quotes ("«heures» ...", '"opening hours" ...').
_QUOTED = re.compile(r"[\"'«“‘]\s*(?P<word>[^\"«»“”]+?)\s*[\"'»”’][\s:=]*(?P<text>.*)", re.S)
_LABELLED = re.compile(r"(?P<word>[^\s:=]+(?:[ \t]+[^\s:=]+){0,2}?)\s*(?:=|:(?!\d))\s*(?P<text>.*)", re.S)


@dataclass(frozen=True)
class Command:
    """`name`: pause | resume | set | reply | staff | staff_add | staff_remove | status | login | help | duty.
    `word`: SET's key or REPLY's keyword as typed; `text`: what follows it (or PAUSE's message, or the name of
    STAFF ADD); `phone`: the phone of STAFF ADD / REMOVE as typed; `on`: ON or OFF; `problem`: the command word
    was there but what follows it was not what the command takes, and what is wrong with it."""

    name: str
    word: str | None = None
    text: str | None = None
    phone: str | None = None
    on: bool | None = None
    problem: Problem | None = None

    @property
    def owner_only(self) -> bool:
        return self.name in OWNER_ONLY

    @property
    def malformed(self) -> bool:
        return self.problem is not None


def fold(word: str) -> str:
    """Lower case without accents: how command words and keywords are compared."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key_of(typed: str) -> str:
    """A text's key as an owner types it ("HANDED-OFF", "handed off:") → "handed_off"."""
    return "_".join(typed.strip().strip(_TRAILING + "=").lower().replace("-", " ").split())


def read_command(text: str) -> Command | None:
    """The command this text is, or None when it is not one (a claim, a list, small talk)."""
    body = (text or "").strip()
    if not body:
        return None
    phrase = " ".join(fold(body).rstrip(_TRAILING).split())
    if phrase in _DUTY:
        return Command("duty", on=_DUTY[phrase])
    m = _HEAD.match(body)
    if m is None:  # ":)", "=,"
        return None
    verb = _VERBS.get(fold(m["head"]).rstrip(_TRAILING))
    if verb is None:
        return None
    rest = m["rest"].strip()
    if verb in ("pause", "hours"):
        return Command(verb, text=rest or None)
    if verb in ("resume", "status", "login", "help"):
        # "STATUS please", "RESUME now": what follows these changes nothing.
        return Command(verb)
    if verb == "set":
        return _set(rest)
    if verb == "reply":
        return _reply(rest)
    return _staff(rest)


def _first_word(rest: str) -> tuple[str, str]:
    word, tail = (rest.split(None, 1) + [""])[:2]
    word, sep, glued = word.partition("=")  # "handed_off=Merci"
    if sep:
        tail = f"{glued} {tail}"
    elif tail[:1] in ("=", ":"):  # "handed_off = Merci"
        tail = tail[1:]
    return word.rstrip(_TRAILING), tail.strip()


def _set(rest: str) -> Command:
    if not rest:
        return Command("set")
    first, tail = _first_word(rest)
    if key_of(first) not in OVERRIDABLE:
        # "handed off: Merci" names a key in two words; otherwise the first word is the key (and is unknown).
        m = _QUOTED.fullmatch(rest) or _LABELLED.fullmatch(rest)
        if m is not None and key_of(m["word"]) in OVERRIDABLE:
            first, tail = m["word"], m["text"].strip()
    return Command("set", word=first or None, text=tail or None)


def _reply(rest: str) -> Command:
    if not rest:
        return Command("reply")
    m = _QUOTED.fullmatch(rest) or _LABELLED.fullmatch(rest)
    # Two or three words before a colon ("opening hours: ...") are the keyword the owner meant: refused as one
    # (a keyword is one word) rather than taking "opening" for it and "hours: ..." for its reply.
    word, tail = (m["word"], m["text"].strip()) if m is not None else _first_word(rest)
    return Command("reply", word=word.strip().rstrip(_TRAILING) or None, text=tail or None)


def _phone_and_name(tail: str) -> tuple[str | None, str | None]:
    """The phone and the name in "514-555-0111 Julie" or "Julie, 514-555-0111" (either may be None)."""
    for pattern in (_PHONE_THEN_NAME, _NAME_THEN_PHONE):
        m = pattern.fullmatch(tail)
        if m is not None:
            name = (m["name"] or "").strip().rstrip(_TRAILING + "-").strip()
            return m["phone"].strip(), name or None
    return None, None


def _staff(rest: str) -> Command:
    if not rest:
        return Command("staff")
    # `rest` starts with a word (the command's own match took the separators before it): this one matches.
    m = cast("re.Match[str]", _HEAD.match(rest))
    sub, sub_key, tail = m["head"], fold(m["head"]).rstrip(_TRAILING), m["rest"].strip()
    if sub_key in _ADD:
        return _staff_add(tail)
    if sub_key in _REMOVE:
        if not tail:
            return Command("staff_remove", problem=Problem("phone_missing"))
        phone, _name = _phone_and_name(tail)
        return Command("staff_remove", phone=phone or tail.rstrip(_TRAILING))
    if sub_key in ("list", "liste", "roster"):
        return Command("staff")
    return Command("staff", problem=Problem("staff_sub", {"word": sub.upper()[:20]}))


def _staff_add(tail: str) -> Command:
    if not tail:
        return Command("staff_add", problem=Problem("phone_name_missing"))
    phone, name = _phone_and_name(tail)
    if phone is not None:
        return Command("staff_add", phone=phone, text=name, problem=None if name else Problem("name_missing"))
    if not any(ch.isdigit() for ch in tail):
        return Command("staff_add", text=tail, problem=Problem("phone_missing"))
    # Digits that are no phone number ("12 Julie"): the first word is taken for the phone, so that the answer says
    # what is wrong with it ("12 is not a phone number") rather than only what was expected.
    first, _, name = tail.partition(" ")
    if not name.strip():
        return Command("staff_add", phone=first, problem=Problem("name_missing"))
    return Command("staff_add", phone=first, text=name.strip())


# What each command takes, told back with a problem of form ("Not done: … Expected: …"), in the owner's language.
USAGE = {
    "pause": {
        "en": "PAUSE <message for customers>, e.g. PAUSE Back at 2 pm",
        "fr": "PAUSE <message aux clients>, ex. PAUSE De retour à 14 h",
    },
    "hours": {
        "en": "HOURS <days> <times>, e.g. HOURS Mon-Fri 9-5, Sat 10-4 (HOURS ALWAYS: always open)",
        "fr": "HEURES <jours> <heures>, ex. HEURES lun-ven 9h-17h, sam 10h-16h (HEURES TOUJOURS : toujours ouvert)",
    },
    "set": {
        "en": "SET <text> <wording>, e.g. SET handed_off Thanks{name}, see you soon!",
        "fr": "TEXTE <nom> <texte>, ex. TEXTE handed_off Merci{name}, à la prochaine!",
    },
    "reply": {
        "en": "REPLY <WORD> <text>, e.g. REPLY HOURS Open 9 to 5; REPLY HOURS alone removes it",
        "fr": "RÉPONSE <MOT> <texte>, ex. RÉPONSE HEURES Ouvert de 9 h à 17 h; RÉPONSE HEURES seul la retire",
    },
    "staff": {
        "en": "STAFF, STAFF ADD <phone> <name> or STAFF REMOVE <phone>",
        "fr": "ÉQUIPE, ÉQUIPE AJOUTER <tél> <nom> ou ÉQUIPE RETIRER <tél>",
    },
    "staff_add": {
        "en": "STAFF ADD <phone> <name>, e.g. STAFF ADD 514-555-0111 Julie Tremblay",
        "fr": "ÉQUIPE AJOUTER <tél> <nom>, ex. ÉQUIPE AJOUTER 514-555-0111 Julie Tremblay",
    },
    "staff_remove": {
        "en": "STAFF REMOVE <phone>, e.g. STAFF REMOVE 514-555-0111",
        "fr": "ÉQUIPE RETIRER <tél>, ex. ÉQUIPE RETIRER 514-555-0111",
    },
}

# The command word as the reader would type it, for "only owners can use …". French texts name the French forms.
WORDS = {
    "pause": {"en": "PAUSE", "fr": "PAUSE"},
    "resume": {"en": "RESUME", "fr": "REPRENDRE"},
    "hours": {"en": "HOURS", "fr": "HEURES"},
    "set": {"en": "SET", "fr": "TEXTE"},
    "reply": {"en": "REPLY", "fr": "RÉPONSE"},
    "staff": {"en": "STAFF", "fr": "ÉQUIPE"},
    "staff_add": {"en": "STAFF ADD", "fr": "ÉQUIPE AJOUTER"},
    "staff_remove": {"en": "STAFF REMOVE", "fr": "ÉQUIPE RETIRER"},
    "status": {"en": "STATUS", "fr": "STATUT"},
    "login": {"en": "LOGIN", "fr": "CONNEXION"},
}
