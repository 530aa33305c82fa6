"""A waiting customer's nudges that need more than one phrase list: someone asked for (anyone there, reading,
bringing it out, handling pickup), feeling forgotten, time already waited, and whether the order has come in.
Kept apart from intents.py, which holds the phrases of each intent, so that each module stays readable."""

from __future__ import annotations

import re

from .numbers import _NUMWORD_PHRASE
from .phrases import _c
from .vocabulary import _words

# Someone at the store: "anyone", "quelqu'un", "du monde".
_ANYONE = r"(?:anyone|anybody|any one|someone|somebody|quelqu un|du monde)"
# ...or a staff member, by what they are: "an employee", "le staff", "un commis".
_STAFF_MEMBER = (
    r"(?:(?:an?|any|the|un|une|le|la|les|vos|your|qu un) (?:employee|employe|employee|staff|staff member|commis|worker"
    r"|preposee?|associate|clerk|cashier|caissiere?|vendeur|vendeuse)s?)"
)
_SOMEONE = rf"(?:{_ANYONE}|{_STAFF_MEMBER})"
# Time already waited, said as a complaint by someone not on the road: "hello?? 15 min now", "20 minutes déjà"
_TIME_WAITED = _c(
    # ...or the time still to wait, asked: "so are we talking 5 more min or like an hour", "on parle-tu de 10 minutes?"
    r"(?:are we|r we|we|are we looking at|we looking at|r we looking at|on parle|on parle tu|on parle tu de|on parle de)"
    r" (?:talking |looking at )?(?:like |about |maybe |genre |environ )?(?:\d{1,3}|an?|one|half an?)"
    r" (?:more |de plus |autres )?(?:min|mins|minutes|hour|hours|hr|hrs|heure|heures)(?!\S)|"
    r"(?:\d{1,3}|an?|one|half an?) ?(?:min|mins|minutes|hour|hours|hr|hrs|h|heure|heures)"
    r" (?:now|already|deja|and counting|so far|pis rien|and nothing|and still|of waiting|of wait|wait so far"
    r"|waiting so far|d attente"
    # Spent standing or sitting there: "25 min standing around", "15 min à attendre debout", "half an hour sitting here"
    r"|(?:standing|sitting|sittin|stuck|waiting|hanging) (?:around|here|there|out here|outside|in the lot|in my car"
    r"|in the car|at the curb)|(?:a|d) (?:attendre|niaiser|poireauter)|debout|plante|plantee|a poireauter)"
)
# Whether the order has come in: "Is my wine order in yet?", "ma commande est-tu arrivée?" — a question about the
# order, not the customer's arrival (its "here", "arrivée" are blanked before arrival is read). A person is not an
# order: "ma fille est arrivée" still says who is here.
_PEOPLE = (
    r"(?!(?:wife|husband|son|daughter|friend|mom|dad|mother|father|partner|boyfriend|girlfriend|brother|sister|ride"
    r"|driver|fille|fils|femme|mari|chum|blonde|mere|pere|ami|amie|soeur|frere|conjoint|conjointe|voisin|voisine"
    r"|gars|copain|copine|owner|manager|boss|chef|cook|pharmacist|proprio|gerant|gerante|patron|patronne|pharmacien"
    r"|pharmacienne)(?!\S))"
)
_CAME_IN = _c(
    rf"(?:is|are|has|have|did) (?:my|the|our|_o)(?= {_PEOPLE}\S)(?: \S+){{0,3}}? (?:in|here|there|arrived|come in|came in"
    r"|gotten in|got in|arrive|come)(?= yet| already| \?| \||$| or)"
    rf"|(?:ma|mon|mes|la|le|les|notre|nos|_o) {_PEOPLE}(?:\S+ ){{0,3}}?(?:est|sont|a|ont)(?: tu| elle| il| ils| elles)?"
    r"(?: (?:deja|bien|enfin|ete))? (?:arrivee|arrive|arrives|rentree?s?|entree?s?|rendue?s?|la|ici)"
    # ...or come in to where it is picked up: "mes livres sont-tu arrivés au comptoir?"
    r"(?: (?:au|a la|en|dans le) (?:comptoir|magasin|caisse|succursale|pharmacie|librairie|boutique))?"
    r"(?= \?| \||$| ou| deja)"
)
# What goes on inside the store, asked by someone outside it: "ca niaise en dedans?", "vous êtes débordés à l'intérieur?",
# "what's taking so long in there?". The inside is the store's, not where the customer is: no arrival at the door. A
# customer who says they are inside ("chu en dedans", "we're inside") names no other subject and is not read so.
_NOT_ME = r"(?!(?:je|j|chu|chui|jsuis|suis|sommes|i|im|m|me|moi|we|re|nous|est|\|)(?!\S))"
_THEIR_INSIDE = _c(
    r"(?:ca|c est|vous|they|it|is it|what s|whats|what is|what are|anything|qu est ce qui|qu est ce qu ils|y a|ya"
    r"|il y a|ils|y|du monde|what s going on|whats going on|what is going on|you|you guys|u guys|they re|you re"
    r"|anybody|anyone|somebody|someone|quelqu un)"
    rf"(?: {_NOT_ME}\S+){{0,5}}? (?:en dedans|a l interieur|inside|in there|in the (?:store|shop|back)|dans le magasin"
    r"|au magasin|dans l magasin|(?:back there|en arriere|dans le fond)(?= \?| \||$| (?:ou|or) ))"
)
_INSIDE_HINTS = _words("dedans interieur inside there store shop back magasin arriere fond")
# Every _CAME_IN phrasing holds one of these verbs: most texts ("here spot 4", "omw 10") skip the pattern.
_CAME_IN_VERBS = _words("is are has have did est sont a ont")
_CAME_IN_ENDS = _words(
    "in here there arrived come came arrive arrivee arrives rentre rentree rentrees rentres entree entrees la ici rendu "
    "rendue rendus rendues"
)


# Asking whether anyone is there, reading, or bringing the order out: a waiting customer's nudge. Its words
# ("anyone in the store?", "quelqu'un en dedans?") are blanked before arrival and door are read, since they say
# where staff are, not the customer; an arrival said beside it still wins ("here spot 4, anyone in there?").
def _asks_for(_SOMEONE: str) -> re.Pattern[str]:
    """Asking whether `_SOMEONE` (anyone, or a staff member) is there, reads, or brings the order out."""
    return _c(
        # Whether anyone is there at all: "anyone in there?", "is anybody working", "y'a-tu quelqu'un en dedans?"
        rf"{_SOMEONE}(?: (?:even|actually|still|tu|at all))? (?:in there|in here|inside|in the (?:store|shop|building|back)"
        r"|around|working|awake|home|available|on shift|at the (?:store|shop|desk|counter)|en dedans|a l interieur"
        r"|au magasin|dans le magasin|est la|qui travaille|qui (?:peut|pourrait) (?:sortir|venir|m aider))"
        rf"|(?:is there|are there|y a|y a tu|ya|ya tu|il y a|est ce qu il y a) (?:{_SOMEONE}|personne)"
        r"(?: en dedans| a l interieur| au magasin| inside| in there| in the store| at the store)?(?= \?| \||$)"
        # Whether anyone reads or answers: "y'a-tu quelqu'un qui lit ça??", "is anyone reading these?"
        rf"|(?:{_SOMEONE}|personne|nobody|no one|noone)(?: (?:qui|tu|pas|ne|me|m|nous|is|even|actually|ever|a|has|have))*"
        r" (?:read|reads|reading|see|sees|seeing|seen|check|checks|checking|answer|answers|answering|reply|replying|respond"
        r"|responding|getting|receiving|lit|lis|voit|repond|recoit|regarde|checke|vu|lu|recu)"
        rf"|(?:(?:is|are|r|do|does|did) (?:{_SOMEONE}|you|u|y all|yall)|can {_SOMEONE})(?: guys| all)?(?: even| actually| ever)?"
        r" (?:read|reading|see|seeing|check|checking|answer|answering|reply|replying|respond|responding)"
        r"(?! (?:you|u|ya|it|that|this) (?:soon|later|then|there|right|done|ready))"
        r"|(?:did|do|are|r|have) (?:you|u|y all|yall)(?: guys)? (?:get|got|gotten|getting|receive|received|receiving|see|seen)"
        r" (?:my|me|this|these|the) (?:texts?|messages?|msgs?|sms|textos?)"
        r"|vous (?:(?:me|m|pas|tu) )*(?:lisez|repondez|recevez|voyez|regardez|checkez)"
        r"|(?:^|\| |\? )(?:please |pls |plz |svp |stp )?(?:answer|reply|respond|repondez|reponds)(?: (?:me|moi|please|pls|plz|svp|stp))*"
        r"(?= \?| \||$)"
        # Whether it is being brought out: "r u guys still bringing my soil out or", "vous me l'apportez-tu?"
        rf"|(?:are|r|you|u|is {_SOMEONE}|(?:can|could|will) {_SOMEONE})(?: (?:you|u|ya|y all|yall|guys|all|still|gonna|going to|actually))*"
        r" (?:bringing|bring|getting|grabbing|sending)(?! (?:you|u|ya|a|an) )"
        r"|is (?:my order|it|the order|_o|my stuff|my food|everything) (?:\S+ )?(?:coming|gonna come|going to come) out"
        r"|still bringing|vous (?:(?:me|m|nous|l|la|le|les|allez|tu|pas|venir|bientot|finir|par) )*(?:apportez|amenez|sortez|apporter"
        r"|amener|sortir|porter)"
        rf"|{_SOMEONE} (?:qui )?(?:va |vont |peut |pourrait )?(?:finir par )?(?:me |m )?(?:l |la |le |les )?(?:apporter|amener"
        r"|sortir|porter)"
        r"|(?:ca|ma commande|la commande|_o|mes \S+|mon \S+) sort(?: tu| bientot| quand)"
    )


_ASKS_FOR_SOMEONE = _asks_for(_ANYONE)
# Asked of a staff member by what they are ("est-ce qu'il y a un employé qui lit les messages?"): only texts holding
# one of _STAFF_WORDS try it, since its articles ("the", "la", "un") start a try at most words.
_ASKS_FOR_STAFF = _asks_for(_STAFF_MEMBER)
_STAFF_WORDS = _words(
    "employee employe employees employes staff commis worker workers clerk associate cashier caissier caissiere "
    "vendeur vendeuse prepose preposee"
)
# The words every _ASKS_FOR_SOMEONE phrasing holds one of: most texts skip the pattern.
_SOMEONE_HINTS = _words(
    "anyone anybody any someone somebody quelqu monde personne nobody noone you u vous answer reply respond "
    "repondez reponds still coming sort bringing bring getting"
)
# Feeling forgotten ("did u forget me", "on m'a oubliée?", "vous m'oubliez pas là?"): a status question, even
# where "pas là" would otherwise read as not there yet. "forgot my wallet" is not one.
_FORGOTTEN = _c(
    r"(?:forgot|forget|forgotten|forgetting) (?:me|us|about (?:me|us|my order)|my order(?! number| no| num| #))"
    r"|(?:am i|i m|im|i am|we re|are we) forgotten"
    r"|(?:did|have|had) (?:you|u|ya|y all|you all)(?: guys| all)? (?:forget|forgot|forgotten|forgetting)(?! to)"
    r"|(?:m|nous|on m a|vous m avez|m avez|vous m)(?: (?:tu|pas|vous|pu|toujours))* oubli\w*"
    # Let down or dropped, in other words: "m'avez-vous laissée tomber?", "did you guys ditch me", "vous m'avez lâché?"
    r"|(?:m|nous|on m a|vous m avez|m avez|vous m|on nous a|vous nous avez)(?: (?:tu|pas|vous|pu|toujours))*"
    r" (?:laisse|laissee|laisses|laissees) (?:tomber|en plan|de cote)"
    r"|(?:ditch|ditched|ditching|abandoned|abandon) (?:me|us)"
    r"|(?<!j ai )(?<!jai )(?<!j )oubli\w* (?:ma commande|mes commandes|moi|nous)"  # not "j'ai oublié ma commande chez nous"
    # Oneself forgotten, in any tense: "j'me suis-tu fait oublier?", "did I get forgotten", "have we been forgotten"
    r"|(?:me|m|nous|on) (?:suis|sommes|est|s est)(?: \S+){0,2}? oubli\w*"
    r"|(?:i|we)(?: \S+){0,2}? (?:got|get|been|gotten) (?:forgotten|forgot)"
    r"|(?:ma commande|_o|mes \S+) (?:a|a tu|est|est tu)(?: tu)? (?:ete )?oubli\w*"
    # "you guys forgot my groceries?", "vous avez-tu oublié mes plantes?": the shop forgetting what is theirs
    r"|(?:you|u|ya|y all|yall|guys|you all)(?: guys| all)? (?:forgot|forget|forgotten) (?:my|our)"
    r"|(?:vous|vs|on)(?: m| nous)?(?: avez| a)?(?: vous| tu)? oubli\w* (?:ma|mes|mon|nos|notre|la|le|les)"
)

# More ways of asking for news, each with the words it needs: most texts hold none of them and skip its pattern.
_MORE_STATUS = tuple(
    (_words(hints), _c(pattern))
    for hints, pattern in (
        # Whether anyone handles pickup now: "ya tu quelqu'un qui s'occupe du curbside ce soir?", "who's on curbside?"
        (
            "curbside curb pickup pickups pick pick-up pick-ups ramassage ramassages cueillette cueillettes auto "
            "exterieur",
            r"(?:(?:^|\| |\? )(?:c est qui(?: qui)?|qui(?: est ce qui)?|who(?: s| is)?|whos)"
            rf"|{_SOMEONE}(?: (?:qui|tu|is|even|still))*)"
            r" (?:handling|doing|on|working|running|covering|manning|in charge of|s occupe|occupe|fait"
            r"|de service (?:pour|au|sur)|au|sur)(?: (?:de|du|des|le|la|les|the|of|l))? (?:curbside|curb side|pickups?"
            r"|pick ups?|pick-ups?|ramassages?|cueillettes?|commandes? a l (?:auto|exterieur))",
        ),
        # Whether to wait or come back later: "should I come back later", "j'attends ou je reviens?"
        (
            "should do shall devrais dois devrait faut ou",
            r"(?:(?:should|do|shall) (?:i|we)|(?:i|we) should) (?:just )?(?:come back|wait|return|stay)"
            r"(?= \?| \||$| or| later| here| until)"
            r"|(?:devrais|dois|devrait|faut)(?: je| tu| que je| qu on| on)? (?:revenir|attendre|repasser|rester)"
            r"|(?:j attends|j attend|je reviens|je repasse|je reste)(?: \S+){0,2}? ou (?:je|j|c est)",
        ),
        # Still in line, or where in it: "still in the queue? order 6127", "où je suis rendu dans la file?"
        (
            "queue line list waitlist file liste queued",
            r"(?:still|encore|toujours) (?:in|on|dans) (?:the |la |le |my |ma )?(?:queue|line|list|waitlist|file|liste)"
            r"|still queued|(?:where|ou)(?: \S+){0,3}? (?:in|dans) (?:the |la |le )?(?:queue|line|file|liste)",
        ),
        # Who is next, or how many are ahead: "am I next?", "y'a combien de monde avant moi?"
        (
            "next prochaine prochain ahead avant devant before",
            r"(?:am i|are we|is it me|is my order|suis je|je suis tu|c est tu moi|est ce que je suis) (?:the )?"
            r"(?:next|la prochaine|le prochain|prochaine?)"
            r"|(?:how many|combien)(?: \S+){0,4}? (?:ahead of|before|avant|devant) (?:me|moi|us|nous)",
        ),
        # A staff member asked for by what they are: "un employé va sortir?", "is a staff member coming out?"
        (
            "employee employe employees employes staff commis worker workers clerk associate cashier caissier "
            "caissiere vendeur vendeuse prepose preposee their",
            rf"{_SOMEONE}(?: (?:gonna|going to|will|ever|even|actually|eventually))* (?:coming|bringing|bring|come"
            r"|out there)"
            rf"|{_SOMEONE} (?:qui )?(?:vient|s en vient|arrive|sort|(?:va|vont|peut|pourrait|pourriez)(?: finir par)?"
            r" (?:venir|sortir|arriver|m aider))"
            rf"|{_SOMEONE}(?: \S+){{0,2}}? on (?:their|his|her|the) way(?: out)?",
        ),
        # Whether something is wrong in other words, or what they were told: "is everything ok with my order?", "on
        # m'avait dit 15 minutes...", "it said 20 min, it's been 35"
        (
            "everything all tout something anything said told dit been",
            r"(?:everything|all|tout) (?:ok|okay|good|alright|fine|correct|beau) (?:with|avec) (?:my|the|ma|mon|la|_o)"
            r"|(?:something|anything) (?:happen|happened|wrong|up) (?:with|to) (?:my|the|_o)"
            r"|(?:(?:it|you|u|they|he|she|text|texto|email|app|site|guy|lady|girl|man|woman) said|told (?:me|us)"
            r"|(?:m |nous )?(?:a|avait|ont|avaient|avez|aviez) dit)"
            rf"(?: \S+){{0,2}}? (?:\d{{1,3}}|{_NUMWORD_PHRASE}) ?(?:min|mins|minutes)(?!\S)|it s been \d{{1,3}}(?!\S)",
        ),
        # What is going on, a while gone by, a holdup, someone awaited: "kossé qui se passe avec ma commande",
        # "um hello? been a while", "is there a holdup?", "waiting for someone to come out"
        (
            "passe happening going been holdup hold hold-up delay delays delai delais waiting attends attend problem "
            "probleme issue souci",
            r"(?:qu est ce qui|qu est ce qu il|qu est ce qu|what s|whats|what is) (?:se passe|s passe|happening|going on)"
            r"(?= \?| \||$| (?:with|avec|w) (?:my|the|ma|mon|mes|_o|it|ca)(?!\S)| (?:here|in there|la)(?!\S))"
            r"|(?:^|\| |\? )been (?:a while|a bit|ages|forever|so long|a long time|a minute)(?= \?| \||$)"
            r"|(?:is there|are there|any|y a tu|y a t il|y a|ya tu|ya) (?:a |an |un |une |some |du )?"
            r"(?:holdup|hold up|hold-up|delay|delays|delai|delais|problem|probleme|issue|souci)(?= \?| \||$)"
            r"|(?:waiting|j attends|attends|j attend)(?: (?:for|on|que))? (?:someone|somebody|anyone|quelqu un|you guys"
            r"|staff) (?:to )?(?:come|bring|sorte|vienne|sortir|venir|m apporte)",
        ),
        # Having texted a while ago, the food going cold, time running out: "I texted 20 minutes ago", "j'ai texté y a
        # 15 min pis rien", "is my food getting cold in there?", "my parking meter is running out lol"
        (
            "texted messaged wrote sent texte ecrit envoye cold froid froide froids froides running meter parcometre "
            "expire expires expiring manque",
            r"(?:texted|messaged|wrote|sent|texte|ecrit|envoye)(?: \S+){0,4}? (?:ago|y a|il y a|ya)(?!\S)"
            r"|(?:getting|gonna get|going to get|va etre|vont etre|va devenir|vont devenir) (?:cold|froide?s?)(?: \S+){0,2} \?"
            r"|(?:meter|parcometre|time|temps) (?:is |s )?(?:running out|expires?|expiring)|running out of time"
            r"|manque de temps",
        ),
        # Whether it is coming, where they are at with it, whether you are there, asking to hurry or for an ETA: "is it
        # coming soon?", "c'est-tu pour bientôt?", "ils sont rendus où avec ma commande?", "you guys there?", "y'a-tu
        # moyen que ça aille plus vite?", "do you have an ETA?"
        (
            "coming bientot quand tantot rendu rendue rendus rendues there around vite faster speed eta",
            r"(?:is|will) (?:it|my order|the order|_o|my stuff|everything) (?:be )?coming(?= \?| \||$| soon| out| along"
            r"| yet)|c est (?:tu )?pour (?:bientot|quand|tantot)"
            r"|rendue?s? ou(?: \S+){0,2} (?:avec|with) (?:ma|mon|mes|la|le|les|_o|ca)"
            r"|(?:are )?(?:you|u|y all|yall)(?: guys| all)? (?:still )?(?:there|around)(?= \?)"
            r"|(?:aille|aller|fasse|faire|go|get it) (?:plus vite|faster)|speed (?:it|things|this) up"
            r"|(?:have|got|know|give me|avez vous|vous avez) (?:an |the |any |un )?eta",
        ),
        # Where it is at, lost in the system, confirm it is set: "where are we at with the sushi platter", "on en est
        # où avec la 44102?", "did you lose me in the system?", "vous m'avez-tu perdu?", "could you please confirm they
        # have been arranged", "tires mounted yet or should i grab a coffee first"
        (
            "at wheres where en lose lost perdu perdue perdus perdues confirm confirmer yet",
            r"(?:where|wheres)(?: s| is| are| r)? (?:we|it|things|you|u|y all|yall|you guys|u guys) at"
            r"(?: (?:with|on|w|for)(?!\S)| \?|$)"
            r"|(?:on en est|ou on en est|ou en est on|vous en etes|ou vous en etes)(?: rendus?)?(?: ou)? (?:avec|pour|\?|$)"
            r"|ou en (?:est|sont)(?: rendu)? (?:ma|mon|mes|la|le|les|_o)(?!\S)"
            r"|(?:did|have|has|had) (?:you|u|ya|y all|yall|someone|somebody)(?: guys)? (?:lose|lost) (?:me|us|my|our|track)"
            r"|(?:lost|lose) (?:me|us) in (?:the|your) system"
            r"|(?:vous |on |ils )?(?:m|nous) (?:avez|a|ont)(?: tu| vous| t il| ti)? (?:\S+ )?perdue?s?(?!\S)"
            r"|(?:vous|you|u|y all|yall)(?: guys)? (?:avez |have |ont )?(?:tu |vous )?(?:perdu|lost) (?:ma|mon|mes|my|our|notre)"
            r"(?!\S)"
            r"|(?:could|can|would|will) you (?:please |kindly |pls )?confirm (?:that |whether |if )?(?!your |ur )"
            r"(?:my|our|the|they|it|its|it s|_o)(?: \S+){0,6}? (?:been|is|are|was|were|ready|waiting|set|done)(?!\S)"
            r"|(?:pouvez|pourriez|peux|pourrais) (?:vous|tu) (?:me |nous )?confirmer (?:que |si )?(?:ma|mon|mes|la|le|les|_o)"
            r"|(?:done|ready|\w{3,}ed|\w{3,}en) yet (?:or|\?|ou|_m)(?!\S)",
        ),
    )
)


_MORE_STATUS_HINTS = frozenset().union(*(hints for hints, _ in _MORE_STATUS))


def _more_status(s: str, words: frozenset[str]) -> bool:
    """Whether one of the rarer ways of asking for news (_MORE_STATUS) is in `s`, testing only those whose words
    the text holds."""
    if _MORE_STATUS_HINTS.isdisjoint(words):
        return False
    return any(not hints.isdisjoint(words) and pattern.search(s) for hints, pattern in _MORE_STATUS)
