"""Intents read by the shape of a text rather than by one key word (reading round 7).

- Help: a question word (what, how, quoi, comment, qu'est-ce) and a verb of doing, needing or sending, with a clause
  saying when the customer arrives ("when i pull in", "quand j'arrive", "en arrivant", "pour le ramassage"), in any
  wording: "new to this, what info do u need from me when i pull in?", "je fais quoi quand j'arrive devant?",
  "qu'est-ce qu'il faut que j'envoie pour le ramassage?". Not when the verb has goods as its object ("what do I do
  with the old tires when I get there").
- News: nothing heard yet ("still nothing??", "toujours rien?"), whatever follows (a time waited is no ETA); where
  the customer's order stands or how close it is ("where does my lumber order stand", "how close is the paint to
  being mixed"); the customer in the store's system ("am I in the system or did I fall off"); whether they may come
  for it yet ("r we good to come get the brie or is it not in yet"); someone having forgotten their goods ("did
  someone forget about the skis??").
- Arrival by a place: "by / near / next to / à côté de" + the + any thing, with a car named ("by the propane cage,
  green Subaru Crosstrek"): no list of landmarks needed when the car is there.
"""

from __future__ import annotations

from .news import store_question
from .phrases import _c
from .vocabulary import _words

_ASK = (
    r"(?:what|whats|what s|how|quoi|comment|qu est ce|quest ce|kesse|quel|quelle|quels|quelles|is there|y a tu|y a t il"
    r"|(?:do|should|must) (?:i|we)|faut|dois je|je dois|j dois|supposed to|gotta)"
)
_ON_ARRIVING = (
    r"(?:(?:when|once|after|as soon as|if) (?:i|we|i m|im|we re|i am|we are)(?: \S+){0,2}? (?:arrive|arrived|get|pull|pick|come"
    r"|show|park|here|there|outside|in the lot|at the)"
    r"|(?:quand|lorsque|une fois que|une fois qu|des que|si) (?:je|j|on|chu|chui|jsuis|je suis|j suis)(?: \S+){0,2}?"
    r" (?:arrive|arrivee?|rendu|rendue|la|dehors|stationne|stationnee|devant|sur place|serai|serons|sera)"
    r"|en arrivant|a mon arrivee|une fois (?:rendu|rendue|arrive|arrivee|sur place|dans le stationnement|la)"
    r"|(?:pour|for) (?:le|la|the) (?:ramassage|cueillette|pickup|pick up|collecte))(?!\S)"
)
_WHAT_ON_ARRIVING = _c(rf"{_ASK}(?: [^|?]+?)? {_ON_ARRIVING}|{_ON_ARRIVING}(?: [^|?]+?)? (?:what|quoi|comment)")
_TO_DO = _words(
    "do does need needs want send text write say type reply tell work works give provide info information "
    "fais fait faire envoie envoyer envoye ecris ecrire ecrive texte texter jtexte jenvoie jecris dis dire dise "
    "marche fonctionne dois doit faut"
)
_GOODS_OBJECT = _c(
    r"(?:do|does|fais|faire|fait) (?:\S+ )?(?:with|avec)|pay|payer|paie|what time|quelle heure|hours|heures"
)
_ARRIVING_HINTS = _words(
    "when once after soon if quand lorsque des si arrivant arrivee ramassage cueillette pickup pick collecte fois"
)


def asks_what_on_arriving(s: str, words: frozenset[str]) -> bool:
    """Whether `s` asks what to do, send or give on arriving (help), in any wording."""
    if _ARRIVING_HINTS.isdisjoint(words) or _TO_DO.isdisjoint(words):
        return False
    m = _WHAT_ON_ARRIVING.search(s)
    return m is not None and not _TO_DO.isdisjoint(s[: m.end()].split()) and _GOODS_OBJECT.search(s) is None


# Nothing heard yet, at the start of a clause: "still nothing?? 25 min on the clock", "toujours rien?".
_NOTHING_YET = _c(
    r"(?:^|\| )(?:still|toujours|encore|tjrs|tjs) (?:nothing|rien|no news|no word|pas de nouvelles)"
    r"|(?:^|\| )(?:nothing|rien|no news|no word) (?:yet|encore|still|toujours)"
)
_NOTHING_HINTS = _words("nothing rien news word")


def nothing_yet(s: str, words: frozenset[str]) -> bool:
    return not _NOTHING_HINTS.isdisjoint(words) and _NOTHING_YET.search(s) is not None


_OWN = r"(?:my|our|the|mon|ma|mes|notre|nos|la|le|les|_o|things|it|we)"
# The order's standing, the customer's place in the system, coming for it yet, the goods forgotten.
_NEWS_SHAPES = _c(
    rf"where (?:does|do|is|are|r) {_OWN}(?: \S+){{0,3}}? (?:stand|standing)(?= \?| \||$| with| on)"
    rf"|how close (?:is|are|r) {_OWN}(?: \S+){{0,3}}? (?:to|from) (?:being|be|done|ready|finished|complete|getting)|how (?:long|much longer) (?:till|until|before) {_OWN}"
    r"|(?:am|are|r) (?:i|we)(?: still)? (?:in|on) (?:the|your|ur) (?:system|list|computer|books)"
    r"|(?:suis|sommes|est|on est)(?: tu| je| nous)?(?: encore| toujours)? (?:dans|sur) (?:le|la|votre) (?:systeme|liste"
    r"|ordi|ordinateur)(?! d attente)|(?:did|have) (?:i|we) (?:fall|fell|fallen|drop|dropped) off"
    r"|(?:am|are|r) (?:i|we|u) (?:good|ok|okay|set|clear|alright) to (?:come|swing|pick|grab|get|head|stop|pop)"
    r"(?: \S+){0,6}? (?:or|ou)(?: \S+){0,3}? (?:not|pas)"
    r"|(?:did|has|have) (?:someone|somebody|anyone|anybody|everyone|everybody|y all|you guys|ya)"
    rf" (?:forget|forgot|forgotten)(?: about)? {_OWN}"
    # The goods' way or arrival, blanked by goods_where: "is the recliner actually coming today", "elle est-tu arrivée"
    r"|(?:is|are|r) (?:my|our|the|_o)(?: \S+){1,3}? (?:actually |really |still |even )?_g"
    r"|(?:il|elle|ils|elles) (?:est|sont) tu (?:deja )?_g"
    # Set aside: "quelqu'un l'a-tu mise de côté pour moi?", "has it been set aside yet?"
    r"|(?:quelqu un|quelquun|qqn|someone|somebody|anyone|you|vous|y all)(?: l a| la| les a| l avez| les avez)?(?: tu)?"
    r" (?:mis|mise|mises|set|put|put it|set it) (?:de cote|aside)|(?:been|be|was|were|get|got) (?:set|put) aside"
    r"|(?:est|sont)(?: tu)? (?:mis|mise|mises) de cote"
    rf"|(?:are|r) (?:we|u|you) (?:close|near|getting close) (?:on|with) {_OWN}"
    # A time since ordering or waiting, with no trip: "25 min in and nobody's said a word", "commandé y'a une heure"
    r"|(?:^|\| |\? )\S+ (?:min|mins|minutes|hr|hrs|hour|hours) in(?= and| \||$| \?| nobody| still)"
    r"|(?:commande|commandee|commandes|ordered)(?: \S+){0,4}? (?:y a|ya) \S+(?: \S+)? (?:heure|heures|h|min|mins"
    r"|minutes)(?!\S)"
)
_NEWS_HINTS = _words(
    "stand standing close long longer system systeme list liste computer ordi ordinateur books "
    "off good ok okay set clear alright forget forgot forgotten arriving coming showing arrive arrivee arrives "
    "arrivees cote aside near min mins minutes hr hrs hour hours commande commandee commandes"
)


def news_by_shape(s: str, words: frozenset[str]) -> bool:
    """Whether `s` asks for news of the order by one of the shapes above, whatever its verb."""
    return (
        not _NEWS_HINTS.isdisjoint(words)
        and _NEWS_SHAPES.search(s) is not None
        and not store_question(s, words - {"close"})
    )


# Placed by a thing, with a car named: "I'm by the propane cage, green Subaru Crosstrek", "near the garden centre".
_BY_A_THING = _c(
    r"(?:^|\| |i m |im |i am |we re |je suis |j suis |jsuis |chu |chui |on est |parked |parque |parquee |stationne "
    r"|stationnee )(?:right |juste )?(?:by|near|next to|beside|behind|across from|a cote|pres|proche|derriere"
    r"|en face)(?: of| de| du| des| d)? (?:the|la|le|l|les|du|de la|des|your|votre|vos) \S+"
)
_BY_HINTS = _words("by near next beside behind across cote pres proche derriere face")


def placed_by_a_thing(s: str, words: frozenset[str]) -> bool:
    return not _BY_HINTS.isdisjoint(words) and _BY_A_THING.search(s) is not None


# Someone else placed here for the customer: "ma fille vient d'arriver pour mon épicerie, elle est au 5 dans la
# Civic", "my wife just pulled in, she's in spot 3". A person of theirs named, then he/she/they placed.
_THEY_PLACED = _c(
    r"(?:il|elle|ils|elles|he|she|they|he s|she s|they re|hes|shes|theyre) (?:est |sont |is |are )?(?:deja |already "
    r"|right )?(?:au|a la|dans le stationnement|dans le parking|in spot|at spot|in the lot|outside|dehors|devant"
    r"|out front|here|rendu|rendue|arrive|arrivee|parked|stationne|stationnee|_s)(?!\S)"
)
_THEIR_PEOPLE = _words(
    "fille fils chum blonde mari femme gars mere pere soeur frere ami amie conjoint conjointe wife husband son "
    "daughter mom dad mother father sister brother friend boyfriend girlfriend partner"
)


def someone_placed(s: str, words: frozenset[str]) -> bool:
    return not _THEIR_PEOPLE.isdisjoint(words) and _THEY_PLACED.search(s) is not None
