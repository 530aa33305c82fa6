"""The pure parts of the owner's commands: reading a text as a command (English and French, as owners type them),
what a keyword may be, and the day's figures behind STATUS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.commands import key_of, read_command
from bot.core.keywords import keyword_of, keyword_problem
from bot.core.report import Timing, Waiting, day_figures, minutes, status_vars
from bot.core.understanding import STAFF_INTENTS, Context, understand

# --- which texts are commands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("PAUSE", "pause"),
        ("pause", "pause"),
        ("Suspendre", "pause"),
        ("RESUME", "resume"),
        ("resume.", "resume"),
        ("REPRENDRE", "resume"),
        ("Reprise", "resume"),
        ("SET", "set"),
        ("texte", "set"),
        ("REPLY", "reply"),
        ("Réponse", "reply"),
        ("REPONSE", "reply"),
        ("répondre", "reply"),
        ("STAFF", "staff"),
        ("ÉQUIPE", "staff"),
        ("Equipe", "staff"),
        ("équipe liste", "staff"),
        ("staff list", "staff"),
        ("STATUS", "status"),
        ("Status?", "status"),
        ("STATUT", "status"),
        ("statut svp", "status"),
        ("État", "status"),
        ("LOGIN", "login"),
        ("CONNEXION", "login"),
        ("Connexion!", "login"),
        ("HELP", "help"),
        ("AIDE", "help"),
        ("aide?", "help"),
        ("commandes", "help"),
    ],
)
def test_each_command_word_in_english_and_french_any_case_and_accent(text, name):
    assert read_command(text).name == name


@pytest.mark.parametrize(
    "text, on",
    [
        ("ON", True),
        ("on", True),
        ("On!", True),
        ("en service", True),
        ("EN SERVICE.", True),
        ("dispo", True),
        ("OFF", False),
        ("off.", False),
        ("Off duty", False),
        ("hors service", False),
        ("pas dispo", False),
    ],
)
def test_on_and_off_in_both_languages(text, on):
    command = read_command(text)
    assert command.name == "duty" and command.on is on and not command.owner_only


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "OK 1234",
        "fait",
        "FAIT 1234",
        "done",
        "liste",
        "LIST",
        "on my way",
        "on it",
        "ON 1234",
        "merci",
        "je prends",
        "j'arrive",
        "Pause-dîner",
        "",
        "   ",
        ":)",
        "?",
        "stop",
        "ARRÊT",
        "off we go",
    ],
)
def test_what_is_not_a_command(text):
    assert read_command(text) is None


def test_staff_texts_that_are_not_commands_still_read_as_claims_done_and_lists():
    staff = Context(role="staff", language="fr")
    assert understand("ok 1234", staff).intent == "claim"
    assert understand("fait", staff).intent == "done"
    assert understand("liste", staff).intent == "list"
    assert understand("DONE 1234", Context(role="owner")).intent == "done"


def test_every_command_a_staff_or_owner_text_can_be_is_a_staff_intent():
    # The parse command's contract: a staff text's intent is one of STAFF_INTENTS, an owner's commands included.
    for text in (
        "PAUSE",
        "RESUME",
        "SET",
        "REPLY",
        "STAFF",
        "STAFF ADD",
        "STAFF REMOVE 5145550111",
        "STATUS",
        "LOGIN",
        "ON",
        "OFF",
    ):
        for role in ("staff", "owner"):
            assert understand(text, Context(role=role)).intent in STAFF_INTENTS


def test_help_is_the_owners_help_for_an_owner_and_the_staff_help_for_staff():
    assert understand("AIDE", Context(role="owner")).command.name == "help"
    staff = understand("AIDE", Context(role="staff"))
    assert staff.intent == "help" and staff.command is None


# --- PAUSE ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("PAUSE Back at 2 pm", "Back at 2 pm"),
        ("Pause: back at 2", "back at 2"),
        ("pause - back at 2", "- back at 2"),
        ("PAUSE\nBack at 2", "Back at 2"),  # typed on two lines
        ("  pause   de retour à 14 h  ", "de retour à 14 h"),
        ("SUSPENDRE Fermé pour inventaire", "Fermé pour inventaire"),
        ("PAUSE", None),
        ("pause.", None),
    ],
)
def test_pause_takes_the_rest_as_the_message_as_typed(text, message):
    command = read_command(text)
    assert command.name == "pause" and command.text == message and not command.malformed


def test_what_follows_resume_status_login_and_help_changes_nothing():
    for text in ("RESUME now", "STATUS please", "LOGIN svp", "HELP me"):
        command = read_command(text)
        assert command.text is None and command.word is None


# --- SET -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, word, wording",
    [
        ("SET handed_off Merci{name}!", "handed_off", "Merci{name}!"),
        ("set handed_off: Merci!", "handed_off", "Merci!"),
        ("SET handed_off=Merci", "handed_off", "Merci"),
        ("SET handed_off = Merci", "handed_off", "Merci"),
        ("set handed off: Merci", "handed off", "Merci"),  # the key in two words, before a colon
        ("SET paused Fermé: de retour à 14 h", "paused", "Fermé: de retour à 14 h"),  # a colon in the wording
        ("TEXTE handed_off À la prochaine", "handed_off", "À la prochaine"),
        ("SET handed_off\nMerci!\nÀ bientôt", "handed_off", "Merci!\nÀ bientôt"),
        ("SET handed_off", "handed_off", None),
        ("SET bogus hello", "bogus", "hello"),
    ],
)
def test_set_reads_the_key_then_the_wording(text, word, wording):
    command = read_command(text)
    assert (command.name, command.word, command.text) == ("set", word, wording)


def test_set_alone_has_no_key():
    assert read_command("SET") == read_command("set.") and read_command("SET").word is None


@pytest.mark.parametrize(
    "typed", ["handed_off", "HANDED_OFF", "Handed-Off", "handed off", "handed_off:", "handed_off="]
)
def test_a_key_is_read_whatever_its_case_dashes_or_spaces(typed):
    assert key_of(typed) == "handed_off"


# --- REPLY ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, word, reply",
    [
        ("REPLY HOURS Open 9 to 5", "HOURS", "Open 9 to 5"),
        ("REPLY hours: open 9-5", "hours", "open 9-5"),
        ("REPLY HOURS Open 9:00 to 5:00", "HOURS", "Open 9:00 to 5:00"),  # the colons of times part nothing
        ("REPLY HOURS? Open", "HOURS", "Open"),
        ("RÉPONSE HEURES Ouvert de 9 h à 17 h", "HEURES", "Ouvert de 9 h à 17 h"),
        ("réponse «heures» Ouvert", "heures", "Ouvert"),
        ("reply\nhours\nopen 9-5", "hours", "open 9-5"),
        ("REPLY HOURS", "HOURS", None),
        ("REPLY HOURS.", "HOURS", None),
        ("REPLY opening hours: We open at 9", "opening hours", "We open at 9"),  # refused later: two words
        ('REPLY "opening hours" We open at 9', "opening hours", "We open at 9"),
    ],
)
def test_reply_reads_the_keyword_then_its_text(text, word, reply):
    command = read_command(text)
    assert (command.name, command.word, command.text) == ("reply", word, reply)


def test_reply_alone_has_no_keyword():
    assert read_command("REPLY").word is None


# --- STAFF ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phone, name",
    [
        ("STAFF ADD 514-555-0111 Julie Tremblay", "514-555-0111", "Julie Tremblay"),
        ("staff add (514) 555-0111 Julie", "(514) 555-0111", "Julie"),
        ("STAFF ADD +1 514 555 0111 Julie", "+1 514 555 0111", "Julie"),
        ("staff add 1-514-555-0111 Julie", "1-514-555-0111", "Julie"),
        ("STAFF ADD 514.555.0111 Julie", "514.555.0111", "Julie"),
        ("STAFF ADD 5145550111 Julie", "5145550111", "Julie"),
        ("staff add 514-555-0111 - Julie", "514-555-0111", "Julie"),
        ("staff add Julie 514-555-0111", "514-555-0111", "Julie"),  # the name first
        ("staff add Julie Tremblay, (514) 555-0111.", "(514) 555-0111", "Julie Tremblay"),
        ("Staff: add 514-555-0111 Julie", "514-555-0111", "Julie"),
        ("ÉQUIPE AJOUTER 514 555 0111 Élodie Côté", "514 555 0111", "Élodie Côté"),
        ("equipe ajoute 514-555-0111 Julie", "514-555-0111", "Julie"),
    ],
)
def test_staff_add_reads_a_phone_typed_any_way_and_a_name_before_or_after_it(text, phone, name):
    command = read_command(text)
    assert (command.name, command.phone, command.text, command.malformed) == ("staff_add", phone, name, False)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("STAFF ADD", "phone_name_missing"),
        ("STAFF ADD 514-555-0111", "name_missing"),
        ("staff add (514) 555-0111.", "name_missing"),
        ("STAFF ADD Julie Tremblay", "phone_missing"),
        ("ÉQUIPE AJOUTER Julie", "phone_missing"),
        ("STAFF REMOVE", "phone_missing"),
        ("ÉQUIPE RETIRER", "phone_missing"),
        ("STAFF FIRE 514-555-0111", "staff_sub"),
    ],
)
def test_a_staff_command_missing_a_part_names_the_part(text, problem):
    command = read_command(text)
    assert command.malformed and command.problem.code == problem


def test_staff_add_with_digits_that_are_no_phone_takes_the_first_word_for_the_phone_to_say_what_is_wrong():
    command = read_command("STAFF ADD 12 Julie")
    assert (command.phone, command.text, command.malformed) == ("12", "Julie", False)


def test_an_unknown_staff_subcommand_is_named_back():
    assert read_command("équipe vire 514-555-0111").problem.params == {"word": "VIRE"}


@pytest.mark.parametrize(
    "text, phone",
    [
        ("STAFF REMOVE 514-555-0111", "514-555-0111"),
        ("STAFF REMOVE 514-555-0111.", "514-555-0111"),
        ("staff remove (514) 555-0111", "(514) 555-0111"),
        ("STAFF REMOVE +1 514 555 0111", "+1 514 555 0111"),
        ("STAFF REMOVE Julie 514-555-0111", "514-555-0111"),
        ("STAFF REMOVE 514-555-0111 Julie", "514-555-0111"),
        ("ÉQUIPE RETIRER 5145550111", "5145550111"),
        ("staff remove Julie", "Julie"),  # refused later: not a phone number
    ],
)
def test_staff_remove_reads_the_phone(text, phone):
    command = read_command(text)
    assert (command.name, command.phone, command.malformed) == ("staff_remove", phone, False)


# --- keywords ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, keyword",
    [
        ("Heures?", "heures"),
        ("HOURS", "hours"),
        ("hours!!", "hours"),
        ("*hours*", "hours"),
        (" heures ", "heures"),
        ("Adresse 📍", "adresse"),
        ("wifi", "wifi"),
        ("24h", "24h"),
        ("opening hours", None),
        ("heures?!? svp", None),
        ("h", None),
        ("", None),
        ("x" * 21, None),
    ],
)
def test_keyword_of_a_customer_text(text, keyword):
    assert keyword_of(text) == keyword


@pytest.mark.parametrize("word", ["HOURS", "heures", "Horaire", "parking", "wifi", "promo", "heures?"])
def test_an_ordinary_word_may_be_a_keyword(word):
    assert keyword_problem(word) is None


@pytest.mark.parametrize(
    "word",
    [
        "STOP",
        "stop",
        "ARRET",
        "ARRÊT",
        "arrêt",
        "START",
        "HELP",
        "AIDE",
        "INFO",
        "unsubscribe",
        "CANCEL",
        "QUIT",
        "END",
        "yes",
    ],
)
def test_compliance_words_are_reserved(word):
    assert keyword_problem(word).code == "keyword_reserved"


@pytest.mark.parametrize(
    "word", ["HERE", "ici", "ICI", "rendu", "arrived", "dehors", "ready", "prêt", "42", "12", "1234", "annuler"]
)
def test_words_the_bot_understands_are_refused(word):
    assert keyword_problem(word).code == "keyword_means"


@pytest.mark.parametrize("word", ["opening hours", "h", "x" * 21, "heu-res", "", "   "])
def test_a_keyword_is_one_word_of_2_to_20_letters_or_digits(word):
    assert keyword_problem(word).code == "keyword_form"


# --- the day's figures ---------------------------------------------------------------------------------------

T0 = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # 10:00 in Montréal


def done(arrived_min: float, claimed_min: float, done_min: float) -> Timing:
    return Timing(
        T0 + timedelta(minutes=arrived_min), T0 + timedelta(minutes=claimed_min), T0 + timedelta(minutes=done_min)
    )


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    figures = day_figures([done(0, 1, 2), done(10, 11, 13), done(20, 22, 24), done(30, 31, 40)], [], "America/Toronto")
    assert figures.handed_off == 4
    assert figures.median_wait_seconds == 3.5 * 60  # waits 2, 3, 4 and 10 min
    assert figures.longest_wait_seconds == 10 * 60
    assert figures.median_claim_seconds == 60 and figures.median_handover_seconds == 2 * 60


def test_median_of_an_odd_count_is_the_middle_one():
    figures = day_figures([done(0, 1, 9), done(0, 1, 2), done(0, 1, 5)], [], "America/Toronto")
    assert figures.median_wait_seconds == 5 * 60 and figures.longest_wait_seconds == 9 * 60


def test_no_handoff_today_has_no_wait_figures():
    figures = day_figures([], [], "America/Toronto")
    assert figures.handed_off == 0 and figures.median_wait_seconds is None and figures.longest_wait_seconds is None


@pytest.mark.parametrize(
    "seconds, shown",
    [
        (None, None),
        (0, 0),
        (1, 1),
        (40, 1),
        (89, 1),
        (90, 2),
        (149, 2),
        (150, 3),
        (210, 4),
        (270, 5),
        (3599, 60),
    ],
)
def test_minutes_round_to_the_nearest_with_halves_up(seconds, shown):
    # round() would give 2 for 150 s and 4 for 210 s: halves to even.
    assert minutes(seconds) == shown


def test_status_says_who_waits_where_and_the_days_figures_in_both_languages():
    figures = day_figures(
        [done(0, 1, 2), done(10, 11, 13), done(20, 21, 23), done(30, 31, 35)],
        [Waiting("4", T0), Waiting("door", T0)],
        "America/Toronto",
    )
    v = status_vars(figures)
    assert v["waiting_en"] == "2 waiting (spot 4, door)" and v["waiting_fr"] == "2 en attente (place 4, porte)"
    assert v["done_en"] == "4 handed off" and v["done_fr"] == "4 remises"
    # waits 2, 3, 3, 5 min: median 3, longest 5
    assert v["wait_en"] == ", median wait 3 min, longest 5 min"
    assert v["wait_fr"] == ", attente médiane 3 min, la plus longue 5 min"


def test_status_says_where_a_customer_without_a_spot_is_as_the_staff_alerts_do():
    v = status_vars(day_figures([], [Waiting(None, T0, photo=True), Waiting(None, T0)], "America/Toronto"))
    assert v["waiting_en"] == "2 waiting (car in the photo, no spot yet)"
    assert v["waiting_fr"] == "2 en attente (auto sur la photo, place pas encore donnée)"


def test_status_of_a_median_on_a_half_minute_rounds_up():
    v = status_vars(day_figures([done(0, 1, 2), done(0, 1, 3)], [], "America/Toronto"))  # median 2.5 min
    assert v["wait_en"] == ", median wait 3 min, longest 3 min"


def test_status_of_a_quiet_day():
    v = status_vars(day_figures([], [], "America/Toronto"))
    assert (v["waiting_en"], v["done_en"], v["wait_en"]) == ("nobody waiting", "0 handed off", "")
    assert (v["waiting_fr"], v["done_fr"], v["wait_fr"]) == ("personne n'attend", "aucune remise", "")
    assert status_vars(day_figures([done(0, 1, 2)], [], "America/Toronto"))["done_fr"] == "1 remise"


def test_handoffs_per_hour_are_counted_in_the_stores_local_hours():
    late = Timing(None, None, datetime(2026, 11, 26, 4, 30, tzinfo=UTC))  # 23:30 the day before, EST
    morning = Timing(None, None, datetime(2026, 11, 26, 14, 59, tzinfo=UTC))  # 9:59 EST
    assert day_figures([late, morning], [], "America/Toronto").per_hour == {23: 1, 9: 1}
    assert day_figures([late, morning], [], "America/Vancouver").per_hour == {20: 1, 6: 1}


def test_local_hours_follow_the_change_to_daylight_time():
    # 8 March 2026, 2:00 in Montréal: clocks jump to 3:00. An hour apart in UTC, two hours apart on the wall.
    before = Timing(None, None, datetime(2026, 3, 8, 6, 30, tzinfo=UTC))  # 1:30 EST
    after = Timing(None, None, datetime(2026, 3, 8, 7, 30, tzinfo=UTC))  # 3:30 EDT
    assert day_figures([before, after], [], "America/Toronto").per_hour == {1: 1, 3: 1}
