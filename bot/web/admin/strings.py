"""The admin pages' words, in English and French (the signed-in person's language, or the one they pick)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "admin": "Arrivée admin", "other_language": "Français", "sign_out": "Sign out",
        "signin_title": "Sign in",
        "signin_how": "Text LOGIN to your store's number from the phone registered as owner or manager. You'll get "
                      "a sign-in link, valid 10 minutes, usable once.",
        "signin_first": "First time? On the server, run: python -m bot login-link YOUR-PHONE",
        "signin_expired": "Your session has ended: sign in again.",
        "signin_gone": "This phone no longer runs a store here.",
        "link_title": "Sign in to Arrivée", "link_go": "Sign in", "link_for": "This link signs in this browser.",
        "link_bad": "This link has expired or was already used. Text LOGIN again for a new one.",
        "stores": "Your stores",
        "nav_overview": "Today", "nav_texts": "Texts", "nav_settings": "Settings", "nav_staff": "Staff",
        "nav_orders": "Orders", "nav_report": "Day report", "nav_access": "Board & API",
        "overview": "Today", "paused_banner": "Pickups are paused: customers who check in get the message below, "
                                              "and staff get no alerts.",
        "pause": "Pause pickups", "resume": "Resume pickups", "pause_message": "Message to arriving customers",
        "pause_message_help": "Added to the paused text customers get, e.g. \u201cBack at 2 pm.\u201d",
        "waiting_now": "Waiting now", "handed_off_today": "Handed off today", "median_wait": "Median wait",
        "longest_wait": "Longest wait", "minutes": "{n} min", "nobody_waiting": "Nobody is waiting.",
        "door": "door", "spot": "spot {spot}", "saved": "Saved.", "paused_done": "Pickups are paused.",
        "resumed_done": "Pickups are back on.", "not_done": "Not saved:", "board_link": "Staff board",
        "open_board": "Open the board",
    },
    "fr": {
        "admin": "Gestion Arrivée", "other_language": "English", "sign_out": "Se déconnecter",
        "signin_title": "Connexion",
        "signin_how": "Textez CONNEXION au numéro du magasin depuis le téléphone inscrit comme propriétaire ou "
                      "gérant. Vous recevrez un lien de connexion valide 10 minutes, une seule fois.",
        "signin_first": "Première fois? Sur le serveur : python -m bot login-link VOTRE-NUMÉRO",
        "signin_expired": "Votre session a pris fin : reconnectez-vous.",
        "signin_gone": "Ce téléphone ne gère plus aucun magasin ici.",
        "link_title": "Connexion à Arrivée", "link_go": "Me connecter",
        "link_for": "Ce lien connecte ce navigateur.",
        "link_bad": "Ce lien a expiré ou a déjà servi. Textez CONNEXION de nouveau pour en recevoir un autre.",
        "stores": "Vos magasins",
        "nav_overview": "Aujourd'hui", "nav_texts": "Textes", "nav_settings": "Réglages", "nav_staff": "Équipe",
        "nav_orders": "Commandes", "nav_report": "Bilan du jour", "nav_access": "Tableau et API",
        "overview": "Aujourd'hui",
        "paused_banner": "La cueillette est suspendue : les clients qui s'annoncent reçoivent le message ci-dessous "
                         "et l'équipe ne reçoit pas d'alertes.",
        "pause": "Suspendre la cueillette", "resume": "Reprendre la cueillette",
        "pause_message": "Message aux clients qui arrivent",
        "pause_message_help": "Ajouté au texte de suspension, ex. « De retour à 14 h. »",
        "waiting_now": "En attente", "handed_off_today": "Remises aujourd'hui", "median_wait": "Attente médiane",
        "longest_wait": "Attente la plus longue", "minutes": "{n} min", "nobody_waiting": "Personne n'attend.",
        "door": "porte", "spot": "place {spot}", "saved": "C'est enregistré.",
        "paused_done": "La cueillette est suspendue.", "resumed_done": "La cueillette reprend.",
        "not_done": "Rien d'enregistré :", "board_link": "Tableau de l'équipe", "open_board": "Ouvrir le tableau",
    },
}
