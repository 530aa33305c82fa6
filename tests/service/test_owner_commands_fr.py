"""Les commandes du propriétaire par texto, en français, par le webhook signé et le worker : chaque commande, ce
qu'elle change pour les clients et l'équipe, et les formes mal tapées, qui reçoivent un seul texto et ne changent
rien."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.core.texts import GSM7_BASIC, GSM7_EXTENDED, segments
from bot.data.models import LoginLink
from bot.usecases import logins

# Le magasin et son monde (tests/service/conftest.py) parlent français.
LANGUAGE = "fr"

PROPRIO, JULIE, MARC, BOB, MARIE = "+15145550113", "+15145550111", "+15145550115", "+15145550177", "+15145550123"


def jeton(texte: str) -> str:
    return re.search(r"/admin/login/(\S+)", texte).group(1)


def remise(shop, client, julie, numero="1234", arrivee="rendu place 4 pour {numero}") -> str:
    """Le client arrive, Julie prend la cueillette et la ferme : le dernier texto du client."""
    client.texts(arrivee.format(numero=numero))
    julie.texts(f"OK {numero}")
    julie.texts(f"FAIT {numero}")
    return client.new()[-1]


# --- PAUSE / REPRENDRE ---------------------------------------------------------------------------------------


def test_pause_les_clients_qui_arrivent_lisent_le_message_et_l_equipe_n_est_pas_alertee(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("PAUSE De retour à 14 h")
    assert confirmation.startswith("Cueillette suspendue, sans alertes à l'équipe.")
    assert "De retour à 14 h" in confirmation and "REPRENDRE" in confirmation
    assert shop.settings().paused is True and shop.settings().pause_message == "De retour à 14 h"

    [reponse] = marie.texts("chu rendue place 4")
    assert reponse == "Plein Air Laurier a suspendu la cueillette à l'auto pour le moment. De retour à 14 h"
    assert julie.new() == [] and sophie.new() == []
    assert shop.order_state("1234")["handoff"] is None


def test_un_client_sans_commande_apprend_la_pause_au_lieu_d_un_numero_de_commande(shop, sophie, julie):
    sophie.texts("PAUSE De retour à 14 h")
    inconnu = shop.customer("+15145550777")
    [reponse] = inconnu.texts("chu rendu place 9")
    assert reponse == "Plein Air Laurier a suspendu la cueillette à l'auto pour le moment. De retour à 14 h"
    assert julie.new() == []


def test_pause_sur_deux_lignes(shop, sophie, marie):
    sophie.texts("Pause\nDe retour à 14 h")
    assert marie.texts("rendu place 4")[0].endswith("pour le moment. De retour à 14 h")


def test_pause_rejoint_le_client_qui_etait_en_route_avant(shop, sophie, julie, marie):
    marie.texts("j'arrive dans 10 minutes")
    sophie.texts("PAUSE De retour à 14 h")
    [reponse] = marie.texts("rendu place 4")
    assert reponse.endswith("pour le moment. De retour à 14 h")
    assert julie.new() == []


def test_reprendre_relance_la_cueillette_et_la_prochaine_arrivee_alerte_l_equipe(shop, sophie, julie, marie):
    sophie.texts("PAUSE")
    assert sophie.texts("REPRENDRE") == ["La cueillette reprend : les arrivées alertent de nouveau l'équipe."]
    assert shop.settings().paused is False
    marie.texts("rendu place 4")
    [alerte] = julie.new()
    assert alerte.startswith("Arrivée : Marie L., place 4")


def test_reprendre_sans_pause_le_dit(shop, sophie):
    assert sophie.texts("reprendre") == ["La cueillette n'était pas suspendue."]


def test_un_message_de_pause_trop_long_est_refuse_et_rien_n_est_suspendu(shop, sophie, julie, marie):
    [reponse] = sophie.texts("PAUSE " + "Fermé pour l'inventaire. " * 13)
    assert reponse == "Rien de changé : le message doit faire au plus 300 caractères."
    assert shop.settings().paused is False
    marie.texts("rendu place 4")
    assert len(julie.new()) == 1


# --- TEXTE (SET) ---------------------------------------------------------------------------------------------


def test_texte_change_le_prochain_texto_au_client_et_defaut_le_remet(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("TEXTE handed_off Merci{name}, à la prochaine chez {store}!")
    assert confirmation == (
        "C'est fait. Le texte handed_off (FR) se lit maintenant : Merci{name}, à la prochaine chez {store}!"
    )
    assert remise(shop, marie, julie) == "Merci Marie, à la prochaine chez Plein Air Laurier!"

    [remis] = sophie.texts("TEXTE handed_off DÉFAUT")
    assert remis.startswith("C'est fait. Le texte handed_off (FR) est revenu à l'original : C'est tout bon!")
    assert shop.auto_replies() == {}
    shop.order("5678", marie, "Marie Lavoie", language="fr")
    marie.new()
    assert remise(shop, marie, julie, "5678").startswith("C'est tout bon! Merci d'avoir magasiné chez Plein Air")


def test_set_marche_aussi_et_ne_change_que_le_francais(shop, sophie, julie):
    sophie.texts("SET handed_off: Merci, à bientôt!")
    assert shop.auto_replies() == {"handed_off": {"en": None, "fr": "Merci, à bientôt!"}}
    sam = shop.customer("+15145550140")
    shop.order("4000", sam, "Sam Park", language="en")
    sam.new()
    # Sam écrit en anglais : il reçoit le texte de clôture anglais, que le libellé français n'a pas touché.
    assert remise(shop, sam, julie, "4000", arrivee="here spot 4 for {numero}").startswith("All set!")


def test_texte_seul_liste_les_textes_modifiables(shop, sophie):
    [reponse] = sophie.texts("TEXTE")
    assert reponse.startswith("Textes modifiables : order_ready, on_the_way_ack,")
    assert "TEXTE <nom> <texte>" in reponse


def test_texte_avec_un_nom_seul_montre_le_libelle_actuel(shop, sophie):
    assert sophie.texts("texte handed_off") == [
        "handed_off se lit en ce moment : C'est tout bon! Merci d'avoir magasiné chez {store}. Bonne journée! "
        "(TEXTE handed_off DÉFAUT remet l'original)"
    ]


def test_texte_inconnu_liste_les_textes_et_ne_change_rien(shop, sophie):
    [reponse] = sophie.texts("TEXTE aurevoir À la prochaine!")
    assert reponse.startswith("Aucun texte ne s'appelle aurevoir. Textes modifiables : order_ready,")
    assert shop.auto_replies() == {}


def test_texte_avec_un_champ_inconnu_le_nomme_et_ne_change_rien(shop, sophie, julie, marie):
    assert sophie.texts("TEXTE handed_off Merci {prenom}!") == [
        "Rien de changé : champ inconnu {prenom}; ce texte peut utiliser {name}, {store}."
    ]
    assert shop.auto_replies() == {}
    assert remise(shop, marie, julie).startswith("C'est tout bon!")


def test_texte_avec_une_accolade_seule_est_refuse(shop, sophie):
    [reponse] = sophie.texts("TEXTE handed_off Merci {store!")
    assert reponse.startswith("Rien de changé : le texte a une accolade")
    assert shop.auto_replies() == {}


# --- RÉPONSE (REPLY) -----------------------------------------------------------------------------------------


def test_une_reponse_par_mot_cle_repond_au_client_et_se_retire(shop, sophie):
    [confirmation] = sophie.texts("RÉPONSE HEURES Ouvert de 9 h à 17 h, du lundi au samedi")
    assert confirmation == (
        "C'est fait. Quand un client texte HEURES, on lui répond : Ouvert de 9 h à 17 h, du lundi au samedi"
    )
    luc = shop.customer("+15145550150")
    assert luc.texts("Heures?") == ["Ouvert de 9 h à 17 h, du lundi au samedi"]

    assert sophie.texts("réponse heures") == ["C'est fait. HEURES n'a plus de réponse."]
    assert shop.keyword_replies() == {}
    assert luc.texts("Heures?") == []


def test_reponse_avec_le_mot_entre_guillemets(shop, sophie):
    sophie.texts("RÉPONSE «stationnement» Derrière le magasin")
    assert shop.keyword_replies() == {"stationnement": {"en": None, "fr": "Derrière le magasin"}}


def test_reponse_seule_liste_les_mots_cles(shop, sophie):
    assert sophie.texts("RÉPONSE") == [
        "Aucune réponse par mot-clé. RÉPONSE <MOT> <texte> en ajoute une, ex. RÉPONSE HEURES Ouvert de 9 h à 17 h."
    ]
    sophie.texts("RÉPONSE HEURES Ouvert de 9 h à 17 h")
    assert sophie.texts("RÉPONSE") == [
        "Réponses par mot-clé : HEURES. RÉPONSE <MOT> <texte> en ajoute une, RÉPONSE <MOT> la retire."
    ]


@pytest.mark.parametrize(
    "commande, probleme",
    [
        # Ê is not GSM-7: this answer is UCS-2 anyway, so it keeps the typographic non-breaking space before the colon.
        ("RÉPONSE ARRÊT Bye", "Rien de changé\u00a0: ARRÊT est réservé au désabonnement, au réabonnement et à l'aide."),
        (
            "RÉPONSE AIDE Appelez-nous",
            "Rien de changé : AIDE est réservé au désabonnement, au réabonnement et à l'aide.",
        ),
        ("RÉPONSE ICI Bienvenue", "Rien de changé : ICI a déjà un sens pour le robot (une arrivée ou une question)."),
        (
            "RÉPONSE rendu Bienvenue",
            "Rien de changé : RENDU a déjà un sens pour le robot (une arrivée ou une question).",
        ),
        (
            "RÉPONSE 12 La place 12 est réservée",
            "Rien de changé : 12 a déjà un sens pour le robot (une arrivée ou une question).",
        ),
        (
            "RÉPONSE heures d'ouverture : de 9 h à 17 h",
            "Rien de changé : un mot-clé est un seul mot de 2 à 20 lettres "
            "ou chiffres. Attendu : RÉPONSE <MOT> <texte>, ex. RÉPONSE HEURES "
            "Ouvert de 9 h à 17 h; RÉPONSE HEURES seul la retire",
        ),
    ],
)
def test_un_mot_cle_reserve_compris_ou_de_plusieurs_mots_est_refuse(shop, sophie, commande, probleme):
    assert sophie.texts(commande) == [probleme]
    assert shop.keyword_replies() == {}


def test_retirer_un_mot_cle_qui_n_existe_pas_le_dit(shop, sophie):
    assert sophie.texts("RÉPONSE HEURES") == ["Rien de changé : aucune réponse pour le mot-clé HEURES."]


# --- ÉQUIPE (STAFF) ------------------------------------------------------------------------------------------


def test_equipe_ajouter_souhaite_la_bienvenue_et_le_nouveau_recoit_la_prochaine_alerte(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("ÉQUIPE AJOUTER 514 555 0177 Bob Lee")
    assert confirmation == (
        "Bob Lee (514-555-0177) fait maintenant partie de l'équipe, en service : les alertes "
        "d'arrivée lui seront envoyées."
    )
    bob = shop.customer(BOB)
    [bienvenue] = bob.new()
    assert bienvenue.startswith("Plein Air Laurier : bienvenue dans l'équipe!") and "OFF en partant" in bienvenue
    assert shop.roster()[BOB] == ("Bob Lee", "staff", True)

    marie.texts("rendu place 4")
    [alerte] = bob.new()
    assert alerte.startswith("Arrivée : Marie L., place 4")


def test_equipe_ajouter_le_nom_avant_le_numero(shop, sophie):
    sophie.texts("equipe ajouter Élodie Côté (514) 555-0177")
    assert shop.roster()[BOB] == ("Élodie Côté", "staff", True)


@pytest.mark.parametrize(
    "commande, probleme",
    [
        ("ÉQUIPE AJOUTER 514-555-0177", "il manque le nom"),
        ("ÉQUIPE AJOUTER Bob Lee", "il manque le numéro de téléphone"),
        ("ÉQUIPE AJOUTER", "il manque le numéro de téléphone et le nom"),
        ("ÉQUIPE AJOUTER 12 Bob Lee", "12 n'est pas un numéro de téléphone"),
    ],
)
def test_equipe_ajouter_mal_tape_nomme_le_probleme_et_n_ajoute_personne(shop, sophie, julie, commande, probleme):
    avant = shop.roster()
    assert sophie.texts(commande) == [
        f"Rien de changé : {probleme}. Attendu : ÉQUIPE AJOUTER <tél> <nom>, ex. "
        "ÉQUIPE AJOUTER 514-555-0111 Julie Tremblay"
    ]
    assert shop.roster() == avant
    assert shop.customer(BOB).new() == [] and julie.new() == []


def test_equipe_ajouter_quelqu_un_deja_la_ne_change_rien(shop, sophie, julie):
    assert sophie.texts("ÉQUIPE AJOUTER 514-555-0111 Julie T.") == [
        "Rien de changé : 514-555-0111 fait déjà partie de l'équipe."
    ]
    assert shop.roster()[JULIE] == ("Julie Tremblay", "staff", True)


def test_equipe_retirer_arrete_les_alertes(shop, sophie, julie, marc, marie):
    assert sophie.texts("ÉQUIPE RETIRER 514-555-0111") == [
        "Julie Tremblay (514-555-0111) ne fait plus partie de l'équipe."
    ]
    marie.texts("rendu place 4")
    assert julie.new() == [] and len(marc.new()) == 1


def test_la_cueillette_prise_par_un_membre_retire_retourne_a_l_equipe(shop, sophie, julie, marc, marie):
    marie.texts("rendu place 4")
    julie.texts("ok")
    marc.new()
    assert sophie.texts("équipe retirer (514) 555-0111") == [
        "Julie Tremblay (514-555-0111) ne fait plus partie de l'équipe. Sa cueillette en cours retourne à l'équipe."
    ]
    [alerte] = marc.new()
    assert alerte.startswith("Arrivée : Marie L., place 4")
    assert shop.order_state("1234")["handoff"]["status"] == "waiting"


def test_la_cliente_a_qui_on_avait_dit_qu_on_s_en_venait_apprend_qu_un_autre_commis_s_en_vient(
    shop, sophie, julie, marc, marie
):
    marie.texts("rendu place 4")
    julie.texts("OK 1234")
    assert marie.new() == ["Julie Tremblay s'en vient avec votre commande #1234!"]
    sophie.texts("ÉQUIPE RETIRER 514-555-0111")
    # Typographie québécoise : l'espace avant le deux-points, insécable en UCS-2, part en espace simple en GSM-7.
    assert marie.new() == ["Désolé Marie, petit changement : un autre commis vous apporte la commande #1234 sous peu."]
    marc.texts("OK 1234")
    assert marie.new() == ["Marc Gagnon s'en vient avec votre commande #1234!"]


def test_la_seule_proprietaire_ne_peut_pas_se_retirer(shop, sophie):
    assert sophie.texts("ÉQUIPE RETIRER 514-555-0113") == [
        "Rien de changé : Sophie Roy est l'unique propriétaire : ajoutez d'abord un autre propriétaire."
    ]
    assert shop.roster()[PROPRIO] == ("Sophie Roy", "owner", False)


@pytest.mark.parametrize(
    "commande, probleme, attendu",
    [
        ("ÉQUIPE RETIRER", "il manque le numéro de téléphone", "ÉQUIPE RETIRER <tél>, ex. ÉQUIPE RETIRER 514-555-0111"),
        (
            "équipe retirer Julie",
            "Julie n'est pas un numéro de téléphone",
            "ÉQUIPE RETIRER <tél>, ex. ÉQUIPE RETIRER 514-555-0111",
        ),
        (
            "ÉQUIPE VIRER 514-555-0111",
            "VIRER n'est ni AJOUTER ni RETIRER",
            "ÉQUIPE, ÉQUIPE AJOUTER <tél> <nom> ou ÉQUIPE RETIRER <tél>",
        ),
    ],
)
def test_equipe_retirer_mal_tape_nomme_le_probleme_et_ne_retire_personne(
    shop, sophie, julie, commande, probleme, attendu
):
    assert sophie.texts(commande) == [f"Rien de changé : {probleme}. Attendu : {attendu}"]
    assert JULIE in shop.roster()


def test_equipe_liste_qui_est_en_service(shop, sophie, julie, marc):
    marc.texts("hors service")
    assert sophie.texts("ÉQUIPE") == [
        "Équipe : Julie Tremblay 514-555-0111 ON; Marc Gagnon 514-555-0115 OFF; Sophie Roy (proprio) 514-555-0113 OFF"
    ]


# --- ON / OFF ------------------------------------------------------------------------------------------------


def test_off_coupe_les_alertes_et_on_les_redonne(shop, julie, marc, marie):
    assert julie.texts("OFF") == ["Vous voilà hors service : plus d'alertes d'arrivée. Répondez ON à votre retour."]
    marie.texts("rendu place 4")
    assert julie.new() == [] and len(marc.new()) == 1
    assert julie.texts("en service") == [
        "Vous voilà en service : les alertes d'arrivée vous parviennent. Répondez OFF en partant."
    ]
    assert shop.roster()[JULIE][2] is True


def test_quand_le_dernier_part_les_gerants_et_proprietaires_recoivent_les_alertes(shop, sophie, julie, marie):
    [off] = julie.texts("off")
    assert off.endswith("Plus personne n'est en service : les alertes iront aux gérants et propriétaires.")
    marie.texts("rendu place 4")
    assert julie.new() == []
    [alerte] = sophie.new()
    assert alerte.startswith("Arrivée : Marie L., place 4")


# --- STATUT --------------------------------------------------------------------------------------------------


def test_statut_dit_qui_attend_ou_et_les_chiffres_du_jour(shop, sophie, julie):
    # Trois remises après 1, 4 et 9 minutes d'attente : médiane 4, la plus longue 9.
    for numero, tel, minutes in (("1001", "+15145550131", 1), ("1002", "+15145550132", 4), ("1003", "+15145550133", 9)):
        client = shop.customer(tel)
        shop.order(numero, client, "Anne Roy", language="fr")
        client.texts("rendu place 2")
        shop.wait(minutes * 60)
        julie.texts(f"OK {numero}")
        julie.texts(f"FAIT {numero}")
    client = shop.customer("+15145550134")
    shop.order("1004", client, "Paul Roy", language="fr")
    client.texts("chu à la porte")
    sophie.new()
    assert sophie.texts("STATUT") == [
        "En ce moment : 1 en attente (porte). Aujourd'hui : 3 remises, attente médiane 4 min, la plus longue 9 min."
    ]


def test_statut_d_une_journee_tranquille(shop, sophie):
    assert sophie.texts("statut") == ["En ce moment : personne n'attend. Aujourd'hui : aucune remise."]


# --- CONNEXION -----------------------------------------------------------------------------------------------


def test_connexion_texte_un_lien_qui_sert_une_seule_fois(shop, sophie):
    [reponse] = sophie.texts("CONNEXION")
    assert reponse.startswith(
        "Lien de connexion à la gestion de Plein Air Laurier, valide 10 min et une seule "
        "fois : https://pickup.example.test/admin/login/"
    )
    jeton_ = jeton(reponse)
    assert logins.redeem(shop.svc.db, jeton_, shop.svc.clock()) == PROPRIO
    assert logins.redeem(shop.svc.db, jeton_, shop.svc.clock()) is None


def test_le_lien_expire_apres_dix_minutes(shop, sophie):
    lien = jeton(sophie.texts("connexion")[0])
    shop.wait(600)
    assert logins.redeem(shop.svc.db, lien, shop.svc.clock()) is None


# --- l'équipe ne peut pas ------------------------------------------------------------------------------------


def test_un_commis_qui_demande_la_connexion_apprend_que_c_est_pour_les_proprietaires(shop, julie):
    assert julie.texts("CONNEXION") == [
        "Seuls les propriétaires et gérants peuvent utiliser CONNEXION. Équipe : OK, FAIT, LISTE, ON, OFF."
    ]
    with shop.svc.db.read() as session:
        assert session.scalar(select(func.count()).select_from(LoginLink)) == 0


def test_un_commis_qui_texte_pause_ne_suspend_rien(shop, julie, marie):
    assert julie.texts("PAUSE dîner") == [
        "Seuls les propriétaires et gérants peuvent utiliser PAUSE. Équipe : OK, FAIT, LISTE, ON, OFF."
    ]
    assert shop.settings().paused is False
    marie.texts("rendu place 4")
    assert len(julie.new()) == 1


@pytest.mark.parametrize(
    "commande, mot",
    [
        ("TEXTE handed_off Bye", "TEXTE"),
        ("RÉPONSE HEURES 9 à 5", "RÉPONSE"),
        ("ÉQUIPE", "ÉQUIPE"),
        ("ÉQUIPE AJOUTER 514-555-0177 Bob", "ÉQUIPE AJOUTER"),
        ("STATUT", "STATUT"),
        ("REPRENDRE", "REPRENDRE"),
    ],
)
def test_un_commis_qui_texte_une_commande_de_proprio_ne_change_rien(shop, julie, commande, mot):
    assert julie.texts(commande) == [
        f"Seuls les propriétaires et gérants peuvent utiliser {mot}. Équipe : OK, FAIT, LISTE, ON, OFF."
    ]
    assert shop.auto_replies() == {} and shop.keyword_replies() == {} and set(shop.roster()) == {JULIE}


# --- AIDE ----------------------------------------------------------------------------------------------------


def test_aide_d_un_proprio_liste_les_commandes_en_un_texto(shop, sophie):
    [reponse] = sophie.texts("AIDE")
    for commande in (
        "PAUSE",
        "REPRENDRE",
        "TEXTE",
        "RÉPONSE",
        "ÉQUIPE AJOUTER",
        "ÉQUIPE RETIRER",
        "STATUT",
        "CONNEXION",
        "ON",
        "OFF",
    ):
        assert commande in reponse
    assert segments(reponse) == 1


def test_aide_d_un_commis_est_l_aide_de_l_equipe(shop, julie):
    [reponse] = julie.texts("aide")
    assert reponse.startswith("Commandes : OK [no]") and "PAUSE" not in reponse
    # Chaque membre de l'équipe se met en service ou hors service lui-même : l'aide le dit, en un seul texto.
    assert "OFF en partant, ON au retour" in reponse and segments(reponse) == 1


def test_les_reponses_au_proprio_sont_en_francais_sans_caracteres_hors_gsm(shop, sophie, julie):
    # ê, ç, â, ô (hors de l'alphabet GSM-7) feraient passer un texto de 160 à 70 caractères.
    for commande in (
        "AIDE",
        "PAUSE De retour à 14 h",
        "REPRENDRE",
        "TEXTE",
        "TEXTE handed_off",
        "RÉPONSE",
        "RÉPONSE HEURES Ouvert de 9 h à 17 h",
        "RÉPONSE HEURES",
        "ÉQUIPE AJOUTER 514-555-0177 Bob",
        "ÉQUIPE",
        "ÉQUIPE RETIRER 514-555-0177",
        "ÉQUIPE AJOUTER 514-555-0177",
        "STATUT",
        "CONNEXION",
        "OFF",
        "ON",
        "RÉPONSE ICI x",
        "ÉQUIPE RETIRER 514-555-0113",
    ):
        shop.wait(10)  # un texto aux 10 s : jamais plus que les 10 par minute de la règle anti-boucle
        [reponse] = sophie.texts(commande)
        assert {c for c in reponse if c not in GSM7_BASIC and c not in GSM7_EXTENDED} == set(), (commande, reponse)
        for anglais in ("Done", "Not done", "Expected", "SET ", "REPLY", "STAFF", "owner", "staff"):
            assert anglais not in reponse, (commande, reponse)


# --- HEURES --------------------------------------------------------------------------------------------------


def test_heures_changees_par_texto_comme_un_proprio_les_ecrit(shop, sophie):
    [reponse] = sophie.texts("heures 9h-17h")
    assert reponse.startswith("C'est fait. Heures de cueillette : lun-dim 9 h-17 h.") and segments(reponse) == 1
    shop.wait(7)
    [reponse] = sophie.texts("HEURES lundi au vendredi de 9 h à 17 h 30, samedi 10h-16h, dimanche fermé")
    assert reponse.startswith("C'est fait. Heures de cueillette : lun-ven 9 h-17 h 30, sam 10 h-16 h.")


def test_heures_toujours_ne_parle_plus_d_heures_de_fermeture(shop, sophie):
    sophie.texts("HEURES lun-ven 9h-17h")
    shop.wait(7)
    [reponse] = sophie.texts("HEURES TOUJOURS")
    assert reponse == "C'est fait. Cueillette en tout temps : plus de réponse de fermeture."


def test_heures_illisibles_rien_ne_change(shop, sophie):
    [reponse] = sophie.texts("HEURES fermé")
    assert reponse == ("Rien de changé : aucun jour ne serait ouvert (PAUSE suspend la cueillette un moment).")
    shop.wait(7)
    assert sophie.texts("HEURES")[0].startswith("Heures de cueillette : toujours ouvert.")
