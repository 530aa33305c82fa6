"""News about one's own order, as a class rather than a phrase list: a customer's question ("?", or a question's
form: "is/are/did/r u…", "est-ce que", "-tu", inversion) that says how far along something is (done, ready, out of
the oven, réparé, sorti, disponible, ça avance…) asks whether their order is ready; unless it is about the store
itself (its hours, what it sells, its renovations, "your bread", the weekend), which is small talk.

Tried only on texts no other intent claimed, and only when the text holds one of _PROGRESS's words or a "how's the
… going" form: most texts skip it on a set test. The same store-talk test keeps arrival words out of a question about
the store ("what's going on this weekend at the store?").
"""

from __future__ import annotations

from .phrases import _c
from .vocabulary import _words

# How far along something is, in either language (accents folded): ready, done, and the participles of making,
# fixing, filling or wrapping what was ordered.
_PROGRESS = _words(
    "done finished finish finishing complete completed ready available avail filled filling fixed repaired serviced "
    "tuned decorated wrapped packed packaged bagged boxed cooked baked made prepared prepped picked assembled printed "
    "framed sharpened engraved altered hemmed cut mixed processed oven close "
    "fini finie finis finies termine terminee termines terminees pret prete prets pretes dispo disponible "
    "disponibles rempli remplie remplis remplies prepare preparee prepares preparees emballe emballee emballes "
    "emballees repare reparee repares reparees decore decoree decores decorees cuit cuite cuits cuites sorti sortie "
    "sortis sorties acheve achevee avance avancee avancent progresse assemble assemblee imprime imprimee ajuste "
    "ajustee aiguise four"
)
# "how's the tune up going?", "how are my pizzas coming?": the own thing asked after.
_HOW_GOING = _c(
    r"(?:how s|hows|how is|how are|how r) (?:my|our|the|_o)(?: \S+){1,3}? (?:going|coming|looking|doing)(?= \?| \||$)"
)
_HOW_HINTS = _words("how hows")
# Any participle said of the customer's own thing, beyond _PROGRESS's words: "are the cupcakes iced?", "yo my skis
# waxed yet", "mes lunettes sont-tu ajustées?", "ma commande est-elle complétée?" (accents folded: -é is -e).
_OWN_THING_DONE = _c(
    r"(?:(?:is|are|has|have|did|r) )?(?:my|our|the|_o)(?: \S+){1,3}? (?:(?:is|are|been|gotten|got|get|all) )*"
    # ...but a fact about it is no progress: "is the tip included?", "are dogs allowed?"
    r"(?!(?:included|allowed|required|needed|accepted|located|called|named|priced|based|closed|opened|supposed|parked"
    r"|insured|taxed|refunded|charged|billed)(?!\S))[a-z]{2,}ed(?: up| yet| already| now)*(?= \?| \||$| or)"
    r"|(?:mon|ma|mes|notre|nos|la|le|les|_o)(?: \S+){1,2}? (?:est|sont|a ete|ont ete)(?: tu| il| elle| ils| elles)?"
    r"(?: (?:deja|bien|enfin|ete))? [a-z]{3,}(?:e|ee|es|ees|i|ie|is|ies|it|ite|its|ites)(?= \?| \||$| la)"
)
# The words of a question's form, when no "?" was typed: "did my prescription get filled", "r my pizzas done".
_ASKING = _c(
    r"(?:^|\| )(?:is|are|r|did|has|have|was|were|any|u|you)(?!\S)|est ce que?|(?:est|sont|a|ont|avance|acheve|c est|ca"
    r"|as|avez|t as) tu|(?:est|sont|a|ont) (?:il|elle|ils|elles)|(?:(?:or|ou) (?:nah|not|no|pas|non)|yet)(?= \?| \||$)"
)
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
    "event events evenement free gratuit park"
)
# A question about the store needs no one in it: "we", "je", "my"... say the customer speaks of themself.
_FIRST_PERSON = _words("i im me my mine we us our je j jsuis chu chui suis moi m mon ma mes nous notre nos sommes")
# The customer's own things, which make "your" no store talk: "did your guy finish my bike?".
_MINE = _words("my our mon ma mes notre nos _o")
_YOURS = _words("your ur vos votre")


def _is_question(s: str, words: frozenset[str]) -> bool:
    return "?" in words or _ASKING.search(s) is not None


def news_about_order(s: str, words: frozenset[str]) -> bool:
    """Whether `s` asks how far along the customer's order is, in words no phrase of _STATUS knows."""
    progress = _PROGRESS.intersection(words)
    if progress:
        padded = f" {s} "
        if "close" in progress and " close to " not in padded:
            progress = progress - {"close"}  # "close to done?", not "do you close?"
        if "four" in progress and " du four " not in padded:
            progress = progress - {"four"}  # "sorti du four", not the number
    if not _is_question(s, words):
        return False
    if (
        not progress
        and (_HOW_HINTS.isdisjoint(words) or _HOW_GOING.search(s) is None)
        and _OWN_THING_DONE.search(s) is None
    ):
        return False
    talk = _STORE_TALK.intersection(words)
    if "close" in talk and " close to " in f" {s} ":
        talk = talk - {"close"}
    # "your bread" is the store's, unless the customer names something of theirs: "did your guy finish my bike?"
    return not talk or talk <= _YOURS and not _MINE.isdisjoint(words)


def store_question(s: str, words: frozenset[str]) -> bool:
    """A question about the store itself, by someone who says nothing of themself: "what's going on this weekend at
    the store?", "est-ce que les travaux sont finis dans le stationnement?". Its place words are no arrival."""
    return (
        not _STORE_TALK.isdisjoint(words)
        and _FIRST_PERSON.isdisjoint(words)
        and _is_question(s, words)
        and not {"store", "shop", "magasin", "parking", "stationnement", "lot"}.issuperset(
            _STORE_TALK.intersection(words)
        )
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
    return _HAIL_ONLY.issuperset(words) and not _HAILS.isdisjoint(words) or _is_question(s, words)
