"""Vehicles: the likeliest run of colour, make, model and type words ("the red Civic", "un VUS gris")."""

from __future__ import annotations

import re

from .vocabulary import (
    _AMBIGUOUS_MAKES,
    _AMBIGUOUS_MODELS,
    _COLOR_MODIFIERS,
    _COLORS,
    _DETERMINERS,
    _GENERIC_VEHICLES,
    _MAKES,
    _MODEL_PREFIXES,
    _MODELS,
    _NUMBERED_MODEL_MAKERS,
    _PLAIN,
    _TWO_WORD_MODEL_FIRSTS,
    _TWO_WORD_MODELS,
    _VEHICLE_HINTS,
    _VEHICLE_TYPES,
    _VOCAB,
)

_BEING = frozenset(("tu", "est", "sont", "ete", "pas", "bien", "deja", "been", "is", "are", "was", "be", "get", "got"))
_TIME_UNITS = frozenset(
    ("min", "mins", "minute", "minutes", "mn", "h", "hr", "hrs", "hour", "hours", "heure", "heures")
)
_FOR_THE = frozenset(("for", "to", "pour", "the"))
_LIGHTS = frozenset(("feu", "feux", "lumiere", "lumieres"))
# A colour in a food's name is not a car's: "ice cream", "sour cream", "crème glacée", "orange juice", "vin rouge".
_FOOD_BEFORE_COLOUR = frozenset(
    ("ice", "sour", "whipped", "heavy", "vin", "pain", "riz", "sucre", "poivron", "poivrons", "chocolat")
)
_FOOD_AFTER_COLOUR = frozenset(
    (
        "cheese juice wine wines beans bean tea sugar pepper peppers onion onions bread rice chocolate velvet "
        "lemonade grapes apples glacee glacees glace sure fouettee fouettees"
    ).split()
)
# What people wear, said to be found by ("the guy in the blue jacket", "manteau rouge"): its colour is no car's.
_CLOTHES = frozenset(
    (
        "jacket jackets coat coats raincoat hoodie sweater sweatshirt shirt t-shirt tshirt hat cap beanie toque scarf "
        "boots shoes sneakers dress skirt pants jeans shorts vest parka gloves mittens uniform scrubs top blouse "
        "manteau manteaux chandail veste casquette tuque foulard bottes souliers chemise robe jupe pantalon "
        "jeans gilet imper impermeable coton ouate kangourou mitaines gants chapeau tshirt coupe-vent casque casques "
        "helmet hardhat hard-hat tuque"
    ).split()
)
# "avec la Fiesta rouge", "dans ma Golf grise": the word between the article and the colour is the model.
_WITH_IN = frozenset(("avec", "dans", "ds", "with", "in", "|"))
_ALNUM_MODEL = re.compile(r"^[a-z]{1,3}-?\d{1,4}[a-z]?$")
_YEAR = re.compile(r"^(?:19[89]\d|20[0-3]\d)$")
_MODEL_NAME = re.compile(r"^[a-z0-9]{1,4}$")  # what follows "Model", "Série": "3", "Y", "X5"
# A number of three or four digits, maybe with letters, right after a make or a numbered model: "Porsche 911",
# "Nissan 350Z", "Silverado 2500HD". One or two digits there stay a spot ("red Honda 4").
_NUMBERED_MODEL = re.compile(r"^\d{3,4}[a-z]{0,2}$")
_LETTER_MODEL = re.compile(r"^[a-z]{2,3}$")  # "Lexus RX 350", "ES 300": the number is the model's too
# Between two parts of one description: "le gris, un Rav4", "the red one, a Civic", "black. Honda CR-V".
# How old or worn a car is ("la vieille minoune verte", "my old beat up van") says no more than the car does: such
# a text is still only a vehicle named. The words stay out of the vehicle quoted to staff, as the corpus has it.
_AGE_WORDS = frozenset(
    "old older new newer beat up rusty rusted little big vieille vieux vieil neuve neuf nouvelle nouveau petite "
    "petit grosse gros pauvre bonne".split()
)
# A colour that names an animal's breed or coat is no car's: "golden retriever", "the black lab", "chocolate lab".
_ANIMALS = frozenset(
    "retriever retrievers lab labs labrador labradors doodle doodles poodle shepherd husky beagle terrier spaniel "
    "collie dog dogs pup puppy cat cats kitten chien chiens chienne chiot chat chats minou berger caniche".split()
)
_JOINERS = frozenset(("|", "a", "an", "the", "un", "une", "le", "la", "l"))
# Goods, not the car: a toy or a part named by a vehicle word ("the toy fire truck", "the fire truck lego", "un
# camion jouet", "a truck hat"), or a vehicle word owned by a purchase ("here for the dump truck", "pour le camion de
# pompier"). What follows or leads the words says so.
_GOODS_AROUND = frozenset(
    (
        "toy toys jouet jouets lego legos playmobil tonka model modele miniature replica kit set puzzle casse-tete "
        "costume poster figurine plush peluche cake gateau"
    ).split()
)
_PEOPLE = frozenset(
    "guy lady man woman dude gentleman customer client cliente gars dame monsieur madame fille personne mec".split()
)
_PURCHASE_FOR = frozenset(("for", "pour"))
_PURCHASE_THE = frozenset(("the", "le", "la", "les", "a", "un", "une", "my", "mon", "ma", "this", "ce", "cette"))


def _vehicle(words: list[str], raw: str = "") -> tuple[int, int] | None:
    """The (first, last) word indexes of the likeliest vehicle description, or None; `raw`, the text as typed, tells
    a make that is also a word written with its capital mid-sentence ("le Mini est au 4", not "mini cupcakes")."""
    capitalised = _capitalised(raw) if raw and not _AMBIGUOUS_MAKES.isdisjoint(words) else frozenset()
    if _VEHICLE_HINTS.isdisjoint(words) and (
        _AMBIGUOUS_MODELS.isdisjoint(words)
        or not any(
            w in _AMBIGUOUS_MODELS and (_given_as_car(words, i) or w in capitalised) for i, w in enumerate(words)
        )
    ):
        return None  # no vehicle word, unless a model year or "dans le" names one: "2019 Accord", "in my Sierra"
    n = len(words)
    marked = [False] * n
    strong = [False] * n  # a colour, make, model or type: enough on its own
    for i, w in enumerate(words):
        if w in _COLORS and (i and words[i - 1] in _LIGHTS or i + 1 < n and words[i + 1] in ("light", "lights")):
            continue  # "au feu rouge", "at the red light": a traffic light
        if w in _COLORS and (
            i and words[i - 1] in _FOOD_BEFORE_COLOUR or i + 1 < n and words[i + 1] in _FOOD_AFTER_COLOUR
        ):
            continue
        if w in _COLORS and (_worn(words, i) or i + 1 < n and words[i + 1] in _ANIMALS):
            continue
        if w == "coupe" and i and words[i - 1] in _BEING:
            continue  # "le bois est-tu coupé…": the participle, not a coupé
        if w in _COLORS and (_of_goods(words, i) or _street(words, i)):
            continue  # "palettes de terre noire", "bags of black mulch", "on Brown St"
        if w in _COLORS or w in _MAKES or w in _MODELS or w in _VEHICLE_TYPES:
            if not _street(words, i):  # "on Van Horne", "down Ford St", "rue Champagne"
                marked[i] = strong[i] = True
        elif w in _AMBIGUOUS_MODELS and _given_as_car(words, i):
            marked[i] = strong[i] = True  # "2019 Accord", "in my Sierra": a model year or "in the" makes it a car
    for i, w in enumerate(words):
        if w in capitalised and w in _AMBIGUOUS_MAKES and not (i and words[i - 1] in _ALONG | _STREET_BEFORE):
            marked[i] = strong[i] = True  # "le Mini est au 4", "c'est la Smart"
        if w in _AMBIGUOUS_MODELS and not marked[i] and 0 < i:
            prev = words[i - 1]
            if prev in _MAKES or len(w) > 2 and prev in _COLORS and strong[i - 1]:
                marked[i] = strong[i] = True  # "blue Beetle", "white Ram", "Honda Fit"
        if w in _AMBIGUOUS_MODELS and not marked[i] and i + 1 < n and len(w) > 2:
            if words[i + 1] in _COLORS and strong[i + 1] and (i == 0 or words[i - 1] not in _NOT_A_MODEL_AFTER):
                marked[i] = strong[i] = True  # "Rogue rouge", "Encore grise", but not "d'accord rouge"
    for i, w in enumerate(words):
        if marked[i]:
            continue
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < n else ""
        left = marked[i - 1] if i else False
        right = strong[i + 1] if i + 1 < n else False
        if left and (prev, w) in _TWO_WORD_MODELS:
            marked[i] = strong[i] = True  # "Corolla Cross", "Rogue Sport": a model's second word
        elif (
            right
            and nxt in _COLORS
            and prev in _DETERMINERS
            and (
                w in _AMBIGUOUS_MODELS
                or w in _TWO_WORD_MODEL_FIRSTS
                and len(w) > 2  # "le Rav gris"
                or (i < 2 or words[i - 2] in _WITH_IN)
                and w.isalpha()
                and len(w) > 2
                and w not in _VOCAB
                and w not in _PLAIN
            )
        ):  # "la Golf rouge", "avec la Fiesta grise", "| ma Clio bleue", but not "avec la porte rouge"
            marked[i] = strong[i] = True
        elif w in _MODEL_PREFIXES and (prev in _MAKES or _MODEL_NAME.match(nxt)) and w != "class":
            marked[i] = strong[i] = True
            if i + 1 < n and _MODEL_NAME.match(nxt):
                marked[i + 1] = True
        elif w in _GENERIC_VEHICLES and (left or right):
            marked[i] = True
        elif w in _COLOR_MODIFIERS and ((prev in _COLORS) or (nxt in _COLORS)):
            marked[i] = True
        elif _YEAR.match(w) and (
            left or right or prev == "|" and i > 1 and marked[i - 2] or nxt == "|" and i + 2 < n and strong[i + 2]
        ):  # "white Kia Soul, 2016": a year beside a vehicle is its year, whatever comma parts them
            marked[i] = True
        elif w == "one" and prev in _COLORS:
            marked[i] = True
        elif w in ("and", "et") and prev in _COLORS and nxt in _COLORS:
            marked[i] = True
        elif w.isdigit() and nxt in _TIME_UNITS:
            continue  # "in the black Ram 10 min": minutes, not a model
        elif prev in _MAKES and (_ALNUM_MODEL.match(w) or (w.isdigit() and prev in _NUMBERED_MODEL_MAKERS)):
            marked[i] = True
        elif left and (prev in _MAKES or prev in _NUMBERED_MODEL_MAKERS) and _NUMBERED_MODEL.match(w):
            marked[i] = True
        elif w.isdigit() and left and (prev in _NUMBERED_MODEL_MAKERS or _LETTER_MODEL.match(prev) and len(w) == 3):
            marked[i] = True
        elif prev in _MAKES and (
            w.isalpha()
            and len(w) > 2
            and w not in _VOCAB
            and w not in _PLAIN
            and w not in _STREET_AFTER  # "Ford Blvd" is a street
            or w in _TWO_WORD_MODEL_FIRSTS
        ):
            # A word no list knows, right after a make, is its model ("Kia Carnival"), and so is a model's first word
            # said alone ("Toyota Rav four").
            marked[i] = strong[i] = True
        elif w in _TWO_WORD_MODEL_FIRSTS and (w, nxt) in _TWO_WORD_MODELS:
            marked[i] = strong[i] = marked[i + 1] = strong[i + 1] = True
        elif w in ("pickup", "pick-up") and (
            left
            or right
            or nxt == "truck"
            or prev in _DETERMINERS
            and nxt in ("", "|", "?")
            and (i < 2 or words[i - 2] not in _FOR_THE)
        ):  # "a pickup", "black pickup truck", but not "the pickup spots", "pickup for #B552", "omw for the pickup"
            marked[i] = strong[i] = True
    best: tuple[int, int] | None = None
    i = 0
    while i < n:
        if not marked[i]:
            i += 1
            continue
        j = i
        while True:
            while j + 1 < n and marked[j + 1]:
                j += 1
            # One description said in pieces ("le gris, un Rav4") is one vehicle: a comma or an article between
            # two marked runs joins them.
            gap = j + 1
            while gap < n and gap - j <= 2 and words[gap] in _JOINERS:
                gap += 1
            if gap == j + 1 or gap >= n or not marked[gap]:
                break
            j = gap
        if any(strong[i : j + 1]) and (best is None or j - i > best[1] - best[0]) and not _goods(words, i, j):
            best = (i, j)
        i = j + 1
    return best


# "dans le Sierra", "in my Terrain": a model that is also a word is the car when said as what one sits in, and the
# text goes on to where it is or ends there ("dans le terrain de soccer" is a field, "in the note" is no car).
_IN = frozenset(("dans", "ds", "in", "avec", "with", "from", "de"))
_ONES = frozenset(("le", "la", "l", "ma", "mon", "the", "my", "our", "notre", "son", "sa", "his", "her"))
_AFTER_CAR = frozenset(
    "| ? _s at au a in on by near pres proche devant dehors outside out front parked parke parkee stationne stationnee "
    "spot place pl # with avec en sur next behind derriere right here ici la icitte now".split()
)
# Everyday nouns one is "in": never a car after "in the" alone.
_PLACES_IN = frozenset(
    "note terrain express transit golf matrix sky wave aura outlook vue century discovery element echo atlas ion "
    "relay allure accent encore regal escalade entourage contour tribute mirage eclipse legacy continental commander "
    "voyager lancer charger explorer expedition fusion focus flex swift crown quest cube leaf journey edge pilot "
    "smart mini safari venue rendezvous compass liberty".split()
)
_OF = frozenset(("de", "d", "of", "des", "du"))
_CAR_WORDS = _MAKES | _MODELS | _VEHICLE_TYPES | _COLORS  # what names a car on its own
_NOT_A_MODEL_AFTER = _OF | frozenset(("pas", "plus", "toujours", "still", "not"))  # "pas encore", "d'accord"
_ENGLISH_ONES = frozenset(("the", "my", "our", "his", "her"))
_FRENCH_PLACES = frozenset(("terrain",))  # "dans le terrain" is the lot; "in the Terrain" is a GMC
# A street: after "on/sur/down" with a name after it, before "St"/"rue"-words, or after "rue"/"boulevard".
_ALONG = frozenset(("on", "sur", "down", "up", "along", "onto", "off", "via", "coin", "corner"))
_STREET_AFTER = frozenset(
    "st street ave av avenue rd road blvd boul boulevard dr drive lane ln cres crescent hwy highway way pkwy".split()
)
_STREET_BEFORE = frozenset("rue boul boulevard avenue av chemin ch montee rang autoroute".split())


# A capitalised word right after another word, not opening a sentence nor a clause (where names stand: "thanks,
# Lincoln"): "le Mini", "dans la Smart", "the Ram".
_MID_CAPITAL = re.compile(r"(?<=[^\W\d_]) +([A-Z][a-z]+)\b")


def _capitalised(raw: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _MID_CAPITAL.findall(raw))


def _given_as_car(words: list[str], i: int) -> bool:
    """Whether the model at i that is also a word is said as a car: after or before a model year ("2019 Accord",
    "Escape 2015"), or as what one is in, at the end of what is said of it ("chu dans le Sierra", "in my Journey,
    spot 4")."""
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else "|"
    if _YEAR.match(prev) or _YEAR.match(nxt):
        return True
    return (
        prev in _ONES
        and i > 1
        and words[i - 2] in _IN
        and (words[i] not in _PLACES_IN or words[i] in _FRENCH_PLACES and prev in _ENGLISH_ONES)
        and len(words[i]) > 2
        and (nxt in _AFTER_CAR or nxt in _COLORS or nxt.isdigit())
    )


def _of_goods(words: list[str], i: int) -> bool:
    """Whether the colour at i is said of goods: "palettes de terre noire" (a thing "of" that colour), "bags of black
    mulch" (of a colour and a thing); a car word beside it keeps it a car's ("la Honda de ma soeur, grise")."""
    k = i - 2
    if k > 0 and words[k] in _JOINERS:
        k -= 1  # "proche de la porte rouge"
    noun = words[i - 1] if i else ""
    if k >= 0 and words[k] in _OF and noun.isalpha() and noun not in _CAR_WORDS and noun not in _DETERMINERS:
        return noun not in _GENERIC_VEHICLES and noun not in _AGE_WORDS and noun not in ("couleur", "color", "colour")
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return (
        i > 0
        and words[i - 1] == "of"
        and nxt.isalpha()
        and nxt not in _VEHICLE_HINTS
        and nxt not in _GENERIC_VEHICLES
        and nxt not in _COLOR_MODIFIERS
        and nxt not in _AMBIGUOUS_MODELS
        and nxt not in _AMBIGUOUS_MAKES
    )


def _street(words: list[str], i: int) -> bool:
    """Whether the vehicle word at i names a street: "on Van Horne", "sur Van Horne", "down Ford St", "rue Champagne"."""
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _STREET_AFTER or prev in _STREET_BEFORE:
        return True
    return (
        prev in _ALONG
        and nxt.isalpha()
        and len(nxt) > 2
        and nxt not in _VOCAB
        and nxt not in _PLAIN
        and nxt not in _GENERIC_VEHICLES
    )


def _goods(words: list[str], i: int, j: int) -> bool:
    """Whether the vehicle words i..j name goods or clothes rather than the car: a toy or garment word right after or
    before them ("fire truck lego", "truck hat", "toy dump truck"), or a purchase's "for the" / "pour le" leading to
    them ("here for the dump truck", "rendu pour le camion de pompier jouet")."""
    after = words[j + 1 : j + 3]
    if after and (after[0] in _CLOTHES or after[0] in _GOODS_AROUND):
        return True
    if len(after) == 2 and after[0] != "|" and (after[1] in _CLOTHES or after[1] in _GOODS_AROUND):
        return True  # "the yellow hard hat", "camion de pompier jouet"
    before = words[max(0, i - 4) : i]
    if "|" in before:
        before = before[len(before) - before[::-1].index("|") :]
    if not _GOODS_AROUND.isdisjoint(before):
        return True
    # "for the" right before, or one word apart that is no person: "here for the dump truck", not "pour la dame du CX5";
    # nor what they came for, a garment or a plural, with the car after it ("pour les bottes Encore grise").
    for k in range(max(0, len(before) - 3), len(before) - 1):
        if before[k] in _PURCHASE_FOR and before[k + 1] in _PURCHASE_THE:
            return k + 2 == len(before) or before[-1] not in _PEOPLE and not _purchase(before[-1])
    return False


def _purchase(word: str) -> bool:
    """Whether the word names what was bought rather than the kind of vehicle: a garment, or a plural noun ("bottes",
    "pizzas"), not "dump" of "dump truck"."""
    return word in _CLOTHES or len(word) > 3 and word[-1] in "sx" and word not in _PLAIN and word not in _VEHICLE_HINTS


def _worn(words: list[str], i: int) -> bool:
    """Whether the colour at i is a garment's: "blue jacket", "dark blue hoodie", "manteau rouge", "jacket noir"."""
    for j in (i + 1, i + 2):  # after a modifier too: "blue denim jacket" is rare, "light blue jacket" is not
        if j < len(words) and words[j] in _CLOTHES:
            return True
        if j >= len(words) or words[j] not in _COLOR_MODIFIERS and words[j] not in _COLORS:
            break
    return i > 0 and words[i - 1] in _CLOTHES


def _has_strong_vehicle(words: list[str], span: tuple[int, int]) -> bool:
    """A text that only names a vehicle, by more than a colour, and perhaps a number: "red Civic" alone, or "c'est moi
    la Honda noire au 3", reads as an arrival."""
    first, last = span
    named = any(w not in _COLORS and w not in _COLOR_MODIFIERS for w in words[first : last + 1])
    return named and all(
        w in _PLAIN or w in _AGE_WORDS or w[0] in "_|?" or w.isdigit() for w in words[:first] + words[last + 1 :]
    )
