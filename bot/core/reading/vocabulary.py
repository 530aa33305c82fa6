"""The word lists reading leans on: numbers, vehicles (makes and models derived from car_models, in the forms people
type them), typo targets and real words never corrected, and the words that say nothing beyond an arrival."""

from __future__ import annotations

import re
from itertools import chain

from ..language import KNOWN_WORDS
from .car_models import MODELS_BY_MAKE, OTHER_MAKES, WORDLIKE


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
    "dark light pale bright metallic matte pearl fonce foncee clair claire pale metallise metallique mat marin baby "
    "royal sky forest midnight"
)


def _typed(name: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The one-word forms and the word pairs a model name is typed as: "cr-v" as "cr-v", "crv" and "cr v"; "rav4" as
    "rav4", "rav-4" and "rav 4"; "santa fe" as the pair and "santa-fe"; "ioniq 5" also as "ioniq5"."""
    parts = name.replace(".", "").replace("&", " ").split()
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    if len(parts) == 1:
        word = parts[0]
        bare = word.replace("-", "")
        singles |= {word, bare}
        split = _LETTERS_DIGITS.match(bare)
        if split:
            singles.add(f"{split[1]}-{split[2]}")
            pairs.add((split[1], split[2]))
        elif "-" in word:
            pairs.add(tuple(word.split("-", 1)))  # type: ignore[arg-type]
    else:
        for first, second in zip(parts, parts[1:]):
            for a in {first, first.replace("-", "")}:
                for b in {second, second.replace("-", "")}:
                    pairs.add((a, b))
        if len(parts) == 2:
            singles.add("-".join(parts))
            if parts[1].isdigit():
                singles.add("".join(parts))
    # A pair is a model only where its words cannot be something else: never a number first ("124 spider"), nor a
    # lone letter after ("prius c" beside "c'est"), nor a lone letter before a word or a short number ("a class",
    # "s 10" in "it's 10"); "f 150" stays.
    pairs = {
        (a, b)
        for a, b in pairs
        if not a[0].isdigit()
        and not (len(b) == 1 and b.isalpha())
        and not (len(a) == 1 and not (b.isdigit() and len(b) >= 3))
        and a not in _NOT_MODEL_PARTS
    }
    return singles, pairs


_LETTERS_DIGITS = re.compile(r"^([a-z]{2,})(\d{1,4})$")  # "rav4", "cx5", "mazda3"; not "a4" (a spot's shape too)
_NOT_MODEL_PARTS = frozenset(("is", "es", "xl", "mr", "id", "and"))
_NOT_MODELS = frozenset(("is",))  # Lexus's IS is "is" to everyone else
# Letters and a short number: "a4", "q5", "x5", "g37" are spot labels too, so a model only beside its make.
_SHORT_LABEL = re.compile(r"^[a-z]-?\d{1,2}[a-z]?$")
# Letter-only names of three letters or fewer are abbreviations first ("es", "gt", "ats"), except these, which
# only name cars.
_CAR_ACRONYMS = frozenset("crv hrv chr mdx rdx tlx ilx wrx rvr brv".split())


def _car_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[tuple[str, str]]]:
    """Makes, models that name a car alone, models that are also words, and two-word models, from car_models."""
    makes = set(OTHER_MAKES)
    models: set[str] = set()
    wordlike: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for make, names in MODELS_BY_MAKE.items():
        if " " in make:
            pairs.add(tuple(make.split()))  # type: ignore[arg-type]
        else:
            makes.add(make)
        for name in names:
            singles, two = _typed(name)
            pairs |= two
            if make in WORDLIKE:  # "mini cooper", "ram promaster": a make that is a word, named with its model
                pairs |= {(make, form) for form in singles}
            for form in singles:
                if form.isdigit() or form in _NOT_MODELS:
                    continue  # "300", "500": a model only after its make, read by rule
                if (
                    name in WORDLIKE
                    or form in WORDLIKE
                    or _SHORT_LABEL.match(form)
                    or form.isalpha()
                    and len(form) <= 3
                    and form not in _CAR_ACRONYMS
                ):
                    wordlike.add(form)
                else:
                    models.add(form)
    pairs |= {("ram", size) for size in ("1500", "2500", "3500")}
    wordlike |= makes & WORDLIKE  # "ram", "mini", "smart": a make, but also a word
    makes -= WORDLIKE
    models -= wordlike
    return frozenset(makes), frozenset(models), frozenset(wordlike), frozenset(pairs)


# From car_models: every make and model sold in Canada these 25 years, in the forms people type them.
_MAKES, _MODELS, _AMBIGUOUS_MODELS, _TWO_WORD_MODELS = _car_vocabulary()
# Makes that are also words ("ram", "mini", "smart", "lincoln"): a car, like a model that is a word, only when given as one.
_AMBIGUOUS_MAKES = (frozenset(MODELS_BY_MAKE) | frozenset(OTHER_MAKES)) & WORDLIKE
_VEHICLE_TYPES = _words(
    "truck suv van minivan mini-van sedan hatchback wagon coupe convertible motorcycle moto camion "
    "camionnette vus fourgonnette minifourgonnette berline decapotable minoune bazou 4x4 crossover "
    "pickup-truck"
)
_GENERIC_VEHICLES = _words("car auto voiture char vehicle vehicule bagnole")
_TWO_WORD_MODEL_FIRSTS = frozenset(first for first, _ in _TWO_WORD_MODELS)
_MODEL_PREFIXES = _words("model serie series classe class")
# After these a bare number is a model ("Mazda 3", "Ram 1500"), never a spot.
_NUMBERED_MODEL_MAKERS = _words(
    "mazda ram model serie series classe class silverado sierra peugeot bmw ioniq transit sprinter promaster"
)
_VEHICLE_HINTS = (
    _COLORS
    | _MAKES
    | _MODELS
    | _VEHICLE_TYPES
    | _words("pickup pick-up")
    # ...and the rarer word of each two-word model ("santa" of "santa fe", "rav" of "rav 4", "sport" of "rogue sport")
    | frozenset(
        second if second.isalpha() and (len(second) > 2 or first in KNOWN_WORDS) else first
        for first, second in _TWO_WORD_MODELS
    )
)
_DETERMINERS = _words("a an the my our un une mon ma le la l en in dans")


_FUZZY_TARGETS = (
    "here arrived arrivee parked parking outside spot space stall order minutes minute way there ready "
    "cancel unsubscribe place stationnement rendu commande annuler pret prete dehors icitte route chemin "
    "coming leaving almost waiting numero number door porte trunk coffre claim done list liste termine "
    "delivered help stop start arret merci thanks please bientot presque heading attends arrive longer still "
    "anyone anybody someone"
).split() + [n for n in _EN_NUMBERS + _FR_NUMBERS if len(n) >= 5]  # "place tois", "spot sevn"

# Real words one keystroke away from a keyword: never "corrected" (so "there" never becomes "here").
_NOT_TYPOS = _words(
    "her hear ere hero heres there where were thee three their these sport spout pot sot top stops step "
    "don one doe donne donner dome drone read reads reading leading writing pet star stat rend reads "
    "arriver arrivera arriverai arrivons arrivent arrivez arriving arrives arrival arrive stationner "
    "stationne stationnes stationnez parker parquer parque parke parkee spots stall stalls still small "
    "cancer places plate port porter portes ordre orders older lis list liste lists lisa help hello held "
    "route routes doors odor done dine prets prete pres pret mere hire hare herd thanks thank danke "
    "wait waited waits minute minutes mine mini stationnee arrivee arret arrete arrets lit lu lus even ever tree trees"
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
    "wat": "what",
    "wut": "what",
    "kelkun": "quelqu un",
    "kelkin": "quelqu un",
    "qqun": "quelqu un",
    "qqn": "quelqu un",
    # To wait, in Québec French ("j'poireaute depuis 25 min"): read as "attends" so every waiting phrase knows it
    "poireaute": "attends",
    "poireautes": "attends",
    "poireautons": "attends",
    "poireautent": "attends",
    "poireauter": "attendre",
    "poireautais": "attends",
    "poirote": "attends",
    "poiroter": "attendre",
    "quelqun": "quelqu un",
    # "kossé qui se passe?": what, in joual
    "kosse": "qu est ce",
    "kesse": "qu est ce",
    "cosse": "qu est ce",
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
