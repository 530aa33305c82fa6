"""A customer's text: each piece (vehicle, order, ETA, spot, door) read and blanked out, then the intent."""

from __future__ import annotations

import re

from .compliance import _keyword
from .etas import _ETA_WORDS, _eta
from .in_words import (
    _CANCEL,
    _CANCEL_HINTS,
    _HELP_NATURAL,
    _HOW_HINTS,
    _HOW_TO,
    _MISTAKE,
    _MISTAKE_HINTS,
    _OPTED_OUT,
    _START_HINTS,
    _START_NATURAL,
    _STOP_NATURAL,
    _TEXTS,
)
from .intents import (
    _ARRIVED,
    _ASKS_FOR_DOOR,
    _ASKS_WHERE_PICKUP,
    _BY_LANDMARK,
    _CAR_WORDS,
    _CLOSE_BY,
    _CLOSE_BY_HINTS,
    _DOOR,
    _DOOR_HINTS,
    _HEAD_OVER,
    _HEAD_OVER_HINTS,
    _LANDMARKS,
    _NOT_YET,
    _ON_THE_WAY,
    _SAYS_HERE,
    _STATUS,
    _UNWANTED,
    _UNWANTED_HINTS,
)
from .meaning import Meaning
from .news import goods_where, leave_for_others, store_question, waiting_nudge
from .normalising import _MARKS, _quote
from .nudges import (
    _ASKS_FOR_SOMEONE,
    _ASKS_FOR_STAFF,
    _CAME_IN,
    _CAME_IN_ENDS,
    _CAME_IN_VERBS,
    _FORGOTTEN,
    _INSIDE_HINTS,
    _SOMEONE_HINTS,
    _STAFF_WORDS,
    _THEIR_INSIDE,
    _TIME_WAITED,
    _more_status,
)
from .orders import _ANSWER_ORDER, _order_match
from .phrases import _blank
from .placing import _without_cargo, _without_onsite_things, without_later_plan, without_past_stop
from .questions import asks_for_news, lost_something
from .shapes import asks_what_on_arriving, news_by_shape, nothing_yet, placed_by_a_thing, someone_placed
from .spots import (
    _ANSWER_SPOT,
    _BARE_SPOT,
    _DICTATED,
    _DICTATED_SPOT,
    _HASH_SPOT,
    _LABEL_SPOT,
    _ORDINAL_HINTS,
    _ORDINAL_SPOT,
    _SPOT,
    _answer_value,
    _lone_number,
    _ordinal_value,
    _spot_value,
)
from .vehicles import _has_strong_vehicle, _vehicle
from .vocabulary import _PLAIN

_ANY_DIGIT = re.compile(r"\d")
_GREETING = re.compile(r"^(?:hi|hello|hey|heya|hiya|bonjour|allo|salut|bonsoir|yo|coucou)(?: \|)* (?=\S)")
_THANKS = re.compile(r"(?: \|)* (?:thanks|thank you|thx|ty|merci|please|pls|plz|svp|stp)(?: \|)*$")
_GREETING_WORDS = frozenset(
    ("hi", "hello", "hey", "heya", "hiya", "bonjour", "allo", "salut", "bonsoir", "yo", "coucou")
)
_THANKS_WORDS = frozenset(("thanks", "you", "thx", "ty", "merci", "please", "pls", "plz", "svp", "stp"))
_BARE_COURTESY = _MARKS | _THANKS_WORDS
# The order number first with a "?", to "what's your order number?": "uh 58192? on my confirmation email".
_ORDER_ASKED_BACK = re.compile(r"^(?:(?:uh|um|umm|euh|heu|hmm|ok|so|ben|bin|c est|its|it s) )*_o \?(?! \?)")
_ANOTHER_DAY = frozenset(("tomorrow", "demain", "tmrw", "tmr", "2morrow"))
_FORGOTTEN_HINTS = re.compile(r"oubli|forg|laiss|ditch|abandon")  # every _FORGOTTEN phrasing holds one


def _customer(text, raw, low, words, context, language, confident) -> Meaning:
    """A customer's text; `s` is its words joined, with each piece read blanked out (_v, _o, _e, _s)."""

    def meaning(intent: str, **fields) -> Meaning:
        return Meaning(intent, language=language, language_confident=confident, **fields)

    if _MARKS.issuperset(words) or _BARE_COURTESY.issuperset(words) and "?" in words:
        # "??", "?!", "??? svp": question marks alone, from someone waiting for their order, ask for news
        return meaning("status" if "?" in words else "other")
    if keyword := _keyword(words):
        return meaning(keyword)

    ws = frozenset(words)  # the many hint tests below (isdisjoint) run faster against a set than a list
    span = _vehicle(words, raw)
    if span:
        s = " ".join(words[: span[0]] + ["_v"] + words[span[1] + 1 :])
    else:
        s = " ".join(words)
    if words[0] in _GREETING_WORDS or _last_word(words) in _THANKS_WORDS:  # cheap test first: most have neither
        s = _without_courtesies(s)

    if not _MISTAKE_HINTS.isdisjoint(ws) and _MISTAKE.search(s) and _OPTED_OUT.search(s):
        return meaning("start")  # "I unsubscribed by mistake", "j'ai fait stop par erreur"
    if _STOP_NATURAL.search(s):
        return meaning("stop")
    if not _START_HINTS.isdisjoint(ws) and _START_NATURAL.search(s):
        return meaning("start")
    if not _HOW_HINTS.isdisjoint(ws) and _HOW_TO.search(s) or asks_what_on_arriving(s, ws):
        return meaning("help")

    # The order number first: its digits must not be read as a spot or an ETA.
    order = None
    if context.awaiting == "order" and (m := _ANSWER_ORDER.match(s)):
        return meaning("other", order=m.group("v").upper())
    # Cheap gates first: most texts hold no digit, no spot word, no order word.
    has_digit = _ANY_DIGIT.search(s) is not None
    if has_digit and (m := _order_match(s, words)):
        order = m.group("v").upper()
        s = _blank(s, m, "_o")
        if context.awaiting == "order" and _ORDER_ASKED_BACK.match(s):
            return meaning("other", order=order)  # "uh 58192? on my confirmation email": the answer, unsure

    if (not _CANCEL_HINTS.isdisjoint(ws) or "annul" in s or "anul" in s or "cancel" in s) and _CANCEL.search(s):
        return meaning("stop" if _TEXTS.search(s) else "cancel", order=order)

    forgotten = _FORGOTTEN_HINTS.search(s) is not None and _FORGOTTEN.search(s) is not None
    asks = _ASKS_FOR_SOMEONE.search(s) if not _SOMEONE_HINTS.isdisjoint(ws) else None
    if asks is None and not _STAFF_WORDS.isdisjoint(ws):
        asks = _ASKS_FOR_STAFF.search(s)  # "y a-tu un employé qui lit ça?"
    if asks is None and not _INSIDE_HINTS.isdisjoint(ws):
        asks = _THEIR_INSIDE.search(s)  # "ca niaise en dedans?": what goes on in the store, asked from outside it
    if asks:
        s = _blank(s, asks, "_q")
    came_in = _CAME_IN.search(s) if not _CAME_IN_VERBS.isdisjoint(ws) and not _CAME_IN_ENDS.isdisjoint(ws) else None
    if came_in:
        s = _blank(s, came_in, "_q")
    if (g := goods_where(s, ws)) is not s:
        s = g  # "mes sandwichs sont-tu en route vers le char?": the goods' way, not the customer's
    s = without_past_stop(s, ws)  # "parked at 5, had to stop for diapers on the way": a past trip
    s = without_later_plan(s, ws)  # "rolled in, spot 14, heading to the trails after": a trip for later
    not_yet = not forgotten and _NOT_YET.search(s) is not None
    on_the_way = (
        not_yet
        or _ON_THE_WAY.search(s) is not None
        or not _HEAD_OVER_HINTS.isdisjoint(ws)
        and _HEAD_OVER.search(s) is not None  # "gonna head ur way shortly"
        or not _CLOSE_BY_HINTS.isdisjoint(ws)
        and _CLOSE_BY.search(s) is not None  # "turning onto your street now"
    )
    if on_the_way and not _ANOTHER_DAY.isdisjoint(ws):
        on_the_way = False  # "coming tomorrow instead", "Je passe demain": no trip today, as the corpus has it
    eta = None
    eta_words = not _ETA_WORDS.isdisjoint(ws)
    # "still nothing?? 25 min on the clock", "25 min standing around, did the kitchen lose my ticket??": a time
    # waited, no trip
    quiet = not on_the_way and (nothing_yet(s, ws) or eta_words and _TIME_WAITED.search(s) is not None)
    if (
        (eta_words or on_the_way and has_digit) and (on_the_way or not asks) and not quiet
    ):  # "what are they doing in there, 20 mins"
        eta, s = _eta(s, on_the_way)
    here = _UNWANTED.sub("_n", s) if not _UNWANTED_HINTS.isdisjoint(ws) else s  # "veux pas niaiser dehors"
    if "sur" in words and "place" in words:
        here = _without_onsite_things(here)
    arrived = _ARRIVED.search(here) is not None or (
        not _LANDMARKS.isdisjoint(ws)
        and _BY_LANDMARK.search(here) is not None  # "I'm by the cart return"
        or span is not None
        and placed_by_a_thing(here, ws)  # "by the propane cage, green Subaru Crosstrek"
    )
    asks_store = (arrived or not _DOOR_HINTS.isdisjoint(ws)) and (
        store_question(s, ws)
        or leave_for_others(s, ws)
        or lost_something(s, ws)  # "…clés dans le stationnement, …trouvées?"
    )
    if arrived and asks_store:
        arrived = False  # "what's going on this weekend at the store?", "is my dog allowed in the store?"
    if arrived and (span or not _CAR_WORDS.isdisjoint(ws)) and (cargo := _without_cargo(s)) is not s:
        arrived = _ARRIVED.search(cargo) is not None  # "bouffe congelée du chien dans le char": what is in the car
    arrived = arrived or not asks_store and someone_placed(here, ws)  # "ma fille…, elle est au 5 dans la Civic"

    spot = None
    for pattern in (_SPOT, _HASH_SPOT, _LABEL_SPOT) if has_digit else (_SPOT,):
        if (m := pattern.search(s)) and (value := _spot_value(m.group("v"))):
            spot = value
            s = _blank(s, m, "_s")
            break
    if spot is None and (m := _BARE_SPOT.match(s)) and (value := _spot_value(m.group("v"))):
        spot = value
        s = "_s"
    if (
        spot is None
        and context.awaiting == "spot"
        and (m := _ANSWER_SPOT.search(s))
        and (v := _answer_value(m.group("v")))
    ):
        spot, s = v, _blank(s, m, "_s")  # "la onze, proche du bac à sel", after "which spot?"
    if spot is None and not _ORDINAL_HINTS.isdisjoint(ws) and (m := _ORDINAL_SPOT.search(s)):
        spot, s = _ordinal_value(m.group("v")), _blank(s, m, "_s")
    if spot is None and "number" in words and (m := _DICTATED_SPOT.search(s)):
        spot, s = _DICTATED[m.group("v")], _blank(s, m, "_s")
    if spot is None and has_digit and (arrived or context.awaiting == "spot") and not on_the_way:
        spot, s = _lone_number(s)
    door = (
        not _DOOR_HINTS.isdisjoint(ws)
        and not asks_store  # "is the liquor store next door open late?", "is my dog allowed in the store?"
        and _DOOR.search(here) is not None
        and not _ASKS_FOR_DOOR.search(s)
    )

    if not on_the_way and eta is None and _ASKS_WHERE_PICKUP.search(s) and not _SAYS_HERE.search(s):
        return meaning("other", order=order)  # "where's pickup, front or back?": asked before arriving
    if on_the_way or eta is not None:
        intent = "on_the_way"
    elif arrived or spot or door:
        intent = "arrived"
    elif forgotten or quiet or asks or came_in or _STATUS.search(s) or _more_status(s, ws) or news_by_shape(s, ws):
        return meaning("status", order=order)
    elif _HELP_NATURAL.search(s):
        return meaning("help")
    elif span and (context.awaiting == "spot" or _has_strong_vehicle(words, span)):
        intent = "arrived"  # "red civic", or "the red one" after the bot asked where they are
        if spot is None and has_digit:
            spot, s = _lone_number(s)  # "Honda noire au 3"
    elif context.handoff == "waiting" and waiting_nudge(s, ws):
        return meaning("status", order=order)  # "hello", "c'est quoi la suite?", from someone waiting here
    elif asks_for_news(s, ws):
        return meaning("status", order=order)  # "how close r u on the bird seed": a question, not the store's
    else:
        return meaning("other", order=order)

    vehicle = _quote(raw, low, *span) if span else None
    return meaning(
        intent,
        spot=spot,
        vehicle=vehicle,
        order=order,
        eta_minutes=eta if intent == "on_the_way" else None,
        door=door,
        note=text.strip() if _says_more(s) else None,  # verbatim, as typed (not NFC-normalised)
    )


def _without_courtesies(s: str) -> str:
    """The text without a greeting before it or thanks after it, so "hi, 6", "bonjour, allo?" and "waiting...
    thanks" read as "6", "allo?" and "waiting..." do; unchanged when nothing but marks would remain."""
    core = _THANKS.sub("", _GREETING.sub("", s, 1), 1)
    return s if _MARKS.issuperset(core.split()) else core


def _last_word(words: list[str]) -> str:
    for w in reversed(words):
        if w not in _MARKS:
            return w
    return ""


def _says_more(s: str) -> bool:
    """Whether words remain that are not arrival/ETA talk once spot, vehicle, order and ETA are blanked."""
    for w in s.split():
        if len(w) > 1 and w[0].isalpha() and w not in _PLAIN:
            return True
    return False
