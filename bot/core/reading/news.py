"""News about one's own order, as a class rather than a phrase list: a customer's question ("?", or a question's
form: "is/are/did/r u…", "est-ce que", "-tu", inversion) that says how far along something is (done, ready, out of
the oven, réparé, sorti, disponible, ça avance…) asks whether their order is ready; unless it is about the store
itself (its hours, what it sells, its renovations, "your bread", the weekend), which is small talk.

A question whose subject or object is the customer's own order or goods needs no word of progress ("did my groceries
fall through the cracks?", "am I still getting the cake?"), unless it asks leave or names no order. Goods as a clause's
subject ("mon épicerie est-tu rendue dans les sacs?") and leave asked for others in the store ("is my dog allowed in
the store?") place no one: their words are no arrival.

Tried only on texts no other intent claimed, and only when the text holds one of _PROGRESS's words, a "how's the
… going" form or one's own goods. The same store-talk test keeps arrival words out of a question about
the store ("what's going on this weekend at the store?").
"""

from __future__ import annotations

import re

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
# The customer's own goods named by a question ("did my groceries fall through the cracks?", "jvais tu avoir mon vin
# ce soir ou pas", "mes 6 sacs de sel, quelqu'un les sort-tu?", "my order still in the works?"), or the customer's own
# place among the orders ("on est-tu encore sur la liste?", "did i fall thru the cracks"), or "I ordered" said before
# a question: news about the order, whatever the verb. Not a person or a thing of theirs that is no order (_NOT_GOODS).
_OWN_GOODS = _c(
    r"(?:my|our|mon|ma|mes|notre|nos) (?P<g>\S+)|_o|(?:the|la|le|les)(?: \S+){0,3}? "
    r"(?:order|orders|commande|commandes|pickup|prescription|refill|purchase|achat|achats)(?!\S)"
    r"|(?:i|we|on|je|j) (?:\S+ ){0,3}?(?:on|sur) (?:the|la|your|votre) (?:list|liste)(?! d attente| for| pour)"
    r"|(?:fall|fell|fallen|slip|slipped) (?:through|thru) the cracks|passe dans le beurre|tombe entre (?:deux|les) chaises"
    # Getting it at all: "am I still getting the cake for tonight??", "jvais tu avoir mon vin", not "a text" or "points"
    r"|(?:(?:am|are) (?:i|we)|(?:will|do) (?:i|we)|i m|im)(?: still)? (?:getting|gonna get|going to get|get)"
    r" (?:my|our|the|it|them|that|this|those)(?!\S)"
    r"|(?:je|j|on) (?:vais|va) (?:tu |encore |quand meme )?(?:avoir|recevoir|ravoir) (?:mon|ma|mes|la|le|les|l|ca|ma)(?!\S)"
    r"|(?:i|we) (?:placed|place|put in|made|ordered)|(?:j ai|jai|on a|nous avons) (?:passe une |fait une )?command"
)
_NOT_GOODS = _words(
    "husband wife son daughter kid kids child children mom dad mother father boyfriend girlfriend friend friends "
    "coworker boss chum blonde mari femme fils fille filles enfant enfants mere pere ami amie amis soeur frere gars "
    "phone cell number numero card carte cartes id account compte spot place car auto char truck name nom email "
    "courriel address adresse points dog chien cat chat lezard self vie bad way turn tour coupon coupons code promo "
    "membership abonnement receipt recu facture bill invoice password rewards subscription voucher bon bons _v _s _n"
)
# Asking what the customer may do, or what the store has: "can I add milk to my order?", "est-ce que je peux payer
# avec ma carte?", "do you have my phone number right?". Not news.
_MAY_I = _c(
    r"(?:^|\| )(?:can|could|may|should|would|do|does|is it ok|how do|how does|how can|how much|how many|where do"
    r"|what does|pouvez|peux|peut"
    r"|puis|avez vous(?! (?:tu |deja |bien |enfin )?(?:mis|pris|fait|recu|vu|eu|(?!encore|quelque)[a-z]{3,}(?:e|ee|es|ees|i|is)"
    r"(?!\S)))|combien|comment)(?!\S)|est ce que (?:je|j|on|vous|mon|ma) (?:peux|peut|pouvez|dois|avez|\S+ peut)"
    # Asking leave after saying what one will do: "mon chum va passer chercher ma commande, c'est correct?"
    r"|(?:c est|est ce|ca est|c)(?: tu)? (?:correct|ok|okay|possible|permis|grave)|(?:is|would) (?:that|it|this) (?:ok|okay"
    r"|alright|all right|fine|possible|allowed|a problem)|(?:that|it s|its) (?:ok|okay|fine|alright)(?= \?)"
)
# What one may get that is no order: "will I get a text when it's ready?", "do I get points?".
_NOT_AN_ORDER = _words(
    "text texts txt message messages notification notifications receipt refund points point discount rabais "
    "reçu recu remboursement texto textos courriel email"
)
_TELL_ME = _c(r"(?:could|can|would) you (?:tell|let) me|(?:pouvez|pourriez) vous me dire")
# How one's order is faring, asked with no participle: "how we looking on the 2 club sandwiches", "how far along is
# the gingerbread house order".
_HOW_FAR = _c(
    r"how (?:are |r )?(?:we|we re|things|it|it s) (?:looking|doing|coming)|how far along"
    r"|where (?:are |r )?(?:we|we re|things|it|it s) at (?:with|on|for)"
)
# Any participle said of the customer's own thing, beyond _PROGRESS's words: "are the cupcakes iced?", "yo my skis
# waxed yet", "mes lunettes sont-tu ajustées?", "ma commande est-elle complétée?" (accents folded: -é is -e).
_OWN_THING_DONE = _c(
    r"(?:(?:is|are|has|have|did|r) )?(?:my|our|the|_o)(?: \S+){1,3}? (?:(?:is|are|been|gotten|got|get|all) )*"
    # ...but a fact about it is no progress: "is the tip included?", "are dogs allowed?"
    r"(?!(?:included|allowed|required|needed|accepted|located|called|named|priced|based|closed|opened|supposed|parked"
    r"|insured|taxed|refunded|charged|billed)(?!\S))[a-z]{2,}ed(?: up| yet| already| now)*(?= \?| \||$| or)"
    r"|(?:mon|ma|mes|notre|nos|la|le|les|_o)(?: \S+){1,2}? (?:est|sont|a ete|ont ete)(?: tu| il| elle| ils| elles)?"
    r"(?: (?:deja|bien|enfin|ete))? [a-z]{3,}(?:e|ee|es|ees|i|ie|is|ies|it|ite|its|ites)(?= \?| \||$| la)"
    # Asked by inversion, whatever follows: "le bois est-tu coupé à la bonne longueur asteure?"
    r"|(?:mon|ma|mes|notre|nos|la|le|les|_o)(?: \S+){1,2}? (?:est|sont) tu [a-z]{3,}(?:e|ee|es|ees|i|ie|is|it|ite)(?!\S)"
)
# The words of a question's form, when no "?" was typed: "did my prescription get filled", "r my pizzas done",
# "how far along is the cake order", "am i getting my wine tonight or what", "…en préparation ou quoi".
_ASKING = _c(
    r"(?:^|\| )(?:is|are|r|did|has|have|was|were|any|u|you|am|how|hows|whats|what s)(?!\S)|est ce que?"
    r"|(?:est|sont|a|ont|avance|acheve|c est|ca|as|avez|t as|vais|va|on est|y a|ya) tu|(?:est|sont|a|ont) (?:il|elle|ils"
    r"|elles)|(?:(?:or|ou)(?: nah| not| no| pas| non| what| quoi)?|yet)(?= \?| \||$)"
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
    "policy politique return returns retour retours warranty garantie "
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
        and not _own_goods_asked(s)
    ):
        return False
    if " _m" in s:  # what they will do meanwhile (goods_where) is no store talk: "… or should i grab a coffee first"
        words = frozenset(s.split())
    talk = _STORE_TALK.intersection(words)
    if "close" in talk and " close to " in f" {s} ":
        talk = talk - {"close"}
    if talk and not _MINE.isdisjoint(words):
        talk = talk - _owned(s)  # "mon épicerie" is the customer's groceries, not the grocery store
    if "fall" in talk and "cracks" in words:
        talk = talk - {"fall"}  # "did my order fall through the cracks?", not the season
    # "your bread" is the store's, unless the customer names something of theirs: "did your guy finish my bike?"
    return not talk or talk <= _YOURS and not _MINE.isdisjoint(words)


_OWNED = re.compile(r"(?:^| )(?:my|our|mon|ma|mes|notre|nos) (\S+)(?: (?:de|d|of) (\S+))?")


def _owned(s: str) -> set[str]:
    """The words said right after a possessive: the customer's own, whatever else they could name."""
    return {w for m in _OWNED.finditer(s) for w in m.groups() if w}  # "ma liste d'épicerie" too


def _own_goods_asked(s: str) -> bool:
    """A question whose subject or object is the customer's own order or goods, asking no leave and naming nothing
    of the store's: news about that order ("am i getting my skates today or what", "ma commande a tu passé dans le
    beurre?", "how we looking on the 3 large pizzas")."""
    if _MAY_I.search(s) and not _TELL_ME.search(s):
        return False
    m = _OWN_GOODS.search(s)
    if m is not None and m.group("g") is None and not _NOT_AN_ORDER.isdisjoint(s[m.end() :].split()[:2]):
        return False  # "will I get the text when it's ready?", "je vais tu avoir le rabais?"
    while m is not None and (m.group("g") in _NOT_GOODS or s.startswith((" number", " numero", " #"), m.end())):
        m = _OWN_GOODS.search(s, m.end())
    return m is not None or (("how" in s or "where" in s) and _HOW_FAR.search(s) is not None)


# The customer's goods as a clause's subject ("mon épicerie est-tu rendue dans les sacs?", "mes sandwichs sont-tu en
# route vers le char?", "c'est tu rendu prêt?") or "rendu" + what it became ("rendue grande"): where the goods are or
# what they became, not where the customer is. Blanked before arrival and coming are read.
_GOODS_WHERE = _c(
    r"(?:mon|ma|mes|notre|nos|my|our|_o)(?: (?!(?:fille|fils|chum|blonde|mari|femme|gars|enfants?|mere|pere|soeur|frere"
    r"|ami|amie|amis|husband|wife|son|daughter|kids?|mom|dad|friend)(?!\S))\S+){1,3}? (?:est|sont|is|are|r|s)(?: tu| il"
    r"| elle| ils| elles| still| encore| toujours| deja)*(?: [^|?]*?)?"
    r"(?: (?P<w>rendu|rendue|rendus|rendues|en route|on (?:the|its|their) way|arrive|arrivee|arrives|arrivees)(?!\S))"
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
)
_GOODS_WHERE_HINTS = _words("rendu rendue rendus rendues route way yet ou or")
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
        and _is_question(s, words)
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
        and _is_question(s, words)
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
    return _HAIL_ONLY.issuperset(words) and not _HAILS.isdisjoint(words) or _is_question(s, words)
