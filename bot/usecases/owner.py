"""Owners' and managers' commands by text (PAUSE, HOURS, SET, REPLY, STAFF, STATUS, LOGIN, HELP) and every staff member's
ON / OFF. Each runs the same use case as the admin pages and the API, inside the text's own transaction, and is
answered in one text: done, or what was wrong and what was expected (with nothing changed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from ..core.commands import USAGE, WORDS, Command, key_of
from ..core.conversation import Effect, Reply, TextStaff
from ..core.handoff import describe_hours
from ..core.hours import HoursError, read_hours
from ..core.keywords import keyword_of
from ..core.problems import Problem, describe
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


def run(session: Session, store: Store, member: Staff, command: Command, now: datetime, base_url: str) -> list[Effect]:
    """The effects of `member`'s command (texts to send), its changes already made in `session`."""
    if command.owner_only and member.role not in ADMIN_ROLES:
        return [Reply("owner_only", {"command_en": WORDS[command.name]["en"], "command_fr": WORDS[command.name]["fr"]})]
    if command.problem is not None:
        return [_problem(command.name, command.problem)]
    try:
        return _HANDLERS[command.name](session, store, member, command, now, member.language, base_url)
    except Invalid as exc:
        return [_problem(command.name, exc.problem, exc.field, exc.message)]
    except Conflict as exc:
        return [_problem(command.name, exc.problem, None, str(exc))]


# Problems with the way a command was typed: the answer also says what the command takes.
_FORM_PROBLEMS = frozenset(
    (
        "phone",
        "phone_missing",
        "name_missing",
        "phone_name_missing",
        "staff_sub",
        "keyword_form",
        "hours_unreadable",
        "hours_no_day",
        "hours_empty",
    )
)
# Problems told of a value without naming it ("must be at most 300 characters", as the API says of a field): a
# text names what they are about, by the field the use case refused.
_UNNAMED = frozenset(
    ("empty", "too_long", "control_characters", "nul", "braces", "one_segment", "string", "link_missing")
)
_SUBJECTS = {
    "pause_message": ("the message", "le message"),
    "name": ("the name", "le nom"),
    "en": ("the text", "le texte"),
    "fr": ("the text", "le texte"),
}


def _problem(name: str, problem: Problem | None, field: str | None = None, message: str = "") -> Reply:
    if problem is None:  # a use case's plain message, in English only
        en = fr = message
    else:
        en, fr = describe(problem, "en"), describe(problem, "fr")
        if problem.code in _UNNAMED and field in _SUBJECTS:
            en, fr = f"{_SUBJECTS[field][0]} {en}", f"{_SUBJECTS[field][1]} {fr}"
    usage = USAGE.get(name) if problem is not None and problem.code in _FORM_PROBLEMS else None
    if usage is None:
        return Reply("owner_not_done", {"problem_en": en, "problem_fr": fr})
    return Reply(
        "owner_problem", {"problem_en": en, "problem_fr": fr, "usage_en": usage["en"], "usage_fr": usage["fr"]}
    )


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


def _hours(session, store, member, command, now, lang, base_url) -> list[Effect]:
    if command.text is not None:
        try:
            hours = read_hours(command.text, store.hours)
        except HoursError as exc:
            return [_problem("hours", exc.problem)]
        stores.change_store(store, {"hours": hours})
    shown = {
        "hours_en": describe_hours(store.hours, "en") or "always open",
        "hours_fr": describe_hours(store.hours, "fr") or "toujours ouvert",
    }
    if command.text is None:
        return [Reply("owner_hours_show", shown)]
    # Hours set to "always": there is no "outside these hours" to speak of.
    return [Reply("owner_hours_set" if store.hours else "owner_hours_always", shown)]


def _set(session, store, member, command, now, lang, base_url) -> list[Effect]:
    if command.word is None:
        return [Reply("owner_set_keys", {"keys": ", ".join(CUSTOMER_KEYS)})]
    key = key_of(command.word)
    try:
        replies.check_key(key)
    except Invalid:
        return [Reply("owner_set_unknown", {"key": command.word[:40], "keys": ", ".join(CUSTOMER_KEYS)})]
    if command.text is None:
        current = (state.overrides(session, store.id).get(key) or {}).get(lang) or TEMPLATES[key][lang]
        return [Reply("owner_set_show", {"key": key, "text": current})]
    if command.text.lower().rstrip(".!") in _DEFAULT_WORDS:
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
        if keyword_of(command.word) is None:
            raise Invalid("keyword", Problem("keyword_form"))
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
    return [
        Reply("owner_staff_added", {"staff": added.name, "phone": display(added.phone)}),
        TextStaff((added.id,), "staff_welcome"),
    ]


def _staff_remove(session, store, member, command, now, lang, base_url) -> list[Effect]:
    phone = roster.staff_phone(store, command.phone)
    gone = roster.member_by_phone(session, store.id, phone)
    if gone is None:
        raise Invalid("phone", Problem("staff_unknown", {"phone": display(phone)}))
    effects = roster.remove_member(session, store, gone, now, by=member.role)
    released = sum(1 for e in effects if isinstance(e, TextStaff))
    variables = {"staff": gone.name, "phone": display(gone.phone), "released_en": "", "released_fr": ""}
    if released == 1:
        variables["released_en"] = " The pickup they had taken went back to the team."
        variables["released_fr"] = " Sa cueillette en cours retourne à l'équipe."
    elif released > 1:
        variables["released_en"] = f" The {released} pickups they had taken went back to the team."
        variables["released_fr"] = f" Ses {released} cueillettes en cours retournent à l'équipe."
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
    team = [s for s in state.staff_members(session, store.id) if not (s.opted_out or s.unreachable)]
    if any(s.on_duty for s in team if s.id != member.id):
        return [Reply("staff_off", {"nobody_en": "", "nobody_fr": ""})]
    # Nobody is on duty now: arrivals alert the managers and owners (bot/core/conversation/recipients.on_duty), this
    # one too if they are one, and nobody at all if the store has none.
    if member.role in ADMIN_ROLES:
        return [Reply("staff_off_still_alerted")]
    if not any(s.role in ADMIN_ROLES for s in team):
        return [
            Reply(
                "staff_off",
                {
                    "nobody_en": " Nobody is on duty now and there is no manager: arrivals will alert no one.",
                    "nobody_fr": " Plus personne n'est en service et il n'y a aucun gérant : les "
                    "arrivées n'alerteront personne.",
                },
            )
        ]
    return [
        Reply(
            "staff_off",
            {
                "nobody_en": " Nobody else is on duty: alerts go to the managers and owners.",
                "nobody_fr": " Plus personne n'est en service : les alertes iront aux gérants et propriétaires.",
            },
        )
    ]


_HANDLERS: dict[str, Callable[..., list[Effect]]] = {
    "pause": _pause,
    "resume": _resume,
    "hours": _hours,
    "set": _set,
    "reply": _reply,
    "staff": _staff,
    "staff_add": _staff_add,
    "staff_remove": _staff_remove,
    "status": _status,
    "login": _login,
    "help": _help,
    "duty": _duty,
}
