"""Which language a short text is in, from a weighted English / Québec-French vocabulary and French accents."""

from itertools import repeat

# Weights are per word (folded: lowercase, accents removed, apostrophes split off).
# 2 = the word alone shows the language; 1 = it leans that way. Words shared by both
# languages in Québec texting ("spot", "ok", "minutes", "parking", "stop") are absent:
# they must not pull a French customer's "spot 4" towards English ("six" is both: "vingt-six").
_EN_STRONG = """
i im ive ill id my mine here arrived parked outside way omw otw the is it its order orders ready
thanks thank thx ty tysm you your youre please pls plz be will there what time close open
opening hours just got get and with of for to are am from we were was hello hi hey can could
need want not don dont doesn didn isn an almost coming leaving heading headed soon shortly
front door trunk dog have has been waiting still yet long how where when who which this that
should would space stall bay slot lot pick up sorry traffic late gimme give away hour hours half
quarter right over now out left house home work good great perfect sounds see do does did
number one two three four five seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred unsubscribe texting text
texts sending messaging anyone someone anybody somebody update news park store shop curb
entrance pulled pulling inside ahead behind early already again bring put back seat
red blue green black white grey gray silver gold yellow brown purple pink dark light
wrong name yes yeah yep nope also all forgot forget about
"""
_EN_WEAK = """
help cancel done list claim status mins truck pickup in by at arriving street car
"""
_FR_STRONG = """
je j jy suis chu chui jsuis jsui shu sui rendu rendue rendus rendues arrivee arrivees stationnement
stationnee stationnees icitte ici dehors devant porte les des du au aux un une de est et ca pas pu
tu vous nous elle mon ma mes ton ta votre vos dans ds avec pour sur chemin commande commandes
merci bonjour bonsoir salut oui non svp stp pret prete prets pretes annuler annule annulez
annulation aide arret arrete arretez arreter ecrire ecrivez envoyer textos texto fait fini finie
termine terminee livre livree liste prends vais va viens vient heure heures demi demi-heure quart
quarts bientot presque encore toujours attends attend combien temps quand quoi comment marche
ouvert ouverte coffre chien voiture char camion camionnette vus fourgonnette rouge bleu bleue noir
noire blanc blanche gris grise vert verte jaune brun brune argent argente numero beaucoup bonne
journee parfait accord magasin moi toi sommes etre serai serons pars quitte trafic pris loin attente
nouvelles qui que quelqu veux peux recevoir desabonner desabonne minoune espace emplacement entree
voici voila pis environ vers deux trois quatre cinq sept huit neuf dix onze douze treize quatorze quinze
seize vingt trente quarante cinquante soixante cest jarrive ben occupe apres avant
maintenant tantot genre fermez fermer ouvrez ouverts fermes dimanche samedi besoin mais aussi tres
ete eu avez avons ai avait dit alors bon donc desole desolee retard mettre mets peut pouvez veut voulez parle arriere derriere
servi servie servis servies cliente compte comptez
"""
_FR_WEAK = """
la le l d c y en route place pl file ou plus il parke parkee stationne auto moins allo
pick-up
"""

# Québec forms no English speaker writes: they outweigh the English words a Québécois mixes in ("chu outside").
_FR_QUEBEC = """
chu chui shu jsuis jsui icitte pis tantot rendu rendue
"""

EN: dict[str, int] = {w: 2 for w in _EN_STRONG.split()} | {w: 1 for w in _EN_WEAK.split()}
FR: dict[str, int] = (
    {w: 2 for w in _FR_STRONG.split()} | {w: 1 for w in _FR_WEAK.split()} | {w: 4 for w in _FR_QUEBEC.split()}
)

#: Every word the scorer knows; the typo corrector never "fixes" one of these into a keyword.
KNOWN_WORDS: frozenset[str] = frozenset(EN) | frozenset(FR)

_ACCENTS = frozenset("àâäçéèêëîïôöùûüÿœ")


def has_french_accent(text: str) -> bool:
    """True when the (lowercased) text holds a letter only French spelling uses here."""
    return not _ACCENTS.isdisjoint(text)


def detect(words: list[str], accented: bool, hyphenated: bool = True) -> tuple[str | None, bool]:
    """Return (language leaned to or None on a tie, whether the text clearly shows it).

    Clear means the winner scores at least 2 and leads by at least 2: "rendu", "I'm here",
    "merci" are clear; "spot 4", "OK", "HELP", "7" are not.
    """
    en = sum(map(EN.get, words, repeat(0)))
    fr = sum(map(FR.get, words, repeat(0))) + (2 if accented else 0)
    if hyphenated:  # "dix-sept", "est-ce": score the parts of a hyphenated word the lists lack
        for w in words:
            if "-" in w and w not in EN and w not in FR:
                for part in w.split("-"):
                    en += EN.get(part, 0)
                    fr += FR.get(part, 0)
    if en == fr:
        return None, False
    lead, top = ("en", en) if en > fr else ("fr", fr)
    return lead, top >= 2 and abs(en - fr) >= 2
