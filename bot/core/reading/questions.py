"""A customer's question that no other intent claimed asks for news of their order (reading round 9), whatever its
words ("how close r u on the bird seed", "any chance the snow pants got pulled for me yet", "coudonc, le gâteau
est-tu glacé ou pas encore?", "y'a-tu quelqu'un qui s'occupe des ballots de foin pour Gagnon?"), unless it is about
the store itself, which stays small talk: its hours and days, what it sells or has in stock and for how much, where
it is and where to park, its codes, jobs, deliveries, payment, returns, gift cards, specials and menu, what a dish
holds; leave asked ("can I pay at pickup?", "est-ce que mon mari peut passer?"), and who is writing.

A question is a "?" or a question's form: a verb before its subject ("is my chainsaw sharpened", "did the kitchen
lose my ticket"), "any chance", "how close", "est-ce que", "-tu", "avez-vous", "… or nah", "… yet". A statement, a
thanks ("have a good one") and a bare answer are no question. Tried last, on texts nothing else claimed: the
phrase rules of news.py, shapes.py and nudges.py still read what they read, and this only turns "other" to news.
"""

from __future__ import annotations

import re

from .phrases import _blank, _c
from .vocabulary import _words

# The form of a question, without its "?": a verb before its subject, or a question's opening or ending.
_SUBJECT = (
    r"(?:i|we|u|you|ya|y all|yall|you guys|u guys|it|they|he|she|my|our|your|ur|the|this|that|these|those|_o|anyone|anybody"
    r"|someone|somebody|everything|things)"
)
# Words said before a question: "quick q - is my chainsaw sharpened", "so did the kitchen lose my ticket".
_OPENING = (
    r"(?:(?:quick q|quick question|q|question|so|and|but|hey|hi|hello|yo|um|uh|btw|also|ok|okay|sorry|oh|well|lol"
    r"|just wondering|wondering|random q|real quick)(?: \|)* )*"
)
_QUESTION_FORM = _c(
    rf"(?:^|\| ){_OPENING}(?:is|are|r|did|has|have|was|were|am|will|would|could|can|should|do|does)(?: \S+)?"
    rf" {_SUBJECT}(?!\S)"
    r"|(?:^|\| )(?:any chance|any luck|any word|any idea|how close|how far|how long|hows|how s|how is|how are"
    r"|where are|where r|where s|whats|what s|when|we good|are we good)(?!\S)"
    r"|how (?:we|are we|r we|we re|things|it s|is it|s it|are things|is everything) (?:looking|doing|coming|going)"
    r"|est ce que?|est ce qu|(?:est|sont|a|ont|avance|acheve|c est|ca|as|avez|t as|vais|va|on est|y a|ya|vient"
    r"|s en vient|part|sort|s occupe|occupe|avez vous|aviez vous) tu"
    r"|(?:^|\| )(?:avez|aviez|etes|vous|m avez|m aviez|nous avez|l avez|les avez|a t il|a t elle|est il|est elle)"
    r" vous(?!\S)|(?:est|sont|a|ont) (?:il|elle|ils|elles)(?!\S)"
    r"|(?:(?:or|ou)(?: nah| not| no| pas(?: encore)?| non| what| quoi)?|yet|pas encore)"
    r"(?: (?:lol|lmao|haha|hahaha|pls|please|svp|stp|thx|thanks|merci))*(?= \?| \||$)"
    r"|(?:or|ou) (?:should|do|can|shall|will|would) (?:i|we)|ou (?:je|j|on) (?:devrais|dois|reviens|repasse)"
)
# What a question about the store itself names (beyond news.py's _STORE_TALK, whose days and seasons are left out
# here: "is my chainsaw sharpened or should i come back monday" is news): the store, its hours, goods on its
# shelves, prices, where it is, payment, policies, jobs, deliveries, its menu and what a dish holds.
_STORE_WORDS = _words(
    "store stores shop boutique magasin bakery boulangerie pharmacy pharmacie restaurant resto librairie bookstore "
    "animalerie epicerie grocery succursale branch location website site app online ligne menu parking stationnement "
    "park stationne stationner lot garage entrance entree door porte washroom bathroom washrooms bathrooms toilet "
    "toilets toilettes wifi password code codes open opened opening close closed closing closes ouvert ouverte "
    "ouverts ouvertes ouvre ouvrez ouvrent ferme fermez fermer fermes ferment hours heures horaire heure "
    "sell sells selling sold vendez vendre vend vendent stock inventaire carry carries left reste restant "
    "price prices prix cost costs coute coutent coute much combien cher total owe dois doit special specials "
    "speciaux solde soldes sale sales rabais promo promotion promotions coupon coupons discount points deal deals "
    "gift giftcard giftcards cadeau cadeaux cartes-cadeaux carte-cadeau gift-card card cards carte cartes tip "
    "pourboire hiring hire engagez engagez-vous embauchez emploi emplois job jobs deliver delivers delivery "
    "delivered livrez livrer livraison livraisons ship shipping expediez catering traiteur renovating renovation "
    "renovations renos travaux construction homemade maison gluten vegan vege vegetarien vegetarienne halal "
    "spicy epice epicee piquant allergy allergies allergique allergic nuts noix arachides peanuts peanut lactose "
    "ingredients fresh frais fraiche pay paid payer paye paie payment paiement cash comptant credit debit visa "
    "mastercard interac refund remboursement rembourser exchange echange echanger policy politique return returns "
    "retour retours warranty garantie receipt recu facture event events evenement free gratuit address adresse "
    "located situe situes street rue weather meteo rain pluie pleuvoir neige snowing cold hot warm froid chaud "
    "number numero phone cell email courriel id identite new nouvelle nouveaux busy achalande "
    "size sizes taille tailles grandeur pointure your vos votre line file usually normally typically habitude generalement mondays tuesdays wednesdays "
    "thursdays fridays saturdays sundays reserver reservation reservations book booking charge charged charger bill "
    "nearest closest station gas essence places spots spaces libre libres dairy pork porc beef boeuf viande meat "
    "shellfish soy soya sesame accessible wheelchair fauteuil stroller poussette allowed permitted permis interdit "
    "patio terrasse uber ubereats doordash skip skipthedishes parke parker parquer parque related affiliated "
    "franchise chain"
)
# Asking what the store has or does: "do you have…", "avez-vous…", "vous faites-tu…", "got any…", "any … left".
_STORE_OFFERS = _c(
    r"(?:do|does|did|can|could|would|will|are|r)(?: you| u| ya| y all| yall)(?: guys| all)?(?: still| ever| even)?"
    r" (?:have|has|got|get|sell|carry|do|make|fix|repair|take|accept|offer|stock|deliver|ship|open|close(?! (?:to|on|with|w)(?!\S))|need|want"
    r"|price|keep|tune|sharpen|service|cater|order|bring in|special order)(?!\S)"
    r"(?! (?:my|our|_o|it|them|that|this|those|these|me|us)(?!\S))"  # "did u get my order?" asks for news
    r"|(?:y en a|y en a tu|y en a t il|en avez|en avez vous|en avez tu|vous en avez|en reste t il|en reste tu|il en reste)"
    r"(?!\S)"
    r"|(?:taking|accepting|prenez|acceptez|prennent) (?:\S+ )?(?:orders|commandes)"
    # Who makes or sells it there: "c'est-tu vous autres qui faites les gâteaux de fête?", "is it you guys that sell…"
    r"|(?:vous autres|vous|vs) qui (?:faites|vendez|avez|livrez|reparez|fabriquez|offrez)"
    r"|(?:you guys|y all|yall|you) (?:who|that) (?:make|sell|do|carry|deliver|fix)"
    # A rule for good, not an order: "did you guys ditch the plastic bags for good?"
    r"|for good|pour de bon|anymore|any more|no longer|from now on|dorenavant|desormais"
    # Stock, deals, sizes, a move: "have you got any 20kg bags of salt?", "is the 2 for 1 still on?", "how big is the
    # large pizza?", "did you guys move?"
    r"|(?:got|have|has|carry|carries|sell|sells|stock|stocks)(?: \S+){0,2}? any(?!\S)|\d+ (?:for|pour) \d+|bogo"
    r"|how (?:big|large|small|heavy|tall|wide|spicy|hot|many slices|many people)|c est gros comment"
    r"|(?:did|have) (?:you|u|y all|yall)(?: guys)? (?:move|moved|relocate|relocated)(?= \?| \||$| to)"
    r"|(?:avez vous|vous avez|vous avez tu) demenage"
    r"|(?:^|\| )(?:u|you|ya|y all|yall|you guys|u guys) (?:still )?(?:have|got|sell|carry|do|make|fix|take|accept|deliver"
    r"|ship)(?! (?:my|our|_o|it|them|me|us)(?!\S))"
    r"|(?:is|are) there (?:somewhere|anywhere|someplace|room|space|seating|a place)"
    # The store's people, asked after: "is the owner in today?", "le gérant est-tu là?"
    r"|(?:is|are) (?:the|your|ur) (?:owner|owners|manager|boss|chef|cook|pharmacist|baker|mechanic|tech) (?:in|there"
    r"|around|working|on)|(?:le|la|votre) (?:proprio|proprietaire|gerant|gerante|patron|patronne|pharmacien"
    r"|pharmacienne|boulanger|mecano|mecanicien|chef) (?:est|sont)(?: tu)? (?:la|ici|en dedans|sur place)"
    r"|(?:gonna|going to|supposed to|va|va tu|est suppose) (?:snow|rain|neiger|pleuvoir)"
    r"|(?:^|\| )(?:got|have you got|you got|u got|any)(?: \S+){0,4}? (?:left|in stock|available|today)(?= \?| \||$)"
    r"|(?:^|\| )(?:got|you got|u got|y all got|yall got) any"
    r"|(?:avez|vendez|faites|prenez|acceptez|livrez|reparez|engagez|gardez|ouvrez|fermez|offrez|aviez|faisez"
    r"|fabriquez|recevez|tenez|servez|cherchez)(?<!m avez)(?<!nous avez)(?<!l avez)(?<!les avez)(?: vous| tu)"
    r"(?: encore| toujours)?(?: des| du| de la| de l| d| les| le| la| l| un| une| quelque| en| ca)?(?= \?| \||$| \S+ \?)"
    r"|(?:avez|vendez|faites|prenez|acceptez|livrez|reparez|engagez|gardez|offrez|fabriquez|recevez|tenez|servez|cherchez)"
    r"(?<!m avez)(?<!nous avez)(?<!l avez)(?<!les avez)(?: vous| tu)(?: encore| toujours)? (?:des|du|de la|de l|d|les|le|la"
    r"|l|un|une|quelque|en|ca)(?!\S)"
    r"|vous (?:avez|vendez|faites|prenez|acceptez|livrez|reparez|engagez|gardez|ouvrez|fermez|offrez|tenez"
    r"|servez|recevez|fabriquez)(?: tu)?(?: encore| toujours)? (?:des|du|de la|de l|d|les|un|une|ouverts?|fermes?"
    r"|quelque|en|l|ca|ceux|celui|celle|celles|cela)(?!\S)"
    r"|(?:y a|ya|il y a|y a t il|y a tu|ya tu|est ce qu il y a)(?: encore| toujours)? (?:des|du|de la|de l|d|un|une"
    r"|quelque|une place|de la place|assez)(?!\S)(?! (?:nouveau|nouvelles|news|developpement|probleme|problemes"
    r"|souci|soucis|bogue|bug|retard|delai|pepin|erreur)(?!\S))"
    r"|(?:is|are) there (?:a|an|any|some)(?!\S)|(?:if|whether|si) (?:you|u|y all|vous) (?:still )?(?:have|has|got|sell"
    r"|carry|avez|vendez|faites|tenez)(?!\S)"
)
# Leave, what one may do, or who is writing: "can I pay at pickup?", "est-ce que mon mari peut passer?", "who is
# this?", "c'est correct?".
_LEAVE_OR_WHO = _c(
    r"(?:^|\| )(?:can|could|may|should|shall|must|do|does|how do|how does|how can|how much|how many|where do|where can"
    r"|where should|what does|what do|which|who|whom|pouvez|peux|peut|puis|je peux|on peut|combien|comment|ou)(?!\S)"
    r"|(?:est ce que|est ce qu) (?:je|j|on|mon|ma|mes|il|elle|vous|ma \S+|mon \S+) (?:peux|peut|pouvez|dois|doit"
    r"|faut|\S+ peut|\S+ peuvent)"
    r"|(?:peut|peux|peuvent|pouvez)(?: tu| vous| il| elle| on| je)?(?: \S+)? (?:passer|venir|chercher|ramasser|payer"
    r"|prendre|aller)"
    r"|(?:c est|est ce|ca est|c)(?: tu)? (?:correct|ok|okay|possible|permis|grave|qui|quoi ce)"
    r"|(?:is|would|will) (?:that|it|this) (?:be )?(?:ok|okay|alright|all right|fine|possible|allowed|a problem|an issue)"
    r"|(?:that|it s|its) (?:ok|okay|fine|alright)(?= \?)|is it ok|is it okay|is it possible|(?:^|\| )if (?:i|we)"
    # Something left or lost there: "ma blonde a oublié son foulard hier, vous l'avez-tu?", "i left my gloves there"
    r"|(?:i|we|she|he|they) (?:forgot|left|lost|dropped)|(?:j ai|jai|on a|a|ont) (?:oublie|oubliee|oublies|perdu|perdue"
    r"|laisse|laissee|echappe|echappee)"
    # What a thing is, not how the customer's own is coming: "c'est quoi la suite?", "what's the wifi password?"
    r"|(?:^|\| )(?:c est quoi|what is|what s|whats|qu est ce que c est|c quoi)(?!(?: \S+){0,3} (?:my|our|mon|ma|mes|_o)(?!\S))"
    r"|instead|a la place|plutot|what (?:size|seize|sizes|color|colour|colors|colours)|quelle (?:taille|grandeur|couleur)|what time|quelle heure|qui parle|qui est ce|c est qui|who s this"
    r"|(?:^|\| )(?:which|quel|quelle|quels|quelles|faut il|faut tu)(?!\S)"
    r"|(?:^|\| )where(?: exactly| abouts)? (?:is|are|s|do|can|should)(?! (?:my|our|_o|it|things|we)(?!\S))"
    r"|(?:est ce que|est ce qu)(?: \S+){1,3} (?:peux|peut|peuvent|pouvez|pourrait|pourriez|dois|doit)(?!\S)"
    r"|liste d attente|waitlist|wait list|waiting list|(?:come|comes|coming|vient|viennent)(?: tu)? (?:with|avec)"
    r"|any good|(?:of|du) (?:the day|jour)|daily special|today s special"
    r"|(?:assez|enough|trop|too) \S+|\S+ enough|good for|keeps?|lasts?|stay fresh|se (?:garde|conserve)|conserver"
    r"|\S+ (?:ok|okay|allowed|fine)(?: parked| sitting| staying| left| there)? (?:in|at|here|there|to|if|for)(?!\S)"
)
# A question said of the customer's own thing of no order: "is my number on your list?", "my receipt?".
_NOT_AN_ORDER = _words(
    "number numero card carte account compte email courriel receipt recu id points password code "
    "membership abonnement address adresse name nom"
)


_OWNED = re.compile(r"(?:^| )(?:my|our|mon|ma|mes|notre|nos) (\S+)(?: (?:de|d|of|a|au|pour|for) (\S+))?")


def _owned(s: str) -> set[str]:
    """The words said right after a possessive: the customer's own, whatever else they could name."""
    return {w for m in _OWNED.finditer(s) for w in m.groups() if w}  # "ma liste d'épicerie" too


# "close" said as near, not as closing: "are the wings close?", "getting close", "close to done".
_NEAR = _c(r"(?:are|is|r|s|getting|almost|pretty|so|that|be|been|get|u|you|we) close|close (?:to|on|with|w)")
# The store named as a place, or its people as "your", which may be at work on the customer's own goods: "did the
# pharmacy get my prescription?", "did your guy finish my bike?".
_PLACES = _words(
    "store stores shop boutique magasin bakery boulangerie pharmacy pharmacie restaurant resto librairie bookstore "
    "animalerie epicerie grocery succursale branch location your vos votre"
)
# Something lost, asked after: "j'ai échappé mes clés dans le stationnement, quelqu'un les a trouvées?", "dropped my
# glove in your lot, anyone find it?". Its place words ("dans le stationnement") say where the thing is, no arrival.
_LOST = _c(
    r"(?:i|we|j ai|jai|on a|ma \S+ a|my \S+) (?:dropped|lost|left|forgot|echappe|echappee|perdu|perdue|oublie|oubliee)"
)
_FOUND = _words("found find finds trouve trouvee trouves trouvees trouver seen vu vue vus")


def lost_something(s: str, words: frozenset[str]) -> bool:
    """Whether the text asks after something the customer lost or left there (a question, with a "found" word)."""
    return not _FOUND.isdisjoint(words) and _LOST.search(s) is not None and is_question(s, words)


def is_question(s: str, words: frozenset[str]) -> bool:
    """Whether `s` asks something: a "?", or a question's form in either language."""
    return "?" in words or _QUESTION_FORM.search(s) is not None


# Asked to be told, or how much longer: "could you tell me whether it has been wrapped?", "how much longer on the
# pizzas?", "can it be fixed today?": what the order's news is, whatever else the words say of the store.
_TELL_ME = _c(
    r"(?:could|can|would|will) (?:you|u|someone|somebody|anyone) (?:please |kindly |pls )?(?:tell|let|update|confirm"
    r"|check|look)|(?:pouvez|pourriez|peux|pourrais) (?:vous|tu) (?:me |nous )?(?:dire|confirmer|informer|verifier)"
    r"|how much (?:longer|more time)|combien de temps|(?:can|could|will) (?:it|they|that|those|this) be"
    r"|(?:do|does) (?:you|u|anyone|anybody|someone|somebody) know|savez vous|sauriez vous|(?:tu|vous) (?:sais|savez) tu"
)


def asks_about_the_store(s: str, words: frozenset[str]) -> bool:
    """Whether a question is about the store itself, or asks leave or who writes: small talk, not news."""
    if told := _TELL_ME.search(s):
        s = _blank(s, told, "_q")  # its "can you", "how much" ask no leave and no price
        words = words - {"much", "combien"}
    talk = _STORE_WORDS.intersection(words)
    if talk:
        talk -= _owned(s) - _NOT_AN_ORDER  # "mon épicerie" is the customer's groceries, "my cell" still no order
        if "close" in talk and (_NEAR.search(s) or s.startswith("how close ")):
            talk -= {"close"}  # "any chance the wings are close?", "close to done", not "do you close at 9?"
        if not talk.isdisjoint(_PLACES) and _owned(s) - _NOT_AN_ORDER:
            talk -= _PLACES  # "did the pharmacy get my prescription?", "did your guy finish my bike?": at work on it
        if "dois" in talk and "je dois" not in s:
            talk -= {"dois"}
        if talk:
            return True
    return _STORE_OFFERS.search(s) is not None or _LEAVE_OR_WHO.search(s) is not None


def asks_for_news(s: str, words: frozenset[str]) -> bool:
    """Whether a customer's text nothing else claimed is a question about their order rather than the store."""
    return is_question(s, words) and not asks_about_the_store(s, words)
