"""Every text the bot sends, worded in English and French: the customer and staff texts an owner may reword,
the answers to an owner's commands, and the sample a preview fills them with (docs/texts-fr.md).

Over 300 lines, kept whole: it is data, each text's two languages side by side, reviewed as one list.
"""

from __future__ import annotations

# Customer-facing keys are the public contract (API, admin pages, the owner's SET command).
CUSTOMER_KEYS = (
    "order_ready",
    "on_the_way_ack",
    "arrival_ack",
    "ask_spot",
    "ask_order",
    "not_ready",
    "claimed",
    "handed_off",
    "still_waiting",
    "after_hours",
    "paused",
    "help",
    "opted_out",
)

# French wording avoids ê, â, ô, ç where a natural phrase allows it: those characters are not
# in the GSM-7 alphabet and would cut a segment from 160 characters to 70. French templates are written
# with a plain space before ":"; render() sets Québec typography (a non-breaking space there, none before
# ? ! ;) and elides "de {store}" into "d'Alex" as the inserted words require.
TEMPLATES: dict[str, dict[str, str]] = {
    # --- customers ---
    "order_ready": {
        "en": "{store}: order {orders} is ready for pickup. When you arrive, tap {link} or {checkin_en}",
        "fr": "{store} : votre commande {orders} vous attend. Une fois sur place, ouvrez {link} ou {checkin_fr}",
    },
    "on_the_way_ack": {
        "en": "Thanks{name}! See you{eta_en}. When you arrive, {checkin_en}",
        "fr": "Merci{name}! À tantôt{eta_fr}. À votre arrivée, {checkin_fr}",
    },
    "arrival_ack": {
        "en": "Thanks{name}! Got it: {where_en}. Someone will bring order {orders} out shortly.{wait_en}",
        "fr": "Merci{name}, c'est noté : {where_fr}. Un commis vous apporte la commande {orders} sous peu.{wait_fr}",
    },
    "ask_spot": {
        "en": "Welcome{name}! What's your parking spot number? Reply with just the number (e.g. 4).",
        "fr": "Bienvenue{name}! Quel est votre numéro de place? Répondez seulement le numéro (ex. 4).",
    },
    "ask_order": {
        "en": "Hi! We can't find an order for this phone number. What's your order number?",
        "fr": "Bonjour! On ne trouve pas de commande pour ce numéro de téléphone. Quel est votre numéro de commande?",
    },
    "order_not_found": {
        "en": "Sorry, we can't find order {order}. Please check the number in your confirmation email.",
        "fr": "Désolé, on ne trouve pas la commande {order}. Vérifiez le numéro dans votre courriel de confirmation.",
    },
    "not_ready": {
        "en": "Thanks{name}! Order {orders} isn't ready yet. The team knows you're here and we'll text you the moment it is.",
        "fr": "Merci{name}! La commande {orders} n'est pas encore prête. L'équipe sait que vous êtes là et on vous texte dès qu'elle l'est.",
    },
    "status_ready": {
        "en": "Yes, order {orders} is ready! When you arrive, {checkin_en}",
        "fr": "Oui, votre commande {orders} vous attend! À votre arrivée, {checkin_fr}",
    },
    "status_not_ready": {
        "en": "Order {orders} isn't ready yet. We'll text you the moment it is.",
        "fr": "La commande {orders} n'est pas encore prête. On vous texte dès qu'elle l'est.",
    },
    "claimed": {
        "en": "{staff} is bringing order {orders} out to you now.",
        "fr": "{staff} s'en vient avec votre commande {orders}!",
    },
    # The staff member who took the pickup was taken off the roster before handing it off: someone else comes.
    "claimed_reassigned": {
        "en": "Sorry{name}, change of plan: another team member will bring order {orders} out to you shortly.",
        "fr": "Désolé{name}, petit changement : un autre commis vous apporte la commande {orders} sous peu.",
    },
    "handed_off": {
        "en": "All set! Thanks for shopping at {store}. Have a great day!",
        "fr": "C'est tout bon! Merci d'avoir magasiné chez {store}. Bonne journée!",
    },
    "still_waiting": {
        "en": "Sorry for the wait{name}! We've reminded the team and someone will be right out.",
        "fr": "Désolé pour l'attente{name}! On a relancé l'équipe, quelqu'un arrive dans un instant.",
    },
    "after_hours": {
        "en": "{store} is closed right now. Pickup hours: {hours_en}. We'll be happy to see you then!",
        "fr": "{store} est fermé en ce moment. Heures de cueillette : {hours_fr}. Au plaisir de vous voir!",
    },
    "paused": {
        "en": "{store} has paused curbside pickup for now. {message}",
        "fr": "{store} a suspendu la cueillette à l'auto pour le moment. {message}",
    },
    "help": {
        "en": "{store} curbside pickup: when you arrive, reply HERE and your spot number. Reply STOP to opt out.",
        "fr": "{store}, cueillette à l'auto : à votre arrivée, répondez ARRIVÉ et votre numéro de place. ARRET pour vous désabonner.",
    },
    "opted_out": {
        "en": "You won't get any more texts from {store}. Reply START to opt back in.",
        "fr": "Vous ne recevrez plus de textos de {store}. Répondez START pour vous réabonner.",
    },
    "opted_in": {
        "en": "You're subscribed again to texts from {store}. Reply STOP to opt out.",
        "fr": "Vous recevez de nouveau les textos de {store}. Répondez ARRET pour vous désabonner.",
    },
    "cancel_request": {
        "en": "We've passed your cancellation request for order {orders} to the {store} team. They'll follow up with you.",
        "fr": "On a transmis votre demande d'annulation de la commande {orders} à l'équipe de {store}. Elle fera le suivi avec vous.",
    },
    "order_cancelled": {
        "en": "{store}: order {orders} has been cancelled.{rest_en} Sorry for the trouble!",
        "fr": "{store} : la commande {orders} a été annulée.{rest_fr} Désolé pour le dérangement!",
    },
    # --- staff ---
    "staff_arrival": {
        "en": "Arrival: {customer}, {where_en}{vehicle}. Order {orders}.{unverified_en}{no_texts_en}{note} Reply OK {ref} to take it.",
        "fr": "Arrivée : {customer}, {where_fr}{vehicle}. Commande {orders}.{unverified_fr}{no_texts_fr}{note_fr} Répondez OK {ref} pour la prendre.",
    },
    "staff_not_ready": {
        "en": "{customer} is waiting ({where_en}{vehicle}) for order {orders}, which is NOT ready. Mark it ready and the alert goes out.{no_texts_en}",
        "fr": "{customer} attend ({where_fr}{vehicle}) la commande {orders}, qui n'est PAS prête. Dès qu'elle est marquée prête, l'alerte part.{no_texts_fr}",
    },
    "staff_claimed_you": {
        "en": "It's yours: {customer}, {where_en}{vehicle}, order {orders}.{no_texts_en} Reply DONE {ref} once handed off.",
        "fr": "C'est à vous : {customer}, {where_fr}{vehicle}, commande {orders}.{no_texts_fr} Répondez FAIT {ref} une fois remise.",
    },
    "staff_claimed_other": {
        "en": "{staff} took {customer} ({where_en}, order {orders}).",
        "fr": "{staff} s'occupe de {customer} ({where_fr}, commande {orders}).",
    },
    "staff_already_claimed": {
        "en": "{staff} already took order {orders}.",
        "fr": "{staff} s'occupe déjà de la commande {orders}.",
    },
    "staff_already_yours": {
        "en": "Order {orders} is already yours. Reply DONE {ref} once handed off.",
        "fr": "La commande {orders} est déjà à vous. Répondez FAIT {ref} une fois remise.",
    },
    "staff_done": {
        "en": "Done: order {orders} handed off to {customer}. Thanks!",
        "fr": "Fait : commande {orders} remise à {customer}. Merci!",
    },
    "staff_which": {
        "en": "Which one? {choices}. Reply {command} with the order number.",
        "fr": "Laquelle? {choices_fr}. Répondez {command_fr} avec le numéro de commande.",
    },
    "staff_no_match": {
        "en": "No pickup matches {ref}. Reply LIST to see who's waiting.",
        "fr": "Aucune cueillette ne correspond à {ref}. Répondez LISTE pour voir qui attend.",
    },
    "staff_list": {
        "en": "Waiting: {lines}",
        "fr": "En attente : {lines_fr}",
    },
    "staff_list_empty": {
        "en": "Nobody is waiting right now.",
        "fr": "Personne n'attend en ce moment.",
    },
    "staff_realert": {
        "en": "Still waiting ({minutes} min): {customer}, {where_en}{vehicle}, order {orders}.{no_texts_en} Reply OK {ref} to take it.",
        "fr": "Attend toujours ({minutes} min) : {customer}, {where_fr}{vehicle}, commande {orders}.{no_texts_fr} Répondez OK {ref} pour la prendre.",
    },
    "staff_escalation": {
        "en": "Nobody has taken {customer} ({where_en}, order {orders}), waiting {minutes} min.{no_texts_en} Reply OK {ref} to take it.",
        "fr": "Personne ne s'occupe de {customer} ({where_fr}, commande {orders}), qui attend depuis {minutes} min.{no_texts_fr} Répondez OK {ref} pour la prendre.",
    },
    "staff_reminder": {
        "en": "{customer} is asking again ({where_en}, order {orders}, waiting {minutes} min).{no_texts_en}{note}",
        "fr": "{customer} relance ({where_fr}, commande {orders}, attend depuis {minutes} min).{no_texts_fr}{note_fr}",
    },
    "staff_update": {
        "en": "Update from {customer}: {where_en}{vehicle}, order {orders}.{no_texts_en}{note}",
        "fr": "Mise à jour de {customer} : {where_fr}{vehicle}, commande {orders}.{no_texts_fr}{note_fr}",
    },
    "staff_photo": {
        "en": "Photo from {customer} ({where_en}, order {orders}): their car.{no_texts_en}",
        "fr": "Photo de {customer} ({where_fr}, commande {orders}) : son auto.{no_texts_fr}",
    },
    "staff_cancel_request": {
        "en": "{customer} asks to cancel order {orders}. Please follow up.",
        "fr": "{customer} demande d'annuler la commande {orders}. Merci de faire le suivi.",
    },
    "staff_order_cancelled": {
        "en": "Cancelled: order {orders} for {customer} ({where_en}). Don't bring it out.{staff_rest_en}",
        "fr": "Annulée : la commande {orders} pour {customer} ({where_fr}). Ne l'apportez pas.{staff_rest_fr}",
    },
    "staff_help": {
        "en": "Staff commands: OK [order] to take a pickup, DONE [order] once handed off, LIST to see who's waiting, OFF "
        "when you leave, ON when back.",
        "fr": "Commandes : OK [no] pour prendre une cueillette, FAIT [no] une fois remise, LISTE pour voir qui attend, "
        "OFF en partant, ON au retour.",
    },
}

# Owner and staff answers to the commands of bot/core/commands.py. Not overridable: they explain the bot to the
# people who run it, and an owner's typo in one would leave them without instructions.
OWNER_TEMPLATES: dict[str, dict[str, str]] = {
    "owner_help": {
        "en": "PAUSE <msg>, RESUME, HOURS <days> <hours>, SET <key> <text>, REPLY <WORD> <text>, STAFF, STAFF ADD "
        "<phone> <name>, STAFF REMOVE <phone>, STATUS, LOGIN, ON/OFF",
        "fr": "PAUSE <msg>, REPRENDRE, HEURES <h>, TEXTE <nom> <txt>, RÉPONSE <MOT> <txt>, ÉQUIPE, ÉQUIPE AJOUTER "
        "<tél> <nom>, ÉQUIPE RETIRER <tél>, STATUT, CONNEXION, ON/OFF",
    },
    "owner_only": {
        "en": "Only an owner or a manager can use {command_en}. Staff: OK, DONE, LIST, ON, OFF.",
        "fr": "Seuls les propriétaires et gérants peuvent utiliser {command_fr}. Équipe : OK, FAIT, LISTE, ON, OFF.",
    },
    "owner_paused": {
        "en": 'Pickups paused, no staff alerts. Customers who check in get: "{preview}" RESUME to restart.',
        "fr": "Cueillette suspendue, sans alertes à l'équipe. Les clients qui s'annoncent lisent : \"{preview}\" "
        "REPRENDRE pour la relancer.",
    },
    "owner_hours_show": {
        "en": "Pickup hours: {hours_en}. HOURS <days> <times> changes them, e.g. HOURS Mon-Fri 9-5, Sat 10-4.",
        "fr": "Heures de cueillette : {hours_fr}. HEURES <jours> <heures> pour les changer, ex. HEURES lun-ven "
        "9h-17h, sam 10h-16h.",
    },
    "owner_hours_set": {
        "en": "Done. Pickup hours: {hours_en}. Outside them, customers get the after-hours reply.",
        "fr": "C'est fait. Heures de cueillette : {hours_fr}. En dehors de ces heures, les clients ont la "
        "réponse de fermeture.",
    },
    "owner_hours_always": {
        "en": "Done. Pickups any time now: no after-hours reply.",
        "fr": "C'est fait. Cueillette en tout temps : plus de réponse de fermeture.",
    },
    "owner_resumed": {
        "en": "Pickups are back on: arrivals alert the staff again.",
        "fr": "La cueillette reprend : les arrivées alertent de nouveau l'équipe.",
    },
    "owner_not_paused": {
        "en": "Pickups were not paused.",
        "fr": "La cueillette n'était pas suspendue.",
    },
    "owner_set_keys": {
        "en": "Texts you can change: {keys}. SET <text> <wording> changes one, SET <text> shows it.",
        "fr": "Textes modifiables : {keys}. TEXTE <nom> <texte> en change un, TEXTE <nom> l'affiche.",
    },
    "owner_set_show": {
        "en": "{key} now reads: {text} (SET {key} DEFAULT restores the original)",
        "fr": "{key} se lit en ce moment : {text} (TEXTE {key} DÉFAUT remet l'original)",
    },
    "owner_set_done": {
        "en": "Done. The {key} text (EN) now reads: {text}",
        "fr": "C'est fait. Le texte {key} (FR) se lit maintenant : {text}",
    },
    "owner_set_default": {
        "en": "Done. The {key} text (EN) is back to the original: {text}",
        "fr": "C'est fait. Le texte {key} (FR) est revenu à l'original : {text}",
    },
    # A command typed the wrong way: what is wrong and what the command takes.
    "owner_problem": {
        "en": "Not done: {problem_en}. Expected: {usage_en}",
        "fr": "Rien de changé : {problem_fr}. Attendu : {usage_fr}",
    },
    # A command typed the right way that can't be carried out (a duplicate, the only owner, an unknown keyword).
    "owner_not_done": {
        "en": "Not done: {problem_en}.",
        "fr": "Rien de changé : {problem_fr}.",
    },
    "owner_set_unknown": {
        "en": "No text is called {key}. Texts you can change: {keys}.",
        "fr": "Aucun texte ne s'appelle {key}. Textes modifiables : {keys}.",
    },
    "owner_reply_list": {
        "en": "Keyword replies: {words}. REPLY <WORD> <text> adds one, REPLY <WORD> removes it.",
        "fr": "Réponses par mot-clé : {words}. RÉPONSE <MOT> <texte> en ajoute une, RÉPONSE <MOT> la retire.",
    },
    "owner_reply_none": {
        "en": "No keyword replies yet. REPLY <WORD> <text> adds one, e.g. REPLY HOURS Open 9 to 5.",
        "fr": "Aucune réponse par mot-clé. RÉPONSE <MOT> <texte> en ajoute une, ex. RÉPONSE HEURES Ouvert de 9 h "
        "à 17 h.",
    },
    "owner_reply_set": {
        "en": "Done. Customers who text {word} now get: {text}",
        "fr": "C'est fait. Quand un client texte {word}, on lui répond : {text}",
    },
    "owner_reply_removed": {
        "en": "Done. {word} no longer has a reply.",
        "fr": "C'est fait. {word} n'a plus de réponse.",
    },
    "owner_staff_list": {
        "en": "Staff: {lines}",
        "fr": "Équipe : {lines}",
    },
    "owner_staff_added": {
        "en": "Added {staff} ({phone}) to the staff, on duty: they get arrival alerts from now on.",
        "fr": "{staff} ({phone}) fait maintenant partie de l'équipe, en service : les alertes d'arrivée lui seront "
        "envoyées.",
    },
    "owner_staff_removed": {
        "en": "Removed {staff} ({phone}) from the staff.{released_en}",
        "fr": "{staff} ({phone}) ne fait plus partie de l'équipe.{released_fr}",
    },
    "owner_status": {
        "en": "Now: {waiting_en}. Today: {done_en}{wait_en}.",
        "fr": "En ce moment : {waiting_fr}. Aujourd'hui : {done_fr}{wait_fr}.",
    },
    "owner_login": {
        "en": "Sign-in link for the {store} admin pages, valid 10 min and once: {link}",
        "fr": "Lien de connexion à la gestion de {store}, valide 10 min et une seule fois : {link}",
    },
    "staff_welcome": {
        "en": "{store}: you're on the pickup team. Arrival alerts come here: reply OK to take one, DONE once "
        "handed off, OFF when you leave. STOP to opt out.",
        "fr": "{store} : bienvenue dans l'équipe! Alertes d'arrivée ici : OK pour en prendre une, FAIT une fois "
        "remise, OFF en partant. ARRET pour vous désabonner.",
    },
    "staff_on": {
        "en": "You're on duty: arrival alerts come to you. Text OFF when you leave.",
        "fr": "Vous voilà en service : les alertes d'arrivée vous parviennent. Répondez OFF en partant.",
    },
    "staff_off": {
        "en": "You're off duty: no more arrival alerts. Text ON when you're back.{nobody_en}",
        "fr": "Vous voilà hors service : plus d'alertes d'arrivée. Répondez ON à votre retour.{nobody_fr}",
    },
    # An owner or a manager going off duty when nobody else is on: arrivals still reach the managers and owners.
    "staff_off_still_alerted": {
        "en": "You're off duty, but nobody else is on: arrival alerts still go to the managers and owners, you "
        "included. Text ON when you're back.",
        "fr": "Vous voilà hors service, mais personne d'autre n'est en service : les alertes d'arrivée vont encore "
        "aux gérants et propriétaires, y compris vous.",
    },
    # A keyword reply is the owner's own words, sent as they wrote them.
    "keyword_reply": {"en": "{text_en}", "fr": "{text_fr}"},
}

# Texts an owner may reword (API, admin pages, SET): every customer and staff text, none of the owner's.
OVERRIDABLE = tuple(TEMPLATES)
TEMPLATES.update(OWNER_TEMPLATES)

# What a preview fills a text with: a sample customer at a sample store.
SAMPLE_VARIABLES = {
    "name": " Marie",
    "customer": "Marie L.",
    "orders": "#1234",
    "ref": "1234",
    "order": "1234",
    "where_en": "spot 4",
    "where_fr": "place 4",
    "vehicle": ", red Civic",
    "note": "",
    "staff": "Julie",
    "minutes": 3,
    "eta_en": " in about 10 min",
    "eta_fr": ", dans environ 10 min",
    "checkin_en": "reply HERE and your spot number (e.g. HERE 4).",
    "checkin_fr": "répondez ARRIVÉ et votre numéro de place (ex. ARRIVÉ 4).",
    "link": "https://arrivee.example/c/Xy7Qa2Lm9Pz4Kd1W",  # the order's check-in link (bot/usecases/checkin.py)
    "hours_en": "Mon-Fri 9am-5pm",
    "hours_fr": "lun-ven 9 h-17 h",
    "message": "Back at 2 pm.",
    "unverified_en": "",
    "unverified_fr": "",
    "lines": "#1234 4 Marie L. 3 min",
    "choices": "#1234 spot 4",
    "command": "OK",
}
