"""ETAs: how long until someone gets there ("in 5", "dans une demi-heure"), never time already waited."""

from __future__ import annotations

import re

from .numbers import _NUMWORD_PHRASE, _NUMWORD_TOKEN, _amount, _number
from .phrases import _blank, _w
from .vocabulary import _words

_UNIT_MIN = r"min|mins|minute|minutes|mn|mns|mnt|mnts|minit|minits|minuts|m"
_UNIT_HOUR = r"h|hr|hrs|hre|hres|hour|hours|heure|heures"
_UNIT_SEC = r"sec|secs|second|seconds|seconde|secondes"
# Words that lead into a bare number ETA: "in 5", "omw 10", "donne moi 20".
_ETA_LEAD = (
    r"in|dans|ds|eta|gimme|give me|donne moi|donnez moi|within|d ici|omw|otw|way|route|chemin|viens"
    r"|take me|takes me|take us|prendre|be there|b there|should be|ll be|will be|gonna be"
)  # "gonna take me 40", "ça va me prendre 20"
# What may follow a bare number that is an ETA: the end of a clause, "or so", "ish", "max", or what they drive
# ("be there in fifteen in my wife's red Tucson", "dans 10 dans la Honda de ma mère").
# ...or a word that only goes on talking: "jarrive ds 15 la chu pogné", "be there in 15 lol stuck in traffic"
_GOES_ON = (
    r"lol|tho|though|la|pis|puis|mais|but|stuck|traffic|trafic|pogne|pognee|coince|coincee|je|jsuis|chu|chui|i|im"
    r"|hopefully|probably|prob|depending|sorry|desole|desolee|if|si|because|cause|cuz|parce|just|then|ensuite|haha"
    r"|lmao|mdr|see|cya|bye|j"
)
_BARE_END = rf" (?:{_GOES_ON})(?!\S)| \||$| \?| or so| ish| max| tops| more| _v| _o| (?:thanks|thx|ty|merci|please|pls|svp|ok)(?!\S)| to (?:get|drive) | pour (?:me rendre|arriver|venir)| (?:for|pour) "
_WHOSE = r"(?:my|the|a|an|our|his|her|their|mon|ma|le|la|l|un|une|notre|son|sa|_v)(?!\S)"
_AMOUNT = rf"\d{{1,3}}(?:\.\d)?|{_NUMWORD_PHRASE}|a|an"

_ETA = re.compile(
    _w(
        rf"(?P<r1>\d{{1,3}})(?:-| (?:a|to|ou|or|-) )(?P<r2>\d{{1,3}}) (?P<ru>{_UNIT_MIN}|{_UNIT_HOUR})"
        rf"|(?P<hn>{_AMOUNT}) (?:{_UNIT_HOUR}) (?:et |and )?(?P<hm>\d{{1,2}}|a half|demie?|a quarter|quart|{_NUMWORD_TOKEN})(?: (?:{_UNIT_MIN}))?"
        r"|(?P<another>(?:another|one more|une autre|encore une) (?:hour|hr|heure)"
        rf"|\d{{1,3}}(?: (?:{_UNIT_MIN}))? (?:to|a|or|ou|-) (?:an|une|one|1) (?:hour|hr|heure))"  # "45 min to an hour"
        r"|(?P<tq>(?:(?:trois|three|3) quart(?:s|ers)?|3/4) (?:of an |of a |d )?(?:heure|hour|dheure|h|hr))"
        r"|(?P<q>(?:(?:a |un |one )?quart(?:er)?|1/4) (?:of an |of a |d )?(?:heure|hour|dheure|h|hr))"
        r"|(?P<half>(?:a |une |an )?(?:bonne |good |solid |grosse |petite )?"
        r"(?:half (?:an |a )?(?:hour|hr|h)|half-hour|demi-heure|demi heure|1/2 (?:h|hr|hour|heure)))"
        r"|(?P<about>(?:une )?(?:dizaine|quinzaine|vingtaine|trentaine|quarantaine)(?: de (?:minutes|min|mins))?)"
        rf"|(?P<n>{_AMOUNT}) (?:ish |more |extra |other |de plus |bonne |good |solid |grosse |petite )?(?P<u>{_UNIT_MIN}|{_UNIT_HOUR}|{_UNIT_SEC})"
        rf"|(?P<pre>{_ETA_LEAD})(?: \|)?"  # "omw, 20ish"
        rf" (?P<filler>about |around |like |environ |genre |approx |maybe |max |a peu pres |under |less than |moins de )?"
        rf"(?P<bare>\d{{1,3}}(?:-\d{{1,3}})?|{_NUMWORD_PHRASE})(?={_BARE_END}| (?:in|with|dans|avec|w) {_WHOSE})"
        # A clause that is only a number, in a text about coming: "omw to grab my pizza, 5ish", "leaving now, 10"
        rf"|(?<=\| )(?:about |around |like |environ |genre |approx |maybe |max |a peu pres )?"
        rf"(?P<clause>\d{{1,3}}(?:-\d{{1,3}})?)(?={_BARE_END}| environ| minutes)"
        # ...or, with no comma, a number said roughly or last: "leaving now 20ish", "omw for the meds about 10",
        # "je quitte le bureau 30" (never after a spot word, "#", "at" or "vers": those are spots and clock times)
        r"|(?:about|like|approx|approximately|maybe|genre|environ|roughly) (?P<rough>\d{1,3}(?:-\d{1,3})?)"
        rf"(?={_BARE_END}| environ)"
        r"|(?P<tail>\d{1,3}(?:-\d{1,3})?)(?= ish| or so| max| tops| environ| out(?: \||$| \?)|$)"
    )
)
_ABOUT = {"dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40}
_UPPER_BOUND = re.compile(r" (?:tops|max|at most|au plus|maximum)(?!\S)")
_HOUR_UNITS = frozenset(_UNIT_HOUR.split("|"))
_SEC_UNITS = frozenset(_UNIT_SEC.split("|"))
# A duration after these is time already spent waiting, not an ETA ("been waiting 10 min").
_PAST_BEFORE = _words("for waiting waited been depuis fait ya attends attend since already deja pendant retard")
# "stop for gas 10 min": "for" an errand on the way, not "for 10 min" waited; the duration after it is to come.
_ERRANDS = _words("stop stopping stopped grab grabbing getting get pick picking")
# From someone not on the road, a duration after these is what they were told, not an ETA: "on m'avait dit 15 min".
_TOLD = _words("said dit told")
# A duration after these is when something else happens: "j'ai un rendez-vous dans 20 min, c'est tu long?"
_EVENTS = _words("rendez rendez-vous rdv appointment meeting class cours shift game match reunion")
# These a few words before a duration make it time spent too ("been sitting here 10 min", "depuis genre 10 min").
_WAITED = _words("been depuis since waited")
_STILL_WAITING = _words("waiting waited attends attend")  # ...or the clause before ends on these
# Words that only say how big a duration is, skipped to see what comes before it.
_SIZE_WORDS = _words("une un a good solid full bonne grosse bon gros longue facilement easily moins least")
_AHEAD = _words("in dans ds within")  # ...but not after these: "been stuck in traffic be there in 10"
# A duration said right after these is the time to get there, over one to leave ("leaving in 5, there in 20").
_GETTING_THERE = _words("there here rendu rendue rendus la arrive arriver arrivee")
# ...or what the duration measures, said after it: a shift, a break, a day, a lunch, or "25 min in" (time waited).
_PAST_AFTER = re.compile(
    r"^ (?:ago|late|en retard|de retard|passed|que j|of waiting|of wait|d attente|wait so far"
    r"|shift|day|break|lunch|de pause|de break|de shift|pour (?:diner|dner|luncher|manger)"
    r"|in(?= \||$| \?| and| nobody| no | still| now| anyone| anybody| any | y a| personne))(?!\S)"
)
# "there in like 20", "can swing by in 15", "je peux passer dans 15": coming, whatever else the text says.
# ...and so is "dans 25 chu là", "in 10 I'm there": the being-there said after the duration.
_THERE_AFTER = re.compile(
    r" (?:je suis|j suis|jsuis|je suis|chu|chui|shu|i m|im|i ll be|ill be|je serai|jserai|j serai|on est|we re|we ll be)"
    r" (?:la|there|here|ici|icitte|rendu|rendue|rendus)(?!\S)"
)
_SINCE = re.compile(r"(?<!\S)y a (?:genre |environ |comme |au moins |\S+ )?$")  # "y'a une heure", "ya genre 2h"
_COMING_INTO = _words("there by over passer passe rendu rendue")
# Said by someone not on the road, a duration followed by these is time waited: "15 min now", "20 min déjà".
_WAITED_AFTER = re.compile(r"^ (?:now|already|deja|and counting|so far|pis rien|and nothing|and still)(?!\S)")
# A number after these is a spot, an order or a clock time, never an ETA at the end of a text.
_NOT_AN_ETA_BEFORE = _words(
    "spot space stall bay slot place espace stationnement emplacement pl door porte # _s _o _v order commande at a "
    "vers au la le number numero no the for pour with avec x de of"
)
# "à 5h", "vers 17h", "at 1 hour"... is a clock time.
_CLOCK_BEFORE = _words("a at vers avant apres before after by until till pour jusqu around")
_NOT_AN_ETA_BEFORE |= _CLOCK_BEFORE
# Every way of saying an ETA (_ETA) holds one of these words: a unit, a word that leads into a bare number
# ("in 5", "omw 10"), or a fraction of an hour. Texts with none of them (most arrivals) skip that costly pattern.
_ETA_WORDS = (
    frozenset(f"{_UNIT_MIN}|{_UNIT_HOUR}|{_UNIT_SEC}".split("|"))
    | frozenset(lead.split(" ", 1)[0] for lead in _ETA_LEAD.split("|"))
    | frozenset(_ABOUT)
    | _words("quart quarts quarter quarters half half-hour demi demie demi-heure 1/2 1/4 3/4 another autre")
)


def _eta(s: str, on_the_way: bool) -> tuple[int | None, str]:
    """The ETA in minutes and the text with it blanked out; durations already waited are not ETAs.

    "je pars dans 5 min, rendu dans 30": of several ETAs, one said of getting there wins over the first."""
    found: tuple[int, re.Match[str]] | None = None
    pos = 0
    while m := _ETA.search(s, pos):
        pos = m.end()
        g = m.group
        clause = s[: m.start()].rsplit("|", 1)[-1].split()  # a comma ends "running late, 10 more min"'s past
        while clause and clause[-1] in _SIZE_WORDS:  # "ça fait une grosse demi-heure": past "une grosse"
            clause.pop()
        before = clause[-2:]
        if (
            before
            and before[-1] in _PAST_BEFORE
            or len(before) == 2
            and before[0] in _PAST_BEFORE
            and before[1][0] != "_"
            and not (before[0] == "for" and clause[-3:-2] and clause[-3] in _ERRANDS)
        ):
            continue
        # "i been sittin here 10 min", "been sitting in the lot 10 min": "been" anywhere in the clause makes the
        # duration time spent, unless "in"/"dans" leads into it ("been stuck in traffic, there in 10").
        if not _WAITED.isdisjoint(clause) and not (g("pre") or before and before[-1] in _AHEAD):
            continue
        if not on_the_way and (_WAITED_AFTER.match(s[m.end() :]) or before and before[-1] in _TOLD):
            continue
        if _SINCE.search(s, 0, m.start()):
            continue  # "j'ai commandé y'a une heure": time since, not to come
        if not _EVENTS.isdisjoint(clause[-4:]) and _GETTING_THERE.isdisjoint(clause[-2:]):
            continue  # "I have a meeting in 40 min": when something else happens
        if _PAST_AFTER.match(s[m.end() :]):
            continue
        if not before and not on_the_way and s[: m.start()].rstrip(" |").rsplit(" ", 1)[-1] in _STILL_WAITING:
            continue  # "still waiting, 25 minutes": the clause before says what the duration is

        minutes: float | None = None
        if g("r2"):
            top = max(int(g("r1")), int(g("r2")))
            minutes = top * 60 if g("ru") in _HOUR_UNITS else top
        elif g("hn"):
            if before and before[-1] in _CLOCK_BEFORE:
                continue
            hours = _amount(g("hn"))
            extra = g("hm")
            extra_minutes = (
                int(extra)
                if extra[0].isdigit()
                else 15
                if "quart" in extra
                else 30
                if "half" in extra or "demi" in extra
                else _number(extra)
            )
            minutes = None if hours is None or extra_minutes is None else hours * 60 + extra_minutes
        elif g("another"):
            minutes = 60
        elif g("tq"):
            minutes = 45
        elif g("q"):
            minutes = 15
        elif g("half"):
            minutes = 30
        elif g("about"):
            minutes = next(v for k, v in _ABOUT.items() if k in g("about"))
        elif g("n"):
            unit = g("u")
            amount = _amount(g("n"))
            if amount is None or (len(unit) == 1 and not g("n")[0].isdigit()):
                continue  # "m" and "h" are units only glued to digits ("10m"), not after "one"/"un"
            if unit in _HOUR_UNITS:
                # "à 5h" / "vers 17h" are clock times; so is a bare "5h" with no "dans"/"in".
                if before and before[-1] in _CLOCK_BEFORE:
                    continue
                if unit == "h" and not (before and before[-1] in ("in", "dans", "ds", "environ", "about")):
                    continue
                minutes = amount * 60
            elif unit in _SEC_UNITS:
                if g("n") in ("a", "an") or not (before and before[-1] in _AHEAD):
                    continue  # "deux secondes... G-4408" while looking it up: only "in 30 sec" comes
                if g("n") in ("a", "an"):
                    continue  # "in a sec" is a manner of speaking, as vague as "in a few minutes"
                minutes = 1
            elif g("n") in ("a", "an"):
                continue  # "leaving in a min" is as vague as "in a sec"
            else:
                minutes = amount
        elif (tail := g("tail")) and (before and before[-1] in _NOT_AN_ETA_BEFORE or not on_the_way):
            continue
        elif bare := g("bare") or g("clause") or g("rough") or tail:
            # "in 5" is an ETA only in a text that is about coming ("be there in 5"), not "I'm in 5"; "be there
            # around 6" is a clock time, "be there in around 6" is not. Refused, the number is read again on its
            # own: "gonna be 15 more minutes".
            if not (
                on_the_way
                or found
                or g("pre") in ("eta", "gimme", "give me", "within", "take me", "takes me")
                or g("pre") in ("in", "dans", "ds")
                and (before and before[-1] in _COMING_INTO or _THERE_AFTER.match(s, m.end()))
            ) or (g("filler") == "around " and g("pre") in ("be there", "b there")):
                start = m.start(next(k for k in ("bare", "clause", "rough", "tail") if g(k)))
                pos = start if start > m.start() else m.end()
                continue
            if bare in ("un", "une", "one", "a", "an") and s[m.end() :].startswith(" _v"):
                continue  # "arrive dans une Mazda 3 rouge": the article of what they drive
            minutes = max(map(int, bare.split("-"))) if bare[0].isdigit() else _amount(bare)
        if minutes is not None and 0 < minutes <= 720:
            # ...and an upper bound said after ("10 min, 15 tops") wins too.
            if found is None or not _GETTING_THERE.isdisjoint(clause[-3:]) or _UPPER_BOUND.match(s, m.end()):
                found = int(round(minutes)), m
    if found is None:
        return None, s
    return found[0], _blank(s, found[1], "_e")
