"""Every owner's and staff member's command of issue 17, in English and in French, malformed forms included, through
real processes: signed HTTP webhook → Redis → worker → Twilio stand-in, each answer read as Twilio got it."""

from __future__ import annotations

import pytest

from tests.support.live import LiveStack

STORE, OWNER, MANAGER, JULIE, MARIE = "+15145550100", "+15145550113", "+15145550130", "+15145550111", "+15145550123"
NEWCOMER = "+15145550150"


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    # An owner trying every command sends a good twenty texts in a minute; the loop guard (10 a minute, meant for
    # another bot) would silence the rest, which is its own test's business (tests/service/test_abuse*).
    live = LiveStack(database_url, twilio, tmp_path, env={"LOOP_TEXTS_PER_MINUTE": "1000"}).start()
    yield live
    live.stop()


@pytest.fixture
def store(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air Laurier", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    ).json()
    for person in (
        {"name": "Sophie Roy", "phone": OWNER, "role": "owner", "language": "fr", "on_duty": False},
        {"name": "Mike Brown", "phone": MANAGER, "role": "manager", "language": "en", "on_duty": False},
        {"name": "Julie Tremblay", "phone": JULIE, "role": "staff", "language": "fr"},
    ):
        assert stack.api("POST", f"/stores/{store['id']}/staff", token, json=person).status_code == 201
    twilio.wait_for(3)  # their welcome texts
    order = {"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"}
    assert stack.api("POST", f"/stores/{store['id']}/orders", token, json=order).status_code == 201
    twilio.wait_for(1, to=MARIE)
    twilio.reset()
    return store


def answer(stack, twilio, phone: str, body: str) -> str:
    """The one text the bot answers `body` with, as the stand-in received it (a French text that is UCS-2 anyway
    keeps its non-breaking spaces before colons: read here as plain ones)."""
    before = len(twilio.messages(to=phone))
    assert stack.text(phone, STORE, body).status_code == 200
    texts = twilio.wait_for(before + 1, timeout=10, to=phone)
    return texts[before]["body"].replace("\u00a0", " ")


FRENCH = [
    ("AIDE", "PAUSE <msg>, REPRENDRE, HEURES <h>, TEXTE"),
    ("PAUSE De retour à 14 h", "Cueillette suspendue"),
    ("REPRENDRE", "La cueillette reprend"),
    ("REPRENDRE", "La cueillette n'était pas suspendue."),
    ("HEURES lun-ven 9h-17h, sam 10h-16h", "C'est fait. Heures de cueillette : lun-ven 9 h-17 h, sam 10 h-16 h."),
    ("HEURES", "Heures de cueillette : lun-ven 9 h-17 h, sam 10 h-16 h."),
    ("HEURES n'importe quoi", "Rien de changé : « n'importe quoi » ne se lit pas comme des heures"),
    ("HEURES TOUJOURS", "C'est fait. Cueillette en tout temps"),
    ("TEXTE", "Textes modifiables : order_ready"),
    ("TEXTE handed_off Merci{name}, à bientôt!", "C'est fait. Le texte handed_off (FR) se lit maintenant"),
    ("TEXTE handed_off", "handed_off se lit en ce moment : Merci{name}, à bientôt!"),
    ("TEXTE handed_off Merci {nom}", "Rien de changé : champ inconnu {nom}"),
    ("TEXTE bidon allo", "Aucun texte ne s'appelle bidon."),
    ("TEXTE handed_off DÉFAUT", "C'est fait. Le texte handed_off (FR) est revenu à l'original"),
    ("RÉPONSE", "Aucune réponse par mot-clé."),
    ("RÉPONSE STATIONNEMENT Derrière le magasin", "C'est fait. Quand un client texte STATIONNEMENT"),
    ("RÉPONSE ARRÊT non", "Rien de changé : ARRÊT est réservé"),
    ("RÉPONSE", "Réponses par mot-clé : STATIONNEMENT."),
    ("ÉQUIPE AJOUTER 514-555-0150 Luc Côté", "Luc Côté (514-555-0150) fait maintenant partie de l'équipe"),
    ("ÉQUIPE AJOUTER 514-555 Luc", "Rien de changé : 514-555 n'est pas un numéro de téléphone."),
    ("ÉQUIPE", "Équipe : Julie Tremblay 514-555-0111 ON; Luc Côté 514-555-0150 ON;"),
    ("ÉQUIPE RETIRER 514-555-0150", "Luc Côté (514-555-0150) ne fait plus partie de l'équipe."),
    ("ÉQUIPE RETIRER 514-555-0113", "Rien de changé : Sophie Roy est l'unique propriétaire"),
    ("STATUT", "En ce moment : personne n'attend. Aujourd'hui : aucune remise."),
    ("ON", "Vous voilà en service"),
    ("OFF", "Vous voilà hors service"),
    ("CONNEXION", "Lien de connexion à la gestion de Plein Air Laurier, valide 10 min et une seule fois : http"),
]
ENGLISH = [
    ("HELP", "PAUSE <msg>, RESUME, HOURS <days> <hours>, SET"),
    ("PAUSE Back at 2", "Pickups paused, no staff alerts."),
    ("RESUME", "Pickups are back on"),
    ("HOURS Mon-Fri 9-5", "Done. Pickup hours: Mon-Fri 9am-5pm."),
    ("HOURS gibberish", "Not done: 'gibberish' is not hours"),
    ("HOURS ALWAYS", "Done. Pickups any time now"),
    ("SET", "Texts you can change: order_ready"),
    ("SET handed_off Thanks{name}, see you!", "Done. The handed_off text (EN) now reads"),
    ("SET nope hi", "No text is called nope."),
    ("SET handed_off DEFAULT", "Done. The handed_off text (EN) is back to the original"),
    ("REPLY PARKING Behind the store", "Done. Customers who text PARKING now get: Behind the store"),
    ("REPLY STOP no", "Not done: STOP is kept"),
    ("REPLY PARKING", "Done. PARKING no longer has a reply."),
    ("STAFF ADD", "Not done: the phone number and the name are missing."),
    ("STAFF FOO", "Not done: FOO is not ADD or REMOVE."),
    ("STAFF REMOVE 514-555-0113", "Not done: only an owner can add, change or remove an owner."),
    ("STAFF", "Staff: Julie Tremblay 514-555-0111 ON; Mike Brown (manager) 514-555-0130 OFF;"),
    ("STATUS", "Now: nobody waiting. Today: 0 handed off."),
    ("ON", "You're on duty"),
    ("OFF", "You're off duty"),
    ("LOGIN", "Sign-in link for the Plein Air Laurier admin pages, valid 10 min and once: http"),
]


@pytest.mark.parametrize(("phone", "said"), [(OWNER, FRENCH), (MANAGER, ENGLISH)], ids=["fr-owner", "en-manager"])
def test_every_command_is_answered_through_the_real_path(stack, twilio, store, phone, said):
    for body, expected in said:
        got = answer(stack, twilio, phone, body)
        assert got.startswith(expected), f"{body!r} was answered {got!r}"


def test_what_the_commands_change_reaches_customers_and_staff(stack, twilio, store):
    answer(stack, twilio, OWNER, "RÉPONSE STATIONNEMENT Derrière le magasin")
    assert answer(stack, twilio, MARIE, "stationnement") == "Derrière le magasin"

    answer(stack, twilio, OWNER, "PAUSE De retour à 14 h")
    paused = answer(stack, twilio, MARIE, "ici place 4")
    assert paused.endswith("De retour à 14 h") and twilio.messages(to=JULIE) == []
    answer(stack, twilio, OWNER, "REPRENDRE")

    answer(stack, twilio, OWNER, "ÉQUIPE AJOUTER 514-555-0150 Luc Côté")
    assert twilio.wait_for(1, timeout=10, to=NEWCOMER)[0]["body"].startswith("Plein Air Laurier : bienvenue")
    assert answer(stack, twilio, JULIE, "AIDE").endswith("OFF en partant, ON au retour.")
    assert answer(stack, twilio, JULIE, "PAUSE").startswith(
        "Seuls les propriétaires et gérants peuvent utiliser PAUSE."
    )
    assert answer(stack, twilio, JULIE, "OFF").startswith("Vous voilà hors service")
    assert answer(stack, twilio, MARIE, "ici place 4").startswith("Merci Marie, c'est noté : place 4.")
    [alert] = [m["body"] for m in twilio.wait_for(2, timeout=10, to=NEWCOMER)[1:]]
    assert alert.startswith("Arrivée : Marie L., place 4")
    assert [m["body"] for m in twilio.messages(to=JULIE) if "Arrivée" in m["body"]] == []  # off duty
    assert answer(stack, twilio, OWNER, "STATUT").startswith("En ce moment : 1 en attente (place 4).")

    answer(stack, twilio, OWNER, "TEXTE handed_off Merci{name}, à la prochaine!")
    answer(stack, twilio, NEWCOMER, "OK 1234")
    marie = len(twilio.wait_for(4, timeout=10, to=MARIE))  # ... and "Luc Côté s'en vient"
    answer(stack, twilio, NEWCOMER, "FAIT 1234")
    assert twilio.wait_for(marie + 1, timeout=10, to=MARIE)[marie]["body"] == "Merci Marie, à la prochaine!"
