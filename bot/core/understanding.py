"""Text + context → Meaning: what a customer's or staff member's text says, in English or Québec French.

Pure and fast: regexes are compiled at import and per-word work is cached; no I/O, no framework.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from rapidfuzz import fuzz, process
from text_to_num import text2num

from .commands import NAMES as COMMAND_NAMES
from .commands import Command, read_command
from .language import KNOWN_WORDS, detect, has_french_accent

CUSTOMER_INTENTS = ("arrived", "on_the_way", "status", "cancel", "help", "stop", "start", "other")
# Staff texts are also read as an owner's or manager's commands (bot/core/commands.py: "pause", "set", "status"...),
# to be carried out for an owner and refused to anyone else, and as ON / OFF ("duty").
STAFF_INTENTS = ("claim", "done", "list", "help", "stop", "start", "other", *(n for n in COMMAND_NAMES if n != "help"))


@dataclass(frozen=True)
class Context:
    role: str = "customer"  # "customer" | "staff" | "owner" (an owner or a manager)
    awaiting: str | None = None  # what the bot last asked this person: None | "spot" | "order"
    language: str | None = None  # the person's stored language ("en"/"fr"), tie-breaker for ambiguous texts


class Meaning(NamedTuple):
    """What a text says. A NamedTuple rather than a frozen dataclass: one is built per text, and a frozen
    dataclass's __init__ cost a twentieth of understand()'s time (bench/textspeed.py)."""

    intent: str
    spot: str | None = None
    vehicle: str | None = None
    order: str | None = None
    eta_minutes: int | None = None
    language: str = "en"
    language_confident: bool = False
    door: bool = False
    note: str | None = None
    command: Command | None = None  # a staff member's ON/OFF, an owner's PAUSE, SET, STATUS...

    def as_public_dict(self) -> dict:
        """The `parse` command's output: exactly these six fields."""
        return {
            "intent": self.intent,
            "spot": self.spot,
            "vehicle": self.vehicle,
            "order": self.order,
            "eta_minutes": self.eta_minutes,
            "language": self.language,
        }


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred"
).split()
_FR_NUMBERS = (
    "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante cent cents"
).split()
_FR_ONLY_NUMBERS = frozenset(_FR_NUMBERS) - frozenset(_EN_NUMBERS)

_COLORS = _words(
    "red blue green black white grey gray silver gold golden yellow orange brown beige tan purple pink "
    "maroon burgundy navy teal champagne bronze charcoal cream rouge rouges bleu bleue bleus vert verte "
    "noir noire blanc blanche gris grise argent argente argentee dore doree jaune brun brune marron mauve "
    "violet violette rose bourgogne turquoise kaki khaki creme bordeaux cuivre"
)
_COLOR_MODIFIERS = _words(
    "dark light pale bright metallic matte pearl fonce foncee clair claire pale metallise metallique mat marin"
)
_MAKES = _words(
    "acura audi bmw buick cadillac chevrolet chevy chrysler dodge fiat ford genesis gmc honda hyundai "
    "infiniti jaguar jeep kia lexus lincoln mazda mercedes mercedes-benz benz merc mini mitsubishi nissan "
    "polestar porsche ram rivian subaru suzuki tesla toyota volkswagen vw volvo pontiac saturn scion "
    "lucid peugeot renault hummer land-rover range-rover"
)
# Models that are not everyday words: they mark a vehicle on their own.
_MODELS = _words(
    "civic corolla camry rav4 rav-4 cr-v crv hr-v hrv cx-3 cx3 cx-5 cx5 cx-30 cx30 cx-50 cx-9 cx9 cx-90 "
    "mx-5 mx5 miata f-150 f150 f-250 f250 f-350 tacoma tundra sienna prius highlander 4runner venza yaris "
    "silverado equinox malibu tahoe traverse cruze suburban trax acadia yukon wrangler cherokee altima "
    "sentra maxima murano pathfinder qashqai versa outback forester crosstrek impreza wrx elantra tucson "
    "kona sonata ioniq palisade sportage sorento seltos telluride niro jetta tiguan passat taos mustang "
    "bronco odyssey ridgeline outlander corvette camaro durango pacifica renegade gladiator juke micra "
    "escalade enclave envision mdx rdx tlx ilx lancer mirage impala santa-fe f-series e-tron etron "
    "br-v brv cx-7 cx7 cx50 cx90 mx-30 f350 f-450 f450 rx350 rx450 nx300 nx350 gx460"
)
# Models that are also ordinary words ("accord", "escape", "focus"): a vehicle only after a make.
_AMBIGUOUS_MODELS = _words(
    "accord fit pilot insight edge escape focus fusion ranger explorer expedition transit soul golf "
    "beetle atlas leaf kicks rogue compass journey patriot charger challenger caravan terrain sierra "
    "colorado blazer bolt spark encore forte rio soul element passport matrix frontier titan legacy "
    "ascent clarity ioniq5"
)
_VEHICLE_TYPES = _words(
    "truck suv van minivan mini-van sedan hatchback wagon coupe convertible motorcycle moto camion "
    "camionnette vus fourgonnette minifourgonnette berline decapotable minoune bazou 4x4 crossover "
    "pickup-truck"
)
_GENERIC_VEHICLES = _words("car auto voiture char vehicle vehicule bagnole")
# Model names of two words, neither a vehicle on its own ("Grand Caravan", "Santa Fe", "Land Cruiser").
_TWO_WORD_MODELS = frozenset(
    tuple(pair.split())
    for pair in (
        "grand caravan",
        "grand cherokee",
        "grand vitara",
        "grand marquis",
        "grand prix",
        "santa fe",
        "range rover",
        "land rover",
        "land cruiser",
        "crown victoria",
        "town country",
        "transit connect",
    )
)
_TWO_WORD_MODEL_FIRSTS = frozenset(first for first, _ in _TWO_WORD_MODELS)
_MODEL_PREFIXES = _words("model serie series classe class")
# After these a bare number is a model ("Mazda 3", "Ram 1500"), never a spot.
_NUMBERED_MODEL_MAKERS = _words("mazda ram model serie series classe class silverado sierra peugeot bmw")
_VEHICLE_HINTS = (
    _COLORS
    | _MAKES
    | _MODELS
    | _VEHICLE_TYPES
    | _words("pickup pick-up")
    | frozenset(second for _, second in _TWO_WORD_MODELS)
)
_DETERMINERS = _words("a an the my our un une mon ma le la en in dans")

_ALNUM_MODEL = re.compile(r"^[a-z]{1,3}-?\d{1,4}[a-z]?$")
_YEAR = re.compile(r"^(?:19[89]\d|20[0-3]\d)$")
_MODEL_NAME = re.compile(r"^[a-z0-9]{1,4}$")  # what follows "Model", "Série": "3", "Y", "X5"

_FUZZY_TARGETS = (
    "here arrived arrivee parked parking outside spot space stall order minutes minute way there ready "
    "cancel unsubscribe place stationnement rendu commande annuler pret prete dehors icitte route chemin "
    "coming leaving almost waiting numero number door porte trunk coffre claim done list liste termine "
    "delivered help stop start arret merci thanks please bientot presque heading attends arrive"
).split() + [n for n in _EN_NUMBERS + _FR_NUMBERS if len(n) >= 5]  # "place tois", "spot sevn"

# Real words one keystroke away from a keyword: never "corrected" (so "there" never becomes "here").
_NOT_TYPOS = _words(
    "her hear ere hero heres there where were thee three their these sport spout pot sot top stops step "
    "don one doe donne donner dome drone read reads reading leading writing pet star stat rend reads "
    "arriver arrivera arriverai arrivons arrivent arrivez arriving arrives arrival arrive stationner "
    "stationne stationnes stationnez parker parquer parque parke parkee spots stall stalls still small "
    "cancer places plate port porter portes ordre orders older lis list liste lists lisa help hello held "
    "route routes doors odor done dine prets prete pres pret mere hire hare herd thanks thank danke "
    "wait waited waits minute minutes mine mini stationnee arrivee arret arrete arrets"
)

# Run-on words: a subject glued to what follows ("jsuisrendu", "imoutside") is split when the rest is one of these.
_GLUED_SUBJECTS = ("jesuis", "jsuis", "jsui", "chui", "chu", "shu", "iam", "im")
_GLUED_TAILS = _words(
    "here outside parked arrived there coming leaving almost late rendu rendue la ici icitte dehors devant arrive "
    "arrivee stationnee parkee presque"
)

# Texting shorthand for keywords, which the typo corrector cannot reach: too short, or with a digit in it.
_SHORTHAND = {
    "rdy": "ready",
    "redy": "ready",
    "any1": "anyone",
    "ne1": "anyone",
    "some1": "someone",
    "sum1": "someone",
    "every1": "everyone",
    "no1": "noone",
}  # not "l8" nor "b4": those are spot labels too

_POLITE = _words("please pls plz svp stp merci thanks thank you now maintenant ok okay")

_VOCAB = (
    KNOWN_WORDS
    | frozenset(_FUZZY_TARGETS)
    | _NOT_TYPOS
    | frozenset(_EN_NUMBERS)
    | frozenset(_FR_NUMBERS)
    | _COLORS
    | _COLOR_MODIFIERS
    | _MAKES
    | _MODELS
    | _AMBIGUOUS_MODELS
    | _VEHICLE_TYPES
    | _GENERIC_VEHICLES
    | frozenset(chain.from_iterable(_TWO_WORD_MODELS))
)


def _transpositions() -> dict[str, str]:
    # rapidfuzz's ratio scores a swap of two letters in a 4-letter word at 75 ("heer", "spto"),
    # below any safe cutoff, so swaps of keyword letters are listed outright.
    table: dict[str, str] = {}
    for target in _FUZZY_TARGETS:
        if len(target) < 4:
            continue
        for i in range(len(target) - 1):
            swapped = target[:i] + target[i + 1] + target[i] + target[i + 2 :]
            if swapped != target and swapped not in _VOCAB:
                table.setdefault(swapped, target)
    return table


_SWAPS = _transpositions()

# ---------------------------------------------------------------------------
# Turning a text into normalised words
# ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})
_TOKEN = re.compile(r"\d{1,2}:\d{2}|\d+\.\d+|[13]/[24]|[^\W_]+(?:-[^\W_]+)*|[#?]|[,.;:!/]+")
_FOLD = str.maketrans(
    {
        "à": "a",
        "â": "a",
        "ä": "a",
        "á": "a",
        "ã": "a",
        "ç": "c",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "í": "i",
        "î": "i",
        "ï": "i",
        "ó": "o",
        "ô": "o",
        "ö": "o",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "ü": "u",
        "ÿ": "y",
        "ñ": "n",
        "œ": "oe",
        "æ": "ae",
    }
)
# "arrivé" (arrived) and "arrive" (arrives) differ only by the accent: keep the difference.
_PARTICIPLE = re.compile(r"^(arriv|stationn|park|parqu)(?:é|ée|és|ées)$")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_NUMBER_ISH = re.compile(r"^(\d{1,3})-?ish$")  # "5ish", "40-ish": about that many
_NUMBER_UNIT = re.compile(
    r"^(\d{1,3})(min|mins|minute|minutes|mn|mns|mnt|mnts|m|h|hr|hrs|hre|hres|heure|heures|hour|hours|"
    r"sec|secs|s|am|pm|e|er|eme|th|st|nd|rd)$"
)
_CLITICS = _words("moi toi vous nous ce elle il ils elles tu y on je en le la les lui leur t")
_GLUED_SPOT = re.compile(r"^(spot|space|stall|bay|slot|place|pl|door|porte|espace)(\d{1,3})$")
_HOURS_MINUTES = re.compile(r"^(\d{1,2})h(\d{2})(?:min)?$")


@lru_cache(maxsize=16384)
def _normalise(token: str) -> tuple[str, ...]:
    """One raw token → its normalised word(s): folded, de-elongated, typo-corrected, units split."""
    first = token[0]
    if first in "#?":
        return (first,)
    if first in ",.;:!/":
        return ("|",)
    if participle := _PARTICIPLE.match(token):
        return (participle.group(1).translate(_FOLD) + "ee",)
    word = token.translate(_FOLD)
    if m := _GLUED_SPOT.match(word):  # "spot4", "pl5"
        return (m.group(1), m.group(2))
    if first.isdigit():
        if m := _HOURS_MINUTES.match(word):
            return (m.group(1), "h", m.group(2))
        if m := _NUMBER_UNIT.match(word):
            return (m.group(1), m.group(2))
        if m := _NUMBER_ISH.match(word):
            return (m.group(1),)
        return (word,)
    word = _ELONGATED.sub(r"\1\1", word)
    if "-" in word and word.rsplit("-", 1)[1] in _CLITICS:  # "aidez-moi", "est-ce", "c'est-tu"
        return tuple(w for part in word.split("-") for w in _normalise(part))
    if word in ("arrivees", "arrivee"):
        return ("arrivee",)
    if word in _SHORTHAND:
        return (_SHORTHAND[word],)
    if word in _VOCAB or len(word) < 3 or not word.isalpha():
        return (word,)
    if word in _SWAPS:
        return (_SWAPS[word],)
    for subject in _GLUED_SUBJECTS:
        if word.startswith(subject) and len(word) > len(subject) + 1:
            rest = _normalise(word[len(subject) :])
            if len(rest) == 1 and rest[0] in _GLUED_TAILS:
                return (subject, rest[0])
    best = process.extractOne(word, _FUZZY_TARGETS, scorer=fuzz.ratio, score_cutoff=85)
    return (best[0],) if best else (word,)


# ---------------------------------------------------------------------------
# Phrase patterns, matched against the normalised words joined by single spaces
# ---------------------------------------------------------------------------


def _w(pattern: str) -> str:
    """A pattern that starts and ends on whole words."""
    return rf"(?<!\S)(?:{pattern})(?!\S)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(_w(pattern))


_NUMWORD = "|".join(sorted(set(_EN_NUMBERS) | set(_FR_NUMBERS), key=len, reverse=True))
_NUMWORD_TOKEN = rf"(?:{_NUMWORD})(?:-(?:{_NUMWORD}|et|and))*"
_NUMWORD_PHRASE = rf"{_NUMWORD_TOKEN}(?: (?:et |and )?{_NUMWORD_TOKEN})*"

_UNIT_MIN = r"min|mins|minute|minutes|mn|mns|mnt|mnts|minit|minits|minuts|m"
_UNIT_HOUR = r"h|hr|hrs|hre|hres|hour|hours|heure|heures"
_UNIT_SEC = r"sec|secs|second|seconds|seconde|secondes"
# Words that lead into a bare number ETA: "in 5", "omw 10", "donne moi 20".
_ETA_LEAD = (
    r"in|dans|ds|eta|gimme|give me|donne moi|donnez moi|within|d ici|omw|otw|way|route|chemin|viens"
    r"|take me|takes me|take us|prendre"
)  # "gonna take me 40", "ça va me prendre 20"
_AMOUNT = rf"\d{{1,3}}(?:\.\d)?|{_NUMWORD_PHRASE}|a|an"

_ETA = re.compile(
    _w(
        rf"(?P<r1>\d{{1,3}})(?:-| (?:a|to|ou|or|-) )(?P<r2>\d{{1,3}}) (?P<ru>{_UNIT_MIN}|{_UNIT_HOUR})"
        rf"|(?P<hn>{_AMOUNT}) (?:{_UNIT_HOUR}) (?:et |and )?(?P<hm>\d{{1,2}}|a half|demie?|a quarter|quart|{_NUMWORD_TOKEN})(?: (?:{_UNIT_MIN}))?"
        r"|(?P<tq>(?:(?:trois|three|3) quart(?:s|ers)?|3/4) (?:of an |of a |d )?(?:heure|hour|dheure|h|hr))"
        r"|(?P<q>(?:(?:a |un |one )?quart(?:er)?|1/4) (?:of an |of a |d )?(?:heure|hour|dheure|h|hr))"
        r"|(?P<half>(?:a |une |an )?"
        r"(?:half (?:an |a )?hour|half-hour|demi-heure|demi heure|1/2 (?:h|hr|hour|heure)))"
        r"|(?P<about>(?:une )?(?:dizaine|quinzaine|vingtaine|trentaine|quarantaine)(?: de (?:minutes|min|mins))?)"
        rf"|(?P<n>{_AMOUNT}) (?:ish |more |extra |other |de plus )?(?P<u>{_UNIT_MIN}|{_UNIT_HOUR}|{_UNIT_SEC})"
        rf"|(?P<pre>{_ETA_LEAD})"
        rf" (?:about |around |like |environ |genre |approx |maybe |max |a peu pres )?"
        rf"(?P<bare>\d{{1,3}}(?:-\d{{1,3}})?|{_NUMWORD_PHRASE})(?= \||$| \?| or so| ish| max| tops| more| _v| _o)"
    )
)
_ABOUT = {"dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40}
_HOUR_UNITS = frozenset(_UNIT_HOUR.split("|"))
_SEC_UNITS = frozenset(_UNIT_SEC.split("|"))
# A duration after these is time already spent waiting, not an ETA ("been waiting 10 min").
_PAST_BEFORE = _words("for waiting waited been depuis fait ya attends attend since already deja pendant late retard")
# These a few words before a duration make it time spent too ("been sitting here 10 min", "depuis genre 10 min").
_WAITED = _words("been depuis since waited")
_AHEAD = _words("in dans ds within")  # ...but not after these: "been stuck in traffic be there in 10"
# A duration said right after these is the time to get there, over one to leave ("leaving in 5, there in 20").
_GETTING_THERE = _words("there here rendu rendue rendus la arrive arriver arrivee")
_PAST_AFTER = re.compile(r"^ (?:ago|late|en retard|de retard|passed|que j)(?!\S)")
# "à 5h", "vers 17h", "at 1 hour"... is a clock time.
_CLOCK_BEFORE = _words("a at vers avant apres before after by until till pour jusqu around")

_SPOT_WORD = (
    r"spot|spots|space|spaces|stall|stalls|bay|slot|place|espace|stationnement|emplacement|pl|stat|door|porte"
    r"|parking|parking-spot"
)
_SPOT_VALUE = rf"\d{{1,4}}[a-z]?|[a-z]-?\d{{1,3}}|{_NUMWORD_PHRASE}"
_SPOT = _c(
    rf"(?:{_SPOT_WORD})(?: (?:number|numero|num|nbr|no|n|#|:|\||de parking|de stationnement))*"
    rf" (?P<v>{_SPOT_VALUE})"
)
_SPOT_WORDS_RE = re.compile(rf"^(?:{_SPOT_WORD})$")
_HASH_SPOT = _c(r"# (?P<v>\d{1,3}[a-z]?|[a-z]\d{1,2})")
_LABEL_SPOT = _c(r"(?P<v>(?!b4)[a-z]-?\d{1,2})")
_DIGITS = _c(r"\d{1,3}[a-z]?")  # "parked at 4b"
_NUMWORD_ONLY = re.compile(rf"^{_NUMWORD_PHRASE}$")
_BARE_SPOT = re.compile(rf"^(?:# )?(?P<v>\d{{1,3}}[a-z]?|[a-z]-?\d{{1,2}}|{_NUMWORD_PHRASE})(?: \|)?$")
# A lone number in an arrival text is the spot, unless these surround it ("here with 2 kids").
_NOT_SPOT_BEFORE = _words("with avec for pour x and et")
_NOT_SPOT_AFTER = re.compile(
    r"^ (?:kids?|children|people|persons?|orders?|items?|bags?|boxes|box|enfants?|personnes?|sacs?|boites?|"
    r"commandes?|articles?|more|de plus|min|mins|minutes?|h|hours?|heures?|pm|am|_e|e|er|eme|th|st|nd|rd)(?!\S)"
)

_ORDER_ID = r"[a-z]{1,3}-?\d{2,8}[a-z]?|\d{2,8}(?:-\d{1,4})?"
_ORDER_WORD = (
    r"order|orders|commande|commandes|cmd|cde|pickup|pick-up|ramassage|confirmation|conf|reference|ref"
    r"|facture|invoice|receipt|recu"
)
_ORDER = _c(
    rf"(?:{_ORDER_WORD})"
    r"(?: (?:number|numero|num|nbr|no|n|#|is|est|for|pour|de|id|c|was|la|le|ma|my|:|\|))*"
    rf" (?:# )?(?P<v>{_ORDER_ID})"
)
# _ORDER starts on one of these words; _HASH_ORDER and _BARE_ORDER need three digits in a row.
_ORDER_WORDS = frozenset(_ORDER_WORD.split("|"))
_THREE_DIGITS = re.compile(r"\d{3}")
_HASH_ORDER = _c(r"# (?P<v>[a-z]{1,3}-?\d{3,8}|\d{4,8})")
_BARE_ORDER = _c(r"(?P<v>[a-z]{1,3}-?\d{3,8}|\d{4,8})")
_ANSWER_ORDER = re.compile(
    r"^(?:(?:order|commande|number|numero|no|#|c|est|it|s|its|my|ma|mon|is|la|le|:|\|) )*"
    r"(?P<v>[a-z]{0,3}-?\d{1,8}[a-z]?)(?: \|| merci| thanks| thx| please| svp)*$"
)

_ARRIVED = _c(
    r"here(?! (?:is|are|s) (?:my|the|your|a|an|order|it|our))"
    r"|(?:i m|im|i am|iam|am|we re|were) (?:hear|heer)"
    r"|arrived|arrivee|arivee"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|est|sont|just|finally|enfin|i|we|ve|have|has|had|bien)"
    r" (?:arrive|arriver|arrives|arrivez)|imhere|chula|jsuisla"
    r"|(?:^|\| )arrive(?! (?:in|dans|ds|soon|bientot|shortly|around|vers|when|quand))"
    r"|(?<!c est )(?:rendu|rendue|rendus|rendues)(?! ou)"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|on est|i m|im|i am|we re) (?:la|ici|icitte|stationne|parke)"
    r"|icitte|(?<!d )ici"
    r"|outside|out front|in front|dehors|devant|en avant|en face"
    r"|parked|parkee|stationnee"
    r"|pulled (?:in|up|into|over)|pulling (?:in|up)|just got|got here|made it"
    r"|in (?:the|your) (?:parking )?lot|in (?:the|your) (?:parking|parkinglot)"
    r"|dans (?:le|la|ton|votre|vot|l) (?:stationnement|parking|stat|cour|lot)|au stationnement|au parking"
    r"|sur place|me voici|me voila|nous voici|nous voila"
    r"|at (?:the|your) (?:store|shop|curb|front|entrance|door|back|building|location)"
    r"|waiting (?:outside|out front|in (?:the|my|a|your)|at|by|here)"
    r"|j attends (?:dehors|dans|devant|en avant|a|au|ici|icitte)|je (?:t|vous) attends"
    r"|trunk|coffre|hatch"
    r"|(?:i m|im|i am|we re|je suis|j suis|chu|chui|jsuis|suis) (?:in|at|au|dans)"
    r" (?:(?:numero|number|no|la|le|the) )?(?:#|\d+|[a-z]-?\d+)"
    r"|(?:in|dans) (?:my|the|a|mon|ma|le|la|l|un|une) (?:_v|car|vehicle|char|auto|voiture)"
)
_NOT_YET = _c(
    r"(?:not|pas|pu|pus) (?:encore |quite |yet )?"
    r"(?:here|there|arrived|arrive|arrivee|rendue?|la|ici|outside|dehors)"
)
_ON_THE_WAY = _c(
    r"o[nm] (?:my|mu|mt|ny|the|our|ma) way|on way|omw|otw|en route|en chemin|sur la route|sur le chemin|dans le chemin"
    r"|j arrive|jarrive|je arrive|j arrives|on arrive|nous arrivons|arrivons|j arriverai|arriverai|arriverons"
    r"|arrivera|arriving|(?:ll|will|gonna|going to|to|i|we) arrive"
    r"|arrive (?:in|dans|ds|soon|bientot|shortly|around|vers)"
    r"|(?:m|me|men|jm|j m|je m|je|on|s) en viens|men viens|jmen viens|s en viens"
    r"|(?:i m|im|i am|am|we re|were|just|now|ll be|will be) (?:coming|leaving|heading|headed|driving)"
    # ...but "anybody coming to my car?", "you guys coming out?" are about staff coming
    r"|(?:coming(?<!one coming)(?<!body coming)(?<!you coming)(?<! u coming)(?<!^u coming)(?<!guys coming)"
    r"(?<! all coming)|leaving|heading|headed|driving) (?:now|over|there|your way|to|in|soon|back)"
    r"|(?:^|\| )(?:coming|leaving|heading|driving)"
    r"|be (?:there|right there|right over|right out|over|by)|b there"
    r"|(?:ll|will|gonna|going to|shall) be (?:there|here|at|in|by|late|arriving|around)"
    r"|almost (?:there|here)|nearly (?:there|here)|getting close|close by|not far|pas loin|pu loin|presque"
    r"|bientot (?:la|rendue?|arrivee?)|(?:there|la|rendue?) (?:soon|bientot|shortly|sous peu)"
    r"|(?:vais|vai|jvais|allons|on va) (?:etre|arriver)|serai|serons|seras"
    r"|running late|(?:stuck |pris |coince )?(?:in|dans le|dans) (?:traffic|trafic|traffic jam|bouchon)"
    r"|just left|left (?:the )?(?:house|home|work|office|school)|je pars|je quitte|je sors|je decolle"
    r"|(?:chu|suis|sommes) partie?s?|in a (?:few|bit|sec|second|moment)"
    r"|dans (?:quelques|pas long|une couple|un instant|peu)"
    r"|une couple de minutes|couple (?:of )?min|sous peu|(?<!depuis )tantot|eta"
    r"|\d+ (?:min|mins|minutes) late|en retard de|late by"
    rf"|(?:here|there|la) (?:in|dans|ds) (?:about |around |environ )?(?:\d{{1,3}}|{_NUMWORD_PHRASE})"
)
_STATUS = _c(
    r"ready|pret|prete|prets|pretes|status|statut|update|updates|news|nouvelles?|prepared|prepped|preparee?"
    r"|ca fait longtemps|ca prend du temps|longtemps|que j attends|que j attend|wait time|temps d attente"
    r"|how (?:long|much longer|much more|much time)|combien de temps|taking (?:so )?long|c est (?:tu )?long"
    r"|ca (?:va )?(?:etre|prend) (?:long|combien)|still waiting|toujours en attente"
    r"|(?:j attends|attends|j attend|on attend) (?:toujours|encore|depuis)|waiting (?:for|on) (?:my|the) order"
    r"|where(?: s| is) (?:my|the|our) (?:order|stuff|pickup|package|food)|ou (?:est|en est|sont) (?:ma|la|mon|mes)"
    r"|ou en est|c est rendu ou|rendue? ou|s en vient"
    r"|quelqu un (?:qui )?(?:vient|s en vient|arrive|va (?:venir|sortir|arriver)|sort|peut venir)"
    r"|(?:someone|anyone|anybody|somebody)(?: (?:gonna|going to|will|ever|even|actually))?"
    r" (?:coming|bringing|bring|there|come)|been waiting"
    r"|when (?:can|will|should|could) (?:i|we|my|it)"
    r"|quand (?:est ce que|est-ce que|puis je|je peux|pourrais je|ma|est|sera|vais je)"
    r"|(?:venir|passer|chercher|ramasser) (?:la |le |les )?(?:chercher |ramasser )?quand"
    # A nudge while waiting in the lot: "encore là?", "allo?", "hello??", "where are you", "vous êtes où?"
    r"|^(?:encore|toujours|still) (?:la|there)(?: \?)*$|^(?:allo|hello|helo|hallo)(?: \?)+$|where (?:are|r) (?:you|u)"
    r"|(?:vous etes|vous etes rendus?|t es|tes) ou|^ou etes vous$|anybody home|is anyone (?:there|coming)"
    # Saying how long it has been: "been 15 mins", "waiting on you guys for 15 min now", "ça fait une éternité"
    r"|(?:still )?(?:nobody|no one|noone)(?: (?:coming|here|came|out))?|(?:toujours|encore) (?:personne|rien)"
    r"|still nothing|(?:are|r) (?:you|u)(?: guys| all)? (?:coming|out)|ca (?:niaise|traine)"
    r"|personne (?:qui |ne )?(?:vient|s en vient|arrive|sort|est venu|encore|toujours)"
    r"|(?:anyone|anybody|quelqu un)(?= \?| \||$)|(?:ye|y est) ou (?:mon|ma|mes|la|le)"
    r"|que (?:j )?(?:j?attends?)|(?:waiting|waited|been)(?: \S+){0,4}? (?:for |like |about |over )?"
    r"(?:\d{1,3}|an?|one|half) (?:more )?(?:min|mins|minutes|hour|hours|hr|hrs|h|m)(?!\S)"
    r"|been waiting|waiting forever|une eternite"
    r"|(?:etre|c est|ca va etre|ca prend) encore (?:long|longtemps)|encore long"
    # How it is coming along, or whether they are still in line: "pis ça avance?", "am i still in the queue??"
    r"|coming along|(?:how s|hows) (?:my|the|our) order|ca (?:avance|progresse)|any progress|progress on"
    r"|am i (?:still )?(?:in|on) (?:the )?(?:queue|line|list)|(?:encore|toujours) dans la (?:file|liste)"
    # Whether it is nearly done or ready in other words: "ça achève-tu?", "is it almost done?", "good to go?"
    r"|(?:good to go|all set)(?: \S+){0,2} \?"
    r"|is (?:it|my order|the order|_o|everything) (?:\S+ )?(?:good to go|all set)"
    r"|ca (?:acheve|achevera)|is (?:it|my order|the order) (?:almost |nearly )?(?:done|finished)"
    r"|c (?:est )?quand|quand (?:que )?(?:je|j|on) (?:peux|peut|pourrai|pourrais|pourrait|vais pouvoir)"
)
# Feeling forgotten ("did u forget me", "on m'a oubliée?", "vous m'oubliez pas là?"): a status question, even
# where "pas là" would otherwise read as not there yet. "forgot my wallet" is not one.
_FORGOTTEN = _c(
    r"(?:forgot|forget|forgotten|forgetting) (?:me|us|about (?:me|us|my order)|my order(?! number| no| num| #))"
    r"|(?:am i|i m|im|i am|we re|are we) forgotten"
    r"|(?:m|nous|on m a|vous m avez|m avez|vous m)(?: (?:tu|pas|vous|pu|toujours))* oubli\w*"
    r"|oubli\w* (?:ma commande|mes commandes|moi|nous)"
)
_CANCEL = _c(r"cancel\w*|annul\w*")
_TEXTS = _c(
    r"texts?|texting|txt|sms|messages?|msgs?|notifications?|notifs?|alerts?|textos?|courriels?|emails?"
    r"|ecrire|texter"
)
_STOP_NATURAL = _c(
    # "lâchez-moi avec vos textos" (leave me alone with...), but "lâchez pas" is "keep it up"
    r"(?:stop|quit|cease|arrete|arretez|arreter|cessez|cesse|stopper|enough|assez|lachez?(?! pas| pu))"
    r"(?: \S+){0,3}? "
    r"(?:text\w*|txt|sms|messag\w*|msgs?|notif\w*|alert\w*|contact\w*|spam\w*|m?ecrire|m?ecrit|m?texter|textos?"
    r"|envoyer|email\w*|calling|bugging)"
    r"|(?:stop|quit) (?:sending|texting|messaging|contacting|spamming|all)|arretez? ca"
    r"|unsubscribe|unsub|opt (?:me |us )?out|optout|opt-out|remove me|take me off|no more (?:texts?|messages?)"
    r"|(?:don t|dont|do not) (?:text|message|contact|send)"
    r"|(?:veux|veut|voulons) (?:pu|plus|pus|pas) (?:recevoir|avoir|de textos|de messages)"
    r"|ne (?:m|me|nous) (?:ecrivez|ecris|textez|texte|envoyez|contactez) (?:plus|pu|pus)"
    r"|plus de (?:textos?|messages?|sms|notifications?)|desabonn\w*|desinscri\w*"
    r"|retirez moi|enlevez moi|me retirer|m enlever"
)
# Opting back in, in words: the mirror of _STOP_NATURAL ("start texting me again", "vous pouvez me réécrire").
_START_NATURAL = _c(
    r"(?:start|restart|resume|continue) (?:texting|sending|messaging|the texts|texts|messages|notifications)"
    r"|(?:text|txt|message|msg) (?:me|us) again(?! (?:when|once|if|after|later))|opt (?:me |us )?(?:back )?in|opt-in"
    r"|(?:re-?subscribe|resubscribe)|subscribe (?:me )?again"
    r"|(?:recommencer?|recommencez|reprendre|reprenez) (?:a |de )?(?:m |me |nous )?"
    r"(?:ecrire|texter|envoyer|recevoir|contacter)"
    r"|(?:m ecrire|me texter|m envoyer|recevoir) (?:\S+ )?(?:de nouveau|a nouveau)"
    r"|(?:reecrivez|retextez) moi|(?:me|m) (?:reecrire|retexter)|reabonn\w*|reinscri\w*"
)
# The words every _START_NATURAL phrasing holds one of: most texts skip the pattern.
_START_HINTS = _words(
    "start restart resume continue again opt opt-in resubscribe re-subscribe subscribe recommencer recommence "
    "recommencez reprendre reprenez nouveau reecrivez retextez reecrire retexter reabonner reabonnez reinscrire "
    "reinscrivez"
)
_HELP_NATURAL = _c(
    r"help|aide|aidez|assistance|how does (?:this|it) work|comment (?:ca|sa) (?:marche|fonctionne)"
    r"|what do i (?:do|text|reply|send)|que (?:dois|faut)|c est quoi (?:ca|ce numero)"
)
_DOOR = _c(
    r"door|porte|entrance|entree|front entrance|inside the (?:store|shop)|in the (?:store|shop)"
    r"|a l interieur|en dedans|dans le magasin"
)

_ANY_DIGIT = re.compile(r"\d")
# Every way of saying an ETA (_ETA) holds one of these words: a unit, a word that leads into a bare number
# ("in 5", "omw 10"), or a fraction of an hour. Texts with none of them (most arrivals) skip that costly pattern.
_ETA_WORDS = (
    frozenset(f"{_UNIT_MIN}|{_UNIT_HOUR}|{_UNIT_SEC}".split("|"))
    | frozenset(lead.split(" ", 1)[0] for lead in _ETA_LEAD.split("|"))
    | frozenset(_ABOUT)
    | _words("quart quarts quarter quarters half half-hour demi demie demi-heure 1/2 1/4 3/4")
)
_DOOR_HINTS = _words("door porte entrance entree interieur dedans magasin store shop")

_KEYWORDS = {
    **dict.fromkeys(
        ("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout", "arret", "arrete", "arretez"),
        "stop",
    ),
    **dict.fromkeys(("start", "unstop", "yes"), "start"),
    **dict.fromkeys(("help", "info", "aide"), "help"),
}
#: The compliance keywords (opt-out, opt-in, help), folded: an owner's keyword reply may never be one of them.
COMPLIANCE_KEYWORDS: frozenset[str] = frozenset(_KEYWORDS)
# Words that may ride along with a keyword and keep it a keyword ("STOP please", "aide svp").
# Not for CANCEL or YES: "cancel please" is about the order, "yes please" is an answer.
_KEYWORD_ALONE_ONLY = frozenset(("cancel", "yes"))
_MARKS = frozenset(("|", "?", "#"))  # what punctuation becomes: "here!!" and "here?" read as "here |", "here ?"

_STAFF_DONE = _c(
    r"done|fait|c est fait|fini|finie|termine|terminee|livre|livree|livres|delivered|handed(?: off| over)?"
    r"|complete|completed|finished|picked up|remis|remise|donne|donnee|recupere|closed|ferme"
)
_STAFF_CLAIM = _c(
    r"ok|okay|k|kk|oki|okey|claim|claiming|claimed|mine|je (?:le |la |l )?prends|prends|prend"
    r"|jprends|jprend|jpren|j prends|j y vais|jy vais|j y go|jy go|j y va|got it|gotit|on it|i got (?:it|this)"
    r"|i ll (?:take|get|grab|go)|taking|take|grab|grabbing|je m en occupe|m en occupe|je men occupe"
    r"|c est moi|moi|coming|omw|on my way|j arrive|je m en viens"
)
_STAFF_LIST = _c(
    r"list|liste|queue|file|file d attente|who s waiting|who is waiting|whos waiting|waiting|qui attend"
    r"|en attente|pending|ls"
)
_STAFF_ORDER = _c(r"(?:# )?(?P<v>[a-z]{0,3}-?\d{1,8}[a-z]?)")

# For notes: words that say nothing beyond arrival, spot, vehicle, order or ETA.
_PLAIN = _words(
    "i im m me my we re were was am is are be been being here hear heer there arrived arrive arriving just "
    "now finally got get made it its at in on the a an to for from with of and by outside out front "
    "parked park parking lot spot space stall bay slot door number no num hi hello hey thanks thank you ty "
    "thx please pls plz ok okay yes yeah yep sure cool good great perfect pulled pulling up into over "
    "waiting wait waited already still minutes min mins minute hour hours eta way omw otw coming leaving "
    "heading headed ll will gonna going soon right almost nearly about around like pick pickup picking "
    "picked order orders store shop curb entrance car vehicle sorry late running traffic stuck left home "
    "house work again today btw oh lol pm am your guys ready yet not more few bit s t d ve "
    "je j suis chu chui jsuis jsui shu sui moi on nous est sommes la ici icitte rendu rendue rendus "
    "rendues arrivee dehors devant en avant face place espace stationnement emplacement pl numero le "
    "les l un une des du de au aux dans ds avec pour sur pis et mon ma mes ton ta votre vos bonjour allo "
    "salut bonsoir merci svp stp oui parfait c ca voici voila attends attend t vous te route chemin viens "
    "vient pars quitte maintenant presque bientot pas encore loin heure heures demi quart vais etre serai "
    "trafic pris parke parkee stationnee stationne magasin porte entree commande cour y auto voiture char "
    "ben ya enfin bien arrivees arrives lieu then so um uh also too mean h vers around environ ish approx "
    "should can could would early accord daccord pret prete tu que fait depuis been tho though ready "
    "yo heyy hii hiya coucou morning afternoon evening iam imhere tout suite asap genre away soon shortly "
    "quickly vite arriver arrivez parkinglot parti partie partis maison donne donnez give gimme va allons "
    "have has had jarrive jserai serai bee behind bureau office retard desole desolee beau"
)


# ---------------------------------------------------------------------------
# Pieces
# ---------------------------------------------------------------------------


@lru_cache(maxsize=2048)
def _number(phrase: str) -> int | None:
    """'4' → 4, 'trente-deux' → 32, 'twenty one' → 21; None when it is not one number."""
    if phrase.isdigit():
        return int(phrase)
    first = phrase.split(" ", 1)[0].split("-", 1)[0]
    for lang in ("fr", "en") if first in _FR_ONLY_NUMBERS else ("en", "fr"):
        try:
            return text2num(phrase, lang)
        except ValueError:
            continue
    return None


def _spot_value(value: str) -> str | None:
    if value[0].isdigit():
        digits = value.rstrip("abcdefghijklmnopqrstuvwxyz")
        return str(int(digits)) + value[len(digits) :].upper()
    if len(value) <= 4 and value[-1].isdigit() and value[0].isalpha() and not _NUMWORD_ONLY.match(value):
        return value.replace("-", "").upper()
    number = _number(value)
    return str(number) if number is not None and 0 <= number < 10000 else None


def _blank(s: str, m: re.Match[str], marker: str) -> str:
    return f"{s[: m.start()]}{marker}{s[m.end() :]}"


def _eta(s: str, on_the_way: bool) -> tuple[int | None, str]:
    """The ETA in minutes and the text with it blanked out; durations already waited are not ETAs.

    "je pars dans 5 min, rendu dans 30": of several ETAs, one said of getting there wins over the first."""
    found: tuple[int, re.Match[str]] | None = None
    for m in _ETA.finditer(s):
        g = m.group
        clause = s[: m.start()].rsplit("|", 1)[-1].split()  # a comma ends "running late, 10 more min"'s past
        before = clause[-2:]
        if before and before[-1] in _PAST_BEFORE or len(before) == 2 and before[0] in _PAST_BEFORE:
            continue
        # "i been sittin here 10 min", "been sitting in the lot 10 min": "been" anywhere in the clause makes the
        # duration time spent, unless "in"/"dans" leads into it ("been stuck in traffic, there in 10").
        if not _WAITED.isdisjoint(clause) and not (g("pre") or before and before[-1] in _AHEAD):
            continue
        if _PAST_AFTER.match(s[m.end() :]):
            continue
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
                minutes = 1
            else:
                minutes = amount
        elif g("bare"):
            # "in 5" is an ETA only in a text that is about coming ("be there in 5"), not "I'm in 5".
            if not (on_the_way or g("pre") in ("eta", "gimme", "give me", "within", "take me", "takes me")):
                continue
            bare = g("bare")
            minutes = max(map(int, bare.split("-"))) if bare[0].isdigit() else _amount(bare)
        if minutes is not None and 0 < minutes <= 720:
            if found is None or not _GETTING_THERE.isdisjoint(clause[-3:]):
                found = int(round(minutes)), m
    if found is None:
        return None, s
    return found[0], _blank(s, found[1], "_e")


def _amount(text: str) -> float | None:
    if text in ("a", "an"):
        return 1
    if "." in text:
        return float(text)
    return _number(text)


def _vehicle(words: list[str]) -> tuple[int, int] | None:
    """The (first, last) word indexes of the likeliest vehicle description, or None."""
    if _VEHICLE_HINTS.isdisjoint(words):
        return None
    n = len(words)
    marked = [False] * n
    strong = [False] * n  # a colour, make, model or type: enough on its own
    for i, w in enumerate(words):
        if w in _COLORS or w in _MAKES or w in _MODELS or w in _VEHICLE_TYPES:
            marked[i] = strong[i] = True
    for i, w in enumerate(words):
        if marked[i]:
            continue
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < n else ""
        left = marked[i - 1] if i else False
        right = strong[i + 1] if i + 1 < n else False
        if w in _AMBIGUOUS_MODELS and prev in _MAKES:
            marked[i] = strong[i] = True
        elif w in _MODEL_PREFIXES and (prev in _MAKES or _MODEL_NAME.match(nxt)) and w != "class":
            marked[i] = strong[i] = True
            if i + 1 < n and _MODEL_NAME.match(nxt):
                marked[i + 1] = True
        elif w in _GENERIC_VEHICLES and (left or right):
            marked[i] = True
        elif w in _COLOR_MODIFIERS and ((prev in _COLORS) or (nxt in _COLORS)):
            marked[i] = True
        elif _YEAR.match(w) and (left or right):
            marked[i] = True
        elif w == "one" and prev in _COLORS:
            marked[i] = True
        elif w in ("and", "et") and prev in _COLORS and nxt in _COLORS:
            marked[i] = True
        elif prev in _MAKES and (_ALNUM_MODEL.match(w) or (w.isdigit() and prev in _NUMBERED_MODEL_MAKERS)):
            marked[i] = True
        elif w.isdigit() and prev in _NUMBERED_MODEL_MAKERS and left:
            marked[i] = True
        elif w in _TWO_WORD_MODEL_FIRSTS and (w, nxt) in _TWO_WORD_MODELS:
            marked[i] = strong[i] = marked[i + 1] = strong[i + 1] = True
        elif w in ("pickup", "pick-up") and (
            left or right or nxt == "truck" or prev in _DETERMINERS and nxt in ("", "|", "?")
        ):  # "a pickup", "black pickup truck", but not "the pickup spots" or "pickup for #B552"
            marked[i] = strong[i] = True
    best: tuple[int, int] | None = None
    i = 0
    while i < n:
        if not marked[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and marked[j + 1]:
            j += 1
        if any(strong[i : j + 1]) and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = j + 1
    return best


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------

_DEFAULT_CONTEXT = Context()


def understand(text: str, context: Context = _DEFAULT_CONTEXT) -> Meaning:
    """What this text says, read against who sent it and what the bot last asked them.

    Choices worth knowing (each has a test):
    - A bare "6" with no question pending is an arrival at spot 6 (the order-ready text asks for
      "HERE and your spot number"); a bare 4+ digit number or "B552" is an order number, intent "other".
    - After the bot asked for the spot, a bare number, number word, "#7", "A3" or a vehicle
      ("the red one") is an arrival; after it asked for the order, a bare "7" or "B552" is the order.
    - Anything about coming (an ETA, "on my way", "presque rendu", "not there yet") outranks arrival
      words; arrival words outrank status questions ("here spot 4, is it ready?" is an arrival).
    - The opt-out keywords count only alone (with "please"/"svp" allowed, but not for CANCEL):
      "cancel my order" is a cancel, "stop texting me" is a stop.
    """
    text = text or ""
    raw = (text if text.isascii() else unicodedata.normalize("NFC", text)).strip()  # ASCII is NFC already
    # Symbols (emoji, arrows, °) need no stripping: no token pattern takes them in, so they part words as a
    # space would. Apostrophes have variants outside ASCII only.
    low = (raw if raw.isascii() else raw.translate(_APOSTROPHES)).lower()
    if len(low) != len(raw):  # a few capitals lowercase to two characters; quote the lowercased text then
        raw = low
    words = list(chain.from_iterable(map(_normalise, _TOKEN.findall(low))))

    lean, confident = detect(words, has_french_accent(low), "-" in low)
    language = lean if confident and lean else (context.language or lean or "en")  # confident: lean is set

    if context.role in ("staff", "owner"):
        command = read_command(raw)
        # HELP from staff is the staff help; from an owner, the owner's. Owner commands from staff are read as
        # such, to be told they are for owners.
        if command is not None and (context.role == "owner" or command.name != "help"):
            return Meaning(command.name, language=language, language_confident=confident, command=command)
        return _staff(words, language, confident)
    return _customer(text, raw, low, words, context, language, confident)


def _quote(raw: str, low: str, first: int, last: int) -> str:
    """The original text of words first..last (word indexes as in understand's word list)."""
    index = 0
    start = end = 0
    for m in _TOKEN.finditer(low):
        for _ in _normalise(m.group()):
            if index == first:
                start = m.start()
            if index == last:
                end = m.end()
            index += 1
    return raw[start:end]


def _keyword(words: list[str]) -> str | None:
    """STOP, START, HELP and their kin, alone or with only politeness around ("stop svp arrêtez")."""
    if _KEYWORDS.keys().isdisjoint(words):
        return None  # the common case, decided without building sets
    core = set(words) - _MARKS
    if len(core) > 1:
        core -= _POLITE
        if not core or not core.isdisjoint(_KEYWORD_ALONE_ONLY):
            return None
    found = {_KEYWORDS.get(w) for w in core}
    return found.pop() if len(found) == 1 else None


def _customer(text, raw, low, words, context, language, confident) -> Meaning:
    """A customer's text; `s` is its words joined, with each piece read blanked out (_v, _o, _e, _s)."""

    def meaning(intent: str, **fields) -> Meaning:
        return Meaning(intent, language=language, language_confident=confident, **fields)

    if _MARKS.issuperset(words):
        return meaning("other")
    if keyword := _keyword(words):
        return meaning(keyword)

    span = _vehicle(words)
    if span:
        s = " ".join(words[: span[0]] + ["_v"] + words[span[1] + 1 :])
    else:
        s = " ".join(words)

    if _STOP_NATURAL.search(s):
        return meaning("stop")
    if not _START_HINTS.isdisjoint(words) and _START_NATURAL.search(s):
        return meaning("start")

    # The order number first: its digits must not be read as a spot or an ETA.
    order = None
    if context.awaiting == "order" and (m := _ANSWER_ORDER.match(s)):
        return meaning("other", order=m.group("v").upper())
    # Cheap gates first: most texts hold no digit, no spot word, no order word.
    has_digit = _ANY_DIGIT.search(s) is not None
    if has_digit and (m := _order_match(s, words)):
        order = m.group("v").upper()
        s = _blank(s, m, "_o")

    if ("cancel" in s or "annul" in s) and _CANCEL.search(s):
        return meaning("stop" if _TEXTS.search(s) else "cancel", order=order)

    forgotten = ("oubli" in s or "forg" in s) and _FORGOTTEN.search(s) is not None
    not_yet = not forgotten and _NOT_YET.search(s) is not None
    on_the_way = not_yet or _ON_THE_WAY.search(s) is not None
    eta = None
    if not _ETA_WORDS.isdisjoint(words):
        eta, s = _eta(s, on_the_way)
    arrived = _ARRIVED.search(s) is not None

    spot = None
    for pattern in (_SPOT, _HASH_SPOT, _LABEL_SPOT) if has_digit else (_SPOT,):
        if (m := pattern.search(s)) and (value := _spot_value(m.group("v"))):
            spot = value
            s = _blank(s, m, "_s")
            break
    if spot is None and (m := _BARE_SPOT.match(s)) and (value := _spot_value(m.group("v"))):
        spot = value
        s = "_s"
    if spot is None and has_digit and (arrived or context.awaiting == "spot") and not on_the_way:
        spot, s = _lone_number(s)
    door = not _DOOR_HINTS.isdisjoint(words) and _DOOR.search(s) is not None

    if on_the_way or eta is not None:
        intent = "on_the_way"
    elif arrived or spot or door:
        intent = "arrived"
    elif forgotten or _STATUS.search(s):
        return meaning("status", order=order)
    elif _HELP_NATURAL.search(s):
        return meaning("help")
    elif span and (context.awaiting == "spot" or _has_strong_vehicle(words, span)):
        intent = "arrived"  # "red civic", or "the red one" after the bot asked where they are
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


def _order_match(s: str, words: list[str]) -> re.Match[str] | None:
    """An order number: after "order"/"commande", or a "#" or bare id not sitting after a spot word."""
    if not _ORDER_WORDS.isdisjoint(words) and (m := _ORDER.search(s)):
        return m
    if not _THREE_DIGITS.search(s):  # what the patterns below need: most texts ("here spot 4") go no further
        return None
    for pattern in (_HASH_ORDER, _BARE_ORDER):
        for m in pattern.finditer(s):
            before = [w for w in s[: m.start()].split()[-2:] if w != "#"][-1:]
            if not (before and _SPOT_WORDS_RE.match(before[0])):  # "spot 1234" is a (big) spot
                return m
    return None


def _has_strong_vehicle(words: list[str], span: tuple[int, int]) -> bool:
    """A text that only names a vehicle, by more than a colour: "red Civic" alone reads as an arrival."""
    first, last = span
    named = any(w not in _COLORS and w not in _COLOR_MODIFIERS for w in words[first : last + 1])
    return named and all(w in _PLAIN or w[0] in "_|?" for w in words[:first] + words[last + 1 :])


def _lone_number(s: str) -> tuple[str | None, str]:
    """In an arrival text, a number on its own ("here 4", "chu rendu au 4") is the spot."""
    for m in _DIGITS.finditer(s):
        before = s[: m.start()].split()[-1:]
        if before and before[0] in _NOT_SPOT_BEFORE or _NOT_SPOT_AFTER.match(s[m.end() :]):
            continue
        return _spot_value(m.group()), _blank(s, m, "_s")
    return None, s


def _says_more(s: str) -> bool:
    """Whether words remain that are not arrival/ETA talk once spot, vehicle, order and ETA are blanked."""
    for w in s.split():
        if len(w) > 1 and w[0].isalpha() and w not in _PLAIN:
            return True
    return False


def _staff(words: list[str], language: str, confident: bool) -> Meaning:
    """Staff commands (an owner's too): claim, done, list, plus the compliance keywords."""
    if keyword := _keyword(words):
        return Meaning(keyword, language=language, language_confident=confident)
    s = " ".join(words)
    spot = order = None
    if (m := _SPOT.search(s)) and (value := _spot_value(m.group("v"))):
        spot = value
        s = _blank(s, m, "_s")
    if m := _STAFF_ORDER.search(s):
        order = m.group("v").upper()
    if _STAFF_DONE.search(s):
        intent = "done"
    elif _STAFF_CLAIM.search(s):
        intent = "claim"
    elif _STAFF_LIST.search(s):
        intent = "list"
    else:
        intent = "other"
    return Meaning(intent, spot=spot, order=order, language=language, language_confident=confident)
