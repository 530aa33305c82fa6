"""What is wrong with an owner's input, as a code with its details, told in English or French.

The same setting can be changed by text, on the admin pages and through the API: each door shows the
same problem in its reader's language (the API in English).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict)


MESSAGES: dict[str, dict[str, str]] = {
    "empty": {"en": "must not be empty", "fr": "ne doit pas être vide"},
    "too_long": {"en": "must be at most {max} characters", "fr": "doit faire au plus {max} caractères"},
    "control_characters": {
        "en": "must not contain control characters",
        "fr": "ne doit pas contenir de caractères de contrôle",
    },
    "nul": {"en": "must not contain NUL characters", "fr": "ne doit pas contenir de caractère NUL"},
    "braces": {
        "en": "has an unmatched {{ or }}: write {{{{ and }}}} for braces",
        "fr": "a une accolade {{ ou }} seule : écrivez {{{{ et }}}} pour une accolade",
    },
    "placeholder_form": {
        "en": "placeholders are plain names in braces, such as {{store}}",
        "fr": "les champs à remplir sont des noms entre accolades, comme {{store}}",
    },
    "placeholder_unknown": {
        "en": "unknown placeholder {{{name}}}; this text may use {allowed}",
        "fr": "champ inconnu {{{name}}}; ce texte peut utiliser {allowed}",
    },
    "link_missing": {
        "en": "must keep {{link}}, the check-in link customers open when they arrive",
        "fr": "doit garder {{link}}, le lien que le client ouvre à son arrivée",
    },
    "one_segment": {
        "en": "must fit one SMS: 160 characters, or 70 with an emoji or a non-GSM character",
        "fr": "doit tenir en un texto : 160 caractères, ou 70 avec un émoji ou un caractère spécial",
    },
    "unknown_key": {
        "en": "unknown text {key}; the texts are {keys}",
        "fr": "texte inconnu {key}; les textes sont {keys}",
    },
    "keyword_form": {
        "en": "a keyword is one word of 2 to 20 letters or digits",
        "fr": "un mot-clé est un seul mot de 2 à 20 lettres ou chiffres",
    },
    "keyword_reserved": {
        "en": "{word} is kept for opting out, opting in and help",
        "fr": "{word} est réservé au désabonnement, au réabonnement et à l'aide",
    },
    "keyword_means": {
        "en": "{word} already means something to the bot (an arrival or a question)",
        "fr": "{word} a déjà un sens pour le robot (une arrivée ou une question)",
    },
    "keyword_unknown": {"en": "no keyword reply {word}", "fr": "aucune réponse pour le mot-clé {word}"},
    "phone": {"en": "{value} is not a phone number", "fr": "{value} n'est pas un numéro de téléphone"},
    "phone_missing": {"en": "the phone number is missing", "fr": "il manque le numéro de téléphone"},
    "name_missing": {"en": "the name is missing", "fr": "il manque le nom"},
    "phone_name_missing": {
        "en": "the phone number and the name are missing",
        "fr": "il manque le numéro de téléphone et le nom",
    },
    "staff_sub": {"en": "{word} is not ADD or REMOVE", "fr": "{word} n'est ni AJOUTER ni RETIRER"},
    "staff_is_store_number": {
        "en": "{phone} is this store's own number; staff need their own phones",
        "fr": "{phone} est le numéro du commerce lui-même; il faut le cellulaire de la personne",
    },
    "staff_exists": {"en": "{phone} is already on this store's staff", "fr": "{phone} fait déjà partie de l'équipe"},
    "staff_unknown": {"en": "{phone} is not on this store's staff", "fr": "{phone} ne fait pas partie de l'équipe"},
    "last_owner": {
        "en": "{name} is the store's only owner: add another owner first",
        "fr": "{name} est l'unique propriétaire : ajoutez d'abord un autre propriétaire",
    },
    "owners_only": {
        "en": "only an owner can add, change or remove an owner",
        "fr": "seul un propriétaire peut ajouter, modifier ou retirer un propriétaire",
    },
    "choice": {"en": "must be one of {choices}", "fr": "doit être l'un de {choices}"},
    "boolean": {"en": "must be true or false", "fr": "doit être vrai ou faux"},
    "seconds": {
        "en": "must be a whole number of seconds from {low} to {high}",
        "fr": "doit être un nombre entier de secondes de {low} à {high}",
    },
    "timezone": {
        "en": "{value} is not an IANA time zone such as America/Toronto",
        "fr": "{value} n'est pas un fuseau horaire IANA comme America/Toronto",
    },
    "hours": {"en": "must be an object with keys among {days}", "fr": "doit être un objet aux clés parmi {days}"},
    "hours_day": {
        "en": 'must be ["HH:MM", "HH:MM"] with the opening before the closing, or null',
        "fr": "doit être l'heure d'ouverture puis celle de fermeture (HH:MM), ou fermé",
    },
    "hours_unreadable": {
        "en": "'{part}' is not hours such as 9-5 or 9am-5pm",
        "fr": "« {part} » ne se lit pas comme des heures, ex. 9h-17h",
    },
    "hours_time": {"en": "{time} is not a time of day", "fr": "{time} n'est pas une heure de la journée"},
    "hours_backwards": {"en": "'{part}' closes before it opens", "fr": "« {part} » ferme avant d'ouvrir"},
    "hours_no_day": {"en": "'{part}' does not start with a day", "fr": "« {part} » ne commence pas par un jour"},
    "hours_none_open": {
        "en": "no day would be open (PAUSE stops pickups for a while)",
        "fr": "aucun jour ne serait ouvert (PAUSE suspend la cueillette un moment)",
    },
    "hours_empty": {"en": "no hours given", "fr": "aucune heure donnée"},
    "string": {"en": "must be a string", "fr": "doit être du texte"},
    # --- orders and their CSV import ---
    "order_number": {
        "en": "must be a non-empty string of at most 40 characters",
        "fr": "doit être un texte non vide d'au plus 40 caractères",
    },
    "order_exists": {
        "en": "order {number} already exists in this store",
        "fr": "la commande {number} existe déjà dans ce magasin",
    },
    "order_handed_off": {"en": "order {number} was already handed off", "fr": "la commande {number} a déjà été remise"},
    "order_cancelled": {"en": "order {number} is cancelled", "fr": "la commande {number} est annulée"},
    "csv_encoding": {
        "en": "is not UTF-8 text: in Excel, save it as \u201cCSV UTF-8\u201d",
        "fr": "n'est pas en UTF-8 : dans Excel, enregistrez-le en \u00ab CSV UTF-8 \u00bb",
    },
    "csv_empty": {
        "en": "has no orders: a header row, then one order a line",
        "fr": "ne contient aucune commande : une ligne d'en-tête, puis une commande par ligne",
    },
    "csv_too_many": {
        "en": "has more than {max} orders: split it into several files",
        "fr": "contient plus de {max} commandes : séparez-le en plusieurs fichiers",
    },
    "csv_header": {
        "en": "the header row must name the columns among {columns}, with {required} at least",
        "fr": "la ligne d'en-tête doit nommer les colonnes parmi {columns}, dont au moins {required}",
    },
    "csv_unknown_column": {
        "en": "unknown column {column}; the columns are {columns}",
        "fr": "colonne inconnue {column}; les colonnes sont {columns}",
    },
    "csv_repeated_column": {"en": "column {column} appears twice", "fr": "la colonne {column} apparaît deux fois"},
    "csv_cells": {
        "en": "has {found} cells where the header has {expected}",
        "fr": "a {found} cellules alors que l'en-tête en a {expected}",
    },
    "import_raced": {
        "en": "an order with one of these numbers was created meanwhile, so nothing was imported: "
        "import the file again",
        "fr": "une commande portant l'un de ces numéros a été créée entretemps, donc rien n'a été "
        "importé : importez le fichier de nouveau",
    },
    # --- connecting a shop ---
    "shopify_secret": {
        "en": "paste the whole key Shopify shows under Webhooks (\u201cYour webhooks will be signed with\u201d)",
        "fr": "collez la clé entière que Shopify affiche sous Webhooks (\u00ab Vos webhooks seront signés avec \u00bb)",
    },
    "shopify_domain": {
        "en": "must be the shop's address at Shopify, such as my-shop.myshopify.com",
        "fr": "doit être l'adresse de la boutique chez Shopify, comme ma-boutique.myshopify.com",
    },
    "csv_repeated": {
        "en": "order {number} is also on line {line}",
        "fr": "la commande {number} est aussi à la ligne {line}",
    },
}


def describe(problem: Problem, lang: str = "en") -> str:
    table = MESSAGES[problem.code]
    return table.get(lang, table["en"]).format(**problem.params)
