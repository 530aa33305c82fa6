"""What the bot understands from a text: intents, spots, orders, ETAs, vehicles, language, notes."""

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest

from bot.core.understanding import (
    CUSTOMER_INTENTS,
    STAFF_INTENTS,
    Context,
    Meaning,
    understand,
)
from tests.support import corpus

# The shared sample corpus: the workplace's copy beside the repo when there is one, else the copy kept with the
# tests (taken from it on 2026-12-04), so a clone anywhere still runs it.
_SHARED_SAMPLE = Path(__file__).parents[2].parent / "shared/corpus/sample.jsonl"
SAMPLE = _SHARED_SAMPLE if _SHARED_SAMPLE.exists() else Path(__file__).parents[1] / "corpus/shared_sample.jsonl"
OURS = Path(__file__).parents[1] / "corpus/customer_texts.jsonl"
CORE = Path(__file__).parents[2] / "bot/core"

STAFF = Context(role="staff")
ASKED_SPOT = Context(awaiting="spot")
ASKED_ORDER = Context(awaiting="order")


# --- arrival or on the way --------------------------------------------------------------------


def test_j_arrive_dans_10_min_means_on_the_way_not_arrived():
    meaning = understand("j'arrive dans 10 min")
    assert (meaning.intent, meaning.eta_minutes, meaning.language) == ("on_the_way", 10, "fr")


def test_j_arrive_alone_is_on_the_way():
    assert understand("J'arrive").intent == "on_the_way"


@pytest.mark.parametrize(
    "text",
    [
        "arrivé",
        "Je suis arrivée",
        "je suis arrive",
        "rendu",
        "chu rendue",
        "chu là",
        "j'suis là",
        "icitte",
        "je suis dans le stationnement",
    ],
)
def test_arrive_with_an_accent_or_after_suis_and_quebec_forms_mean_arrived(text):
    assert understand(text).intent == "arrived"


@pytest.mark.parametrize(
    "text", ["presque rendu", "pas encore arrivé", "almost there", "not here yet", "chu pas encore là"]
)
def test_almost_or_not_yet_there_is_on_the_way(text):
    assert understand(text).intent == "on_the_way"


@pytest.mark.parametrize("text", ["om my way", "on mu way", "On my way!", "I'm coming to get my order"])
def test_on_my_way_with_a_slip_of_one_key_is_still_on_the_way(text):
    assert understand(text).intent == "on_the_way"


def test_be_there_in_5_is_on_the_way_with_a_5_minute_eta():
    assert (understand("be there in 5").intent, understand("be there in 5").eta_minutes) == ("on_the_way", 5)


def test_an_eta_alone_is_on_the_way():
    assert understand("10 min").intent == "on_the_way"


def test_im_in_5_is_spot_5_but_here_in_5_is_an_eta():
    assert (understand("I'm in 5").intent, understand("I'm in 5").spot) == ("arrived", "5")
    assert (understand("here in 5").intent, understand("here in 5").eta_minutes) == ("on_the_way", 5)


def test_arrival_outranks_a_status_question_in_the_same_text():
    meaning = understand("I'm here at spot 8, is it ready?")
    assert (meaning.intent, meaning.spot) == ("arrived", "8")


# --- ETAs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("10 min", 10),
        ("10mins", 10),
        ("5 minutes", 5),
        ("5 min away", 5),
        ("gimme 20 mins", 20),
        ("in a quarter of an hour", 15),
        ("half an hour", 30),
        ("un quart d'heure", 15),
        ("une demi-heure", 30),
        ("dans deux heures", 120),
        ("be there in an hour", 60),
        ("dans 1h30", 90),
        ("une heure et demie", 90),
        ("trois quarts d'heure", 45),
        ("j'arrive dans cinq minutes", 5),
        ("10-15 min", 15),
        ("be there in 15-20", 20),
        ("je suis à 10 minutes", 10),
        ("une vingtaine de minutes", 20),
        ("in 1.5 hours", 90),
        ("in 1/2 hour", 30),
        ("otw 15", 15),
    ],
)
def test_eta_phrases_in_both_languages_become_minutes(text, minutes):
    assert understand(text).eta_minutes == minutes


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("be there in three quarters of an hour", 45),
        ("j'arrive dans trois quarts d'heure", 45),
        ("dans 3/4 d'heure", 45),
        ("dans une heure et quart", 75),
        ("in an hour and a quarter", 75),
        ("be there in an hour and fifteen", 75),
    ],
)
def test_etas_said_in_words_are_etas(text, minutes):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", minutes)


def test_of_two_etas_the_time_to_get_there_wins_over_the_time_to_leave():
    assert understand("je pars dans 5 min, rendu dans 30").eta_minutes == 30
    assert understand("leaving in 5, there in 20").eta_minutes == 20


def test_a_comma_ends_what_running_late_says_so_the_minutes_after_it_are_an_eta():
    assert understand("running late, 10 more min").eta_minutes == 10


@pytest.mark.parametrize(
    "text", ["be there at 5:30", "j'arrive à 17h", "je serai là vers 17h", "I'll be there around 3pm"]
)
def test_a_clock_time_is_not_an_eta(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", None)


@pytest.mark.parametrize(
    "text",
    [
        "I'm here, been waiting for 15 min",
        "je suis ici depuis 10 minutes",
        "I'm here, waited 10 minutes already",
        "je niaise ici depuis 15 min",
        "yo i been sittin here 10 min",
        "Here, been sitting in the lot 10 min",
    ],
)
def test_time_already_waited_is_not_an_eta(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("arrived", None)


def test_a_duration_led_in_by_in_or_dans_is_an_eta_even_after_been():
    assert understand("been stuck in traffic be there in 10").eta_minutes == 10
    assert understand("i've been driving for 20 min, there in 10").eta_minutes == 10


# --- spots -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, spot",
    [
        ("spot 4", "4"),
        ("space 5", "5"),
        ("stall 3", "3"),
        ("bay 2", "2"),
        ("slot 10", "10"),
        ("door 2", "2"),
        ("place 4", "4"),
        ("espace 11", "11"),
        ("stationnement 14", "14"),
        ("le spot 9", "9"),
        ("pl. 7", "7"),
        ("#7", "7"),
        ("spot #14", "14"),
        ("here 4", "4"),
        ("chu rendu au 4", "4"),
        ("I'm in spot A3", "A3"),
        ("here P12", "P12"),
        ("spot P-12", "P12"),
        ("spot4", "4"),
        ("rendu pl.5", "5"),
        ("spot 1234", "1234"),
        ("je suis au numéro 7", "7"),
    ],
)
def test_spot_synonyms_and_labels_give_the_spot(text, spot):
    assert understand(text).spot == spot


@pytest.mark.parametrize(
    "text, spot",
    [
        ("spot four", "4"),
        ("place numéro quinze", "15"),
        ("place trente-deux", "32"),
        ("la place vingt et un", "21"),
        ("here, spot twenty one", "21"),
        ("place quatre-vingt-dix-neuf", "99"),
    ],
)
def test_number_words_in_both_languages_become_digits(text, spot):
    assert understand(text).spot == spot


def test_un_vus_is_a_vehicle_not_spot_1():
    meaning = understand("chu dehors dans un VUS noir")
    assert (meaning.spot, meaning.vehicle) == (None, "VUS noir")


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("Here in a Mazda 3", "Mazda 3"),
        ("here in a Tesla Model 3", "Tesla Model 3"),
        ("Silver CX-5 here", "Silver CX-5"),
        ("here in my 2019 RAV4", "2019 RAV4"),
        ("here in the black Ram 1500", "black Ram 1500"),
    ],
)
def test_a_model_number_or_year_is_part_of_the_vehicle_not_the_spot(text, vehicle):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot, meaning.vehicle) == ("arrived", None, vehicle)


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("we're in the lot, black Dodge Grand Caravan, spot 2", "black Dodge Grand Caravan"),
        ("here in a grand cherokee", "grand cherokee"),
        ("Parked, white Santa Fe", "white Santa Fe"),
    ],
)
def test_two_word_model_names_are_the_vehicle_whole(text, vehicle):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle) == ("arrived", vehicle)


def test_model_number_and_spot_in_one_text_are_told_apart():
    meaning = understand("In a red Mazda 3 at spot 8")
    assert (meaning.spot, meaning.vehicle) == ("8", "red Mazda 3")


def test_a_lone_number_after_with_is_not_the_spot():
    assert understand("I'm here with my 2 kids").spot is None


# --- bare answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, spot",
    [
        ("7", "7"),
        ("sept", "7"),
        ("#7", "7"),
        ("seven", "7"),
        ("A3", "A3"),
        ("le 4", "4"),
        ("numéro 12", "12"),
        ("dix-sept", "17"),
    ],
)
def test_bare_number_after_spot_question_is_the_spot(text, spot):
    meaning = understand(text, ASKED_SPOT)
    assert (meaning.intent, meaning.spot) == ("arrived", spot)


def test_a_vehicle_after_the_spot_question_is_an_arrival_in_that_vehicle():
    meaning = understand("the red one", ASKED_SPOT)
    assert (meaning.intent, meaning.spot, meaning.vehicle) == ("arrived", None, "red one")


@pytest.mark.parametrize(
    "text, order",
    [
        ("55821", "55821"),
        ("B552", "B552"),
        ("#B552", "B552"),
        ("7", "7"),
        ("order 55821", "55821"),
        ("c'est 4521", "4521"),
    ],
)
def test_bare_answer_after_order_question_is_the_order(text, order):
    meaning = understand(text, ASKED_ORDER)
    assert (meaning.intent, meaning.order, meaning.spot) == ("other", order, None)


def test_an_arrival_with_its_order_after_the_order_question_keeps_both():
    meaning = understand("1234 spot 5", ASKED_ORDER)
    assert (meaning.intent, meaning.order, meaning.spot) == ("arrived", "1234", "5")


def test_bare_small_number_with_no_question_pending_is_an_arrival_at_that_spot():
    meaning = understand("6")
    assert (meaning.intent, meaning.spot, meaning.order) == ("arrived", "6", None)


@pytest.mark.parametrize("text", ["55821", "B552", "#B552"])
def test_bare_order_number_with_no_question_pending_is_an_order_not_a_spot(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot, meaning.order) == ("other", None, text.lstrip("#"))


# --- orders ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, order",
    [
        ("Arrived. Order 55821, spot 11", "55821"),
        ("Commande 4521, place 2", "4521"),
        ("pickup for #B552, spot 14", "B552"),
        ("Hello! Arrived for pickup, order #A-3391", "A-3391"),
    ],
)
def test_order_numbers_are_read_and_not_taken_for_spots(text, order):
    assert understand(text).order == order


def test_hash_before_a_short_number_is_a_spot_but_before_an_order_id_is_an_order():
    assert (understand("pickup for #B552, spot 14").spot, understand("here #3").spot) == ("14", "3")


# --- typos -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, spot",
    [("im hre spt 6", "6"), ("im heer spto 3", "3"), ("arived spot 4", "4"), ("heeeere", None), ("arrrrived", None)],
)
def test_typos_and_stretched_words_are_still_understood(text, spot):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == ("arrived", spot)


@pytest.mark.parametrize("text", ["there", "where", "Are you there?", "where do I park?", "Hi there"])
def test_there_does_not_fuzzy_match_here(text):
    assert understand(text).intent != "arrived"  # "Are you there?" is a nudge (status), never an arrival


def test_shouting_and_emoji_do_not_change_the_meaning():
    assert understand("IM HERE SPOT 4!!!").spot == "4"
    meaning = understand("Arrivé 👍 place 6")
    assert (meaning.intent, meaning.spot, meaning.language, meaning.note) == ("arrived", "6", "fr", None)


# --- keywords, cancel, status, other --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "Stop.",
        "STOPALL",
        "UNSUBSCRIBE",
        "CANCEL",
        "END",
        "QUIT",
        "REVOKE",
        "OPTOUT",
        "ARRET",
        "ARRÊT",
        "Stop please",
        "STOP svp",
        "STOP ALL",
        "stop svp arrêtez",
    ],
)
def test_every_opt_out_keyword_stops(text):
    assert understand(text).intent == "stop"


@pytest.mark.parametrize(
    "text",
    [
        "stop texting me",
        "Please stop sending me messages",
        "unsubscribe me",
        "arrête de m'écrire",
        "arrêtez de m'envoyer des messages",
        "je veux plus recevoir de textos",
        "I want to cancel these texts",
        "lâchez-moi avec vos textos",
        "enough with the texts",
        "pls opt me out of these",
    ],
)
def test_natural_opt_outs_stop(text):
    assert understand(text).intent == "stop"


def test_lachez_pas_is_keep_it_up_not_an_opt_out():
    assert understand("lâchez pas les textos, merci!").intent != "stop"


@pytest.mark.parametrize(
    "text",
    [
        "you can text me again, i want the updates",
        "please start texting me again",
        "vous pouvez me réécrire",
        "je veux recommencer à recevoir vos textos",
        "opt me back in",
    ],
)
def test_natural_opt_ins_start(text):
    assert understand(text).intent == "start"


def test_text_me_again_when_it_is_ready_is_not_an_opt_in():
    assert understand("text me again when it's ready").intent == "status"


def test_cancel_alone_opts_out_but_cancel_my_order_is_a_cancel():
    assert understand("CANCEL").intent == "stop"
    assert understand("cancel my order please").intent == "cancel"
    assert understand("Annuler ma commande").intent == "cancel"
    meaning = understand("Please cancel order 55821")
    assert (meaning.intent, meaning.order) == ("cancel", "55821")


@pytest.mark.parametrize("text", ["START", "UNSTOP", "YES", "yes"])
def test_start_keywords_start(text):
    assert understand(text).intent == "start"


@pytest.mark.parametrize("text", ["HELP", "INFO", "AIDE", "aide svp", "I need help", "comment ça marche?"])
def test_help_keywords_and_questions_ask_for_help(text):
    assert understand(text).intent == "help"


@pytest.mark.parametrize(
    "text",
    [
        "is my order ready?",
        "c'est prêt?",
        "c'tu prêt?",
        "still waiting?",
        "ça s'en vient?",
        "how much longer?",
        "où en est ma commande?",
    ],
)
def test_asking_whether_the_order_is_ready_is_status(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "hello?? anyone coming",
        "on m'a oubliée ou quoi",
        "did u forget about me",
        "vous m'oubliez pas là?",
        "ca fait 20 minutes que jattends",
        "still nobody?? been 15 mins",
        "waiting on you guys for 15 min now",
        "ça va être encore long?",
        "toujours personne",
        "combien de temps encore",
        "vous m'avez tu oubliée?",
        "am i forgotten lol",
        "toujours rien?",
        "r u guys coming or what",
        "any1 coming out or nah",
        "allo?? y'a quelqu'un qui vient me voir?",
        "is anyone gonna come out",
        "ça achève-tu?",
        "is it almost done?",
        "j'attends depuis tantôt",
        "y a personne qui sort??",
        "personne qui vient?",
        "hows my order coming along?",
        "am I still in the queue??",
        "pis ça avance?",
        "yoo anybody coming to my car?",
        "vous m'avez pas oubliée toujours?",
        "m'avez-vous oubliée?",
    ],
)
def test_a_customer_who_feels_forgotten_or_says_how_long_it_has_been_asks_for_news(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


def test_tantot_is_later_but_depuis_tantot_is_a_while_ago():
    assert understand("j'arrive tantôt").intent == "on_the_way"
    assert understand("chu là depuis tantôt").intent == "arrived"


@pytest.mark.parametrize("text", ["is order 30488 good to go?", "are we all set?", "is it good to go"])
def test_good_to_go_or_all_set_asked_is_ready_asked(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize("text", ["good to go, thanks!", "all set thanks"])
def test_good_to_go_or_all_set_said_is_not_a_question(text):
    assert understand(text).intent == "other"


@pytest.mark.parametrize(
    "text, intent, language",
    [
        ("jsuisrendu", "arrived", "fr"),
        ("imoutside", "arrived", "en"),
        ("jsuisarrivé", "arrived", "fr"),
        ("chuici", "arrived", "fr"),
        ("impala here", "arrived", "en"),
    ],
)
def test_a_subject_glued_to_an_arrival_word_is_read_as_two_words(text, intent, language):
    meaning = understand(text)
    assert (meaning.intent, meaning.language) == (intent, language)


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("almost there, 5ish min", 5),
        ("omw 40-ish", 40),
        ("be there in 10ish", 10),
        ("10 ish min", 10),
        ("gonna take me 40ish, on my way", 40),
        ("ça va me prendre 20, j'arrive", 20),
    ],
)
def test_about_so_many_with_ish_or_what_the_trip_takes_is_the_eta(text, minutes):
    assert understand(text).eta_minutes == minutes


@pytest.mark.parametrize(
    "text, intent", [("is my stuff rdy?", "status"), ("any1 there?", "status"), ("no1 came out yet", "status")]
)
def test_texting_shorthand_reads_as_the_word_it_stands_for(text, intent):
    assert understand(text).intent == intent


def test_a_spot_label_is_never_taken_for_shorthand():
    assert understand("spot L8").spot == "L8"


def test_forgetting_something_of_ones_own_is_not_feeling_forgotten():
    assert understand("I forgot my wallet, be there in 10").intent == "on_the_way"
    assert understand("forgot my order number").intent != "status"


@pytest.mark.parametrize("text, spot", [("rendu place tois", "3"), ("spot sevn", "7"), ("parked at 4b", "4B")])
def test_a_typed_number_word_or_a_lettered_spot_is_still_the_spot(text, spot):
    assert understand(text).spot == spot


@pytest.mark.parametrize("text", ["thanks", "merci", "What time do you close?", "ok", "d'accord", "👍", ""])
def test_thanks_and_unrelated_questions_are_other(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle, meaning.spot) == ("other", None, None)


# --- door and notes --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["I'm at the door", "à la porte", "devant la porte", "at the front door"])
def test_at_the_door_is_a_door_arrival(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.door, meaning.spot) == ("arrived", True, None)


@pytest.mark.parametrize(
    "text",
    [
        "here spot 4, trunk's open",
        "coffre ouvert",
        "here spot 4. I have a dog in the car",
        "je suis arrivée, j'ai un chien dans l'auto",
    ],
)
def test_anything_more_for_staff_is_kept_verbatim_as_a_note(text):
    meaning = understand(f"  {text} ")
    assert (meaning.intent, meaning.note) == ("arrived", text)


@pytest.mark.parametrize(
    "text",
    [
        "here spot 4 red civic",
        "Arrivé, place 4",
        "I'm here, thanks!",
        "Here! Spot #7, silver Honda CR-V",
        "j'arrive dans 10 min",
        "Hi, I'm here to pick up order 55821",
        "chu rendu au 4",
    ],
)
def test_plain_arrivals_have_no_note(text):
    assert understand(text).note is None


# --- staff -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, intent, order, spot",
    [
        ("OK", "claim", None, None),
        ("ok 1234", "claim", "1234", None),
        ("OK #1234", "claim", "1234", None),
        ("claim 1234", "claim", "1234", None),
        ("je prends 1234", "claim", "1234", None),
        ("j'y vais", "claim", None, None),
        ("OK spot 4", "claim", None, "4"),
        ("DONE", "done", None, None),
        ("done 1234", "done", "1234", None),
        ("fait", "done", None, None),
        ("terminé", "done", None, None),
        ("livré 1234", "done", "1234", None),
        ("LIST", "list", None, None),
        ("liste", "list", None, None),
        ("queue", "list", None, None),
        ("file", "list", None, None),
        ("HELP", "help", None, None),
        ("STOP", "stop", None, None),
        ("START", "start", None, None),
        ("merci", "other", None, None),
    ],
)
def test_staff_commands(text, intent, order, spot):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.order, meaning.spot) == (intent, order, spot)
    assert meaning.intent in STAFF_INTENTS


def test_owner_texts_parse_like_staff_for_now():
    assert understand("DONE 1234", Context(role="owner")) == understand("DONE 1234", STAFF)


def test_ok_from_a_customer_is_not_a_claim():
    assert understand("OK").intent == "other"


# --- who is read as a customer ----------------------------------------------------------------

OWNER_TEXTS = [
    "PAUSE back in 10",
    "RESUME",
    "REPRENDRE",
    "SET help Call 555-0000",
    "REPLY HOURS Open 9 to 5",
    "STAFF ADD +15145550166 Eve",
    "STATUS",
    "LOGIN",
    "HELP",
    "ON",
    "OFF",
    "OK 1234",
    "DONE",
    "liste",
]


def test_staff_and_owner_texts_never_go_through_the_customer_parser(monkeypatch):
    import bot.core.understanding as understanding

    def customer_parser(*args, **kwargs):
        raise AssertionError("a staff or owner text reached the customer parser")

    monkeypatch.setattr(understanding, "_customer", customer_parser)
    # Customer-looking texts too: "here spot 4" from a staff phone is not an arrival.
    texts = OWNER_TEXTS + [row["text"] for row in _rows(OURS)]
    for role in ("staff", "owner"):
        for text in texts:
            meaning = understand(text, Context(role=role))
            assert meaning.intent in STAFF_INTENTS and meaning.intent not in ("arrived", "on_the_way", "cancel")
            assert meaning.intent != "status" or meaning.command is not None  # STATUS, the owner's command


# --- the parse command -------------------------------------------------------------------------

PUBLIC_FIELDS = ["intent", "spot", "vehicle", "order", "eta_minutes", "language"]


def test_parse_prints_exactly_the_public_fields_with_their_types_for_every_role():
    """SPEC: `python -m bot parse` prints {"intent", "spot", "vehicle", "order", "eta_minutes", "language"}."""
    import io

    from bot.parsing import parse_lines

    texts = [row["text"] for row in _rows(OURS)]
    for role, intents in (("customer", CUSTOMER_INTENTS), ("staff", STAFF_INTENTS), ("owner", STAFF_INTENTS)):
        out = io.StringIO()
        for text in texts + OWNER_TEXTS:
            parse_lines(role, text, out)
        lines = out.getvalue().splitlines()
        assert len(lines) == len(texts) + len(OWNER_TEXTS)
        for line in lines:
            got = json.loads(line)
            assert list(got) == PUBLIC_FIELDS, line
            assert got["intent"] in intents and got["language"] in ("en", "fr"), line
            assert all(got[k] is None or type(got[k]) is str for k in ("spot", "vehicle", "order")), line
            assert got["eta_minutes"] is None or type(got["eta_minutes"]) is int, line


def test_parse_output_of_known_texts_is_unchanged():
    import io

    from bot.parsing import parse_lines

    out = io.StringIO()
    for text in (
        "Here! Spot #7, silver Honda CR-V",
        "j'arrive dans trois quarts d'heure",
        "commande 4521 prête?",
        "chu dehors dans un VUS noir",
    ):
        parse_lines("customer", text, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {
            "intent": "arrived",
            "spot": "7",
            "vehicle": "silver Honda CR-V",
            "order": None,
            "eta_minutes": None,
            "language": "en",
        },
        {"intent": "on_the_way", "spot": None, "vehicle": None, "order": None, "eta_minutes": 45, "language": "fr"},
        {"intent": "status", "spot": None, "vehicle": None, "order": "4521", "eta_minutes": None, "language": "fr"},
        {
            "intent": "arrived",
            "spot": None,
            "vehicle": "VUS noir",
            "order": None,
            "eta_minutes": None,
            "language": "fr",
        },
    ]


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["ok", "spot 4", "7", "DONE", "STOP", "HELP", "👍"])
def test_short_texts_without_language_are_not_confident_and_use_the_stored_language(text):
    meaning = understand(text, Context(language="fr"))
    assert (meaning.language, meaning.language_confident) == ("fr", False)
    assert understand(text).language == "en"


@pytest.mark.parametrize(
    "text, language",
    [
        ("rendu", "fr"),
        ("merci", "fr"),
        ("chu là", "fr"),
        ("I'm here", "en"),
        ("omw", "en"),
        ("Thanks!", "en"),
        ("ARRÊT", "fr"),
        ("rendu, spot 6", "fr"),
        ("AIDE", "fr"),
    ],
)
def test_two_word_texts_that_show_their_language_are_confident(text, language):
    meaning = understand(text, Context(language="fr" if language == "en" else "en"))
    assert (meaning.language, meaning.language_confident) == (language, True)


# --- the interface ---------------------------------------------------------------------------


def test_as_public_dict_is_exactly_the_parse_output():
    meaning = understand("Here! Spot #7, silver Honda CR-V")
    assert meaning.as_public_dict() == {
        "intent": "arrived",
        "spot": "7",
        "vehicle": "silver Honda CR-V",
        "order": None,
        "eta_minutes": None,
        "language": "en",
    }
    assert json.loads(json.dumps(understand("omw 10 min").as_public_dict()))["eta_minutes"] == 10


def test_meanings_are_frozen_and_intents_are_the_declared_ones():
    meaning = understand("here spot 4")
    with pytest.raises(AttributeError):
        meaning.spot = "5"  # type: ignore[misc]
    assert isinstance(meaning, Meaning) and meaning.intent in CUSTOMER_INTENTS


def test_the_core_imports_no_framework():
    allowed = {
        "__future__",
        "re",
        "unicodedata",
        "dataclasses",
        "functools",
        "itertools",
        "typing",
        "text_to_num",
        "rapidfuzz",
    }
    for path in [*CORE.glob("*.py"), *(CORE / "reading").glob("*.py")]:
        if path.parent.name != "reading" and path.name not in ("understanding.py", "language.py", "__init__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [] if node.level else [node.module.split(".")[0]]
            else:
                continue
            assert set(names) <= allowed, (path.name, names)


# --- the corpora ------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict]:
    return corpus.rows(path)


def _score(path: Path) -> tuple[float, list[str]]:
    """Print per-field accuracy; return whole-text accuracy and the failures."""
    result = corpus.score(corpus.rows(path))
    print("\n" + result.summary(path.name))
    return result.whole, [str(miss) for miss in result.misses]


def test_every_text_of_the_shared_sample_corpus_is_understood():
    whole, failures = _score(SAMPLE)
    assert not failures, "\n".join(failures)


def test_our_corpus_is_understood_at_least_98_percent():
    rows = _rows(OURS)
    assert len(rows) >= 300
    assert sum(row["lang"] == "fr" for row in rows) >= 0.4 * len(rows)
    whole, failures = _score(OURS)
    assert whole >= 0.98, "\n".join(failures)


def test_every_row_of_our_corpus_is_understood():
    """The 98% floor above is the issue's; every row passes today, and a change that breaks one must say why by
    relabelling it, not slip under the floor (six rows once did, unnoticed, while it held at 99.8%)."""
    whole, failures = _score(OURS)
    assert not failures, "\n".join(failures)


# Each rewording with the share of rows it must keep right. Without any punctuation less is asked: a lone "guys??"
# or "vous êtes débordés?" is a nudge by its question mark alone, and "…, stop" an opt-out by its comma.
_REWORDINGS = {
    "a greeting before": (lambda text, lang: ("bonjour, " if lang == "fr" else "hi, ") + text, 0.99),
    "thanks after": (lambda text, lang: text.rstrip() + (" merci" if lang == "fr" else " thanks"), 0.99),
    "no punctuation but question marks": (lambda text, lang: re.sub(r"[,.!;:]", "", text), 0.99),
    "no punctuation at all": (lambda text, lang: re.sub(r"[,.!?;:]", "", text), 0.985),
    "no accents, lower case": (
        lambda text, lang: "".join(
            c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn"
        ),
        0.99,
    ),
    "shouted": (lambda text, lang: text.upper(), 0.99),
}


@pytest.mark.parametrize("rewording", list(_REWORDINGS))
def test_the_corpus_reworded_as_people_type_is_still_understood(rewording):
    """Customer rows (bare answers aside) changed one way each: a reader that learnt the corpus by heart, commas
    and greetings included, would fall here first. 99.0% to 100% on 2026-12-05. A row left with no word ("??" with
    no punctuation) is not a text and is skipped."""
    change, floor = _REWORDINGS[rewording]
    rows = [
        dict(row, text=change(row["text"], row["lang"]))
        for row in corpus.rows(OURS)
        if row.get("role", "customer") == "customer" and not row.get("awaiting")
    ]
    rows = [row for row in rows if re.search(r"\w", row["text"])]  # "??" without its marks is no text at all
    result = corpus.score(rows)
    assert result.whole >= floor, "\n".join(str(miss) for miss in result.misses)


def test_a_very_long_run_of_glued_subjects_is_read_without_recursing_through_it():
    assert understand("chu" * 600).intent == "other"
    assert understand("je" * 1500).intent == "other"


# --- classes found by hold-out batch 16 (each test one class, not one text) ------------------------------------


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("here, in the 2021 silver Kia Carnival at A5", "2021 silver Kia Carnival"),
        ("here in my Ford Maverick spot 7", "Ford Maverick"),
        ("rendue au 5 dans ma Hyundai Venue bleue", "Hyundai Venue bleue"),
    ],
)
def test_a_word_no_list_knows_right_after_a_make_is_its_model(text, vehicle):
    assert understand(text).vehicle == vehicle


def test_a_number_after_a_letter_model_is_the_model_not_the_spot():
    meaning = understand("I'm outside, silver Lexus RX 350")
    assert (meaning.spot, meaning.vehicle) == (None, "silver Lexus RX 350")


@pytest.mark.parametrize(
    "text, vehicle, context",
    [
        ("le gris, un Rav4", "gris, un Rav4", ASKED_SPOT),
        ("the red one, a Civic", "red one, a Civic", ASKED_SPOT),
        ("le noir, un F-150", "noir, un F-150", ASKED_SPOT),
        ("in spot 8, silver, Nissan Rogue", "silver, Nissan Rogue", Context()),
    ],
)
def test_a_vehicle_described_in_pieces_across_a_comma_is_one_vehicle(text, vehicle, context):
    meaning = understand(text, context)
    assert (meaning.intent, meaning.vehicle, meaning.order) == ("arrived", vehicle, None)


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("omw to grab my pizza, 5ish", 5),
        ("leaving work now, 20", 20),
        ("en chemin pour la pizza, environ 20", 20),
        ("je pars du travail, 30-40", 40),
        ("en route pour ma commande, 10", 10),
    ],
)
def test_a_clause_that_is_only_a_number_in_a_text_about_coming_is_the_eta(text, minutes):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes, meaning.order) == ("on_the_way", minutes, None)


@pytest.mark.parametrize("text", ["omw, 2 kids with me", "here, 5 bags please", "merci, 10"])
def test_a_number_clause_is_no_eta_when_it_counts_things_or_the_text_is_not_about_coming(text):
    assert understand(text).eta_minutes is None


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("be there in fifteen in my wife's red Tucson", 15),
        ("be there in 10 with my sister's red Mazda 3", 10),
        ("rendu dans 10 dans la Honda de ma mère", 10),
    ],
)
def test_an_eta_followed_by_what_they_drive_keeps_the_eta(text, minutes):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes, meaning.spot) == ("on_the_way", minutes, None)


@pytest.mark.parametrize(
    "text",
    [
        "hello?? anyone in there",
        "is anyone even working",
        "hellooo anybody in the store?",
        "allo? y'a quelqu'un en dedans?",
        "il y a quelqu'un au magasin?",
    ],
)
def test_asking_whether_anyone_is_there_asks_for_news_and_is_no_door_arrival(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.door) == ("status", False)


@pytest.mark.parametrize(
    "text",
    [
        "heille, y'a-tu quelqu'un qui lit ça??",
        "is anyone reading these?",
        "personne répond?",
        "did you get my text?",
        "allo? répondez",
    ],
)
def test_asking_whether_anyone_reads_or_answers_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "r u guys still bringing my soil out or",
        "is my order coming out?",
        "vous me l'apportez-tu?",
        "ça sort-tu bientôt?",
    ],
)
def test_asking_whether_the_order_is_being_brought_out_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize("text", ["see you soon, thank you", "you got it thanks", "can you answer a question?"])
def test_you_and_a_verb_of_seeing_or_answering_is_not_always_a_nudge(text):
    assert understand(text).intent == "other"


def test_an_arrival_beside_a_nudge_is_still_an_arrival():
    meaning = understand("here spot 4, anyone in there?")
    assert (meaning.intent, meaning.spot) == ("arrived", "4")


@pytest.mark.parametrize(
    "text",
    [
        "how do i let the pharmacy know im outside",
        "what should i text when im outside",
        "comment j'avise la pharmacie que chu dehors",
        "je texte quoi quand chu rendu?",
        "comment leur dire que je suis à la place 3?",
    ],
)
def test_asking_how_to_say_one_has_arrived_is_help_not_an_arrival(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == ("help", None)


@pytest.mark.parametrize(
    "text, spot, order",
    [
        ("heading out w/ the mulch for spot 9", "9", None),
        ("bringing out 38817", None, "38817"),
        ("je sors avec la commande 38817", None, "38817"),
        ("je l'apporte place 9", "9", None),
    ],
)
def test_staff_taking_an_order_out_to_the_car_claim_it(text, spot, order):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.spot, meaning.order) == ("claim", spot, order)


@pytest.mark.parametrize(
    "text, intent, spot, order",
    [("j'y vais, B2", "claim", "B2", None), ("done C4", "done", "C4", None), ("ok B552", "claim", None, "B552")],
)
def test_a_letter_and_one_or_two_digits_from_staff_is_a_spot_label_as_from_a_customer(text, intent, spot, order):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.spot, meaning.order) == (intent, spot, order)


# --- classes of batches 11-15's misses, grown from variants written for each ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "you guys forgot my groceries?",
        "vous avez-tu oublié mes plantes?",
        "why is this taking forever",
        "is it gonna be much longer?",
        "ça prend ben du temps",
        "pourquoi c'est si long?",
        "any eta on my order?",
    ],
)
def test_the_shop_forgetting_their_things_or_taking_long_is_a_request_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "i dont understand how this works",
        "can someone explain how this works",
        "how does curbside work here",
        "c'est quoi ces textos?",
        "qu'est-ce que je dois faire?",
        "je sais pas quoi répondre",
    ],
)
def test_not_knowing_what_this_is_or_what_to_do_asks_for_help(text):
    assert understand(text).intent == "help"


@pytest.mark.parametrize(
    "text",
    [
        "put me back on the texts",
        "reactivate my texts",
        "i changed my mind, keep texting me",
        "i want updates again",
        "je veux ravoir vos textos",
        "remettez-moi sur la liste des textos",
        "c'était une erreur, vous pouvez me texter",
    ],
)
def test_asking_for_the_texts_back_in_any_words_opts_back_in(text):
    assert understand(text).intent == "start"


@pytest.mark.parametrize("text", ["vous pouvez me texter quand c'est prêt", "send me the receipt again please"])
def test_being_texted_once_later_is_not_opting_back_in(text):
    assert understand(text).intent != "start"


@pytest.mark.parametrize(
    "text",
    [
        "remove my number",
        "retirez mon numéro de votre liste",
        "i don't want to get texts anymore",
        "je ne veux plus être contacté",
        "no texts please",
        "ça suffit les messages",
    ],
)
def test_asking_to_be_taken_off_the_texts_in_any_words_opts_out(text):
    assert understand(text).intent == "stop"


@pytest.mark.parametrize("text", ["please remove the onions from my order", "I don't want the bag", "no texts yet?"])
def test_removing_or_refusing_something_else_is_not_an_opt_out(text):
    assert understand(text).intent != "stop"


@pytest.mark.parametrize(
    "text", ["chu au feu rouge", "stuck at the red light", "je passe après le travail", "I'll swing by later"]
)
def test_waiting_at_a_light_or_coming_by_later_is_on_the_way(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle, meaning.eta_minutes) == ("on_the_way", None, None)


def test_a_light_pole_is_a_landmark_not_a_traffic_light():
    meaning = understand("parked at the light pole, spot 4")
    assert (meaning.intent, meaning.spot) == ("arrived", "4")


@pytest.mark.parametrize(
    "text", ["c'est quelle porte?", "is there parking out front?", "y a-tu du stationnement en avant?"]
)
def test_asking_about_the_place_is_not_being_there(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.door) == ("other", False)


def test_be_there_around_a_number_is_a_clock_time_but_in_around_a_number_is_an_eta():
    assert understand("be there around 6").eta_minutes is None
    assert understand("be there in around 6").eta_minutes == 6


def test_minutes_de_retard_is_on_the_way_without_an_eta():
    meaning = understand("j'ai 10 minutes de retard")
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", None)


def test_je_suis_a_la_and_a_number_is_that_spot():
    meaning = understand("je suis à la 11")
    assert (meaning.intent, meaning.spot) == ("arrived", "11")


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("getting in the car now, see you in 15", 15),
        ("see you in ten", 10),
        ("on the way now should be like 15", 15),
        ("gonna be 15 more minutes", 15),
    ],
)
def test_setting_off_or_saying_when_they_will_be_seen_is_on_the_way_with_its_eta(text, minutes):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot, meaning.eta_minutes) == ("on_the_way", None, minutes)


@pytest.mark.parametrize(
    "text",
    ["ok coming", "just around the corner", "je suis au coin de la rue", "jpars de la maison", "walking over now"],
)
def test_being_close_or_just_leaving_in_a_few_words_is_on_the_way(text):
    assert understand(text).intent == "on_the_way"


@pytest.mark.parametrize(
    "text", ["pis, ma commande?", "hows it going with my order", "waiting...", "qqn peut sortir svp?"]
)
def test_a_bare_nudge_about_the_order_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize("text", ["I'm out back by the loading dock", "around back, grey van"])
def test_out_back_is_an_arrival(text):
    assert understand(text).intent == "arrived"


@pytest.mark.parametrize(
    "text", ["je suis sur le côté du bâtiment", "parked along the fence", "chu à côté de la porte"]
)
def test_beside_the_building_is_an_arrival(text):
    assert understand(text).intent == "arrived"


def test_what_the_trip_takes_before_to_get_there_is_the_eta():
    meaning = understand("takes me 15 to get there")
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", 15)


@pytest.mark.parametrize(
    "text",
    ["u coming?", "Has anybody started on my order yet?", "are we close?", "y'a quelqu'un qui s'occupe de moi?"],
)
def test_short_or_polite_ways_of_asking_whether_it_is_under_way_ask_for_news(text):
    assert understand(text).intent == "status"


def test_running_some_minutes_behind_is_on_the_way():
    assert understand("running a few minutes behind").intent == "on_the_way"


@pytest.mark.parametrize(
    "text, intent, spot, order",
    [
        ("got 44817", "claim", None, "44817"),
        ("I got spot 5", "claim", "5", None),
        ("out to spot 8 now", "claim", "8", None),
        ("gave it to them", "done", None, None),
        ("customer has it", "done", None, None),
        ("le client l'a", "done", None, None),
        ("c'est réglé", "done", None, None),
        ("who's next", "list", None, None),
        ("y'a quelqu'un dehors?", "list", None, None),
    ],
)
def test_staff_say_claim_done_and_list_in_their_own_words(text, intent, spot, order):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.spot, meaning.order) == (intent, spot, order)


@pytest.mark.parametrize("text, vehicle", [("here in my Sequoia", "Sequoia"), ("here in a Mach-E", "Mach-E")])
def test_common_models_named_without_their_make_are_the_vehicle(text, vehicle):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle) == ("arrived", vehicle)


@pytest.mark.parametrize(
    "text, spot",
    [("im in the 3rd spot", "3"), ("here, third space from the door", "3"), ("stationnée à la troisième place", "3")],
)
def test_an_ordinal_before_a_spot_word_is_that_spot(text, spot):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == ("arrived", spot)


def test_an_ordinal_before_anything_else_is_no_spot():
    assert understand("here in the 1st row").spot is None


@pytest.mark.parametrize(
    "text", ["Hi! I am parked at spot #2, driving a white Tesla", "I am driving a red civic, spot 3"]
)
def test_driving_a_car_says_what_they_drive_not_that_they_are_on_the_road(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle is not None) == ("arrived", True)


@pytest.mark.parametrize(
    "text", ["I'll come by tomorrow", "coming tomorrow instead", "je vais passer demain", "who is this?", "qui parle?"]
)
def test_coming_another_day_and_asking_who_this_is_are_small_talk_as_the_corpus_has_them(text):
    assert understand(text).intent == "other"


def test_where_are_you_located_is_a_question_about_the_shop_not_a_nudge():
    assert (understand("Where are you located?").intent, understand("where are you??").intent) == ("other", "status")


@pytest.mark.parametrize(
    "text, intent",
    [
        ("on my wya", "on_the_way"),
        ("how much loner", "status"),
        ("stil waiting", "status"),
        ("anulez ma commande", "cancel"),
        ("arete de m'écrire", "stop"),
    ],
)
def test_a_slip_of_a_key_in_the_words_that_carry_the_intent_is_still_read(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("chu su'l chemin", "on_the_way"),
        ("envoyez-moi quelqu'un svp", "status"),
        ("laissez faire ma commande", "cancel"),
        ("j'veux pu rien recevoir", "stop"),
        ("vous pouvez r'commencer à m'texter", "start"),
        ("im at the spot", "arrived"),
        ("bruh where my order at", "status"),
        ("yo whats good w my order", "status"),
        ("pls stop txting me", "stop"),
        ("wat do i do", "help"),
    ],
)
def test_joual_and_texting_slang_read_as_their_plain_forms(text, intent):
    assert understand(text).intent == intent


def test_laisse_faire_alone_is_never_mind_not_a_cancel():
    assert understand("laisse faire, j'ai trouvé la place").intent != "cancel"


def test_a_pickup_after_l_apostrophe_is_a_vehicle():
    assert understand("on est rendus, on est dans l'pick-up").vehicle == "pick-up"


def test_an_eta_said_before_the_order_it_is_for_keeps_both():
    meaning = understand("j'arrive dans 10 pour la commande 55102")
    assert (meaning.intent, meaning.eta_minutes, meaning.order) == ("on_the_way", 10, "55102")


@pytest.mark.parametrize(
    "text",
    [
        "here for the 2 pizzas",
        "I'm here for the 10 lb turkey",
        "outside, picking up a case of 24",
        "chu là pour les 24 bières",
        "rendue, c'est pour les 4 pneus",
    ],
)
def test_a_number_that_counts_goods_is_not_the_spot(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == ("arrived", None)


@pytest.mark.parametrize(
    "text, spot", [("here 7 hatch open", "7"), ("rendu au 6 coffre ouvert", "6"), ("parked at 4 near the door", "4")]
)
def test_a_lone_number_before_a_word_that_counts_nothing_is_still_the_spot(text, spot):
    assert understand(text).spot == spot


@pytest.mark.parametrize(
    "text, minutes", [("be there in 20 for the cake", 20), ("j'arrive dans 15 pour le gâteau", 15)]
)
def test_an_eta_followed_by_what_it_is_for_keeps_the_eta(text, minutes):
    assert understand(text).eta_minutes == minutes


@pytest.mark.parametrize("text", ["is the paint mixed yet?", "is my prescription filled?"])
def test_ready_said_in_other_words_asks_whether_it_is_ready(text):
    assert understand(text).intent == "status"


# --- the corpus, reworded the ways people type it (tests/support/corpus.py's rows, each changed one way) -----


@pytest.mark.parametrize(
    "text, intent, spot",
    [
        ("hi, STOP", "stop", None),
        ("bonjour, ARRÊT svp", "stop", None),
        ("hi, 6", "arrived", "6"),
        ("6 thanks", "arrived", "6"),
        ("bonjour, allo?", "status", None),
        ("waiting... thanks", "status", None),
        ("bonjour, pis, ma commande?", "status", None),
    ],
)
def test_a_greeting_before_or_thanks_after_change_nothing(text, intent, spot):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == (intent, spot)


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("be there in 5 thanks", 5),
        ("leaving work now 20ish", 20),
        ("omw for the meds about 10", 10),
        ("je quitte le bureau 30", 30),
        ("je pars du travail 30-40", 40),
        ("omw for order 55120 10 min", 10),
    ],
)
def test_an_eta_needs_no_comma_before_it(text, minutes):
    assert understand(text).eta_minutes == minutes


@pytest.mark.parametrize(
    "text", ["on my way to spot 4", "heading out now should be there by 6", "be there around 6", "omw at 5"]
)
def test_a_last_number_after_a_spot_word_or_a_clock_word_is_no_eta(text):
    assert understand(text).eta_minutes is None


def test_the_article_of_what_they_drive_is_no_one_minute_eta():
    meaning = understand("arrive dans une mazda 3 rouge")
    assert (meaning.eta_minutes, meaning.vehicle) == (None, "mazda 3 rouge")


@pytest.mark.parametrize(
    "text, spot", [("stationne au 6", "6"), ("parke au 5", "5"), ("on est stationnes au fond", None)]
)
def test_stationne_without_its_accent_is_still_parked(text, spot):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == ("arrived", spot)


def test_minutes_after_a_ram_are_minutes_not_its_model():
    meaning = understand("heading your way in the black Ram 10 min")
    assert (meaning.eta_minutes, meaning.vehicle) == (10, "black Ram")


@pytest.mark.parametrize(
    "text",
    ["did my order go through?", "has my order been packed yet?", "vous avez bien reçu ma commande?"],
)
def test_asking_whether_the_order_reached_them_or_was_packed_asks_for_news(text):
    assert understand(text).intent == "status"


def test_an_ordinal_and_one_word_before_a_spot_word_is_that_spot():
    assert understand("Hey I'm here! Parked in the first curbside spot").spot == "1"


@pytest.mark.parametrize(
    "text, intent",
    [("qu'est-ce que je suis censé répondre?", "help"), ("please start my notifications again", "start")],
)
def test_supposed_to_reply_asks_for_help_and_start_my_notifications_opts_in(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text, vehicle", [("here in my baby blue Beetle", "baby blue Beetle"), ("parked, grey Rogue", "grey Rogue")]
)
def test_a_model_that_is_also_a_word_is_the_model_after_a_colour_too(text, vehicle):
    assert understand(text).vehicle == vehicle


@pytest.mark.parametrize(
    "text",
    [
        "helloooo",
        "guys??",
        "pis???",
        "anyyyyone?",
        "it's been a bit, any word?",
        "how's it looking?",
        "eta on my order?",
        "are u almost done",
        "is there a problem with my order?",
        "est-ce qu'il y a un problème avec ma commande?",
        "personne est sorti encore",
        "vous êtes-tu là?",
        "quelqu'un peut vérifier ma commande?",
        "ça en est où?",
        "je commence à trouver ça long",
    ],
)
def test_more_ways_a_waiting_customer_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text, intent", [("hi", "other"), ("are you guys still open?", "other"), ("eta 15", "on_the_way")]
)
def test_a_hail_without_a_question_or_a_question_about_hours_is_no_nudge(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "ça sera tu long?",
        "vous êtes débordés?",
        "y'a du retard?",
        "ça fait quand même un bon bout",
        "ça devrait être prêt, non?",
        "pouvez-vous vous dépêcher svp",
        "is it gonna be long?",
        "are you busy today? taking a while",
        "what's the wait like?",
        "any time now?",
        "hurry up please",
    ],
)
def test_asking_if_it_will_be_long_or_to_hurry_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize("text, intent", [("no hurry!", "other"), ("here spot 4, no hurry", "arrived")])
def test_no_hurry_is_no_nudge(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize("text", ["chu outside", "chu parked au spot 4", "pis, ready?"])
def test_a_quebec_form_outweighs_the_english_words_mixed_in(text):
    assert understand(text, Context(language="en")).language == "fr"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("scratch that order", "cancel"),
        ("please void my order", "cancel"),
        ("oubliez ça, je viendrai pas", "cancel"),
        ("I never signed up for this, stop", "stop"),
        ("j'ai jamais demandé ça, arrêtez", "stop"),
        ("what does this mean?", "help"),
        ("qu'est-ce que ça veut dire?", "help"),
        ("sign me up again", "start"),
    ],
)
def test_cancel_stop_help_and_start_in_other_words(text, intent):
    assert understand(text).intent == intent


def test_stop_before_a_number_is_no_clause_of_its_own():
    assert understand("here, stop 4").intent != "stop"


def test_a_vehicle_and_a_number_alone_are_an_arrival_at_that_spot():
    meaning = understand("c'est moi la Honda noire au 3")
    assert (meaning.intent, meaning.spot, meaning.vehicle) == ("arrived", "3", "Honda noire")


def test_a_vehicle_and_a_count_are_no_arrival():
    assert understand("civic 3 kids").intent == "other"


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("I'm about 15 out", 15),
        ("20 out", 20),
        ("there in under 10", 10),
        ("10 min, 15 tops", 15),
        ("45 min to an hour", 60),
    ],
)
def test_minutes_out_under_a_bound_or_up_to_an_hour_are_etas(text, minutes):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", minutes)


@pytest.mark.parametrize("text", ["couple minutes", "few mins"])
def test_a_few_minutes_is_on_the_way_with_no_eta(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", None)


def test_a_spot_number_before_out_front_is_still_the_spot():
    meaning = understand("here spot 4 out front")
    assert (meaning.intent, meaning.spot, meaning.eta_minutes) == ("arrived", "4", None)


@pytest.mark.parametrize(
    "text, intent, spot",
    [
        ("chu dans l'allée 3", "arrived", None),
        ("je débarque dans 5", "on_the_way", None),
        ("est-ce que ma prescription a été remplie?", "status", None),
        ("what is this service?", "help", None),
        ("c'est quoi ce service-là?", "help", None),
    ],
)
def test_a_row_is_no_spot_and_debarquer_remplie_and_this_service_are_read(text, intent, spot):
    meaning = understand(text)
    assert (meaning.intent, meaning.spot) == (intent, spot)


@pytest.mark.parametrize(
    "text, intent, spot, order",
    [
        ("all set with 44120", "done", None, "44120"),
        ("dropped off at spot 2", "done", "2", None),
        ("c'est beau pour la place 6", "done", "6", None),
        ("c'est beau, j'y vais", "claim", None, None),
        ("je m'en charge, 44120", "claim", None, "44120"),
        ("who's out there?", "list", None, None),
        ("qui est dehors?", "list", None, None),
    ],
)
def test_more_staff_words_for_claim_done_and_list(text, intent, spot, order):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.spot, meaning.order) == (intent, spot, order)


@pytest.mark.parametrize(
    "text",
    [
        "getting ready to leave",
        "je me prépare pour partir",
        "just dropping the kids off then coming",
        "on s'en vient",
        "on part là",
    ],
)
def test_getting_ready_to_leave_or_setting_off_later_today_is_on_the_way(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", None)


def test_in_a_min_is_as_vague_as_in_a_sec_but_an_hour_is_an_hour():
    assert (understand("leaving in a min").eta_minutes, understand("be there in an hour").eta_minutes) == (None, 60)


@pytest.mark.parametrize(
    "text",
    [
        "vous en êtes où avec ma commande?",
        "ma commande a tu été oubliée?",
        "j'ai toujours pas eu de texto",
        "j'attends votre message",
        "still haven't got a text",
    ],
)
def test_still_waiting_for_the_ready_text_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text", ["is the restaurant busy tonight?", "what's good on the menu today?", "did you get the new tulips in?"]
)
def test_questions_about_the_shop_are_small_talk_not_nudges(text):
    assert understand(text).intent == "other"


# --- hold-out batch 17's misses, each as a class --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("rendu #9 avec la Golf rouge", "Golf rouge"),
        ("rendue, ma Rogue grise au 6", "Rogue grise"),
        ("rendu place 8, la Fiesta rouge", "Fiesta rouge"),
        ("je suis arrivée dans ma Clio bleue", "Clio bleue"),
    ],
)
def test_a_model_between_the_article_and_the_colour_is_part_of_the_vehicle(text, vehicle):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle) == ("arrived", vehicle)


def test_a_door_between_the_article_and_the_colour_is_no_model():
    assert understand("rendu au 3 avec la porte rouge").vehicle == "rouge"


@pytest.mark.parametrize(
    "text",
    [
        "hey did the cake get finished? order 40288",
        "did my groceries get bagged yet",
        "did u guys finish my order",
        "le gateau est-tu fini?",
        "ma commande est tu faite?",
        "avez-vous fini ma commande?",
    ],
)
def test_asking_whether_the_order_got_finished_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text", ["hello?? 15 min now, my ice cream is melting", "20 minutes already, hello?", "allo? 15 min déjà"]
)
def test_time_already_waited_is_a_nudge_not_an_eta(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


def test_a_duration_with_now_is_still_an_eta_on_the_road():
    assert (understand("omw 15 min now").eta_minutes, understand("still waiting, 25 minutes").eta_minutes) == (15, None)


@pytest.mark.parametrize(
    "text",
    [
        "here spot 3, the ice cream is melting",
        "chu place 5, ma crème glacée fond",
        "spot 2, pls dont forget the cream cheese",
        "here for the red wine and cheese order, spot 6",
    ],
)
def test_a_colour_in_a_food_name_is_no_vehicle(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle) == ("arrived", None)


@pytest.mark.parametrize(
    "text",
    ["ca fait que j'poireaute depuis 25 minutes la", "je poireaute encore", "on poireaute depuis une demi-heure"],
)
def test_poireauter_is_waiting(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "c'est tu long encore? j'ai du surgelé dans le char",
        "how much longer? kids are in the car",
        "is my order ready? i have the dog in the car",
    ],
)
def test_what_waits_in_the_car_does_not_make_a_question_an_arrival(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text", ["combien de temps encore? chu dans le char", "here spot 4, is it ready? kids are in the car"]
)
def test_being_in_the_car_oneself_is_still_an_arrival(text):
    assert understand(text).intent == "arrived"


@pytest.mark.parametrize("text", ["le pick-up gris", "mon pick-up rouge", "le gros pick-up noir"])
def test_a_pick_up_described_in_french_is_french(text):
    meaning = understand(text, Context(awaiting="spot"))
    assert (meaning.intent, meaning.language) == ("arrived", "fr")


# --- misses known from two earlier blind batches, and batch 18's, each as a class --------------------------------


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("white Kia Soul, 2016", "white Kia Soul, 2016"),
        ("pulled in, dark green Outback, 2008", "dark green Outback, 2008"),
        ("chu dans le stationnement, Hyundai Elantra, 2015, rouge", "Hyundai Elantra, 2015, rouge"),
    ],
)
def test_a_year_beside_a_vehicle_is_its_year_not_the_order(text, vehicle):
    meaning = understand(text)
    assert (meaning.intent, meaning.order, meaning.vehicle) == ("arrived", None, vehicle)


@pytest.mark.parametrize(
    "text",
    [
        "here, I'm the guy in the blue jacket",
        "chu devant la porte, manteau rouge",
        "je suis dehors, la madame avec le chandail vert",
        "outside in the lot, wearing a black hoodie",
    ],
)
def test_what_a_customer_wears_is_no_vehicle(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.vehicle) == ("arrived", None)


def test_a_garment_beside_a_car_leaves_the_car_alone():
    assert understand("here spot 3, white Civic, I'm in a red hat").vehicle == "white Civic"


def test_wearing_something_is_not_a_door_number():
    meaning = understand("en chemin, 10 min, je porte une veste orange")
    assert (meaning.spot, meaning.vehicle, meaning.eta_minutes) == (None, None, 10)


@pytest.mark.parametrize("text", ["la vieille minoune verte", "old silver Camry out front"])
def test_how_old_a_car_is_does_not_stop_it_naming_the_car(text):
    meaning = understand(text)
    assert meaning.intent == "arrived" and "vieille" not in meaning.vehicle and "old" not in meaning.vehicle


@pytest.mark.parametrize("text", ["??", "?", "?!", "? ? ?", "??? svp", "pis??", "alors???", "well??"])
def test_question_marks_alone_or_after_a_word_that_only_prompts_ask_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("bouffe congelée du chien dans le char", "other"),
        ("I left the groceries in the car, can I add milk to my order?", "other"),
        ("the baby's asleep in the car, is it ready?", "status"),
        ("ma mère attend dans l'auto, c'est prêt bientôt?", "status"),
    ],
)
def test_something_or_someone_else_in_the_car_is_no_arrival(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text", ["chu dans le char avec le chien, place 4", "j'attends depuis 20 minutes dans l'auto", "I'm in the car"]
)
def test_the_customer_in_the_car_is_still_an_arrival(text):
    assert understand(text).intent == "arrived"


@pytest.mark.parametrize(
    "text",
    [
        "Is my wine order in yet or should I come back later",
        "is the order here yet?",
        "ma commande est-tu arrivée?",
        "mes médicaments sont-tu arrivés?",
        "should i wait or come back later?",
        "j'attends ou je reviens?",
    ],
)
def test_asking_whether_the_order_came_in_or_whether_to_come_back_asks_for_news(text):
    assert understand(text).intent == "status"


def test_a_person_who_has_arrived_is_still_an_arrival():
    assert understand("ma fille est arrivée pour ma commande").intent == "arrived"


@pytest.mark.parametrize(
    "text",
    [
        "Ça va être prêt à quelle heure? Je veux pas niaiser dans le stationnement",
        "I don't want to wait outside, is it ready?",
        "ready at what time? I'd rather not sit in the parking lot",
    ],
)
def test_not_wanting_to_wait_in_the_lot_is_no_arrival(text):
    assert understand(text).intent == "status"


def test_an_arrival_in_another_clause_than_the_unwanted_wait_still_counts():
    assert understand("je veux pas attendre, chu déjà dehors").intent == "arrived"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ya tu quelqu'un qui s'occupe du curbside ce soir?", "status"),
        ("who's on curbside tonight", "status"),
        ("anybody on pickup duty?", "status"),
        ("do you do curbside on sundays?", "other"),
    ],
)
def test_asking_whether_anyone_handles_pickup_now_asks_for_news(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("remis au monsieur du Rav4", "Rav4"),
        ("heading out to the silver RAV4", "silver RAV4"),
        ("going out to the 2019 rav4 now", "2019 rav4"),
        ("lady in the blue buick", "blue buick"),
    ],
)
def test_a_model_in_a_staff_line_is_the_vehicle_never_the_order(text, vehicle):
    meaning = understand(text, STAFF)
    assert (meaning.order, meaning.vehicle) == (None, vehicle)


def test_a_staff_line_with_an_order_and_a_vehicle_keeps_both():
    meaning = understand("OK 40211 white Kia Soul", STAFF)
    assert (meaning.intent, meaning.order, meaning.vehicle) == ("claim", "40211", "white Kia Soul")


@pytest.mark.parametrize(
    "text", ["turning onto your street now", "je prends la sortie là", "two blocks away", "à deux coins de rue"]
)
def test_being_on_the_roads_near_the_store_is_on_the_way(text):
    assert understand(text).intent == "on_the_way"


def test_living_nearby_is_not_being_on_the_way():
    assert understand("we live two blocks away, do you deliver?").intent == "other"


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("jarrive ds 15 la chu pogné dans le trafic", 15),
        ("be there in 15 lol stuck in traffic", 15),
        ("omw 20 stuck behind a bus", 20),
        ("there in 10 tho, traffic is nuts", 10),
    ],
)
def test_an_eta_followed_by_more_talk_is_still_the_eta(text, minutes):
    assert understand(text).eta_minutes == minutes


@pytest.mark.parametrize(
    "text",
    [
        "20 min of waiting so far, no one yet",
        "au moins 20 minutes d'attente",
        "mes sushis vont être froids, ça fait une grosse demi-heure",
        "ça fait une bonne heure là",
    ],
)
def test_time_waited_said_with_waiting_or_a_size_word_is_a_nudge_not_an_eta(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


@pytest.mark.parametrize("text", ["still in the queue? order 6127", "still queued?", "où je suis rendu dans la file?"])
def test_asking_whether_one_is_still_in_line_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "est-ce qu'il y a un employé qui lit les messages?",
        "quelqu'un va finir par sortir?",
        "can an employee bring it out?",
        "are you ever coming out",
    ],
)
def test_asking_for_a_staff_member_in_any_words_asks_for_news(text):
    assert understand(text).intent == "status"


def test_an_employee_discount_is_no_nudge():
    assert understand("is there an employee discount?").intent == "other"


@pytest.mark.parametrize(
    "text", ["finalement remettez les notifications par texto svp", "rallumez les notifications", "re-enable texts"]
)
def test_turning_the_texts_back_on_is_an_opt_in(text):
    assert understand(text).intent == "start"


@pytest.mark.parametrize(
    "text, intent, order",
    [
        ("how many cars out there rn", "list", None),
        ("combien de clients dans le stationnement?", "list", None),
        ("je m'occupe du 40917", "claim", "40917"),
        ("I'll handle 40917", "claim", "40917"),
        ("how many bags for 40917?", "other", "40917"),
    ],
)
def test_staff_asking_how_many_wait_or_taking_charge_of_one(text, intent, order):
    meaning = understand(text, STAFF)
    assert (meaning.intent, meaning.order) == (intent, order)


@pytest.mark.parametrize(
    "text, spot", [("la onze, proche du bac à sel", "11"), ("nine, by the big tree", "9"), ("celle du bout, la 8", "8")]
)
def test_a_spot_answered_with_a_landmark_is_that_spot(text, spot):
    meaning = understand(text, ASKED_SPOT)
    assert (meaning.intent, meaning.spot) == ("arrived", spot)


@pytest.mark.parametrize(
    "text, vehicle",
    [
        ("here in the red Nissan 350Z", "red Nissan 350Z"),
        ("here in my 2018 Porsche 911", "2018 Porsche 911"),
        ("black Silverado 2500HD at spot 2", "black Silverado 2500HD"),
        ("je suis au 9 dans une Ford Transit 250 blanche", "Ford Transit 250 blanche"),
    ],
)
def test_a_model_number_after_a_make_is_the_vehicle_never_a_spot(text, vehicle):
    meaning = understand(text)
    assert meaning.vehicle == vehicle and meaning.spot in (None, "2", "9")


def test_one_or_two_digits_after_a_make_stay_the_spot():
    assert understand("red Honda 4").spot == "4"


@pytest.mark.parametrize(
    "text",
    [
        "am I next?",
        "y'a combien de monde avant moi?",
        "is it coming soon?",
        "hey, just checking in on my order",
        "on m'avait dit 15 minutes...",
        "it said 20 min, it's been 35",
        "knock knock",
    ],
)
def test_fresh_ways_of_asking_for_news_are_nudges(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


@pytest.mark.parametrize(
    "text, intent, eta",
    [
        ("the sign said 15 min parking only, is that ok?", "other", None),
        ("omw, google maps said 15 min", "on_the_way", 15),
        ("is it coming with a bag or a box?", "other", None),
    ],
)
def test_what_someone_was_told_or_how_it_comes_is_not_always_a_nudge(text, intent, eta):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == (intent, eta)


@pytest.mark.parametrize(
    "text",
    [
        "kossé qui se passe avec ma commande",
        "what's going on?",
        "vous etes ou rendu avec ma commande",
        "um hello? been a while",
        "is there a holdup?",
        "waiting for someone to come out",
    ],
)
def test_asking_what_is_going_on_or_what_holds_it_up_asks_for_news(text):
    assert understand(text).intent == "status"


@pytest.mark.parametrize(
    "text", ["is there a delay on deliveries to Laval?", "been a while since I shopped here, love the new look"]
)
def test_a_delay_or_a_while_in_small_talk_is_no_nudge(text):
    assert understand(text).intent == "other"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("who's left?", "list"),
        ("y'en a-tu d'autres?", "list"),
        ("brought it out to the grey Equinox", "done"),
        ("j'ai apporté la 40112", "done"),
        ("apporté à la place 2", "done"),
        ("j'apporte la 40113", "claim"),
        ("is there any more ice in the freezer?", "other"),
    ],
)
def test_staff_asking_who_is_left_or_saying_it_was_brought_out(text, intent):
    assert understand(text, STAFF).intent == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I'm right by the big tree", "arrived"),
        ("je suis à côté des paniers", "arrived"),
        ("is it ok if I park by the carts?", "other"),
        ("je suis déjà sur place", "arrived"),
        ("est-ce possible de payer sur place?", "other"),
        ("est-ce qu'il y a un micro-ondes sur place?", "other"),
    ],
)
def test_being_by_a_landmark_or_on_site_oneself_is_an_arrival_and_paying_on_site_is_not(text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "j'ai un rendez-vous dans 20 min, c'est tu long?",
        "c'est presque prêt?",
        "ils sont rendus où avec ma commande?",
        "le monsieur a dit 5 minutes ça fait 20",
        "est-ce qu'il y a quelqu'un qui va me l'apporter?",
        "est-ce que quelqu'un a vu mon message?",
        "I texted 20 minutes ago",
        "is my food getting cold in there?",
        "Are you there?",
    ],
)
def test_more_fresh_ways_of_asking_for_news_are_nudges(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


def test_an_appointment_in_so_many_minutes_is_no_eta():
    meaning = understand("omw, I have a meeting in 40 min so the sooner the better")
    assert (meaning.intent, meaning.eta_minutes) == ("on_the_way", None)


@pytest.mark.parametrize(
    "text",
    ["do you have an ETA?", "avez-vous un ETA?", "y'a-tu moyen que ça aille plus vite?", "ça fait un bon 10 minutes"],
)
def test_asking_for_an_eta_or_to_hurry_or_saying_about_how_long_it_has_been_is_a_nudge(text):
    meaning = understand(text)
    assert (meaning.intent, meaning.eta_minutes) == ("status", None)


def test_an_eta_given_is_still_an_eta():
    assert understand("eta 10 min").eta_minutes == 10


def test_rendu_weighs_as_a_quebec_form_so_rendu_white_truck_is_french():
    meaning = understand("rendu, white truck")
    assert (meaning.intent, meaning.vehicle, meaning.language) == ("arrived", "white truck", "fr")


def test_anyone_qui_sort_is_a_nudge():
    assert understand("anyone qui sort?").intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "is the new menu ready for spring?",
        "how long is the cake good for in the fridge?",
        "combien de temps le gâteau se garde au frigo?",
        "what's the wait usually like on saturdays?",
        "can someone call me about a refund?",
    ],
)
def test_small_talk_holding_a_nudge_word_stays_other(text):
    assert understand(text).intent == "other"


def test_how_long_for_the_order_is_still_a_nudge():
    assert understand("how long is my order going to be?").intent == "status"


@pytest.mark.parametrize(
    "text", ["wondering if I should wait or leave", "is there a problem?", "y'a-tu un souci?", "ça retarde-tu?"]
)
def test_asking_whether_to_wait_or_whether_something_is_wrong_is_a_nudge(text):
    assert understand(text).intent == "status"


def test_a_problem_with_street_parking_is_no_nudge():
    assert understand("is there a problem with parking on the street?").intent == "other"
