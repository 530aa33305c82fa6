"""Cancel, stop, start and help said in words, beyond the compliance keywords: "scratch that order", "lâchez-moi
avec vos textos", "vous pouvez me réécrire", "comment je fais pour dire que chu arrivé?". Read before anything else
in a customer's text, since each decides the reply on its own."""

from __future__ import annotations

from .phrases import _c
from .vocabulary import _words

_CANCEL = _c(
    r"cancel\w*|annul\w*|anul\w*|laisse[rz]? faire (?:pour )?(?:ma|la|mon|mes|le|les|_o)"
    # A verb of ending or dropping with the order: "scratch that order", "please void my order", "can u kill the order",
    # "please call off my cheese order"; or "it" once the goods were said not needed: "…, call it off"
    r"|(?<!don t )(?<!dont )(?:scratch|void|drop|scrap|ditch|nix|trash|kill|killing|stop|pull the plug on|call off"
    r"|calling off|cancel off) (?:that |my |the |this |our )?(?:\S+ ){0,2}?(?:order|_o)(?!\S)(?! off)"
    r"|(?:call|calling) (?:it |that |this )?off"
    r"|oubliez (?:ca|ma commande|la commande)"
    # Told to forget the order: "oubliez ma commande 63307", "just forget my order", not "don't forget my order!"
    r"|(?:^|\| |just |please |pls |svp |ok |alors |finalement |laissez faire |nah )(?:forget|oubliez|oublie|oubliez donc)"
    r"(?: about| ca| ca| donc)?(?: \|)? (?:my |the |this |that |our |ma |la |mon |notre |cette )?(?:order|commande|_o)(?!\S)"
)
# The words every _CANCEL phrasing but "cancel"/"annul" holds one of: most texts skip the pattern.
_CANCEL_HINTS = _words(
    "laisse laissez laisser scratch void drop oubliez oublie forget scrap ditch nix trash call calling kill killing "
    "stop plug"
)
# Opting out said to have been a mistake ("I unsubscribed by mistake", "j'ai fait stop par erreur", "my grandson
# turned off the texts by mistake"): a wish to opt back in, whatever opt-out word it holds. Needs an opt-out or a
# texts word beside it: "I ordered the wrong size by mistake" is no opt-in.
_MISTAKE = _c(
    r"by (?:mistake|accident|error)|accidentally|accidently|mistakenly|par (?:erreur|accident|megarde)"
    r"|sans (?:faire |le faire )?(?:expres|exprès)|pas fait expres|(?:didn t|didnt|did not|never) (?:mean|meant)"
    r" to|wrong (?:button|key)|mauvais (?:bouton|piton)|(?:voulais|voulait|voulions) (?:pas|pu)"
    # Someone else's prank or joke: "my teenager sent STOP as a prank", "mon fils a écrit STOP pour niaiser"
    r"|(?:as a|for a|comme|en|par) (?:prank|joke|laugh|blague|farce|joke lol)|prank\w*|pranked|(?:as a )?joke"
    r"|for fun|for laughs|pour (?:rire|niaiser|le fun|faire une blague|me niaiser|m ecoeurer|me faire (?:une )?farce)"
)
_MISTAKE_HINTS = _words(
    "mistake accident error accidentally accidently mistakenly erreur megarde expres mean meant wrong mauvais voulais "
    "voulait voulions prank pranked pranking joke laugh laughs blague farce fun rire niaiser ecoeurer"
)
_OPTED_OUT = _c(
    r"unsub\w*|opt\w* out|optout|stop\w*|arret\w*|desabonn\w*|desinscri\w*|turn\w* off|(?:fait|texted|sent|hit|pese"
    r"|peser|typed|wrote|ecrit) (?:sur )?(?:stop|arret)"
    r"|(?:want|veux|voudrais|like)(?: \S+){0,3}? (?:texts?|textos?|messages?|notifications?|notifs?|sms)"
)
_TEXTS = _c(
    r"texts?|texting|txt|sms|messages?|msgs?|notifications?|notifs?|alerts?|textos?|courriels?|emails?"
    r"|ecrire|texter"
)
_STOP_NATURAL = _c(
    # "lâchez-moi avec vos textos" (leave me alone with...), but "lâchez pas" is "keep it up"
    r"(?:stop|quit|cease|arrete|arretez|arreter|arete|aretez|areter|cessez|cesse|cesser|stopper|enough|assez"
    r"|lachez?(?! pas| pu))"
    r"(?: \S+){0,3}? "
    r"(?:text\w*|txt\w*|sms|messag\w*|msgs?|notif\w*|alert\w*|contact\w*|spam\w*|m?ecrire|m?ecrit|m?texter|textos?"
    r"|envoyer|email\w*|calling|bugging)"
    r"|(?:stop|quit) (?:sending|texting|messaging|contacting|spamming|all)|arretez? ca"
    r"|unsubscribe|unsub|opt (?:me |us )?out|optout|opt-out|remove me|take me off|no more (?:texts?|messages?)"
    r"|(?:don t|dont|do not) (?:text|message|contact|send)"
    r"|(?:veux|veut|voulons) (?:pu|plus|pus|pas) (?:rien )?(?:recevoir|avoir|de (?:vos |tes )?(?:textos?|messages?|sms|texts?))"
    r"|ne (?:m|me|nous) (?:ecrivez|ecris|textez|texte|envoyez|contactez) (?:plus|pu|pus)"
    # Said at length: "merci de ne plus m'envoyer de textos", "j'aimerais ne plus recevoir vos messages", "I would like to
    # no longer receive texts", "I'd prefer not to get these texts anymore"
    r"|ne (?:plus|pu|pus|pas) (?:m |me |nous )?(?:envoyer|ecrire|texter|contacter|recevoir)(?: \S+){0,3}?"
    r" (?:textos?|messages?|sms|texts?|notifications?|courriels?)"
    r"|ne (?:plus|pu|pus) (?:m |me |nous )(?:envoyer|ecrire|texter|contacter)"
    r"|(?:no longer|not|never)(?: to)? (?:receive|get|be sent|be texted|want)(?: \S+){0,3}? (?:texts?|messages?|txts?|sms"
    r"|notifications?|alerts?)(?: \S+){0,2}? (?:anymore|any more)"
    r"|(?:no longer|prefer not to|rather not|like not to|wish not to) (?:receive|get|be sent)"
    r"|plus de (?:textos?|messages?|sms|notifications?)|desabonn\w*|desinscri\w*"
    r"|retirez moi|enlevez moi|me retirer|m enlever"
    # "remove my number", "retirez mon numéro de votre liste", "take me off this list"
    r"|(?:remove|delete|erase|take|enlevez|enleve|enlever|retirez|retire|retirer|effacez|effacer|supprimez|supprimer)"
    r"(?: \S+){0,2}? (?:my|mon) (?:number|numero|phone|cell)"
    r"|take (?:me|my number|us) off"
    # This number off their list: "take this number off ur list", "retirez ce numéro de votre liste", "remove this
    # cell from your texting list"
    r"|(?:remove|delete|erase|take|drop|enlevez|enleve|enlever|retirez|retire|retirer|effacez|effacer|supprimez"
    r"|supprimer|otez|oter)(?: \S+){0,2}? (?:this|that|the|ce|cet|le|my|mon) (?:number|numero|phone|cell|#|no)"
    r"(?: \S+){0,2}? (?:off|from|de|of|d) (?:your|ur|yr|the|this|votre|vot|la|ta|vos|vtre)(?: \S+)? (?:list|liste|lists|listes"
    r"|system|systeme|database)"
    r"|(?:don t|dont|do not) want(?: \S+){0,4}? (?:texts?|messages?|txts?|sms|notifications?|alerts?)"
    r"|(?:veux|veut) (?:plus|pu|pus|pas) (?:etre )?(?:contacte|contactee|texte|textee|derange|derangee)"
    r"|^(?:no|pu|pus|plus) (?:more )?(?:de )?(?:texts?|messages?|textos?|sms)(?: (?:please|pls|plz|merci|svp|thanks|thx))*$"
    r"|(?:stop|quit) (?:getting|receiving)|leave me alone|laissez moi tranquille|(?:fichez|foutez) moi la paix"
    r"|(?:ca suffit|suffit)(?: \S+){0,2}? (?:texts?|messages?|textos?|sms)"
    # STOP said as a clause of its own after a reason: "I never signed up for this, stop"
    r"|\| (?:stop|arretez|arrete|arret)(?: (?:please|pls|svp|merci|now|ca))*(?: \|)*$"
    # No more of them, to this number: "no more msgs to this number pls", "no more of these msgs", "pu de messages à ce
    # numéro", "envoyez pu rien à ce numéro"
    r"|no more (?:of )?(?:these |those |your |the )?(?:texts?|txts?|messages?|msgs?|sms|notifications?|notifs?|alerts?)"
    r"|(?:pu|plus|pus) (?:de |d )?(?:textos?|messages?|msgs?|sms|texts?)(?: \S+){0,2}? (?:ce|mon|this|my) (?:numero|number|cell)"
    r"|(?:envoyez|envoye|envoie|envoyer|textez|texte|ecrivez)(?: moi| nous)? (?:pu|plus|pus) (?:rien|de \S+)(?: \S+){0,2}?"
    r" (?:ce|mon) (?:numero|cell)"
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
    r"|(?:texts?|txts?|messages?|msgs?|notifications?|alerts?)(?: come| coming| be| get| go| turned| switched)? back on"
    r"|turn (?:the )?(?:texts?|messages?) back on|(?:me|m|nous) remettre (?:sur|dans) (?:la|votre|vot) liste"
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
    r"(?: \S+){0,3}? (?:to say|to tell|to let)"
    r"|(?:way|facon|maniere) (?:to|de|pour) (?:tell|let|say|notify|dire|aviser|avertir|signaler)"
    r"|(?:je|j|on) (?:texte|ecris|envoie|dis|reponds|ecrit|envoi) quoi"
    r"|qu est ce que (?:je|j|on) (?:texte|ecris|envoie|dis|reponds|doit|dois)(?: \S+)? pour dire"
    # Not knowing what to answer: "idk what to answer here", "jsp quoi repondre a votre message", "not sure what to text"
    r"|(?:idk|dunno|don t know|dont know|do not know|not sure|no idea|jsp|jsais pas|sais pas|sait pas|chais pas|chaispas)"
    r" (?:what|quoi) (?:to )?(?:answer|reply|text|write|say|respond|send|type|repondre|ecrire|texter|dire|envoyer|mettre)"
    # Where or how to give the spot: "where do i put my spot number", "how do I give you my parking spot", "do i just
    # text the spot number or what", "comment je vous donne mon numéro de place?"
    r"|(?:where|how) (?:do|should|can) (?:i|we) (?:put|enter|type|give|send|write|add)(?: \S+){0,3}? (?:spot|place|space"
    r"|number|numero|stall)"
    r"|(?:do|should) (?:i|we) (?:just )?(?:text|send|type|write|reply)(?: \S+){0,3}? (?:spot|place|space|stall)"
    r"|comment (?:je |j |on )?(?:vous |leur )?(?:donne|donner|envoie|envoyer|indique|indiquer)(?: \S+){0,2}? (?:place|numero)"
    # "c'est quoi que je dois écrire quand j'arrive?", "ça fonctionne comment votre affaire de texto?"
    r"|c est quoi que (?:je|j|on) (?:dois|doit|fais|texte|ecris|reponds)|(?:ca|sa) (?:marche|fonctionne) comment"
    # What to write, asked of the system: "faut que j'écrive quoi une fois dans le stationnement?", "what do i write
    # when im in the lot?"
    r"|(?:faut que|faut qu|je dois|j dois|jdois|dois je)(?: je| j)? (?:ecrive|ecrire|texte|texter|dise|dire|envoie|reponde)"
    r" quoi|(?:what|whats|what s) (?:do|should|must) (?:i|we) (?:text|write|send|type|reply)(?= \?| \||$| when| once)"
)
_HOW_HINTS = _words(
    "comment how what whats way facon maniere quoi qu where do should code word mot keyword have need "
    "faut dois supposed gotta"
)
_HELP_NATURAL = _c(
    r"help|aide|aidez|assistance|how does(?: \S+){1,3} work|comment (?:ca|sa) (?:marche|fonctionne)"
    r"|how (?:this|it|that|the \S+|curbside|pickup)(?: \S+){0,2}? works?|explain|expliquer|expliquez|m expliquer"
    r"|(?:don t|dont|do not|didn t|didnt) (?:understand|get) (?:how|what)|(?:comprends|comprend) (?:pas|rien)"
    # ...but "who is this?" and "qui parle?" are read as small talk, as the corpus always has
    r"|what (?:is|s) this(?: number| text| message| service| thing| app| system)?(?= \?|$| \|)|what (?:is|s) this (?:text|message|number) about"
    r"|what are (?:these|those) (?:texts|messages)|c est quoi (?:ces|ce|cette) (?:textos?|messages?|numero|affaire|service|systeme|patente)"
    r"|what (?:do|should|must|can) (?:i|we)(?: need to| have to| gotta)? do(?! with| avec)"
    r"|what does (?:this|that|it) mean|qu est ce que (?:ca|ce texte|ce message|ce texto) veut dire|veut dire quoi"
    r"|(?:suis|est|sommes|es) (?:cense|censee|censes|suppose|supposee) (?:\S+ )?(?:repondre|ecrire|texter|faire|dire)"
    r"|(?:je|j) (?:dois|fais|fait|texte|ecris|reponds) (?:faire |texter |ecrire |repondre )?quoi"
    r"|qu est ce que (?:je|j|on) (?:dois|doit|fais|fait|texte|ecris|reponds)|sais pas quoi (?:faire|repondre|ecrire|texter)"
    r"|how (?:do|does|can|should|am|are) (?:i|we|one|you)(?: \S+){0,2}? use"
    r"|what do i (?:do(?! with| avec)|text|reply|send)|que (?:dois|faut)|c est quoi (?:ca|ce numero)"
    r"|how (?:do|does|can|should) (?:i|we|one|you) use (?:this|it|that)"
    r"|what (?:am i|are we|do i|should i)(?: \S+)? (?:supposed|meant) to (?:text|say|send|reply|write|do)"
    r"|comment (?:on |j |je |est ce qu on )?(?:l |s en )?(?:utilise|sert)"
)
