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
    "control_characters": {"en": "must not contain control characters",
                           "fr": "ne doit pas contenir de caractères de contrôle"},
    "nul": {"en": "must not contain NUL characters", "fr": "ne doit pas contenir de caractère NUL"},
    "braces": {"en": "has an unmatched {{ or }}: write {{{{ and }}}} for braces",
               "fr": "a une accolade {{ ou }} seule : écrivez {{{{ et }}}} pour une accolade"},
    "placeholder_form": {"en": "placeholders are plain names in braces, such as {{store}}",
                         "fr": "les champs à remplir sont des noms entre accolades, comme {{store}}"},
    "placeholder_unknown": {"en": "unknown placeholder {{{name}}}; this text may use {allowed}",
                            "fr": "champ inconnu {{{name}}}; ce texte peut utiliser {allowed}"},
    "one_segment": {"en": "must fit one SMS: 160 characters, or 70 with an emoji or a non-GSM character",
                    "fr": "doit tenir en un texto : 160 caractères, ou 70 avec un émoji ou un caractère spécial"},
    "unknown_key": {"en": "unknown text {key}; the texts are {keys}",
                    "fr": "texte inconnu {key}; les textes sont {keys}"},
    "keyword_form": {"en": "a keyword is one word of 2 to 20 letters or digits",
                     "fr": "un mot-clé est un seul mot de 2 à 20 lettres ou chiffres"},
    "keyword_reserved": {"en": "{word} is kept for opting out, opting in and help",
                         "fr": "{word} est réservé au désabonnement, au réabonnement et à l'aide"},
    "keyword_means": {"en": "{word} already means something to the bot (customers use it to check in or ask)",
                      "fr": "{word} veut déjà dire quelque chose pour le bot (les clients s'en servent pour "
                            "s'annoncer ou demander)"},
    "keyword_unknown": {"en": "no keyword reply {word}", "fr": "aucune réponse pour le mot-clé {word}"},
    "phone": {"en": "{value} is not a phone number", "fr": "{value} n'est pas un numéro de téléphone"},
    "staff_exists": {"en": "{phone} is already on this store's staff", "fr": "{phone} fait déjà partie de l'équipe"},
    "staff_unknown": {"en": "{phone} is not on this store's staff", "fr": "{phone} ne fait pas partie de l'équipe"},
    "last_owner": {"en": "{name} is the store's only owner: add another owner first",
                   "fr": "{name} est le seul propriétaire du magasin : ajoutez d'abord un autre propriétaire"},
    "choice": {"en": "must be one of {choices}", "fr": "doit être l'un de {choices}"},
    "boolean": {"en": "must be true or false", "fr": "doit être vrai ou faux"},
    "seconds": {"en": "must be a whole number of seconds from {low} to {high}",
                "fr": "doit être un nombre entier de secondes de {low} à {high}"},
    "timezone": {"en": "{value} is not an IANA time zone such as America/Toronto",
                 "fr": "{value} n'est pas un fuseau horaire IANA comme America/Toronto"},
    "hours": {"en": "must be an object with keys among {days}", "fr": "doit être un objet aux clés parmi {days}"},
    "hours_day": {"en": 'must be ["HH:MM", "HH:MM"] with the opening before the closing, or null',
                  "fr": "doit être l'heure d'ouverture puis celle de fermeture (HH:MM), ou fermé"},
    "string": {"en": "must be a string", "fr": "doit être du texte"},
}


def describe(problem: Problem, lang: str = "en") -> str:
    table = MESSAGES[problem.code]
    return table.get(lang, table["en"]).format(**problem.params)
