"""Owners' and managers' commands by text (PAUSE, SET, REPLY, STAFF, STATUS, LOGIN, HELP) and every staff member's
ON / OFF. Each runs the same use case as the admin pages and the API, inside the text's own transaction, and is
answered in one text: done, or what was wrong and what was expected (with nothing changed)."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from ..core.commands import USAGE, WORDS, Command
from ..core.conversation import Effect, Reply, TextStaff
from ..core.problems import Problem
from ..core.report import status_vars
from ..core.texts import CUSTOMER_KEYS, TEMPLATES, render
from ..data.models import Staff, Store
from ..phones import display
from . import replies, report, roster, state, stores
from .errors import Conflict, Invalid
from .logins import ADMIN_ROLES, issue_link, login_url

# What restores a text's default wording: SET handed_off DEFAULT.
_DEFAULT_WORDS = frozenset(("default", "defaut", "défaut", "original", "reset"))
_ROLE_NAMES = {"en": {"manager": "manager", "owner": "owner"}, "fr": {"manager": "gérant", "owner": "proprio"}}


def run(session: Session, store: Store, member: Staff, command: Command, now: datetime,
        base_url: str) -> list[Effect]:
    """The effects of `member`'s command (texts to send), its changes already made in `session`."""
    if command.owner_only and member.role not in ADMIN_ROLES:
        return [Reply("owner_only", {"command_en": WORDS[command.name]["en"],
                                     "command_fr": WORDS[command.name]["fr"]})]
    lang = member.language
    if command.malformed:
        return [_problem(command.name, None)]
    try:
        return _HANDLERS[command.name](session, store, member, command, now, lang, base_url)
    except (Invalid, Conflict) as exc:
        return [_problem(command.name, exc)]


def _problem(name: str, exc: Invalid | Conflict | None) -> Reply:
    usage = USAGE.get(name, USAGE["staff"] if name.startswith("staff") else USAGE["set"])
    if exc is None:
        problem_en, problem_fr = "that command is incomplete", "la commande est incomplète"
    else:
        problem_en, problem_fr = exc.describe("en"), exc.describe("fr")
    return Reply("owner_problem", {"problem_en": problem_en, "problem_fr": problem_fr,
                                   "usage_en": usage["en"], "usage_fr": usage["fr"]})


def _pause(session, store, member, command, now, lang, base_url) -> list[Effect]:
    stores.change_store(store, {"paused": True, "pause_message": command.text})
    overrides = state.overrides(session, store.id)
    preview = render("paused", lang, {"store": store.name, "message": store.pause_message or ""}, overrides)
    return [Reply("owner_paused", {"preview": preview})]


def _resume(session, store, member, command, now, lang, base_url) -> list[Effect]:
    if not store.paused:
        return [Reply("owner_not_paused")]
    stores.change_store(store, {"paused": False})
    return [Reply("owner_resumed")]


def _set(session, store, member, command, now, lang, base_url) -> list[Effect]:
    if command.word is None:
        return [Reply("owner_set_keys", {"keys": ", ".join(CUSTOMER_KEYS)})]
    key = replies.normal_key(command.word)
    try:
        replies.check_key(key)
    except Invalid:
        return [Reply("owner_set_unknown", {"key": command.word[:40], "keys": ", ".join(CUSTOMER_KEYS)})]
    if command.text is None:
        current = (state.overrides(session, store.id).get(key) or {}).get(lang) or TEMPLATES[key][lang]
        return [Reply("owner_set_show", {"key": key, "text": current})]
    if command.text.lower() in _DEFAULT_WORDS:
        replies.put_override(session, store.id, key, **{lang: None})
        return [Reply("owner_set_default", {"key": key, "text": TEMPLATES[key][lang]})]
    replies.put_override(session, store.id, key, **{lang: command.text})
    return [Reply("owner_set_done", {"key": key, "text": command.text})]


def _reply(session, store, member, command, now, lang, base_url) -> list[Effect]:
    if command.word is None:
        rows = replies.keywords_in(session, store.id)
        if not rows:
            return [Reply("owner_reply_none")]
        return [Reply("owner_reply_list", {"words": ", ".join(r.keyword.upper() for r in rows)})]
    word = command.word.upper()
    if command.text is None:
        if not replies.remove_keyword_reply(session, store.id, command.word):
            raise Invalid("keyword", Problem("keyword_unknown", {"word": word}))
        return [Reply("owner_reply_removed", {"word": word})]
    replies.put_keyword_reply(session, store.id, command.word, **{lang: command.text})
    return [Reply("owner_reply_set", {"word": word, "text": command.text})]


def _staff(session, store, member, command, now, lang, base_url) -> list[Effect]:
    lines = []
    for s in sorted(state.staff_members(session, store.id), key=lambda s: (s.name.lower(), s.id)):
        role = f" ({_ROLE_NAMES[lang][s.role]})" if s.role in ADMIN_ROLES else ""
        lines.append(f"{s.name}{role} {display(s.phone)} {'ON' if s.on_duty else 'OFF'}")
    return [Reply("owner_staff_list", {"lines": "; ".join(lines) or "-"})]


def _staff_add(session, store, member, command, now, lang, base_url) -> list[Effect]:
    added = roster.add_member(session, store, command.text, command.phone)
    return [Reply("owner_staff_added", {"staff": added.name, "phone": display(added.phone)}),
            TextStaff((added.id,), "staff_welcome")]


def _staff_remove(session, store, member, command, now, lang, base_url) -> list[Effect]:
    phone = roster.staff_phone(store, command.phone)
    gone = roster.member_by_phone(session, store.id, phone)
    if gone is None:
        raise Invalid("phone", Problem("staff_unknown", {"phone": display(phone)}))
    effects = roster.remove_member(session, store, gone, now)
    released = sum(1 for e in effects if isinstance(e, TextStaff))
    variables = {"staff": gone.name, "phone": display(gone.phone), "released_en": "", "released_fr": ""}
    if released:
        variables["released_en"] = (f" The {released} pickup{'s' if released > 1 else ''} they had taken went back "
                                    "to the team.")
        variables["released_fr"] = (f" {'Ses' if released > 1 else 'Sa'} {released} cueillette"
                                    f"{'s' if released > 1 else ''} en cours "
                                    f"{'sont retournées' if released > 1 else 'est retournée'} à l'équipe.")
    return [Reply("owner_staff_removed", variables), *effects]


def _status(session, store, member, command, now, lang, base_url) -> list[Effect]:
    return [Reply("owner_status", status_vars(report.figures_in(session, store, now)))]


def _login(session, store, member, command, now, lang, base_url) -> list[Effect]:
    return [Reply("owner_login", {"link": login_url(base_url, issue_link(session, member, now))})]


def _help(session, store, member, command, now, lang, base_url) -> list[Effect]:
    return [Reply("owner_help")]


def _duty(session, store, member, command, now, lang, base_url) -> list[Effect]:
    roster.change_member(session, member, {"on_duty": command.on})
    if command.on:
        return [Reply("staff_on")]
    others = [s for s in state.staff_members(session, store.id)
              if s.id != member.id and s.on_duty and not (s.opted_out or s.unreachable)]
    nobody = {"nobody_en": "", "nobody_fr": ""}
    if not others:
        nobody = {"nobody_en": " Nobody else is on duty: alerts go to the managers and owners.",
                  "nobody_fr": " Plus personne n'est en service : les alertes iront aux gérants et propriétaires."}
    return [Reply("staff_off", nobody)]


_HANDLERS: dict[str, Callable[..., list[Effect]]] = {
    "pause": _pause, "resume": _resume, "set": _set, "reply": _reply, "staff": _staff, "staff_add": _staff_add,
    "staff_remove": _staff_remove, "status": _status, "login": _login, "help": _help, "duty": _duty,
}
