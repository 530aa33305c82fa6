"""What each customer intent sounds like: arrived, on the way, status, door (cancel, stop, start and help said in
words are in in_words.py; the nudges that need more than a phrase list in nudges.py)."""

from __future__ import annotations

from .numbers import _NUMWORD_PHRASE
from .phrases import _c
from .vocabulary import _words

_ARRIVED = _c(
    # (lookbehinds after the word, so that most positions fail on its first letter before any lookbehind runs)
    r"here(?<!work here)(?<!works here)(?<!shopped here)(?<!shopping here)(?<!bought here)(?<!ordered here)"
    r"(?<!eaten here)(?! (?:is|are|s) (?:my|the|your|a|an|order|it|our))"
    r"|(?:i m|im|i am|iam|am|we re|were) (?:hear|heer)"
    r"|arrived|arrivee|arivee"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|est|sont|just|finally|enfin|i|we|ve|have|has|had|bien)"
    r" (?:arrive|arriver|arrives|arrivez)|imhere|chula|jsuisla"
    r"|(?:^|\| )arrive(?! (?:in|dans|ds|soon|bientot|shortly|around|vers|when|quand))"
    r"|(?:rendu|rendue|rendus|rendues)(?<!c est rendu)(?<!c est rendue)(?<!c est rendus)(?<!c est rendues)"
    r"(?<!ou rendu)(?<!ou rendue)(?<!ou rendus)(?<!ou rendues)(?! ou)(?! dans (?:la|le) (?:file|liste|queue))"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|on est|i m|im|i am|we re) (?:la|ici|icitte|stationne|parke)"
    r"|icitte|ici(?<!d ici)"
    r"|outside|out front|out back|around back|loading dock|in front|"
    # Beside the building: "je suis sur le côté du bâtiment", "parked along the fence", "by the garden entrance"
    r"(?:a cote|sur le cote|le long|along|beside|next to|at the side|on the side|au fond) (?:de la |du |de l |des |of the |the )?"
    r"(?:batiment|building|porte|door|entree|entrance|magasin|store|shop|serre|fence|cloture|stationnement|lot)|dehors|devant|en avant|en face"
    r"|parked|parkee|parquee|parquees|stationnee|(?:stationnes?|parkes?|parques?) (?:au|a la|a|dans|en|devant|pres|sur|le long)(?!\S)"
    r"|pulled (?:in|up|into|over)|pulling (?:in|up)|just got|got here|made it"
    r"|in (?:the|your) (?:parking )?lot|in (?:the|your) (?:parking|parkinglot)"
    r"|dans (?:le|la|ton|votre|vot|l) (?:stationnement|parking|stat|cour|lot)|au stationnement|au parking"
    r"|sur place|me voici|me voila|nous voici|nous voila|me v la|me vla|m v la|nous v la|mvla"
    r"|at (?:the|your) (?:store|shop|curb|front|entrance|door|back|building|location|spot|pickup|pick up|curbside)"
    r"|waiting (?:outside|out front|in (?:the|my|a|your)|at|by|here)"
    r"|j attends (?:dehors|dans|devant|en avant|a|au|ici|icitte)|je (?:t|vous) attends"
    r"|trunk|coffre|hatch"
    r"|(?:i m|im|i am|we re|je suis|j suis|chu|chui|jsuis|suis) (?:in|at|au|dans)"
    r" (?:(?:numero|number|no|la|le|the) )?(?:#|\d+|[a-z]-?\d+)"
    r"|(?:je suis|j suis|chu|chui|jsuis|suis) a (?:la|le) (?:#|\d+|[a-z]-?\d+)"
    r"|(?:in|dans) (?:my|the|a|mon|ma|le|la|l|un|une) (?:_v|car|vehicle|char|auto|voiture)"
    r"|(?:in|dans|au|a) (?:the |l |la |le )?(?:allee|rangee|row|aisle) (?:#|\d+|[a-z]-?\d+)"
)
# By a landmark of the lot: "I'm by the cart return", "chu à côté des paniers", "je suis près de l'arbre". Apart
# from _ARRIVED, which every text meets: only texts holding one of _LANDMARKS try it.
_BY_LANDMARK = _c(
    r"(?:i m|im|i am|we re|je suis|j suis|chu|chui|jsuis|suis|on est|sommes) (?:right |juste )?(?:by|near|next to|beside"
    r"|behind|in front of|across from|a cote|pres|proche|devant|derriere|en face)(?: of| de| du| des| d)?"
    r" (?:the |la |le |l |les )?(?:big |small |grand |gros |petit |petite |tall )?(?:carts?|cart return|cart corral|paniers?|bac|bacs|sign|pancarte|pole|poteau"
    r"|lampadaire|light pole|tree|arbre|bins?|poubelles?|recycling|dumpster|loading|window|vitrine|garden|jardin"
    r"|side door|back door|entrance|entree|porte|door)"
    # In a lane behind the shop: "chu dans la ruelle en arrière du resto", "im in the alley", "in the back alley, ..."
    r"|(?:(?:i m|im|i am|we re|je suis|j suis|chu|chui|jsuis|suis|on est|sommes|parked|stationne|stationnee) |^)"
    r"(?:in|dans|at|au|a|ds) (?:the |la |le |l )?(?:back |rear |side )?(?:alley|alleyway|ruelle|driveway|lane"
    r"|loading dock|quai)"
)
_LANDMARKS = _words(
    "cart carts return corral panier paniers bac bacs sign pancarte pole poteau lampadaire tree arbre bin bins poubelle "
    "poubelles recycling dumpster loading window vitrine garden jardin door entrance entree porte alley alleyway ruelle "
    "driveway lane quai"
)
# "payer sur place", "un micro-ondes sur place": on site, said of something done or found there, is no arrival; only
# said of oneself or alone ("je suis déjà sur place", "sur place, place 4").
_ONSITE_SELF = _words("| ? suis chu chui jsuis sommes est deja rendu rendue rendus arrivee enfin maintenant la ici")
# What else is in the car, not the customer: "j'ai du surgelé dans le char", "kids are in the car"
_CARGO = _c(
    r"(?:j ai|jai|i have|i ve got|ive got|i got|got|have|with|avec|il y a|y a|ya|there s|theres)(?: \S+){1,4}?"
    r" (?:in|dans) (?:my|the|a|mon|ma|le|la|l|un|une) (?:_v|car|vehicle|char|auto|voiture|truck|van|camion)"
    r"|(?<!on )(?<!we )(?<!qui )(?:are|is|sont|est) (?:in|dans) (?:my|the|mon|ma|le|la|l) (?:_v|car|vehicle|char|auto|voiture)"
)
_CAR_WORDS = _words("_v car vehicle char auto voiture truck van camion trunk coffre")
# In the car, or its trunk: an arrival when the customer is the one in it ("chu dans le char", "waiting in my car",
# "the lady in the red car"), not when something or someone else is ("bouffe congelée du chien dans le char",
# "I left the groceries in the car", "ma mère attend dans l'auto").
_IN_CAR = _c(
    r"(?:in|dans|ds) (?:my|the|a|our|mon|ma|le|la|l|un|une|notre) (?:_v|car|vehicle|char|auto|voiture|truck|van|camion"
    r"|trunk|coffre|back seat|backseat)"
)
# The words before "in the car" that put the customer themself in it.
_ONESELF = _words(
    "| ? i m im am we re were us me moi je j suis chu chui jsuis jsui shu sui sommes on nous here ici icitte la "
    "waiting wait sitting sittin sat parked parke parkee stationne stationnee stuck still just back attends attendons "
    "rendu rendue rendus arrived arrivee now maintenant encore toujours deja already right one guy lady gars fille "
    "madame monsieur femme man woman dude outside dehors"
)
# ...or that say the customer is waiting or sitting there, anywhere earlier in the clause ("j'attends depuis 20
# minutes dans l'auto"), as "I left the groceries in the car" does not.
_WAITING_ONESELF = _words("attends attendons waiting sitting sittin stuck parked chu chui jsuis suis sommes m re")
_A_CAR = r"(?:a|an|the|my|our|un|une|mon|ma|_v)(?!\S)"
_NOT_YET = _c(
    r"(?:not|pas|pu|pus) (?:encore |quite |yet )?"
    r"(?:here|there|arrived|arrive|arrivee|rendue?|la|ici|outside|dehors)"
)
# Setting off, said in the future with no ETA: "gonna head ur way shortly", "m'en vais vers vous bientôt". Tried only
# on texts holding one of _HEAD_OVER_HINTS's words.
_HEAD_OVER = _c(
    r"(?:gonna|going to|about to|ll|will|m a|ma|vais) (?:head|come|swing|drive|go|pop|roll|walk|bike|ride|zip)"
    r"(?: on)? (?:over|your way|ur way|yr way|you r way|by|down|there|to (?:you|the store|the shop))"
    r"|(?:m en vais|men vais|jm en vais|je m en vais|je m en vas|m en vas|m en va|on s en va|je pars|j pars) (?:vers|chez)"
    r" (?:vous|toi|le magasin|la boutique)"
)
_HEAD_OVER_HINTS = _words("head swing pop roll zip drive go come walk bike ride vers chez")
_ON_THE_WAY = _c(
    r"o[nm] (?:my|mu|mt|ny|the|our|ma) way|on way|omw|otw|en route|en chemin|sur la route|sur le chemin|dans le chemin"
    # Setting off by road: "on the road now", "hitting the road", "je prends la route" (not "is the road closed?")
    r"|(?<!is )(?<!s )on the road(?! (?:is|was|closed|out front))|hit(?:ting)? the road|(?:prends|prend|pris|prenons) la route"
    r"|(?:sur|su|sul)(?: le| l| la)? (?:chemin|route|pont|autoroute)"
    r"|j arrive|jarrive|je arrive|j arrives|on arrive|nous arrivons|arrivons|j arriverai|arriverai|arriverons"
    r"|arrivera|arriving|(?:ll|will|gonna|going to|to|i|we) arrive"
    r"|arrive (?:in|dans|ds|soon|bientot|shortly|around|vers)"
    r"|(?:m|me|men|jm|j m|je m|je|on|s) en viens|men viens|jmen viens|s en viens"
    # ...but "driving a white Tesla" says what they drive, not that they are on the road
    rf"|(?:i m|im|i am|am|we re|were|just|now|ll be|will be) (?:coming|leaving|heading|headed|driving(?! {_A_CAR}))"
    # ...but "anybody coming to my car?", "you guys coming out?" are about staff coming
    r"|(?:coming(?<!one coming)(?<!body coming)(?<!it coming)(?<!order coming)(?<!_o coming)(?<!you coming)(?<! u coming)(?<!^u coming)(?<!guys coming)"
    r"(?<! all coming)|leaving|heading|headed|driving) (?:now|over|there|your way|to|in|soon|back)"
    r"|(?:^|\| |then |after that )(?:(?:ok|okay|k|kk|yes|yep|yup|sure|cool|great|perfect|thanks|thx|oui|parfait)(?: \|)* )*"
    rf"(?:coming|leaving|heading|driving(?! {_A_CAR}))"
    r"|getting ready to (?:leave|go|head)|about to (?:leave|head|go)|(?:me )?prepare pour partir|sur le point de partir"
    r"|on s en vient|nous nous en venons|on (?:part|quitte|decolle)(?!\S)|nous partons"
    r"|(?:a)?round the corner|au coin de la rue|down the (?:street|road)|tout pres|pres d ici"
    # Setting off: "getting in the car now, see you in 15", "walking over", "j'embarque dans l'auto"
    r"|see (?:you|u|ya) (?:in|dans)|getting (?:in|into) (?:the|my) (?:car|truck|van|_v)"
    r"|(?:j embarque|j monte|je monte|jembarque) dans|debarque (?:dans|ds|in)|walking (?:over|there|to (?:the|your))"
    r"|be (?:there|right there|right over|right out|over|by)|b there"
    r"|(?:ll|will|gonna|going to|shall) be (?:there|here|at|in|by|late|arriving|around|another)"
    r"|almost (?:there|here)|nearly (?:there|here)|getting close|close by|not far|pas loin|pu loin"
    # "presque rendu", but "c'est presque prêt?" asks whether the order is nearly ready
    r"|presque(?! (?:pret|prete|prets|pretes|fini|finie|finis|termine|terminee|fait|faite|ready|done))"
    r"|bientot (?:la|rendue?|arrivee?)|(?:there|la|rendue?) (?:soon|bientot|shortly|sous peu)"
    r"|(?:vais|vai|jvais|allons|on va|devrais|devrait|devrions|devrait) (?:etre(?! prete?s?(?!\S))|arriver)|serai|serons|seras"
    r"|(?:at|au|aux|a la|a un) (?:the |a )?(?:red )?(?:light|lights|feu|feux|lumiere|lumieres)(?!\S)(?! (?:pole|post|standard))"
    # Coming by later today, with no ETA: "je passe après le travail" (tomorrow is no trip: "Je passe demain")
    r"|(?:je|j|on|i ll|i will|we ll|gonna|i m gonna)(?: vais| va| compte| pense| devrais)? (?:passer|passe|come by|stop by"
    r"|swing by|drop by)(?: \S+){0,2}? (?:apres|later|tonight|ce soir|plus tard|after|cet apres midi|this afternoon|tantot"
    r"|(?:vers|around|autour de) \d)"
    r"|be (?:a (?:bit|little|few minutes) |bit |little )late|j ai (?:un )?(?:petit |peu de |du )?retard"
    r"|running (?:\S+ ){0,3}?(?:late|behind)|(?:a bit|a little|few minutes|\d+ min\w*) behind|(?:stuck |pris |coince )?(?:in|dans le|dans) (?:traffic|trafic|traffic jam|bouchon)"
    r"|(?:pulling|backing|pulled|backed) out(?: of)?|just left|left (?:the )?(?:house|home|work|office|school)|(?:je|j|jm)(?: )?(?:pars|quitte|sors|decolle)(?!\S)|jpars|jquitte"
    r"|(?:chu|suis|sommes) partie?s?|in a (?:few|bit|sec|second|moment|minute|min)"
    r"|dans (?:quelques|pas long|une couple|un instant|peu)"
    r"|une couple de minutes|(?:couple|few) (?:of )?(?:min|mins|minute|minutes)|sous peu|tantot(?<!depuis tantot)"
    r"|eta(?<!what s the eta)(?<!whats the eta)(?<!what is the eta)(?<!whats eta)(?<!what s eta)(?<!whats your eta)"
    r"(?<!any eta)(?<!an eta)(?<!un eta)(?<!your eta)(?! on| for| sur| pour)"
    r"|\d+ (?:min|mins|minutes) (?:late|de retard)|en retard de|late by"
    rf"|(?:here|there|la|rendue?s?) (?:in|dans|ds) (?:about |around |environ |under |less than |moins de )?"
    rf"(?:\d{{1,3}}|{_NUMWORD_PHRASE})"
    # "I'm about 15 out", "20 min out": so many minutes out
    r"|\d{1,3} (?:min |mins |minutes )?out(?= \||$| \?)"
)
# Close, on the roads near the store: "turning onto your street now", "je prends la sortie", "two blocks away".
# Apart from _ON_THE_WAY, which every text meets, since only texts holding one of _CLOSE_BY_HINTS need it.
_CLOSE_BY = _c(
    r"(?:turning|turned|turn|tourne|tourner) (?:onto|on to|into|on|sur|dans|a|au|left|right|a gauche|a droite)"
    r"(?: \S+){0,3}? (?:street|st|road|rd|rue|boulevard|boul|blvd|avenue|ave|drive|dr|chemin|rang)"
    r"|(?:exiting|getting off|got off|coming off) (?:the )?(?:highway|hwy|freeway|expressway|autoroute|exit|bridge)"
    r"|(?:prends|prend|pris|prendre) la sortie"
    r"|(?<!live )(?<!lives )(?<!habite )(?<!reste )(?:\d{1,2}|a|one|two|three|four|five|few|couple|deux|trois|quatre"
    r"|cinq|quelques|un|une) (?:blocks?|lights?|exits?|sorties?|km|kms|kilometres?|miles?) (?:away|d ici|loin|from)"
    r"|coins de rue|almost (?:at|to) (?:your|the|ur|votre) \S+"
)
_CLOSE_BY_HINTS = _words(
    "turning turned turn tourne tourner exiting off sortie block blocks light lights exit exits sorties km kms "
    "kilometre kilometres mile miles coins almost"
)
_STATUS = _c(
    # ...but "is the new menu ready for spring?" is small talk
    r"ready(?! for (?:spring|summer|fall|autumn|winter|christmas|the holidays|halloween|easter|thanksgiving|the season))"
    r"|pret|prete|prets|pretes|status|statut|update|updates|news|nouvelles?|prepared|prepped|preparee?"
    r"|ca fait longtemps|ca prend du temps|taking (?:so )?forever|takes forever|(?:much|way|a lot) longer"
    r"|(?:ben|bien|beaucoup|tellement|trop) (?:du |de )temps|tant de temps|(?:si|tellement|trop) long|longtemps|que j attends|que j attend|wait time|temps d attente"
    # ...but not how long something keeps: "how long is the cake good for in the fridge?", "se garde au frigo"
    # ...nor how long a wait usually is: "how long is the wait for a table usually?"
    r"|how (?:long|much longer|much more|much time)(?!(?: \S+){0,5} (?:good for|keep|keeps|last|lasts|stay fresh"
    r"|usually|normally|typically|generally|on weekends|d habitude|habituellement|for a table|to return|a return"
    r"|(?:do|does) (?:i|we|you|one) have))"
    r"|combien de temps(?!(?: \S+){0,5} (?:se garde|se conserve|dure|garder|conserver))"
    r"|taking (?:so )?long|c est (?:tu )?long"
    r"|ca (?:va )?(?:tu )?(?:etre|prend|prendre) (?:tu )?(?:long|longtemps|combien)|still waiting|toujours en attente"
    r"|(?:j attends|attends|j attend|on attend) (?:toujours|encore|depuis)|waiting (?:for|on) (?:my|the) order"
    r"|where(?: s| is)? (?:my|the|our) (?:order|stuff|pickup|package|food)|"
    r"(?:what s|whats|what is) (?:good|up|happening|going on|the deal|the story) (?:w|with|on) (?:my|our|_o|the order)"
    r"|(?:envoyez|send)(?: moi| me| nous| us)? (?:quelqu un|someone|somebody|anyone)|ou (?:est|en est|sont) (?:ma|la|mon|mes)"
    r"|ou en est|c est rendu ou|rendue? ou|s en vient"
    r"|(?:quelqu un|anyone|someone|anybody|somebody) (?:qui )?(?:vient|s en vient|arrive|sort|(?:va|vont|peut|pourrait|pourriez)(?: finir par)? (?:venir|sortir"
    r"|arriver|m aider))"
    r"|(?:^|\| )(?:u|you|y all|yall)(?: guys| all)? (?:still )?coming(?= \?)"
    r"|(?:started|start|starting|working|begun) on (?:my|the|our|_o)|commence (?:ma|la|mes)|s occupe de (?:moi|nous|ma|mes)"
    r"|(?:are we|r we|is it|are you) (?:close|almost done|nearly done|getting close)(?= \?)"
    # "is the paint mixed yet?", "is my prescription filled?": ready in other words
    r"|(?:is|are|has|have|was|did) (?:the|my|our|it|_o)(?: \S+){0,2}?(?: been| get| got| gotten)? (?:done|finished|mixed|packed|bagged|made"
    r"|cooked|filled|baked|loaded|prepared)(?: yet)?(?= \?| \||$)"
    r"|(?:est|a ete|a tu ete|sont|ont ete|ont tu ete)(?: tu)? (?:(?:remplie?s?|preparee?s?|emballee?s?)(?= \?| \||$| la)"
    r"|(?:finie?s?|faite?s?|cuite?s?|terminee?s?)(?= \?| la \?))"  # "le gâteau est-tu fini?"
    r"|(?:did|have|has) (?:you|u|ya|y all|yall|they)(?: guys| all)? (?:finish|finished|make|made|pack|packed|bake|baked"
    r"|prepare|prepared) (?:my|our|the|_o)"
    r"|(?:avez|as|ont)(?: vous| tu| ils)? (?:fini|termine|fait|prepare) (?:ma|mon|mes|la|le|les|_o)"
    # Whether the order reached them: "did my order go through?", "vous avez bien reçu ma commande?"
    r"|(?:did|has) (?:my|the|our|_o)(?: order)? (?:go|gone|went|get|got|been) (?:through|received|placed|in)"
    r"|(?:avez|as|a) (?:vous |tu )?(?:bien )?recu (?:ma|mon|mes|la|_o)"
    r"|(?:how s|hows|how is) (?:it|everything|things) (?:going|coming)|^(?:still )?(?:waiting|j attends)(?: \||\?)*$"
    r"|(?:someone|anyone|anybody|somebody)(?: (?:gonna|going to|will|ever|even|actually|eventually))*"
    r" (?:coming|bringing|bring|there|come|out there)|been waiting"
    r"|when (?:can|will|should|could) (?:i|we|my|it)"
    r"|quand (?:est ce que|est-ce que|puis je|je peux|pourrais je|ma|est|sera|vais je)"
    r"|(?:venir|passer|chercher|ramasser) (?:la |le |les )?(?:chercher |ramasser )?quand"
    # A nudge while waiting in the lot: "encore là?", "allo?", "hello??", "where are you", "vous êtes où?"
    r"|^(?:encore|toujours|still) (?:la|there)(?: \?)*$"
    # A lone hail, asked or drawn out: "hello??", "guys??", "pis???", "helloooo", "tick tock"
    r"|^(?:allo|hello|helo|hallo|hey|hi|yo|guys|pis|et|et pis|so|um|uh|euh|heu|bonjour|anyone|alors|bon|ben|and|well"
    r"|and so|so what|pis la|pis alors|ok so|ok pis|donc)(?: \|)*(?: \?)+$"
    # ...and a word that only prompts needs no question mark: "pis", "alors", "so..." alone ask "so, is it ready?"
    r"|^(?:pis|et pis|pis alors|alors|so|and so|and|well|donc)(?: \?| \|)*$"
    r"|^(?:helloo|alloo|heyy|yoo|hellooo|allooo|yoohoo|youhou|yoo hoo)(?: \?| \|)*$|tick tock|knock knock|toc toc"
    r"|where (?:are|r) (?:you|u)(?! (?:located|situated|based))"
    r"|(?:vous etes|vous etes rendus?|t es|tes) ou|^ou etes vous$|anybody home|is anyone (?:there|coming)"
    # Saying how long it has been: "been 15 mins", "waiting on you guys for 15 min now", "ça fait une éternité"
    r"|(?:still )?(?:nobody|no one|noone)(?: (?:coming|here|came|out))?|(?:toujours|encore) (?:personne|rien)"
    r"|still nothing|(?:are|r) (?:you|u)(?: guys| all)?(?: ever| even| still)? (?:coming|out)|ca (?:niaise|traine|tarde|retarde)|tarde (?:pas mal|beaucoup|trop)"
    r"|personne (?:qui |ne )?(?:vient|s en vient|arrive|sort|est venu|encore|toujours)"
    r"|personne (?:n )?(?:est|a) (?:sorti|sortie|venu|venue|passe)"
    # Waiting for the ready text: "j'ai toujours pas eu de texto", "j'attends votre message", "haven't got a text"
    r"|(?:toujours|encore|jamais) (?:pas )?(?:eu|recu) (?:de |d |aucun )?(?:textos?|messages?|nouvelles|sms)"
    r"|(?:haven t|havent|didn t|didnt|never|still haven t|still havent) (?:got|gotten|received|get) (?:a |any |the |your )?"
    r"(?:text|message|update)|(?:j attends|waiting (?:for|on)) (?:votre|vos|ton|your|the|a) (?:message|texto|text|sms)"
    # Whether it will be long, whether they are swamped, asking them to hurry: "ça sera tu long?", "hurry up please"
    r"|(?:ca sera|sera|gonna be|going to be|will it be) (?:tu )?(?:encore )?(?:long|longtemps|a while)(?= \?| \||$)"
    r"|pour aujourd hui|vous faites quoi|what are (?:you|u) (?:guys )?doing"
    r"|(?:are you|r u|you|u|vous etes|etes vous|vous)(?: guys| all| tu)? (?:debordes?|debordee?s?|busy|swamped|slammed)(?: today| tonight| right now| aujourd hui)?(?= \?)|taking a while|(?:du|un|des) retard(?= \?)|any delay"
    r"|ca fait (?:\S+ ){0,3}?(?:un bon bout|un bout|une secousse|un bon moment|un moment|un boutte)"
    r"|(?:toujours|encore) dans l attente|idee (?:du temps|de quand|de combien)|any idea (?:when|how)"
    r"|hurry(?<!no hurry)(?<!not in a hurry)|depech\w*|faites vite|vite svp|any ?(?:time|minute) now"
    r"|(?:what s|whats|how s|hows) the wait(?! (?:usually|normally|generally|typically))|long wait|longue attente|c est quoi l attente"
    # Whether something is wrong, or how it is looking: "is there a problem with my order?", "how's it looking?"
    r"|(?:problem|issue|probleme|souci)(?: \S+){0,2} (?:with|avec) (?:my|the|ma|mon|la|_o)|is (?:something|anything) wrong"
    r"|(?:how s|hows|how is) (?:it|everything|things|my order|_o) (?:looking|going)|is this (?:thing )?(?:working|on)"
    r"|it s been (?:a (?:bit|while|minute|long time)|ages|forever|so long)|any word|impatient|trouver ca long|(?:trouve|trouver) le temps long"
    r"|(?:are|r) (?:you|u)(?: guys| all)? (?:almost|nearly|about) (?:done|ready|finished)|eta (?:on|for) (?:my|the|_o)"
    r"|(?:vous etes|etes vous|t es|es tu) (?:tu )?la(?= \?)|en est ou|en etes ou|(?:verifier|check|checker|checking|checking in|follow up|following up)"
    r"(?: on| pour| sur| about)? (?:ma|mon|mes|my|the|_o)|ou en (?:etait|sont|etaient) (?:ma|mon|mes|la|le|les|_o)"
    r"|(?:anyone|anybody|quelqu un)(?= \?| \||$)|(?:ye|y est) ou (?:mon|ma|mes|la|le)"
    r"|que (?:j )?(?:j?attends?)|(?:waiting|waited|been)(?: \S+){0,4}? (?:for |like |about |over )?"
    r"(?:\d{1,3}|an?|one|half) (?:more )?(?:min|mins|minutes|hour|hours|hr|hrs|h|m)(?!\S)"
    r"|been waiting|waiting forever|une eternite"
    # Time already waited, said the Québec way: "ça fait 20 min", "ça fait genre une demi-heure"
    r"|ca fait (?:genre |comme |au moins |presque |deja |quasiment |facilement |pas loin de |environ )?"
    rf"(?:(?:un |une )?(?:bon |bonne |gros |grosse )?(?:\d{{1,3}}|{_NUMWORD_PHRASE})|une? demi"
    r"|une? (?:bonne |grosse )?(?:dizaine|quinzaine|vingtaine|trentaine|quarantaine)"
    r"|une? (?:bonne|grosse|longue|bon|gros) (?:demi)?)"
    r"(?: d| de)?(?: |-)?(?:min|mins|minutes|heure|heures|h|hr|demi-heure)(?!\S)"
    r"|(?:etre|c est|ca va etre|ca prend) encore (?:long|longtemps)|encore long"
    # How it is coming along, or whether they are still in line: "pis ça avance?", "am i still in the queue??"
    r"|(?:what s|whats|what is) (?:the |with the )?(?:holdup|hold up|hold-up|delay)|c est quoi le delai"
    r"|(?:what s|whats|what is) (?:the |your )?eta|any eta"
    # Only the order asked after: "pis, ma commande?", "so... my order?"
    r"|^(?:(?:pis|pi|et|alors|so|and|ok|hey|allo|hello|bonjour|hi|euh|um)(?: \|)* )?(?:ma|mon|mes|my|our|the|la)"
    r" (?:commande|order|cmd|stuff|affaires|food|bouffe)(?: _o)?(?: \?)+$"
    r"|coming along|(?:how s|hows) (?:my|the|our) order|ca (?:avance|progresse)|any progress|progress on"
    r"|am i (?:still )?(?:in|on) (?:the )?(?:queue|line|list)|(?:encore|toujours) dans la (?:file|liste)"
    # Whether it is nearly done or ready in other words: "ça achève-tu?", "is it almost done?", "good to go?"
    r"|(?:good to go|all set)(?: \S+){0,2} \?"
    r"|is (?:it|my order|the order|_o|everything) (?:\S+ )?(?:good to go|all set)"
    r"|ca (?:acheve|achevera)|is (?:it|my order|the order) (?:almost |nearly )?(?:done|finished)"
    r"|c (?:est )?quand|quand (?:que )?(?:je|j|on) (?:peux|peut|pourrai|pourrais|pourrait|vais pouvoir)"
)
# Not wanting to wait where one would be: "je veux pas niaiser dans le stationnement", "don't want to sit in the
# lot". What follows in the clause is blanked before arrival and door are read.
_UNWANTED = _c(
    r"(?:(?:don t|dont|do not|doesn t|didn t|won t|not|never)(?: really)? (?:want|wanna|like|going to|gonna|planning)"
    r"|(?:i d|id|i would) rather not|no point|(?:veux|veut|voulons|voudrais|aime|aimerais|ai|tiens)(?: \S+)? (?:pas|pu|plus)"
    r"(?: envie)?|pas envie|pu envie)(?: (?!\||\?|but(?!\S)|mais(?!\S))\S+)*"
)
_UNWANTED_HINTS = _words("don dont not never rather point pas pu plus won doesn didn")
_DOOR = _c(
    r"door|porte|entrance|entree|front entrance|inside the (?:store|shop)|in the (?:store|shop)"
    r"|a l interieur|en dedans|dans le magasin"
)

# Asking where pickup happens ("c'est où le ramassage? en avant ou en arrière?") is a question, not an arrival.
_ASKS_WHERE_PICKUP = _c(
    r"(?:c est ou|ou est|ou se fait|ou on (?:va|fait)|where(?: s| is| do i| do we)?) (?:l |la |le |les |the )?"
    r"(?:ramassage|cueillette|pick ?up|pickup|pick-up|curbside)"
    # "is there parking out front?", "y a-tu du stationnement en avant?"
    r"|(?:is there|are there|y a tu|y a|il y a|do you have|avez vous|vous avez) (?:\S+ )?(?:parking|stationnement|spots?)"
)
_SAYS_HERE = _c(
    r"here|rendue?s?|arrived|arrivee|parked|parke|parkee|stationnee?|(?:chu|suis|jsuis|i m|im|we re) (?:la|ici|at|au|dans|in)"
)
# Asking where the door is ("c'est où l'entrée?") is not standing at it.
_ASKS_FOR_DOOR = _c(
    r"(?:c est ou|ou est|ou sont|where(?: s| is| are)?|which|what|quelle|c est quelle) (?:l |la |le |les |the )?"
    r"(?:entree|porte|door|entrance)"
)
_DOOR_HINTS = _words("door porte entrance entree interieur dedans magasin store shop")
