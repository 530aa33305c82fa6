"""A staff member's (or owner's) text: claim, done, list, the compliance keywords, a spot or order number, and
the vehicle they name ("remis au monsieur du Rav4"), read first so that a model is never taken for an order."""

from __future__ import annotations

from .compliance import _keyword
from .meaning import Meaning
from .normalising import _quote
from .phrases import _blank, _c
from .spots import _SPOT, _spot_value
from .vehicles import _vehicle

_STAFF_DONE = _c(
    r"done|fait|c est fait|fini|finie|termine|terminee|livre|livree|livres|delivered|handed(?: off| over)?"
    r"|complete|completed|finished|picked up|remis|remise|remises|donne|donnee|donnes|donnees|livrees|recupere|closed|ferme"
    # The customer was served: "client servi place 12", "served spot 4", "la 9 est servie"
    r"|served|servi|servie|servis|servies"
    # The customer has it: "gave it to them", "customer has it", "le client l'a", "c'est réglé"
    r"|all set|dropped (?:it |them |\S+ )?off|c est beau pour|gave (?:it|them|\S+)(?: to| away)?|given (?:out|away|to)|handed out|regle|reglee"
    r"|(?:customer|client|they|il|elle) (?:has|have|got|l a|l ont) ?\S*"
    # Brought out, in the past: "brought it out to the grey Equinox", "j'ai apporté la 40112", "apporté à la place 2"
    r"|(?:brought|took|carried|walked)(?: \S+){0,2}? (?:out|over)|apportee|amenee"
    r"|(?:j ai|jai|ai|on a|a ete|est(?! moi)) (?:\S+ ){0,2}?(?:apporte|amene|sorti|sortie|porte|donne)"
    # Gone to bring it, in the past: "j'suis allé porter la batterie à la place 6"
    r"|(?:suis|chu|chui|jsuis|est|sont) (?:alle|allee|alles|allees) (?:porter|apporter|reporter|livrer|donner)"
    # "the guy in the grey Audi Q5 has it", "la dame l'a eu"
    r"|has (?:it|them|their \S+|his \S+|her \S+)(?: now)?$|(?:l a|l ont) (?:eu|eue|recu|recue)"
)
_STAFF_CLAIM = _c(
    r"ok|okay|k|kk|oki|okey|claim|claiming|claimed|mine|je (?:le |la |l )?prends|prends|prend|(?:j ai|jai) pris"
    r"|jprends|jprend|jpren|j prends|j y vais|jy vais|j y go|jy go|j y va|got it|gotit|on it|i got (?:it|this)"
    r"|i ll (?:take|get|grab|go)|taking|take|grab|grabbing|je m en occupe|m en occupe|je men occupe"
    r"|c est moi|moi|coming|omw|on my way|j arrive|je m en viens|(?:je )?m en charge"
    r"|(?:i )?got (?:_s|#|[a-z]{0,3}-?\d+[a-z]?)|out to|(?:dropping|drop|bringing) (?:it |this |\S+ )?off"
    # Taking the order out to the car: "heading out w/ the mulch for spot 9", "je sors avec la 20931"
    r"|(?:heading|headed|going|coming|on my way|walking|running|bringing|taking)(?: \S+){0,3}? out|bringing|bring"
    r"|(?:je |j |jsors|j sors)?sors|jsors|(?:je |j )?(?:l |la |le |les )?(?:apporte|amene)"
    # Taking charge of one: "je m'occupe du 40917", "I'll handle 40917", "i'm on 40917", "I got the lady at spot 3"
    r"|(?:m |s |me |se )occuper? (?:du|de|des|d)|(?:je |on )?gere|handle|handling|(?:i m|im|i am) on (?!my )\S+"
    r"|i (?:ve )?got (?:the|that|this) (?:lady|guy|man|woman|customer|client|one|order|car|truck|_v|dude|gentleman)"
    r"|(?:je |j )?(?:m en )?vais (?:le |la |l |les )?(?:porter|apporter|sortir)"
)
# A letter and one or two digits is a spot label, as in a customer's text ("j'y vais, B2"); "B552" is an order.
# Where it is carried or handed, one or two digits: a spot ("m'as aller porter la batterie au 7", "livré à la 9"),
# not an order.
_CARRIED_TO = _c(
    r"(?:porter|apporter|reporter|livre|livree|livres|livrees|remis|remise|remises|apporte|apportee|donne|donnee|donnes"
    r"|donnees|gave|given|handed)(?: \S+){0,5}? (?:au|a la|du|in|at) (?P<v>\d{1,2})"
)
# Any of the queue still to serve or waiting, whoever is asked: "on en a-tu encore à servir dans le stationnement?",
# "en reste-tu à servir dehors?", "y en a tu encore qui attendent?", "we got any more to serve in the lot?"
_STILL_TO_SERVE = _c(
    r"(?:en|encore|any ?more|anyone|anybody|someone|more|left)(?: \S+){0,3}? (?:a servir|to serve|qui attendent"
    r"|qui attend|still waiting|waiting)"
)
_STAFF_LABEL = _c(r"(?<!order )(?<!commande )(?:# )?(?P<v>[a-z]-?\d{1,2})")
_STAFF_LIST = _c(
    r"list|liste|queue|file|file d attente|who s waiting|who is waiting|whos waiting|waiting|qui attend"
    r"|en attente|pending|ls"
    r"|who s next|whos next|who is next|next|who s (?:out|outside|out there|here|in the lot)|qui est (?:dehors|la|en attente)|anyone (?:in the lot|outside|out there|here)|quelqu un (?:dehors|en attente)"
    r"|y a (?:tu )?quelqu un"
    # How many wait, or whether any do: "how many cars out there rn", "combien de clients dans le stationnement?"
    r"|how many(?: \S+){0,2}? (?:out there|outside|out|waiting|in the lot|here)(?!\S)"
    r"|how many (?:cars|customers|clients|people|orders)(?! for)"
    r"|combien(?: de| d)? (?:\S+ )?(?:dehors|dans le stationnement|au stationnement|qui attendent|en attente"
    r"|clients|chars|autos|voitures|monde|personnes)(?! pour)"
    r"|any (?:cars|customers|clients|orders|people) (?:outside|out there|waiting|in the lot|here)"
    r"|(?:des|de) (?:chars|autos|voitures|clients) (?:dehors|qui attendent|en attente|dans le stationnement)"
    r"|(?:who s|whos|who is) in the lot|what s waiting|whats waiting|c est quoi la (?:file|liste)"
    # Who is left: "who's left?", "qui reste?", "y'en a-tu d'autres?", "il en reste combien?"
    r"|(?:who s|whos|who is|what s|whats|what is|anyone|anybody) left|any ?more(?= \?| \||$)|qui reste"
    r"|(?:il )?(?:en )?reste(?: tu)? (?:combien|du monde|quelqu un|des clients|d autres)|y en a (?:tu |t il )?d autres"
    r"|^d autres(?= \?| \||$)|en reste combien"
    # Any of the queue still to serve: "reste-tu des chars à servir dans le parking?", "any cars left to serve?"
    r"|(?:reste|restent|rest)(?: tu| t il| il)?(?: encore)? (?:des|du|d autres) (?:chars|autos|voitures|clients|monde"
    r"|commandes)|(?:any|more) (?:cars|customers|orders|people)(?: \S+){0,2}? (?:left|to serve|still waiting)"
    # Whether the lot is clear, or anyone still out there: "any more cars out front or is that it", "we clear on
    # curbside or is someone still out there?", "y'a tu encore du monde dehors?", "c'est tu clair dehors?"
    r"|any ?more (?:cars|customers|clients|orders|people|pickups)|(?:someone|somebody|anyone|anybody)(?: \S+){0,2}?"
    r" (?:out there|outside|out front|in the lot|waiting)|(?:we|we re|are we|is (?:the )?(?:lot|curbside|parking|it))"
    r"(?: all)? (?:clear|empty)|(?:c est|cest|c)(?: tu)? (?:clair|vide)(?: \S+){0,2}? (?:dehors|stationnement|parking)"
    r"|(?:encore|still) du monde (?:dehors|dans le stationnement|qui attend)|d autres (?:chars|autos|voitures|clients)"
    r" (?:qui attendent|dehors|en attente)"
)
# A count of goods is no order: "taking the 6 bags of salt", "je sors les 3 caisses de vin", "we need 2 more carts".
_GOODS_COUNT = _c(
    r"\d{1,3} ?(?:kg|kgs|lb|lbs|oz|ml|litres?|liters?|gal|gallons?|pi|ft|pieds|pouces|po)(?!\S)"
    # "quelqu'un peut en descendre 2?", "montez-en 4", "need 2 more from the back", "grab 6 from the shelf"
    r"|(?<!\S)en [a-z]{3,12} \d{1,2}(?!\S)|[a-z]{3,} en \d{1,2}(?!\S)|\d{1,2} (?:more|from the|off the|de plus)(?!\S)"
    r"|\d{1,3} (?:(?:more|extra|big|large|small|gros|grosses|grands?|grandes|petits?|petites|autres|other) )?"
    r"(?:(?:of|de|d) \S|(?!(?:is|was|has|this|thanks|plus|pls|dans|sous|vous|nous|tous|puis|depuis|apres|pres|chez|yes"
    r"|its|his|hers|less|mins|hrs)(?!\S))[a-z]{3,}[sx](?!\S))"
    # "les 2 pho sont remis": a count before what is said of the goods, whatever their plural
    r"|(?<!\S)(?:les|the) \d{1,2} [a-z]{2,}(?= (?:sont|are|were|ont|have|got)(?!\S))"
)
# A first-person action on one order or spot: "m'a prendre la 52318", "I'll run out 88213", "j'charge le bois pour la
# place 5", "loading 2 bags of mulch for spot 6". Only with an order or a spot named.
_STAFF_ACTION = _c(
    r"(?:m a|ma|m as|mas|je vais|j vais|jvais|vais|i ll|ill|i will|gonna|going to|about to|je m en vais)(?: \S+){0,2}? "
    r"(?:prendre|sortir|porter|apporter|amener|charger|aller|run|bring|take|grab|carry|load|walk|do|get|handle|roll"
    r"|haul)|(?:je |j |i m |im )?(?:charge|jcharge|amene|jamene|loading|load|carrying|running|walking|rolling|wheeling"
    r"|hauling)"
)
# Asking a colleague for a hand, with no order or spot: "can someone grab a box from the back". No claim.
_ASKS_COLLEAGUE = _c(
    r"(?:can|could|would|can t|cant) (?:someone|somebody|anyone|anybody|you|u|one of you|y all|yall)"
    r"|(?:quelqu un|qqn|quelquun) (?:peut|pourrait|peux|pourraient)|(?:peux|pouvez|pourrais|pourriez) (?:tu|vous)"
    r"|(?:need|needs) (?:someone|somebody|a hand|help)|besoin (?:de quelqu un|d aide|d un coup de main)"
)
# How many are left, alone ("how many left?", "combien il en reste?"), read before a claim's "ok": "ok how many left
# now?" asks for the list. Left of something else ("how many bags are left in the back?") is not.
_STAFF_HOW_MANY = _c(
    r"(?:how many|combien)(?: \S+){0,3}? (?:left|more|to go|remaining|reste|restent|encore)"
    r"(?= \?| \||$| now| maintenant| la| out there| dehors)"
    r"|(?:il )?en reste(?: tu)? combien|combien (?:il |qu il )?(?:en )?reste"
)
# One saying they are the one who will do it: "c'est moi qui apporte les sacs au P4" (done is "c'est moi qui ai…").
_MINE_TO_DO = _c(r"(?:c est|cest|c) moi qui(?! ai| a| l ai| les ai| avais)")
_STAFF_ORDER = _c(r"(?:# )?(?P<v>[a-z]{0,3}-?\d{1,8}[a-z]?)")
# Time, not an order: "cover the register for 5 min", "back in 10", "je prends ma pause pour 15 minutes".
_STAFF_MINUTES = _c(
    r"(?:(?:for|pour|in|dans|de|about|environ) )?\d{1,3} ?(?:min|mins|minute|minutes|m|h|hr|hrs|hour|hours|heure|heures)"
    r"|(?:for|pour|in|dans) \d{1,2}(?= \?| \||$)"
)
# Away from the pickup for a while, not taking an order: "taking my break", "je prends ma pause", "going on lunch".
_STAFF_AWAY = _c(
    r"(?:taking|take|took|going on|on|prends|prend|pris|je vais|vais|stepping|step)(?: \S+){0,2}? (?:break|pause|lunch|diner"
    r"|dinner|souper|out(?= for))"
)
_STAFF_AWAY_HINTS = frozenset(("break", "pause", "lunch", "diner", "dinner", "souper", "stepping", "step"))


def _staff(raw: str, low: str, words: list[str], language: str, confident: bool) -> Meaning:
    """Staff commands (an owner's too): claim, done, list, plus the compliance keywords."""
    if keyword := _keyword(words):
        return Meaning(keyword, language=language, language_confident=confident)
    vehicle = None
    if span := _vehicle(words):  # "heading out to the silver RAV4", "going out to the 2019 rav4": no order there
        vehicle = _quote(raw, low, *span)
        words = words[: span[0]] + ["_v"] + words[span[1] + 1 :]
    s = " ".join(words)
    spot = order = None
    if (m := _SPOT.search(s)) and (value := _spot_value(m.group("v"))):
        spot = value
        s = _blank(s, m, "_s")
    if (
        spot is None
        and any(w in s for w in ("port", "livr", "remis", "donn", "gave", "given", "hand"))
        and (m := _CARRIED_TO.search(s))
    ):
        spot, s = m.group("v"), f"{s[: m.start('v')]}_s{s[m.end('v') :]}"  # "m'a aller porter ça au 7", "livré à la 9"
    if spot is None and (m := _STAFF_LABEL.search(s)):
        spot = m.group("v").replace("-", "").upper()
        s = _blank(s, m, "_s")
    if (
        "min" in s
        or "h" in words
        or "hr" in s
        or "heure" in s
        or "for" in words
        or "pour" in words
        or "in" in words
        or "dans" in words
    ):
        s = _STAFF_MINUTES.sub("_t", s)
    if not _STAFF_AWAY_HINTS.isdisjoint(words):
        s = _STAFF_AWAY.sub("_a", s)
    if any(c.isdigit() for c in s) and (goods := _GOODS_COUNT.sub("_n", s)) != s:
        s = goods
    if m := _STAFF_ORDER.search(s):
        order = m.group("v").upper()
    if ("many" in words or "combien" in words) and _STAFF_HOW_MANY.search(s):
        intent = "list"
    elif "moi" in words and _MINE_TO_DO.search(s):
        intent = "claim" if order or spot else "other"  # "c'est moi qui apporte … au P4", not "c'est moi qui ferme"
    elif _STAFF_DONE.search(s):
        intent = "done"
    elif _STAFF_CLAIM.search(s) and not (order is None and spot is None and _ASKS_COLLEAGUE.search(s)):
        intent = "claim"
    elif (order or spot) and _STAFF_ACTION.search(s):
        intent = "claim"
    elif _STAFF_LIST.search(s) or ("serv" in s or "attend" in s or "wait" in s) and _STILL_TO_SERVE.search(s):
        intent = "list"
    else:
        intent = "other"
    return Meaning(intent, spot=spot, vehicle=vehicle, order=order, language=language, language_confident=confident)
