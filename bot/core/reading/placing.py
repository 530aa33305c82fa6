"""Where a text places someone or something, clause by clause: "in the car" said of what is in it (cargo), "sur
place" said of what is done there; each is blanked so that its words read as no arrival; a stop made on the way, a
past trip, and a trip planned for after the pickup ("heading to the trails after") are blanked so that they read as
no trip."""

from __future__ import annotations

import re

from .intents import _CARGO, _IN_CAR, _ONESELF, _ONSITE_SELF, _WAITING_ONESELF
from .phrases import _blank


def _without_cargo(s: str) -> str:
    """The text with each "in the car" that says where something or someone else is blanked ("bouffe congelée du chien
    dans le char", "j'ai de la viande dans le char", "kids are in the car"); `s` itself when the customer is the one in
    it: the two words before name them, or nothing does ("in the car, spot 4"), and no "I have X" / "X is" puts
    something else there; or the clause has them waiting ("j'attends depuis 20 minutes dans l'auto")."""
    out = s
    cargo_ends = {m.end() for m in _CARGO.finditer(s)}  # "I have X in the car", "X is in the car"
    for m in reversed(list(_IN_CAR.finditer(s))):
        clause = s[: m.start()].replace("?", "|").rsplit("|", 1)[-1].split()
        if not _WAITING_ONESELF.isdisjoint(clause):
            continue
        before = s[: m.start()].split()[-2:]
        if m.end() in cargo_ends or before and _ONESELF.isdisjoint(before):
            out = _blank(out, m, "_k")
    return out


def _without_onsite_things(s: str) -> str:
    """`s` with each "sur place" said of something done or found there blanked: "payer sur place", "un micro-ondes
    sur place"; kept when said of oneself or alone ("je suis déjà sur place", "sur place, place 4")."""
    start = 0
    while (i := s.find("sur place", start)) >= 0:
        before = s[:i].split()[-1:]
        if before and before[0] not in _ONSITE_SELF:
            s = f"{s[:i]}_p{s[i + 9 :]}"
        start = i + 2
    return s


# A stop already made on the way: "had to stop for diapers on the way", "j'ai arrêté au dep en chemin".
_PAST_STOP = re.compile(
    r"(?<!\S)(?:had to|i|we|j ai|jai|on a|stopped|arrete|arrêté)(?: \S+){0,5}? (?:on the way|en chemin|en route|sur le chemin)"
    r"(?!\S)(?! (?:now|over|back|\d|in|dans))"
)
_PAST_STOP_WORDS = frozenset(("had", "stopped", "arrete", "grabbed", "got", "ai", "jai"))


def without_past_stop(s: str, ws: frozenset[str] | set[str]) -> str:
    """`s` with a stop made on the way blanked ("had to stop for diapers on the way"): a past trip, no trip now; kept
    when the text says no more than that ("had to stop on the way" alone still tells nothing of being here)."""
    if _PAST_STOP_WORDS.isdisjoint(ws) or not (m := _PAST_STOP.search(s)):
        return s
    return _blank(s, m, "_t")


# A trip planned for after the pickup, as a clause of its own that ends on "after": "rolled in, spot 14, white Ram,
# heading to the trails after", "chu au 4, je m'en vais au chalet après".
_LATER_PLAN = re.compile(
    r"(?:^|(?<=\| ))[^|?]*? (?:after|afterwards|after this|after that|apres|apres ca|ensuite|later)(?= \||$| \?)"
)
_LATER_WORDS = frozenset(("after", "afterwards", "apres", "ensuite", "later"))


def without_later_plan(s: str, ws: frozenset[str] | set[str]) -> str:
    """`s` with a trip planned for after the pickup blanked, when another clause is left to say where the customer is
    now ("pulled in, spot 9, heading to work after"); kept alone ("heading to the trails after" tells nothing of being
    here) or when it is the trip here ("heading over after work")."""
    if _LATER_WORDS.isdisjoint(ws) or "|" not in ws or not (m := _LATER_PLAN.search(s)) or m.start() == 0:
        return s
    return _blank(s, m, "_t")
