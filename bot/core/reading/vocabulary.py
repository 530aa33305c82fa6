"""The word lists reading leans on: numbers, vehicles, typo targets and real words never corrected,
and the words that say nothing beyond an arrival."""

from __future__ import annotations

from itertools import chain

from ..language import KNOWN_WORDS


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
_MAKES = _words(
    "acura audi bmw buick cadillac chevrolet chevy chrysler dodge fiat ford genesis gmc honda hyundai "
    "infiniti jaguar jeep kia lexus lincoln mazda mercedes mercedes-benz benz merc mini mitsubishi nissan "
    "polestar porsche ram rivian subaru suzuki tesla toyota volkswagen vw volvo pontiac saturn scion "
    "lucid peugeot renault hummer land-rover range-rover"
)
# Models that are not everyday words: they mark a vehicle on their own.
_MODELS = _words(
    "sprinter promaster "
    "civic corolla camry rav4 rav-4 cr-v crv hr-v hrv cx-3 cx3 cx-5 cx5 cx-30 cx30 cx-50 cx-9 cx9 cx-90 "
    "mx-5 mx5 miata f-150 f150 f-250 f250 f-350 tacoma tundra sienna prius highlander 4runner venza yaris "
    "silverado equinox malibu tahoe cruze suburban trax acadia yukon wrangler cherokee altima "
    "sentra maxima murano pathfinder qashqai versa outback forester crosstrek impreza wrx elantra tucson "
    "kona sonata ioniq palisade sportage sorento seltos telluride niro jetta tiguan passat taos mustang "
    "bronco odyssey ridgeline outlander corvette camaro durango pacifica renegade gladiator juke micra "
    "escalade enclave envision mdx rdx tlx ilx lancer mirage impala santa-fe f-series e-tron etron "
    "br-v brv cx-7 cx7 cx50 cx90 mx-30 f350 f-450 f450 rx350 rx450 nx300 nx350 gx460 "
    # More of what North American lots hold, so a model named without its make is still a vehicle
    "sequoia avalon armada maverick trailblazer rvr c-hr chr id4 id-4 xc40 xc60 xc90 carnival cx-70 cx70 mazda3 "
    "mazda6 model-y model-3 ev6 ioniq6 niro-ev kona-ev corolla-cross grand-caravan prologue lyriq equinox-ev "
    "blazer-ev mach-e f-150-lightning cayenne macan"
)
# Models that are also ordinary words ("accord", "escape", "focus"): a vehicle only after a make.
_AMBIGUOUS_MODELS = _words(
    "accord fit pilot insight edge escape focus fusion ranger explorer expedition transit soul golf "
    "beetle atlas leaf kicks rogue compass journey patriot charger challenger caravan terrain sierra "
    "colorado blazer bolt spark encore forte rio soul element passport matrix frontier titan legacy "
    "ascent clarity ioniq5 traverse "
    # Letter-only model names, too short to trust without the make before them ("Acura TSX", "Lexus RX")
    "tsx tlx mdx rdx ilx rsx zdx nsx rx nx ux gx lx es ls gs qx jx fx gti gli sti wrx brz crz hrv crv cx"
)
_VEHICLE_TYPES = _words(
    "truck suv van minivan mini-van sedan hatchback wagon coupe convertible motorcycle moto camion "
    "camionnette vus fourgonnette minifourgonnette berline decapotable minoune bazou 4x4 crossover "
    "pickup-truck"
)
_GENERIC_VEHICLES = _words("car auto voiture char vehicle vehicule bagnole")
# Model names of two words, neither a vehicle on its own ("Grand Caravan", "Santa Fe", "Land Cruiser").
_TWO_WORD_MODELS = frozenset(
    tuple(pair.split())
    for pair in (
        "grand caravan",
        "grand cherokee",
        "grand vitara",
        "grand marquis",
        "grand prix",
        "santa fe",
        "range rover",
        "land rover",
        "land cruiser",
        "crown victoria",
        "town country",
        "transit connect",
    )
)
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
    | frozenset(second for _, second in _TWO_WORD_MODELS)
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
