"""The owner's and manager's commands by text (PAUSE, SET, REPLY, STAFF, STATUS, LOGIN, HELP) and every staff
member's ON / OFF, in English and French: text → Command. Pure; the words after a command keep their case.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The first word decides, folded (lower case, no accents). French forms beside the English ones.
_VERBS = {
    **dict.fromkeys(("pause", "suspendre"), "pause"),
    **dict.fromkeys(("resume", "reprendre", "reprise", "unpause"), "resume"),
    **dict.fromkeys(("set", "texte"), "set"),
    **dict.fromkeys(("reply", "reponse", "repondre"), "reply"),
    **dict.fromkeys(("staff", "equipe", "personnel"), "staff"),
    **dict.fromkeys(("status", "statut", "etat", "bilan", "stats"), "status"),
    **dict.fromkeys(("login", "connexion", "connecter", "admin"), "login"),
    **dict.fromkeys(("help", "aide", "info", "commands", "commandes", "menu"), "help"),
}
_ADD = frozenset(("add", "ajouter", "ajoute", "ajout", "+", "new", "nouveau", "nouvelle"))
_REMOVE = frozenset(("remove", "retirer", "retire", "enlever", "enleve", "supprimer", "supprime", "delete",
                     "del", "-", "rm"))
# ON / OFF for one's own on-duty state, any staff member.
_DUTY = {
    **dict.fromkeys(("on", "on duty", "en service", "en poste", "dispo", "disponible", "available"), True),
    **dict.fromkeys(("off", "off duty", "hors service", "pas dispo", "indisponible", "unavailable"), False),
}

OWNER_ONLY = ("pause", "resume", "set", "reply", "staff", "staff_add", "staff_remove", "status", "login")

# A phone number as people type it ("514-555-0111", "(514) 555 0111", "+1 514.555.0111"), then a name.
_PHONE_THEN_NAME = re.compile(r"(?P<phone>\+?[\d(][\d\s().\-]{5,}\d)(?:\s+(?P<name>\S.*))?", re.S)
_TRAILING = ".,;:!?"


@dataclass(frozen=True)
class Command:
    """`name`: pause | resume | set | reply | staff | staff_add | staff_remove | status | login | help | duty.
    `word`: SET's key or REPLY's keyword as typed; `text`: what follows it (or PAUSE's message, or the name of
    STAFF ADD); `phone`: the phone of STAFF ADD / REMOVE as typed; `on`: ON or OFF; `malformed`: the command
    word was there but what follows it was not what the command takes."""

    name: str
    word: str | None = None
    text: str | None = None
    phone: str | None = None
    on: bool | None = None
    malformed: bool = False

    @property
    def owner_only(self) -> bool:
        return self.name in OWNER_ONLY


def fold(word: str) -> str:
    """Lower case without accents: how command words and keywords are compared."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_command(text: str) -> Command | None:
    """The command this text is, or None when it is not one (a claim, a list, small talk)."""
    body = (text or "").strip()
    if not body:
        return None
    head, _, rest = body.partition(" ") if " " in body else (body, "", "")
    head_key = fold(head).rstrip(_TRAILING)
    rest = rest.strip()
    phrase = " ".join(fold(body).rstrip(_TRAILING).split())
    if phrase in _DUTY:
        return Command("duty", on=_DUTY[phrase])
    verb = _VERBS.get(head_key)
    if verb is None:
        return None
    if verb == "pause":
        return Command("pause", text=rest or None)
    if verb in ("resume", "status", "login", "help"):
        # "STATUS please", "RESUME now": what follows these changes nothing.
        return Command(verb)
    if verb in ("set", "reply"):
        word, _, tail = rest.partition(" ")
        word = word.rstrip(_TRAILING + "=")
        return Command(verb, word=word or None, text=tail.strip() or None)
    return _staff(rest)


def _staff(rest: str) -> Command:
    if not rest:
        return Command("staff")
    sub, _, tail = rest.partition(" ")
    sub_key = fold(sub).rstrip(_TRAILING)
    tail = tail.strip()
    if sub_key in _ADD:
        m = _PHONE_THEN_NAME.fullmatch(tail)
        if m is not None and m.group("name"):
            return Command("staff_add", phone=m.group("phone").strip(), text=m.group("name").strip())
        # Not a phone then a name: a first word and more is still read that way, so the answer can say what is
        # wrong with the phone ("12 is not a phone number") rather than only what was expected.
        first, _, name = tail.partition(" ")
        if first and name.strip():
            return Command("staff_add", phone=first, text=name.strip())
        return Command("staff_add", phone=first or None, malformed=True)
    if sub_key in _REMOVE:
        m = _PHONE_THEN_NAME.fullmatch(tail)
        if m is not None and not m.group("name"):
            return Command("staff_remove", phone=m.group("phone").strip())
        return Command("staff_remove", phone=tail or None, malformed=not tail)
    if sub_key in ("list", "liste", "roster"):
        return Command("staff")
    return Command("staff", malformed=True)


# What each command takes, told back with a problem ("Not done: … Expected: …"), in the owner's language.
USAGE = {
    "pause": {"en": "PAUSE <message for customers>, e.g. PAUSE Back at 2 pm",
              "fr": "PAUSE <message aux clients>, ex. PAUSE De retour à 14 h"},
    "set": {"en": "SET <text> <wording>, e.g. SET handed_off Thanks{name}, see you soon!",
            "fr": "SET <texte> <libellé>, ex. SET handed_off Merci{name}, à la prochaine!"},
    "reply": {"en": "REPLY <WORD> <text>, e.g. REPLY HOURS Open 9 to 5; REPLY HOURS alone removes it",
              "fr": "REPLY <MOT> <texte>, ex. REPLY HEURES Ouvert de 9 h à 17 h; REPLY HEURES seul la retire"},
    "staff": {"en": "STAFF, STAFF ADD <phone> <name> or STAFF REMOVE <phone>",
              "fr": "ÉQUIPE, ÉQUIPE AJOUTER <tél> <nom> ou ÉQUIPE RETIRER <tél>"},
    "staff_add": {"en": "STAFF ADD <phone> <name>, e.g. STAFF ADD 514-555-0111 Julie Tremblay",
                  "fr": "ÉQUIPE AJOUTER <tél> <nom>, ex. ÉQUIPE AJOUTER 514-555-0111 Julie Tremblay"},
    "staff_remove": {"en": "STAFF REMOVE <phone>, e.g. STAFF REMOVE 514-555-0111",
                     "fr": "ÉQUIPE RETIRER <tél>, ex. ÉQUIPE RETIRER 514-555-0111"},
}

# The command word as the reader would type it, for "only owners can use …".
WORDS = {
    "pause": {"en": "PAUSE", "fr": "PAUSE"}, "resume": {"en": "RESUME", "fr": "REPRENDRE"},
    "set": {"en": "SET", "fr": "SET"}, "reply": {"en": "REPLY", "fr": "REPLY"},
    "staff": {"en": "STAFF", "fr": "ÉQUIPE"}, "staff_add": {"en": "STAFF ADD", "fr": "ÉQUIPE AJOUTER"},
    "staff_remove": {"en": "STAFF REMOVE", "fr": "ÉQUIPE RETIRER"}, "status": {"en": "STATUS", "fr": "STATUT"},
    "login": {"en": "LOGIN", "fr": "CONNEXION"},
}
