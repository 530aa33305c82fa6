"""Where a customer's goods are and what the store's own talk sounds like, so that neither reads as the customer's
arrival: goods as a clause's subject ("mon épicerie est-tu rendue dans les sacs?", "is the recliner actually coming
today or nah") are blanked before arrival and coming are read; a question about the store itself ("what's going on
this weekend at the store?") and leave asked for others in the store ("is my dog allowed in the store?") place no
one. A customer waiting here who writes a hail or a question with no other meaning leans to news (waiting_nudge).

Whether an unclaimed question asks for news of the order or about the store is questions.py's (reading round 9),
which took the place of this module's list of progress words and own goods (rounds 4–8).
"""

from __future__ import annotations

import re

from .phrases import _c
from .questions import is_question
from .vocabulary import _words

# What a question about the store itself names: the store and its places, its hours and days, what it sells and
# for how much, its jobs, deliveries and renovations, "your"/"vos" goods. Any one of them makes it small talk.
_STORE_TALK = _words(
    "store stores shop boutique magasin bakery boulangerie pharmacy pharmacie restaurant resto librairie bookstore "
    "animalerie epicerie grocery website site app menu parking stationnement lot entrance entree washroom bathroom "
    "washrooms bathrooms toilet toilets cafe card cards carte cartes tip pourboire "
    "toilettes wifi open opened opening close closed closing closes ouvert ouverte ouverts ouvertes ouvre ouvrez "
    "ouvrent ferme fermez fermer fermes ferment hours heures weekend weekends semaine monday tuesday tuesdays "
    "wednesday thursday friday saturday saturdays sunday sundays lundi mardi mercredi jeudi vendredi samedi dimanche "
    "day days jour jours usually normally habitude generalement season saison spring summer winter fall printemps "
    "hiver automne christmas noel sell sells selling vendez vendre vend vendent stock inventaire price prices "
    "prix cost costs coute coutent much combien cher half special specials speciaux solde soldes sale sales rabais "
    "gift cadeau cartes-cadeaux gift-card hiring hire engagez embauchez emploi job jobs deliver delivers delivery "
    "delivered livrez livrer livraison renovating renovation renovations renos travaux construction homemade maison "
    "gluten vegan your ur vos votre pay payer cash comptant credit debit refund remboursement exchange echange "
    "policy politique return returns retour retours warranty garantie "
    "event events evenement free gratuit park code codes password wifi"
)
# A question about the store needs no one in it: "we", "je", "my"... say the customer speaks of themself.
_FIRST_PERSON = _words("i im me my mine we us our je j jsuis chu chui suis moi m mon ma mes nous notre nos sommes")
_MINE = _words("my our mon ma mes notre nos _o")


# The customer's goods as a clause's subject ("mon épicerie est-tu rendue dans les sacs?", "mes sandwichs sont-tu en
# route vers le char?", "c'est tu rendu prêt?") or "rendu" + what it became ("rendue grande"): where the goods are or
# what they became, not where the customer is. Blanked before arrival and coming are read.
_GOODS_WHERE = _c(
    r"(?:mon|ma|mes|notre|nos|my|our|_o)(?: (?!(?:fille|fils|chum|blonde|mari|femme|gars|enfants?|mere|pere|soeur|frere"
    r"|ami|amie|amis|husband|wife|son|daughter|kids?|mom|dad|friend)(?!\S))\S+){1,3}? (?:est|sont|is|are|r|s)(?: tu| il"
    r"| elle| ils| elles| still| encore| toujours| deja)*(?: [^|?]*?)?"
    r"(?: (?P<w>rendu|rendue|rendus|rendues|en route|on (?:the|its|their) way|arrive|arrivee|arrives|arrivees"
    r"|waiting|sitting)(?!\S))"
    r"|(?:c est|ca|ca a) (?:tu |tu deja |deja )?(?P<x>rendu|rendue|rendus|rendues)"
    r"|(?P<y>rendu|rendue|rendus|rendues) (?:pret|prete|prets|pretes|grand|grande|grands|grandes|loin|tard|fou|folle)"
    r"(?!\S)|(?:ou en|on en) (?:est|sont|etes) (?P<z>rendu|rendue|rendus|rendues)"
    # How far along the store is with the goods: "où vous êtes rendus avec mon bubble tea?"
    r"|vous (?:etes|en etes)(?: tu)? (?P<u>rendu|rendue|rendus|rendues)(?= (?:avec|dans|pour) )"  # "où en est rendue ma réparation?"
    # What the customer will do meanwhile, after a question on how far along it is: "is it done yet or should i wait
    # in the car?", "mes pneus sont-tu posés ou j'vais prendre un café?": no arrival, no trip
    r"|(?:yet|deja|tu \S+) (?P<m>(?:or|ou) (?:(?:should|do|can|shall) (?:i|we)|je|j|jvais)(?: [^|?]*)?)"
    # Goods said as "il/elle" by inversion ("la tente…, elle est-tu arrivée au magasin?"), or coming by inversion
    # ("is the recliner actually coming today or nah"): the goods' way, not the customer's.
    r"|(?:il|elle|ils|elles) (?:est|sont) tu (?:deja )?(?P<a>arrive|arrivee|arrives|arrivees)(?!\S)"
    r"|(?:is|are|r) (?:my|our|the|_o)(?: \S+){1,3}? (?:actually |really |still |even )?"
    r"(?P<c>arriving|coming|showing up)(?= today| tonight| this| or| \?|$)"
    # ...or waiting somewhere by inversion: "is my bag of dog food waiting at the counter?"
    r"|(?:is|are|r) (?:my|our|_o)(?! (?:car|truck|van|_v|char|auto|husband|wife|son|daughter|kid|kids|mom|dad|friend"
    r"|ride)(?!\S))(?: \S+){1,4}? (?:still |already )?(?P<v>waiting|sitting)(?= at| by| in| on| for| \?|$)"
)
_GOODS_WHERE_HINTS = _words("rendu rendue rendus rendues route way yet ou or waiting sitting")
# Goods that arrived ("mes romans sont-tu arrivés de l'entrepôt?"): tried only when something is owned as well.
_ARRIVED_HINTS = _words("arrive arrivee arrives arrivees")


_GOODS_COMING_HINTS = _words("arriving coming showing")


def goods_where(s: str, words: frozenset[str]) -> str:
    """`s` with each place or state said of the customer's goods blanked ("_g"); `s` itself when there is none."""
    if (
        _GOODS_WHERE_HINTS.isdisjoint(words)
        and (_ARRIVED_HINTS.isdisjoint(words) or _MINE.isdisjoint(words) and "tu" not in words)
        and _GOODS_COMING_HINTS.isdisjoint(words)
    ):
        return s
    return _GOODS_WHERE.sub(_blank_place, s)


def _blank_place(m: re.Match[str]) -> str:
    """The match with only its place or state word blanked: the goods named stay for news_about_order to read."""
    name = m.lastgroup or "w"
    if name == "m":  # the whole meanwhile clause
        return f"{m.group(0)[: m.start('m') - m.start()]}_m"
    start, end = m.start(name) - m.start(), m.end(name) - m.start()
    return f"{m.group(0)[:start]}_g{m.group(0)[end:]}"


def store_question(s: str, words: frozenset[str]) -> bool:
    """A question about the store itself, by someone who says nothing of themself: "what's going on this weekend at
    the store?", "est-ce que les travaux sont finis dans le stationnement?". Its place words are no arrival."""
    return (
        not _STORE_TALK.isdisjoint(words)
        and _FIRST_PERSON.isdisjoint(words)
        and is_question(s, words)
        and not {"store", "shop", "magasin", "parking", "stationnement", "lot"}.issuperset(
            _STORE_TALK.intersection(words)
        )
    )


# Leave asked for someone or something else to be in the store: "is my dog allowed in the store?", "mes enfants
# peuvent-tu venir dans le magasin?". Its place words are no arrival, unless the customer says where they are.
_LEAVE = _words("allowed permitted ok okay permis permise permises admis acceptes acceptees peuvent peut can may could")
_INDOORS = _words("store shop magasin boutique inside dedans interieur")
_SELF_PLACED = _c(r"i m|im|i am|we re|je suis|j suis|jsuis|chu|chui|on est|sommes|suis")


def leave_for_others(s: str, words: frozenset[str]) -> bool:
    """A question asking whether someone or something else may be in the store, the customer placing no one."""
    return (
        not _LEAVE.isdisjoint(words)
        and not _INDOORS.isdisjoint(words)
        and is_question(s, words)
        and _SELF_PLACED.search(s) is None
    )


# A hail alone, from someone waiting: "hello", "allo", "bonjour?" (an "?" alone is read before any of this).
_HAILS = _words("hello helo hallo allo alo bonjour hi hey yo salut coucou guys excuse excusez pardon hellooo allooo")
_HAIL_ONLY = _HAILS | _words("| ? me moi there la")


def waiting_nudge(s: str, words: frozenset[str]) -> bool:
    """Whether a text with no other meaning, from a customer waiting here, leans to asking for news: a question
    ("des nouvelles?", "are you guys open late? kidding, anyone?") or a hail alone ("hello", "allo?"); not one
    about the store itself ("what time do you close?"), nor thanks or an "ok"."""
    if not _STORE_TALK.isdisjoint(words):
        return False
    return _HAIL_ONLY.issuperset(words) and not _HAILS.isdisjoint(words) or is_question(s, words)
