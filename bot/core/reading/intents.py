"""What each customer intent sounds like: arrived, on the way, status, cancel, stop, start, help, door."""

from __future__ import annotations

from .numbers import _NUMWORD_PHRASE
from .phrases import _c
from .vocabulary import _words

_ARRIVED = _c(
    r"(?<!work )(?<!works )here(?! (?:is|are|s) (?:my|the|your|a|an|order|it|our))"
    r"|(?:i m|im|i am|iam|am|we re|were) (?:hear|heer)"
    r"|arrived|arrivee|arivee"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|est|sont|just|finally|enfin|i|we|ve|have|has|had|bien)"
    r" (?:arrive|arriver|arrives|arrivez)|imhere|chula|jsuisla"
    r"|(?:^|\| )arrive(?! (?:in|dans|ds|soon|bientot|shortly|around|vers|when|quand))"
    r"|(?<!c est )(?:rendu|rendue|rendus|rendues)(?! ou)(?! dans (?:la|le) (?:file|liste|queue))"
    r"|(?:suis|chu|chui|shu|jsuis|jsui|sui|sommes|on est|i m|im|i am|we re) (?:la|ici|icitte|stationne|parke)"
    r"|icitte|(?<!d )ici"
    r"|outside|out front|out back|around back|loading dock|in front|"
    # Beside the building: "je suis sur le côté du bâtiment", "parked along the fence", "by the garden entrance"
    r"(?:a cote|sur le cote|le long|along|beside|next to|at the side|on the side|au fond) (?:de la |du |de l |des |of the |the )?"
    r"(?:batiment|building|porte|door|entree|entrance|magasin|store|shop|serre|fence|cloture|stationnement|lot)|dehors|devant|en avant|en face"
    r"|parked|parkee|stationnee|(?:stationnes?|parkes?|parques?) (?:au|a la|a|dans|en|devant|pres|sur|le long)(?!\S)"
    r"|pulled (?:in|up|into|over)|pulling (?:in|up)|just got|got here|made it"
    r"|in (?:the|your) (?:parking )?lot|in (?:the|your) (?:parking|parkinglot)"
    r"|dans (?:le|la|ton|votre|vot|l) (?:stationnement|parking|stat|cour|lot)|au stationnement|au parking"
    r"|sur place|me voici|me voila|nous voici|nous voila"
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
# Someone at the store, in any words: "anyone", "quelqu'un", "an employee", "le staff", "un commis".
_SOMEONE = (
    r"(?:anyone|anybody|any one|someone|somebody|quelqu un|du monde|(?:an?|any|the|un|une|le|la|les|vos|your|qu un)"
    r" (?:employee|employe|employee|staff|staff member|commis|worker|preposee?|associate|clerk|cashier|caissiere?"
    r"|vendeur|vendeuse)s?)"
)
_A_CAR = r"(?:a|an|the|my|our|un|une|mon|ma|_v)(?!\S)"
_NOT_YET = _c(
    r"(?:not|pas|pu|pus) (?:encore |quite |yet )?"
    r"(?:here|there|arrived|arrive|arrivee|rendue?|la|ici|outside|dehors)"
)
_ON_THE_WAY = _c(
    r"o[nm] (?:my|mu|mt|ny|the|our|ma) way|on way|omw|otw|en route|en chemin|sur la route|sur le chemin|dans le chemin"
    r"|(?:sur|su|sul)(?: le| l| la)? (?:chemin|route|pont|autoroute)"
    r"|j arrive|jarrive|je arrive|j arrives|on arrive|nous arrivons|arrivons|j arriverai|arriverai|arriverons"
    r"|arrivera|arriving|(?:ll|will|gonna|going to|to|i|we) arrive"
    r"|arrive (?:in|dans|ds|soon|bientot|shortly|around|vers)"
    r"|(?:m|me|men|jm|j m|je m|je|on|s) en viens|men viens|jmen viens|s en viens"
    # ...but "driving a white Tesla" says what they drive, not that they are on the road
    rf"|(?:i m|im|i am|am|we re|were|just|now|ll be|will be) (?:coming|leaving|heading|headed|driving(?! {_A_CAR}))"
    # ...but "anybody coming to my car?", "you guys coming out?" are about staff coming
    r"|(?:coming(?<!one coming)(?<!body coming)(?<!you coming)(?<! u coming)(?<!^u coming)(?<!guys coming)"
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
    r"|almost (?:there|here)|nearly (?:there|here)|getting close|close by|not far|pas loin|pu loin|presque"
    r"|bientot (?:la|rendue?|arrivee?)|(?:there|la|rendue?) (?:soon|bientot|shortly|sous peu)"
    r"|(?:vais|vai|jvais|allons|on va|devrais|devrait|devrions|devrait) (?:etre(?! prete?s?(?!\S))|arriver)|serai|serons|seras"
    r"|(?:at|au|aux|a la|a un) (?:the |a )?(?:red )?(?:light|lights|feu|feux|lumiere|lumieres)(?!\S)(?! (?:pole|post|standard))"
    # Coming by later today, with no ETA: "je passe après le travail" (tomorrow is no trip: "Je passe demain")
    r"|(?:je|j|on|i ll|i will|we ll|gonna|i m gonna)(?: vais| va)? (?:passer|passe|come by|stop by|swing by|drop by)"
    r"(?: \S+){0,2}? (?:apres|later|tonight|ce soir|plus tard|after|cet apres midi|this afternoon|tantot)"
    r"|be (?:a (?:bit|little|few minutes) |bit |little )late|j ai (?:un )?(?:petit |peu de |du )?retard"
    r"|running (?:\S+ ){0,3}?(?:late|behind)|(?:a bit|a little|few minutes|\d+ min\w*) behind|(?:stuck |pris |coince )?(?:in|dans le|dans) (?:traffic|trafic|traffic jam|bouchon)"
    r"|(?:pulling|backing|pulled|backed) out(?: of)?|just left|left (?:the )?(?:house|home|work|office|school)|(?:je|j|jm)(?: )?(?:pars|quitte|sors|decolle)(?!\S)|jpars|jquitte"
    r"|(?:chu|suis|sommes) partie?s?|in a (?:few|bit|sec|second|moment|minute|min)"
    r"|dans (?:quelques|pas long|une couple|un instant|peu)"
    r"|une couple de minutes|(?:couple|few) (?:of )?(?:min|mins|minute|minutes)|sous peu|(?<!depuis )tantot"
    r"|(?<!what s the )(?<!whats the )(?<!what is the )(?<!whats )(?<!what s )(?<!whats your )(?<!any )eta(?! on| for| sur| pour)"
    r"|\d+ (?:min|mins|minutes) (?:late|de retard)|en retard de|late by"
    rf"|(?:here|there|la|rendue?s?) (?:in|dans|ds) (?:about |around |environ |under |less than |moins de )?"
    rf"(?:\d{{1,3}}|{_NUMWORD_PHRASE})"
    # Close, on the roads near the store: "turning onto your street now", "je prends la sortie", "two blocks away"
    r"|(?:turning|turned|turn|tourne|tourner) (?:onto|on to|into|on|sur|dans|a|au|left|right|a gauche|a droite)"
    r"(?: \S+){0,3}? (?:street|st|road|rd|rue|boulevard|boul|blvd|avenue|ave|drive|dr|chemin|rang)"
    r"|(?:exiting|getting off|got off|coming off) (?:the )?(?:highway|hwy|freeway|expressway|autoroute|exit|bridge)"
    r"|(?:prends|prend|pris|prendre) la sortie"
    r"|(?<!live )(?<!lives )(?<!habite )(?<!reste )\S+ (?:blocks?|coins? de rue|lights?|exits?|sorties?|km|kms|kilometres?"
    r"|miles?) (?:away|d ici|loin|from)"
    r"|(?:a|at) (?:\S+ )?coins? de rue|almost (?:at|to) (?:your|the|ur|votre) \S+"
    # "I'm about 15 out", "20 min out": so many minutes out
    r"|\d{1,3} (?:min |mins |minutes )?out(?= \||$| \?)"
)
# Time already waited, said as a complaint by someone not on the road: "hello?? 15 min now", "20 minutes déjà"
_TIME_WAITED = _c(
    r"(?:\d{1,3}|an?|one|half an?) ?(?:min|mins|minutes|hour|hours|hr|hrs|h|heure|heures)"
    r" (?:now|already|deja|and counting|so far|pis rien|and nothing|and still|of waiting|of wait|wait so far"
    r"|waiting so far|d attente)"
)
_STATUS = _c(
    r"ready|pret|prete|prets|pretes|status|statut|update|updates|news|nouvelles?|prepared|prepped|preparee?"
    r"|ca fait longtemps|ca prend du temps|taking (?:so )?forever|takes forever|(?:much|way|a lot) longer"
    r"|(?:ben|bien|beaucoup|tellement|trop) (?:du |de )temps|tant de temps|(?:si|tellement|trop) long|longtemps|que j attends|que j attend|wait time|temps d attente"
    r"|how (?:long|much longer|much more|much time)|combien de temps|taking (?:so )?long|c est (?:tu )?long"
    r"|ca (?:va )?(?:tu )?(?:etre|prend|prendre) (?:tu )?(?:long|longtemps|combien)|still waiting|toujours en attente"
    r"|(?:j attends|attends|j attend|on attend) (?:toujours|encore|depuis)|waiting (?:for|on) (?:my|the) order"
    r"|where(?: s| is)? (?:my|the|our) (?:order|stuff|pickup|package|food)|"
    r"(?:what s|whats|what is) (?:good|up|happening|going on|the deal|the story) (?:w|with|on) (?:my|our|_o|the order)"
    r"|(?:envoyez|send)(?: moi| me| nous| us)? (?:quelqu un|someone|somebody|anyone)|ou (?:est|en est|sont) (?:ma|la|mon|mes)"
    r"|ou en est|c est rendu ou|rendue? ou|s en vient"
    rf"|{_SOMEONE} (?:qui )?(?:vient|s en vient|arrive|sort|(?:va|vont|peut|pourrait|pourriez)(?: finir par)? (?:venir|sortir"
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
    rf"|{_SOMEONE}(?: (?:gonna|going to|will|ever|even|actually|eventually))*"
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
    r"|^(?:helloo|alloo|heyy|yoo|hellooo|allooo)(?: \?| \|)*$|tick tock"
    r"|where (?:are|r) (?:you|u)(?! (?:located|situated|based))"
    r"|(?:vous etes|vous etes rendus?|t es|tes) ou|^ou etes vous$|anybody home|is anyone (?:there|coming)"
    # Saying how long it has been: "been 15 mins", "waiting on you guys for 15 min now", "ça fait une éternité"
    r"|(?:still )?(?:nobody|no one|noone)(?: (?:coming|here|came|out))?|(?:toujours|encore) (?:personne|rien)"
    r"|still nothing|(?:are|r) (?:you|u)(?: guys| all)?(?: ever| even| still)? (?:coming|out)|ca (?:niaise|traine)"
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
    r"|(?<!no )(?<!not in a )hurry|depech\w*|faites vite|vite svp|any ?time now"
    r"|(?:what s|whats|how s|hows) the wait|long wait|longue attente|c est quoi l attente"
    # Whether something is wrong, or how it is looking: "is there a problem with my order?", "how's it looking?"
    r"|(?:problem|issue|probleme|souci)(?: \S+){0,2} (?:with|avec) (?:my|the|ma|mon|la|_o)|is (?:something|anything) wrong"
    r"|(?:how s|hows|how is) (?:it|everything|things|my order|_o) (?:looking|going)|is this (?:thing )?(?:working|on)"
    r"|it s been (?:a (?:bit|while|minute|long time)|ages|forever|so long)|any word|impatient|trouver ca long"
    r"|(?:are|r) (?:you|u)(?: guys| all)? (?:almost|nearly|about) (?:done|ready|finished)|eta (?:on|for) (?:my|the|_o)"
    r"|(?:vous etes|etes vous|t es|es tu) (?:tu )?la(?= \?)|en est ou|en etes ou|(?:verifier|check|checker) (?:on )?(?:ma|mon|mes|my|the|_o)"
    r"|(?:anyone|anybody|quelqu un)(?= \?| \||$)|(?:ye|y est) ou (?:mon|ma|mes|la|le)"
    r"|que (?:j )?(?:j?attends?)|(?:waiting|waited|been)(?: \S+){0,4}? (?:for |like |about |over )?"
    r"(?:\d{1,3}|an?|one|half) (?:more )?(?:min|mins|minutes|hour|hours|hr|hrs|h|m)(?!\S)"
    r"|been waiting|waiting forever|une eternite"
    # Time already waited, said the Québec way: "ça fait 20 min", "ça fait genre une demi-heure"
    r"|ca fait (?:genre |comme |au moins |presque |deja |quasiment |facilement |pas loin de |environ )?"
    rf"(?:\d{{1,3}}|{_NUMWORD_PHRASE}|une? demi|une? (?:bonne|grosse|longue|bon|gros) (?:demi)?)"
    r"(?: |-)?(?:min|mins|minutes|heure|heures|h|hr|demi-heure)(?!\S)"
    r"|(?:etre|c est|ca va etre|ca prend) encore (?:long|longtemps)|encore long"
    # How it is coming along, or whether they are still in line: "pis ça avance?", "am i still in the queue??"
    r"|(?:what s|whats|what is) (?:the |with the )?(?:holdup|hold up|hold-up|delay)|c est quoi le delai"
    r"|(?:what s|whats|what is) (?:the |your )?eta|any eta"
    # Only the order asked after: "pis, ma commande?", "so... my order?"
    r"|^(?:(?:pis|pi|et|alors|so|and|ok|hey|allo|hello|bonjour|hi|euh|um)(?: \|)* )?(?:ma|mon|mes|my|our|the|la)"
    r" (?:commande|order|cmd|stuff|affaires|food|bouffe)(?: _o)?(?: \?)+$"
    r"|coming along|(?:how s|hows) (?:my|the|our) order|ca (?:avance|progresse)|any progress|progress on"
    r"|am i (?:still )?(?:in|on) (?:the )?(?:queue|line|list)|(?:encore|toujours) dans la (?:file|liste)"
    # Still in line, or where in it: "still in the queue? order 6127", "où je suis rendu dans la file?"
    r"|(?:still|encore|toujours) (?:in|on|dans) (?:the |la |le |my |ma )?(?:queue|line|list|waitlist|file|liste)"
    r"|still queued|(?:where|ou)(?: \S+){0,3}? (?:in|dans) (?:the |la |le )?(?:queue|line|file|liste)"
    # Whether it is nearly done or ready in other words: "ça achève-tu?", "is it almost done?", "good to go?"
    r"|(?:good to go|all set)(?: \S+){0,2} \?"
    r"|is (?:it|my order|the order|_o|everything) (?:\S+ )?(?:good to go|all set)"
    r"|ca (?:acheve|achevera)|is (?:it|my order|the order) (?:almost |nearly )?(?:done|finished)"
    r"|c (?:est )?quand|quand (?:que )?(?:je|j|on) (?:peux|peut|pourrai|pourrais|pourrait|vais pouvoir)"
    # Whether anyone handles pickup now: "ya tu quelqu'un qui s'occupe du curbside ce soir?", "who's on curbside?"
    rf"|(?:(?:^|\| |\? )(?:c est qui(?: qui)?|qui(?: est ce qui)?|who(?: s| is)?|whos)|{_SOMEONE}(?: (?:qui|tu|is|even|still))*)"
    r" (?:handling|doing|on|working|running|covering|manning|in charge of|s occupe|occupe|fait|de service (?:pour|au|sur)"
    r"|au|sur)(?: (?:de|du|des|le|la|les|the|of|l))? (?:curbside|curb side|pickups?|pick ups?|pick-ups?|ramassages?"
    r"|cueillettes?|commandes? a l (?:auto|exterieur))"
    # Whether to wait or come back later: "should I come back later", "j'attends ou je reviens?"
    r"|(?:should|do|shall) (?:i|we) (?:just )?(?:come back|wait|return|stay)(?= \?| \||$| or| later| here| until)"
    r"|(?:devrais|dois|devrait|faut)(?: je| tu| que je| qu on| on)? (?:revenir|attendre|repasser|rester)"
    r"|(?:j attends|j attend|je reviens|je repasse|je reste)(?: \S+){0,2}? ou (?:je|j|c est)"
)
# Whether the order has come in: "Is my wine order in yet?", "ma commande est-tu arrivée?" — a question about the
# order, not the customer's arrival (its "here", "arrivée" are blanked before arrival is read). A person is not an
# order: "ma fille est arrivée" still says who is here.
_PEOPLE = (
    r"(?!(?:wife|husband|son|daughter|friend|mom|dad|mother|father|partner|boyfriend|girlfriend|brother|sister|ride"
    r"|driver|fille|fils|femme|mari|chum|blonde|mere|pere|ami|amie|soeur|frere|conjoint|conjointe|voisin|voisine"
    r"|gars|copain|copine)(?!\S))"
)
_CAME_IN = _c(
    rf"(?:is|are|has|have|did) (?:my|the|our|_o){_PEOPLE}(?: \S+){{0,3}}? (?:in|here|there|arrived|come in|came in"
    r"|gotten in|got in|arrive|come)(?= yet| already| \?| \||$| or)"
    rf"|(?:ma|mon|mes|la|le|les|notre|nos|_o) {_PEOPLE}(?:\S+ ){{0,3}}?(?:est|sont|a|ont)(?: tu| elle| il| ils| elles)?"
    r"(?: (?:deja|bien|enfin|ete))? (?:arrivee|arrive|arrives|rentree?s?|entree?s?|rendue?s?|la|ici)(?= \?| \||$| ou| deja)"
)
_CAME_IN_HINTS = _words(
    "in here there arrived come came arrive arrivee arrives rentre rentree rentrees rentres entree la ici rendu rendue"
)
# Not wanting to wait where one would be: "je veux pas niaiser dans le stationnement", "don't want to sit in the
# lot". What follows in the clause is blanked before arrival and door are read.
_UNWANTED = _c(
    r"(?:(?:don t|dont|do not|doesn t|didn t|won t|not|never)(?: really)? (?:want|wanna|like|going to|gonna|planning)"
    r"|(?:i d|id|i would) rather not|no point|(?:veux|veut|voulons|voudrais|aime|aimerais|ai|tiens)(?: \S+)? (?:pas|pu|plus)"
    r"(?: envie)?|pas envie|pu envie)(?: (?!\||\?|but(?!\S)|mais(?!\S))\S+)*"
)
_UNWANTED_HINTS = _words("don dont not never rather point pas pu plus won doesn didn")
# Asking whether anyone is there, reading, or bringing the order out: a waiting customer's nudge. Its words
# ("anyone in the store?", "quelqu'un en dedans?") are blanked before arrival and door are read, since they say
# where staff are, not the customer; an arrival said beside it still wins ("here spot 4, anyone in there?").
_ASKS_FOR_SOMEONE = _c(
    # Whether anyone is there at all: "anyone in there?", "is anybody working", "y'a-tu quelqu'un en dedans?"
    rf"{_SOMEONE}(?: (?:even|actually|still|tu|at all))? (?:in there|in here|inside|in the (?:store|shop|building|back)"
    r"|around|working|awake|home|available|on shift|at the (?:store|shop|desk|counter)|en dedans|a l interieur"
    r"|au magasin|dans le magasin|est la|qui travaille|qui (?:peut|pourrait) (?:sortir|venir|m aider))"
    rf"|(?:is there|are there|y a|y a tu|ya|ya tu|il y a|est ce qu il y a) (?:{_SOMEONE}|personne)"
    r"(?: en dedans| a l interieur| au magasin| inside| in there| in the store| at the store)?(?= \?| \||$)"
    # Whether anyone reads or answers: "y'a-tu quelqu'un qui lit ça??", "is anyone reading these?"
    rf"|(?:{_SOMEONE}|personne|nobody|no one|noone)(?: (?:qui|tu|pas|ne|me|m|nous|is|even|actually|ever))*"
    r" (?:read|reads|reading|see|sees|seeing|check|checks|checking|answer|answers|answering|reply|replying|respond"
    r"|responding|getting|receiving|lit|lis|voit|repond|recoit|regarde|checke)"
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
    rf"|{_SOMEONE} (?:va |vont |peut |pourrait )?(?:finir par )?(?:me |m )?(?:l |la |le |les )?(?:apporter|amener|sortir|porter)"
    r"|(?:ca|ma commande|la commande|_o|mes \S+|mon \S+) sort(?: tu| bientot| quand)"
)
# The words every _ASKS_FOR_SOMEONE phrasing holds one of: most texts skip the pattern.
_SOMEONE_HINTS = _words(
    "anyone anybody any someone somebody quelqu monde personne nobody noone you u vous answer reply respond "
    "repondez reponds still coming sort bringing bring getting employee employe employees employes staff commis worker "
    "workers clerk associate cashier caissier caissiere vendeur vendeuse prepose preposee"
)
# Feeling forgotten ("did u forget me", "on m'a oubliée?", "vous m'oubliez pas là?"): a status question, even
# where "pas là" would otherwise read as not there yet. "forgot my wallet" is not one.
_FORGOTTEN = _c(
    r"(?:forgot|forget|forgotten|forgetting) (?:me|us|about (?:me|us|my order)|my order(?! number| no| num| #))"
    r"|(?:am i|i m|im|i am|we re|are we) forgotten"
    r"|(?:did|have|had) (?:you|u|ya|y all|you all)(?: guys| all)? (?:forget|forgot|forgotten|forgetting)"
    r"|(?:m|nous|on m a|vous m avez|m avez|vous m)(?: (?:tu|pas|vous|pu|toujours))* oubli\w*"
    r"|oubli\w* (?:ma commande|mes commandes|moi|nous)"
    r"|(?:ma commande|_o|mes \S+) (?:a|a tu|est|est tu)(?: tu)? (?:ete )?oubli\w*"
    # "you guys forgot my groceries?", "vous avez-tu oublié mes plantes?": the shop forgetting what is theirs
    r"|(?:you|u|ya|y all|yall|guys|you all)(?: guys| all)? (?:forgot|forget|forgotten) (?:my|our)"
    r"|(?:vous|vs|on)(?: m| nous)?(?: avez| a)?(?: vous| tu)? oubli\w* (?:ma|mes|mon|nos|notre|la|le|les)"
)
_CANCEL = _c(
    r"cancel\w*|annul\w*|anul\w*|laisse[rz]? faire (?:pour )?(?:ma|la|mon|mes|le|les|_o)"
    # "scratch that order", "please void my order", "oubliez ça, je viendrai pas"
    r"|(?:scratch|void|drop) (?:that |my |the |this )?(?:order|_o)|oubliez (?:ca|ma commande|la commande)"
)
_TEXTS = _c(
    r"texts?|texting|txt|sms|messages?|msgs?|notifications?|notifs?|alerts?|textos?|courriels?|emails?"
    r"|ecrire|texter"
)
_STOP_NATURAL = _c(
    # "lâchez-moi avec vos textos" (leave me alone with...), but "lâchez pas" is "keep it up"
    r"(?:stop|quit|cease|arrete|arretez|arreter|arete|aretez|areter|cessez|cesse|stopper|enough|assez|lachez?(?! pas| pu))"
    r"(?: \S+){0,3}? "
    r"(?:text\w*|txt\w*|sms|messag\w*|msgs?|notif\w*|alert\w*|contact\w*|spam\w*|m?ecrire|m?ecrit|m?texter|textos?"
    r"|envoyer|email\w*|calling|bugging)"
    r"|(?:stop|quit) (?:sending|texting|messaging|contacting|spamming|all)|arretez? ca"
    r"|unsubscribe|unsub|opt (?:me |us )?out|optout|opt-out|remove me|take me off|no more (?:texts?|messages?)"
    r"|(?:don t|dont|do not) (?:text|message|contact|send)"
    r"|(?:veux|veut|voulons) (?:pu|plus|pus|pas) (?:rien )?(?:recevoir|avoir|de (?:vos |tes )?(?:textos?|messages?|sms|texts?))"
    r"|ne (?:m|me|nous) (?:ecrivez|ecris|textez|texte|envoyez|contactez) (?:plus|pu|pus)"
    r"|plus de (?:textos?|messages?|sms|notifications?)|desabonn\w*|desinscri\w*"
    r"|retirez moi|enlevez moi|me retirer|m enlever"
    # "remove my number", "retirez mon numéro de votre liste", "take me off this list"
    r"|(?:remove|delete|erase|take|enlevez|enleve|retirez|retire|effacez|supprimez)(?: \S+){0,2}? (?:my|mon) (?:number|numero|phone|cell)"
    r"|take (?:me|my number|us) off"
    r"|(?:don t|dont|do not) want(?: \S+){0,4}? (?:texts?|messages?|txts?|sms|notifications?|alerts?)"
    r"|(?:veux|veut) (?:plus|pu|pus|pas) (?:etre )?(?:contacte|contactee|texte|textee|derange|derangee)"
    r"|^(?:no|pu|pus|plus) (?:more )?(?:de )?(?:texts?|messages?|textos?|sms)(?: (?:please|pls|plz|merci|svp|thanks|thx))*$"
    r"|(?:stop|quit) (?:getting|receiving)|leave me alone|laissez moi tranquille|(?:fichez|foutez) moi la paix"
    r"|(?:ca suffit|suffit)(?: \S+){0,2}? (?:texts?|messages?|textos?|sms)"
    # STOP said as a clause of its own after a reason: "I never signed up for this, stop"
    r"|\| (?:stop|arretez|arrete|arret)(?: (?:please|pls|svp|merci|now|ca))*(?: \|)*$"
)
# Opting back in, in words: the mirror of _STOP_NATURAL ("start texting me again", "vous pouvez me réécrire").
_START_NATURAL = _c(
    r"(?:start|restart|resume|continue) (?:my |the |your )?(?:texting|sending|messaging|texts|messages|notifications|alerts"
    r"|updates)"
    r"|(?:text|txt|message|msg) (?:me|us) again(?! (?:when|once|if|after|later))|opt (?:me |us )?(?:back )?in|opt-in"
    r"|(?:re-?subscribe|resubscribe)|subscribe (?:me )?again"
    r"|(?:get|receive|have) (?:the |your |my |those )?(?:texts?|txts?|messages?|msgs?|notifications?|alerts?) again"
    r"|(?:send|sending) (?:me|us) (?:\S+ ){0,2}?(?:texts?|txts?|messages?|msgs?|sms|textos|notifications?) again"
    r"|(?:recommencer?|recommencez|r commencer|reprendre|reprenez) (?:a |de )?(?:m |me |nous )?"
    r"(?:ecrire|texter|envoyer|recevoir|contacter)"
    r"|(?:m ecrire|me texter|m envoyer|recevoir) (?:\S+ ){0,2}(?:de nouveau|a nouveau)"
    r"|(?:reecrivez|retextez) moi|(?:me|m) (?:reecrire|retexter)|reabonn\w*|reinscri\w*"
    r"|(?:(?:me|m|nous) renvoyer|renvoyez moi|renvoyez nous) (?:des |les |vos )?(?:textos?|messages?|sms|texts?|notifications?)"
    r"|(?:texts?|txts?|messages?|msgs?|notifications?|alerts?) back on|turn (?:the )?(?:texts?|messages?) back on"
    # "put me back on the texts", "reactivate my texts", "keep texting me", "je veux ravoir vos textos"
    r"|sign (?:me|us) (?:back )?up again|(?:put|sign|add|turn|get) (?:me|us|my \S+) back|reactiv\w*|rebranch\w*|remettez moi|remets moi|ravoir"
    r"|(?:keep|continue) (?:texting|sending|messaging)"
    # Turning them back on: "finalement remettez les notifications par texto", "rallumez les notifs", "re-enable texts"
    r"|(?:remettez|remets|remettre|rallumez|rallume|rallumer|retablissez|retablir|retablis|reactivez|re-enable|reenable"
    r"|enable|allumez|activez)(?: moi| nous)? (?:les |mes |vos |the |my |your )?(?:notifications?|notifs?|textos?"
    r"|texts?|messages?|alertes?|alerts?|sms)"
    r"|finalement (?:je |j )?veux (?:les |vos |recevoir (?:les |vos )?)?(?:textos?|notifications?|notifs?|messages?)"
    r"|(?:want|like|get|receive|send me|sending me|veux|recevoir|envoyez moi|envoyer)(?: \S+){0,3}? "
    r"(?:texts?|txts?|messages?|msgs?|notifications?|alerts?|updates?|textos?|sms) (?:again|a nouveau|de nouveau|encore)"
    r"|(?:vous pouvez|you can|u can|ok to) (?:me |m )?(?:texter|text me|ecrire|reecrire|envoyer des (?:textos|messages))"
    r"(?! (?:when|once|if|after|later|quand|si|lorsque|apres))"
)
# The words every _START_NATURAL phrasing holds one of: most texts skip the pattern.
_START_HINTS = _words(
    "start restart resume continue again opt opt-in resubscribe re-subscribe subscribe recommencer recommence "
    "recommencez reprendre reprenez nouveau reecrivez retextez reecrire retexter reabonner reabonnez reinscrire "
    "reinscrivez renvoyer renvoyez back encore reactiver reactivez ravoir rebranchez remettez remets keep pouvez can "
    "reactivate remettre rallumez rallume rallumer retablissez retablir retablis re-enable reenable enable allumez "
    "activez finalement"
)
# Asking how to say something ("comment je fais pour dire que chu arrivé?") is help, whatever it would say.
_HOW_TO = _c(
    r"comment (?:je fais|on fait|faire|est ce que je|j fais|je dois faire) pour"
    r"|how (?:do|should|can|would|will) (?:i|we) (?:tell|let(?: \S+){1,3} know|say|check in|show|notify|inform|alert"
    r"|signal|text)"
    # "comment j'avise la pharmacie que chu dehors", "comment leur dire que je suis à la place 3?"
    r"|comment (?:je |j |on |est ce que (?:je|j|on) )?(?:vous |leur |lui |les |l )?(?:dis|dit|dire|avise|aviser"
    r"|avertis|avertit|avertir|previens|previent|prevenir|informe|informer|signale|signaler|fais savoir"
    r"|faire savoir|texte|texter|ecris|ecrire)"
    # "what do i text to say im here", "what should i text when im outside", "je texte quoi quand chu rendu?"
    r"|(?:what|whats|what s) (?:do|should|can|am|shall) (?:i|we)(?: \S+){0,2}? (?:text|write|send|say|reply|type)"
    r"(?: \S+){0,3}? (?:when|once|to say|to tell|to let|if)"
    r"|(?:way|facon|maniere) (?:to|de|pour) (?:tell|let|say|notify|dire|aviser|avertir|signaler)"
    r"|(?:je|j|on) (?:texte|ecris|envoie|dis|reponds|ecrit|envoi) quoi"
    r"|qu est ce que (?:je|j|on) (?:texte|ecris|envoie|dis|reponds|doit|dois)(?: \S+)? (?:quand|lorsque|pour dire|une fois)"
)
_HOW_HINTS = _words("comment how what whats way facon maniere quoi qu")
_HELP_NATURAL = _c(
    r"help|aide|aidez|assistance|how does(?: \S+){1,3} work|comment (?:ca|sa) (?:marche|fonctionne)"
    r"|how (?:this|it|that|the \S+|curbside|pickup)(?: \S+){0,2}? works?|explain|expliquer|expliquez|m expliquer"
    r"|(?:don t|dont|do not|didn t|didnt) (?:understand|get) (?:how|what)|(?:comprends|comprend) (?:pas|rien)"
    # ...but "who is this?" and "qui parle?" are read as small talk, as the corpus always has
    r"|what (?:is|s) this(?: number| text| message| service| thing| app| system)?(?= \?|$| \|)|what (?:is|s) this (?:text|message|number) about"
    r"|what are (?:these|those) (?:texts|messages)|c est quoi (?:ces|ce|cette) (?:textos?|messages?|numero|affaire|service|systeme|patente)"
    r"|what (?:do|should|must|can) (?:i|we)(?: need to| have to| gotta)? do"
    r"|what does (?:this|that|it) mean|qu est ce que (?:ca|ce texte|ce message|ce texto) veut dire|veut dire quoi"
    r"|(?:suis|est|sommes|es) (?:cense|censee|censes|suppose|supposee) (?:\S+ )?(?:repondre|ecrire|texter|faire|dire)"
    r"|(?:je|j) (?:dois|fais|fait|texte|ecris|reponds) (?:faire |texter |ecrire |repondre )?quoi"
    r"|qu est ce que (?:je|j|on) (?:dois|doit|fais|fait|texte|ecris|reponds)|sais pas quoi (?:faire|repondre|ecrire|texter)"
    r"|how (?:do|does|can|should|am|are) (?:i|we|one|you)(?: \S+){0,2}? use"
    r"|what do i (?:do|text|reply|send)|que (?:dois|faut)|c est quoi (?:ca|ce numero)"
    r"|how (?:do|does|can|should) (?:i|we|one|you) use (?:this|it|that)"
    r"|what (?:am i|are we|do i|should i)(?: \S+)? (?:supposed|meant) to (?:text|say|send|reply|write|do)"
    r"|comment (?:on |j |je |est ce qu on )?(?:l |s en )?(?:utilise|sert)"
)
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
