"""Les conversations du SPEC en français (québécois), par le webhook signé."""

from __future__ import annotations

import pytest

from tests.support.conversation import Shop


@pytest.fixture
def shop(svc):
    return Shop(svc, language="fr", escalation_seconds=300)


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", "+15145550111", language="fr")


@pytest.fixture
def marc(shop):
    return shop.staff("Marc Gagnon", "+15145550115", language="fr")


@pytest.fixture
def marie(shop):
    return shop.customer("+15145550123")


def test_commande_prete_le_client_sait_comment_signaler_son_arrivee(shop, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    [texte] = marie.new()
    assert "#1234" in texte and "répondez ARRIVÉ et votre numéro de place" in texte


def test_en_route_avec_delai(shop, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [reponse] = marie.texts("j'arrive dans 10 minutes")
    assert "10 min" in reponse and reponse.startswith("Merci Marie")
    assert shop.order_state("1234")["handoff"]["status"] == "on_the_way"


def test_chu_rendu_place_4_alerte_le_personnel(shop, marie, julie, marc):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [accuse] = marie.texts("chu rendue place 4")
    assert "place 4" in accuse and "commis" in accuse
    [alerte] = julie.new()
    assert alerte.startswith("Arrivée : Marie L., place 4") and "Répondez OK 1234" in alerte
    assert marc.new() == [alerte]


def test_a_la_porte_pas_de_place_demandee(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [accuse] = marie.texts("je suis à la porte")
    assert "à la porte" in accuse
    [alerte] = julie.new()
    assert "à la porte" in alerte


def test_rendu_sans_place_on_demande_la_place_et_on_prend_la_reponse_nue(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [question] = marie.texts("Je suis arrivée")
    assert "numéro de place" in question
    [accuse] = marie.texts("sept")
    assert "place 7" in accuse
    [alerte] = julie.new()
    assert "place 7" in alerte


def test_numero_inconnu_on_demande_la_commande(shop, julie):
    shop.order("4521", "+15145550199", "Luc Côté", language="fr")
    inconnu = shop.customer("+15145550777")
    [question] = inconnu.texts("rendu, place 2")
    assert "numéro de commande" in question
    [accuse] = inconnu.texts("4521")
    assert "place 2" in accuse
    [alerte] = julie.new()
    assert "Numéro inconnu : vérifiez le nom" in alerte


def test_pas_encore_prete_puis_alerte_des_que_prete(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr", ready=False)
    [reponse] = marie.texts("arrivé place 3")
    assert "pas encore prête" in reponse
    [avis] = julie.new()
    assert "PAS prête" in avis
    shop.ready("1234")
    [alerte] = julie.new()
    assert alerte.startswith("Arrivée") and "place 3" in alerte


def test_premier_qui_prend_gagne_et_fait_ferme(shop, marie, julie, marc):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("rendu, place 4")
    julie.new(), marc.new()
    [a_toi] = julie.texts("ok")
    assert a_toi.startswith("C'est à vous") and "FAIT 1234" in a_toi
    [avis] = marc.new()
    assert "Julie Tremblay s'occupe de Marie L." in avis
    [en_route] = marie.new()
    assert "Julie Tremblay s'en vient" in en_route
    [trop_tard] = marc.texts("ok 1234")
    assert "s'occupe déjà" in trop_tard
    [fait] = julie.texts("fait")
    assert fait.startswith("Fait : commande #1234 remise")
    [merci] = marie.new()
    assert "magasiné" in merci


def test_relance_du_client_excuses_et_rappel(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("rendu place 4")
    julie.new()
    [excuses] = marie.texts("c'est tu prêt?")
    assert "Désolé pour l'attente" in excuses
    [rappel] = julie.new()
    assert "relance" in rappel


@pytest.mark.parametrize(
    "texte",
    [
        "on m'a oubliée ou quoi",
        "je niaise ici depuis 15 min",
        "allo?? quelqu'un?",
        "ca fait 20 minutes que jattends",
        "ça va-tu être encore long?",
    ],
)
def test_une_cliente_qui_se_sent_oubliee_recoit_des_excuses_et_le_personnel_un_rappel(shop, marie, julie, texte):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("rendu place 4")
    julie.new()
    shop.wait(240)  # before the first re-alert
    [excuses] = marie.texts(texte)
    assert excuses == "Désolé pour l'attente Marie! On a relancé l'équipe, quelqu'un arrive dans un instant."
    [rappel] = julie.new()
    assert rappel.startswith("Marie L. relance (place 4, commande #1234, attend depuis 4 min)")


@pytest.mark.parametrize("texte", ["bonjour", "c'est quoi la suite?", "tu sors quand?"])
def test_une_question_nouvelle_d_une_cliente_qui_attend_dans_le_stationnement_la_relance(shop, marie, julie, texte):
    # Ces textes ne disent rien d'autre : d'une cliente qui attend ici, ils demandent des nouvelles.
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("rendu place 4")
    julie.new()
    shop.wait(240)
    [excuses] = marie.texts(texte)
    assert excuses == "Désolé pour l'attente Marie! On a relancé l'équipe, quelqu'un arrive dans un instant."
    [rappel] = julie.new()
    assert rappel.startswith("Marie L. relance (place 4, commande #1234, attend depuis 4 min)")


def test_la_meme_question_d_une_cliente_qui_n_attend_pas_ne_relance_personne(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("c'est quoi la suite?")
    assert julie.new() == []


@pytest.mark.parametrize(
    "texte, minutes", [("j'arrive dans trois quarts d'heure", 45), ("dans une heure et quart", 75)]
)
def test_un_delai_dit_en_mots_est_un_delai(shop, marie, texte, minutes):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [reponse] = marie.texts(texte)
    assert f"dans environ {minutes} min" in reponse
    assert shop.board()["on_the_way"][0]["eta_seconds"] == minutes * 60


def test_escalade_aux_gerants(shop, marie, julie):
    patronne = shop.staff("Sophie Roy", "+15145550113", role="owner", language="fr", on_duty=False)
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    marie.texts("rendu place 4")
    julie.new()
    shop.wait(301)
    [encore] = julie.new()
    assert encore.startswith("Attend toujours")
    shop.wait(301)
    [escalade] = patronne.new()
    assert escalade.startswith("Personne ne s'occupe de Marie L.")


def test_arret_desabonne_et_aide_repond(shop, marie):
    [aide] = marie.texts("AIDE")
    assert "cueillette" in aide
    [adieu] = marie.texts("ARRÊT")
    assert "ne recevrez plus" in adieu


def test_les_reponses_suivent_la_langue_du_client(shop, julie):
    # The store speaks French; an English-speaking customer gets English.
    sam = shop.customer("+15145550130")
    shop.order("1300", sam, "Sam Park")  # no language on the order
    sam.new()
    [ack] = sam.texts("I'm here at spot 6 in a grey Mazda 3")
    assert ack.startswith("Thanks Sam! Got it: spot 6")
    [alerte] = julie.new()
    assert alerte.startswith("Arrivée") and "Mazda" in alerte  # staff keep their own language


def test_une_cliente_desabonnee_qui_arrive_recoit_quand_meme_sa_commande(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [adieu] = marie.texts("ARRÊT")
    assert "ne recevrez plus" in adieu
    ecrits = shop.texts_written_to(marie)
    assert marie.texts("chu rendue place 5") == []
    [alerte] = julie.new()
    assert alerte.startswith("Arrivée : Marie L., place 5")
    assert "A refusé les textos : impossible de lui répondre." in alerte
    assert shop.board()["waiting"][0]["customer_opted_out"]
    [a_vous] = julie.texts("ok")
    assert "impossible de lui répondre" in a_vous
    julie.texts("fait")
    assert shop.order_state("1234")["status"] == "handed_off"
    assert shop.texts_written_to(marie) == ecrits and marie.new() == []


def test_un_client_qui_ecrit_en_anglais_recoit_de_l_anglais_meme_si_la_commande_est_en_francais(shop, julie):
    sam = shop.customer("+15145550130")
    shop.order("1300", sam, "Sam Park", language="fr")
    [prete] = sam.new()
    assert prete.startswith("Plein Air Laurier")
    assert "votre commande #1300 vous attend" in prete
    [ack] = sam.texts("I'm here, spot 6")
    assert ack.startswith("Thanks Sam! Got it: spot 6")
    julie.new()
    julie.texts("ok")
    [en_route] = sam.new()
    assert en_route == "Julie Tremblay is bringing order #1300 out to you now."
    [bonjour] = sam.texts("Merci! je suis à la place 6")
    assert bonjour.startswith("Désolé pour l'attente")  # the latest clear text is French again


def test_annuler_ma_commande_n_est_pas_un_desabonnement(shop, marie, julie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.new()
    [reponse] = marie.texts("Annuler ma commande")
    assert "demande d'annulation" in reponse


def test_un_texte_ambigu_ne_change_pas_la_langue_retenue(shop, julie):
    client = shop.customer("+15145550140")
    shop.order("1400", client, "Luc Côté")  # no language on the order: the customer's texts decide
    client.new()
    [question] = client.texts("Bonjour, je suis arrivé")
    assert question.startswith("Bienvenue")
    [accuse] = client.texts("spot 4")  # could be either language: stays French
    assert accuse.startswith("Merci Luc, c'est noté : place 4")
