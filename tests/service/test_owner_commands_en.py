"""The owner's commands by text, in English, through the signed webhook and the worker: each command, what it
changes for customers and staff, and the malformed forms, answered in one text with nothing changed."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.core.texts import segments
from bot.data.models import LoginLink
from bot.usecases import logins

# The store and its people (tests/service/conftest.py) speak English.
LANGUAGE = "en"

OWNER, JULIE, MARC, BOB, MARIE = "+15145550113", "+15145550111", "+15145550115", "+15145550177", "+15145550123"


def link_token(text: str) -> str:
    return re.search(r"/admin/login/(\S+)", text).group(1)


# --- PAUSE / RESUME ------------------------------------------------------------------------------------------


def test_pause_tells_arriving_customers_the_owners_message_and_alerts_no_staff(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("PAUSE Back at 2 pm")
    assert confirmation.startswith("Pickups paused, no staff alerts.") and "Back at 2 pm" in confirmation
    assert "RESUME" in confirmation and segments(confirmation) == 1
    assert shop.settings().paused is True and shop.settings().pause_message == "Back at 2 pm"

    [answer] = marie.texts("here, spot 4")
    assert answer == "Plein Air Laurier has paused curbside pickup for now. Back at 2 pm"
    assert julie.new() == [] and sophie.new() == []
    assert shop.order_state("1234")["handoff"] is None


def test_pause_reaches_a_customer_who_said_on_my_way_before_it(shop, sophie, julie, marie):
    marie.texts("on my way, 10 min")
    sophie.texts("PAUSE Back at 2 pm")
    [answer] = marie.texts("here spot 4")
    assert answer.endswith("paused curbside pickup for now. Back at 2 pm")
    assert julie.new() == []
    assert shop.order_state("1234")["handoff"]["status"] == "on_the_way"


def test_a_customer_with_no_order_is_told_of_the_pause_not_asked_for_an_order_number(shop, sophie, julie):
    sophie.texts("PAUSE Back at 2 pm")
    stranger = shop.customer("+15145550777")
    [answer] = stranger.texts("here spot 9")
    assert answer == "Plein Air Laurier has paused curbside pickup for now. Back at 2 pm"
    assert julie.new() == []


def test_pause_without_a_message_pauses_all_the_same(shop, sophie, julie, marie):
    sophie.texts("pause")
    [answer] = marie.texts("here spot 4")
    assert answer == "Plein Air Laurier has paused curbside pickup for now."
    assert julie.new() == []


def test_resume_puts_pickups_back_on_and_the_next_arrival_alerts_staff(shop, sophie, julie, marie):
    sophie.texts("PAUSE Back at 2 pm")
    [confirmation] = sophie.texts("RESUME")
    assert confirmation == "Pickups are back on: arrivals alert the staff again."
    assert shop.settings().paused is False
    [ack] = marie.texts("here spot 4")
    assert "spot 4" in ack
    [alert] = julie.new()
    assert alert.startswith("Arrival: Marie L., spot 4")


def test_resume_when_not_paused_says_so(shop, sophie):
    assert sophie.texts("Resume.") == ["Pickups were not paused."]


def test_a_pause_message_too_long_is_refused_and_the_store_is_not_paused_half_way(shop, sophie, julie, marie):
    [answer] = sophie.texts("PAUSE " + "Closed for inventory. " * 15)
    assert answer == "Not done: the message must be at most 300 characters."
    assert shop.settings().paused is False
    marie.texts("here spot 4")
    assert len(julie.new()) == 1


def test_a_manager_can_pause_too(shop, julie, marie):
    manager = shop.staff("Luc Côté", "+15145550119", role="manager", language="en")
    [confirmation] = manager.texts("PAUSE: Back at 2")
    assert confirmation.startswith("Pickups paused")
    assert marie.texts("here spot 4") == ["Plein Air Laurier has paused curbside pickup for now. Back at 2"]


# --- SET -----------------------------------------------------------------------------------------------------


def hand_off(shop, customer, julie, number="1234", arrival="here spot 4 for {number}") -> str:
    """The customer arrives, Julie takes and closes the pickup: the customer's closing text."""
    customer.texts(arrival.format(number=number))
    julie.texts(f"OK {number}")
    julie.texts(f"DONE {number}")
    return customer.new()[-1]


def test_set_changes_the_very_next_customer_text_and_default_restores_it(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("SET handed_off Thanks{name}, see you next time at {store}!")
    assert confirmation == "Done. The handed_off text (EN) now reads: Thanks{name}, see you next time at {store}!"
    assert hand_off(shop, marie, julie) == "Thanks Marie, see you next time at Plein Air Laurier!"

    [restored] = sophie.texts("SET handed_off DEFAULT")
    assert restored.startswith("Done. The handed_off text (EN) is back to the original: All set!")
    assert shop.auto_replies() == {}
    shop.order("5678", marie, "Marie Lavoie", language="en")
    marie.new()
    assert (
        hand_off(shop, marie, julie, "5678") == "All set! Thanks for shopping at Plein Air Laurier. Have a great day!"
    )


def test_set_changes_only_the_owners_language(shop, sophie, julie):
    sophie.texts("set handed_off: Thanks, see you soon!")
    assert shop.auto_replies() == {"handed_off": {"en": "Thanks, see you soon!", "fr": None}}
    luc = shop.customer("+15145550140")
    shop.order("4000", luc, "Luc Côté", language="fr")
    luc.new()
    # Luc writes French: he gets the French closing text, which the owner's English wording left as it was.
    assert hand_off(shop, luc, julie, "4000", arrival="rendu place 4 pour {number}").startswith("C'est tout bon!")


def test_set_alone_lists_the_texts_that_can_be_changed(shop, sophie):
    [answer] = sophie.texts("SET")
    assert answer.startswith("Texts you can change: order_ready, on_the_way_ack,") and "handed_off" in answer
    assert "SET <text> <wording>" in answer


def test_set_with_a_key_alone_shows_its_wording(shop, sophie):
    [answer] = sophie.texts("SET handed_off")
    assert answer == (
        "handed_off now reads: All set! Thanks for shopping at {store}. Have a great day! "
        "(SET handed_off DEFAULT restores the original)"
    )


def test_set_with_an_unknown_key_lists_the_keys_and_changes_nothing(shop, sophie):
    [answer] = sophie.texts("SET goodbye See you!")
    assert answer.startswith("No text is called goodbye. Texts you can change: order_ready,")
    assert shop.auto_replies() == {}


def test_set_with_a_bad_placeholder_names_it_and_changes_nothing(shop, sophie, julie, marie):
    [answer] = sophie.texts("SET handed_off Thanks {firstname}!")
    assert answer == "Not done: unknown placeholder {firstname}; this text may use {name}, {store}."
    assert shop.auto_replies() == {}
    assert hand_off(shop, marie, julie).startswith("All set!")


def test_set_help_longer_than_one_sms_is_refused(shop, sophie):
    [answer] = sophie.texts("SET help " + "Text HERE and your spot when you arrive. " * 5)
    assert answer.startswith("Not done: the text must fit one SMS")
    assert shop.auto_replies() == {}


def test_hours_always_speaks_of_no_closing_time(shop, sophie):
    [answer] = sophie.texts("HOURS Mon-Fri 9-5")
    assert answer.endswith("Outside them, customers get the after-hours reply.")
    shop.wait(7)
    [answer] = sophie.texts("HOURS ALWAYS")
    assert answer == "Done. Pickups any time now: no after-hours reply."


# --- REPLY ---------------------------------------------------------------------------------------------------


def test_a_keyword_reply_answers_a_customer_and_removing_it_stops_it(shop, sophie):
    [confirmation] = sophie.texts("REPLY HOURS Open 9 to 5, Monday to Saturday")
    assert confirmation == "Done. Customers who text HOURS now get: Open 9 to 5, Monday to Saturday"
    alex = shop.customer("+15145550150")
    assert alex.texts("Hours?") == ["Open 9 to 5, Monday to Saturday"]
    assert alex.texts("hours") == ["Open 9 to 5, Monday to Saturday"]

    [removed] = sophie.texts("REPLY HOURS")
    assert removed == "Done. HOURS no longer has a reply."
    assert shop.keyword_replies() == {}
    assert alex.texts("Hours?") == []


def test_a_keyword_reply_set_in_english_answers_a_french_customer_too(shop, sophie, marie):
    sophie.texts("REPLY hours: Open 9 to 5")
    luc = shop.customer("+15145550140")
    assert luc.texts("heures?") == []  # another word
    assert luc.texts("HOURS!") == ["Open 9 to 5"]


def test_a_keyword_never_takes_the_place_of_an_arrival(shop, sophie, julie, marie):
    sophie.texts("REPLY PARKING Park anywhere in the back lot")
    [ack] = marie.texts("here spot 4")
    assert "spot 4" in ack
    assert len(julie.new()) == 1


def test_reply_alone_lists_the_keywords(shop, sophie):
    assert sophie.texts("REPLY") == [
        "No keyword replies yet. REPLY <WORD> <text> adds one, e.g. REPLY HOURS Open 9 to 5."
    ]
    sophie.texts("REPLY HOURS Open 9 to 5")
    sophie.texts("REPLY WIFI The password is on the door")
    assert sophie.texts("REPLY") == [
        "Keyword replies: HOURS, WIFI. REPLY <WORD> <text> adds one, REPLY <WORD> removes it."
    ]


def test_removing_a_keyword_that_has_no_reply_says_so(shop, sophie):
    assert sophie.texts("REPLY HOURS") == ["Not done: no keyword reply HOURS."]


@pytest.mark.parametrize(
    "command, problem",
    [
        ("REPLY STOP Bye", "Not done: STOP is kept for opting out, opting in and help."),
        ("REPLY HELP Call us", "Not done: HELP is kept for opting out, opting in and help."),
        ("REPLY HERE Welcome", "Not done: HERE already means something to the bot (an arrival or a question)."),
        ("REPLY ICI Bienvenue", "Not done: ICI already means something to the bot (an arrival or a question)."),
        (
            "REPLY 12 Spot twelve is for pickups",
            "Not done: 12 already means something to the bot (an arrival or a question).",
        ),
        (
            "REPLY opening hours: Open 9 to 5",
            "Not done: a keyword is one word of 2 to 20 letters or digits. Expected: "
            "REPLY <WORD> <text>, e.g. REPLY HOURS Open 9 to 5; REPLY HOURS alone "
            "removes it",
        ),
        (
            'REPLY "opening hours" Open 9 to 5',
            "Not done: a keyword is one word of 2 to 20 letters or digits. Expected: "
            "REPLY <WORD> <text>, e.g. REPLY HOURS Open 9 to 5; REPLY HOURS alone "
            "removes it",
        ),
    ],
)
def test_a_keyword_the_bot_needs_or_of_two_words_is_refused_and_nothing_is_added(shop, sophie, command, problem):
    assert sophie.texts(command) == [problem]
    assert shop.keyword_replies() == {}


def test_stop_still_opts_out_after_an_owner_tried_to_make_it_a_keyword(shop, sophie, marie):
    sophie.texts("REPLY STOP Bye")
    [answer] = marie.texts("STOP")
    assert answer.startswith("You won't get any more texts")


# --- STAFF ---------------------------------------------------------------------------------------------------


def test_staff_add_welcomes_the_new_member_who_gets_the_next_arrival_alert(shop, sophie, julie, marie):
    [confirmation] = sophie.texts("STAFF ADD (514) 555-0177 Bob Lee")
    assert confirmation == ("Added Bob Lee (514-555-0177) to the staff, on duty: they get arrival alerts from now on.")
    bob = shop.customer(BOB)  # a phone like any other, until now
    [welcome] = bob.new()
    assert welcome.startswith("Plein Air Laurier: you're on the pickup team.") and "OFF" in welcome
    assert shop.roster()[BOB] == ("Bob Lee", "staff", True)

    marie.texts("here spot 4")
    [alert] = bob.new()
    assert alert.startswith("Arrival: Marie L., spot 4")
    assert julie.new() == [alert]


def test_staff_add_takes_the_name_first_too(shop, sophie):
    sophie.texts("staff add Bob Lee, 514.555.0177")
    assert shop.roster()[BOB] == ("Bob Lee", "staff", True)


@pytest.mark.parametrize(
    "command, problem",
    [
        ("STAFF ADD 514-555-0177", "the name is missing"),
        ("STAFF ADD Bob Lee", "the phone number is missing"),
        ("STAFF ADD", "the phone number and the name are missing"),
        ("STAFF ADD 12 Bob Lee", "12 is not a phone number"),
        ("STAFF ADD 555-0177 Bob Lee", "555-0177 is not a phone number"),
    ],
)
def test_staff_add_malformed_names_the_problem_and_the_expected_form_and_adds_nobody(
    shop, sophie, julie, command, problem
):
    before = shop.roster()
    assert sophie.texts(command) == [
        f"Not done: {problem}. Expected: STAFF ADD <phone> <name>, e.g. STAFF ADD 514-555-0111 Julie Tremblay"
    ]
    assert shop.roster() == before
    assert shop.customer(BOB).new() == [] and julie.new() == []


def test_staff_add_of_someone_already_on_the_staff_changes_nothing(shop, sophie, julie):
    assert sophie.texts("STAFF ADD 514-555-0111 Julie T.") == [
        "Not done: 514-555-0111 is already on this store's staff."
    ]
    assert shop.roster()[JULIE] == ("Julie Tremblay", "staff", True)
    assert julie.new() == []


def test_staff_remove_stops_the_alerts(shop, sophie, julie, marc, marie):
    [confirmation] = sophie.texts("STAFF REMOVE 514-555-0111")
    assert confirmation == "Removed Julie Tremblay (514-555-0111) from the staff."
    assert JULIE not in shop.roster()
    marie.texts("here spot 4")
    assert julie.new() == []
    assert len(marc.new()) == 1


def test_a_removed_members_claimed_pickup_goes_back_to_the_team(shop, sophie, julie, marc, marie):
    marie.texts("here spot 4")
    julie.texts("OK 1234")
    marc.new()
    [confirmation] = sophie.texts("STAFF REMOVE +1 514 555 0111")
    assert confirmation == (
        "Removed Julie Tremblay (514-555-0111) from the staff. The pickup they had taken went back to the team."
    )
    [alert] = marc.new()
    assert alert.startswith("Arrival: Marie L., spot 4") and "OK 1234" in alert
    handoff = shop.order_state("1234")["handoff"]
    assert handoff["status"] == "waiting" and handoff["claimed_by"] is None
    [yours] = marc.texts("OK 1234")
    assert yours.startswith("It's yours")


def test_a_customer_told_someone_was_coming_hears_when_that_someone_is_taken_off_the_staff(
    shop, sophie, julie, marc, marie
):
    marie.texts("here spot 4")
    julie.texts("OK 1234")
    assert marie.new() == ["Julie Tremblay is bringing order #1234 out to you now."]
    sophie.texts("STAFF REMOVE 514-555-0111")
    assert marie.new() == [
        "Sorry Marie, change of plan: another team member will bring order #1234 out to you shortly."
    ]
    marc.texts("OK 1234")
    assert marie.new() == ["Marc Gagnon is bringing order #1234 out to you now."]


def test_an_opted_out_customer_is_not_texted_when_their_pickup_goes_back_to_the_team(shop, sophie, julie, marc, marie):
    marie.texts("here spot 4")
    marie.texts("STOP")
    julie.texts("OK 1234")
    marie.new()
    written = len(shop.texts_written_to(marie))
    sophie.texts("STAFF REMOVE 514-555-0111")
    assert marie.new() == [] and len(shop.texts_written_to(marie)) == written
    assert "OK 1234" in marc.new()[-1]


def test_the_owners_wording_of_the_text_to_a_customer_whose_pickup_went_back_to_the_team_is_used(
    shop, sophie, julie, marc, marie
):
    sophie.texts("SET claimed_reassigned So sorry{name}: someone else is on the way with {orders}.")
    marie.texts("here spot 4")
    julie.texts("OK 1234")
    marie.new()
    sophie.texts("STAFF REMOVE 514-555-0111")
    assert marie.new() == ["So sorry Marie: someone else is on the way with #1234."]


def test_the_only_owner_cannot_remove_themselves(shop, sophie):
    assert sophie.texts("STAFF REMOVE 514-555-0113") == [
        "Not done: Sophie Roy is the store's only owner: add another owner first."
    ]
    assert shop.roster()[OWNER] == ("Sophie Roy", "owner", False)


def test_a_manager_cannot_remove_an_owner(shop, sophie):
    manager = shop.staff("Luc Côté", "+15145550119", role="manager", language="en")
    shop.staff("Marc Gagnon", "+15145550118", role="owner", language="en")
    assert manager.texts("STAFF REMOVE 514-555-0113") == ["Not done: only an owner can add, change or remove an owner."]
    assert shop.roster()[OWNER] == ("Sophie Roy", "owner", False)


@pytest.mark.parametrize(
    "command, problem, usage",
    [
        ("STAFF REMOVE", "the phone number is missing", "STAFF REMOVE <phone>, e.g. STAFF REMOVE 514-555-0111"),
        ("STAFF REMOVE Julie", "Julie is not a phone number", "STAFF REMOVE <phone>, e.g. STAFF REMOVE 514-555-0111"),
        (
            "STAFF FIRE 514-555-0111",
            "FIRE is not ADD or REMOVE",
            "STAFF, STAFF ADD <phone> <name> or STAFF REMOVE <phone>",
        ),
    ],
)
def test_staff_remove_malformed_names_the_problem_and_removes_nobody(shop, sophie, julie, command, problem, usage):
    assert sophie.texts(command) == [f"Not done: {problem}. Expected: {usage}"]
    assert JULIE in shop.roster()


def test_staff_remove_of_a_phone_not_on_the_staff_says_so(shop, sophie, julie):
    assert sophie.texts("STAFF REMOVE 514-555-0177") == ["Not done: 514-555-0177 is not on this store's staff."]


def test_staff_lists_the_roster_with_who_is_on_duty(shop, sophie, julie, marc):
    marc.texts("OFF")
    assert sophie.texts("STAFF") == [
        "Staff: Julie Tremblay 514-555-0111 ON; Marc Gagnon 514-555-0115 OFF; Sophie Roy (owner) 514-555-0113 OFF"
    ]


# --- ON / OFF ------------------------------------------------------------------------------------------------


def test_off_stops_a_members_alerts_and_on_brings_them_back(shop, julie, marc, marie):
    assert julie.texts("OFF") == ["You're off duty: no more arrival alerts. Text ON when you're back."]
    assert shop.roster()[JULIE][2] is False
    marie.texts("here spot 4")
    assert julie.new() == [] and len(marc.new()) == 1

    assert julie.texts("on") == ["You're on duty: arrival alerts come to you. Text OFF when you leave."]
    alex = shop.customer("+15145550150")
    shop.order("5000", alex, "Alex Martin", language="en")
    alex.texts("here spot 7")
    assert len(julie.new()) == 1


def test_when_the_last_one_goes_off_the_managers_and_owners_get_the_alerts(shop, sophie, julie, marie):
    [off] = julie.texts("OFF")
    assert off.endswith("Nobody else is on duty: alerts go to the managers and owners.")
    marie.texts("here spot 4")
    assert julie.new() == []
    [alert] = sophie.new()
    assert alert.startswith("Arrival: Marie L., spot 4")


def test_the_last_one_going_off_in_a_store_with_no_manager_is_told_nobody_will_be_alerted(shop, julie):
    [off] = julie.texts("OFF")
    assert off.endswith("Nobody is on duty now and there is no manager: arrivals will alert no one.")


def test_an_owner_going_off_when_nobody_is_on_is_told_the_alerts_still_come(shop, sophie, julie):
    julie.texts("OFF")
    [answer] = sophie.texts("OFF")
    assert answer.startswith(
        "You're off duty, but nobody else is on: arrival alerts still go to the managers and owners, you included."
    )


# --- STATUS --------------------------------------------------------------------------------------------------


def test_status_tells_who_waits_where_and_todays_handoffs_and_waits(shop, sophie, julie):
    # Four pickups handed off after waits of 2, 3, 4 and 6 minutes: median 3.5, shown rounded up; longest 6.
    for number, phone, wait_minutes in (
        ("1001", "+15145550131", 2),
        ("1002", "+15145550132", 3),
        ("1003", "+15145550133", 4),
        ("1004", "+15145550134", 6),
    ):
        customer = shop.customer(phone)
        shop.order(number, customer, "Anne Roy", language="en")
        customer.texts(f"here spot {number[-1]}")
        shop.wait(wait_minutes * 60)
        julie.texts(f"OK {number}")
        julie.texts(f"DONE {number}")
    for number, phone, arrival in (("1005", "+15145550135", "here spot 9"), ("1006", "+15145550136", "at the door")):
        customer = shop.customer(phone)
        shop.order(number, customer, "Paul Roy", language="en")
        customer.texts(arrival)
    sophie.new()
    assert sophie.texts("STATUS") == [
        "Now: 2 waiting (spot 9, door). Today: 4 handed off, median wait 4 min, longest 6 min."
    ]

    shop.wait(16 * 3600)  # past midnight in Montréal: a new day, the same two still waiting
    sophie.new()
    assert sophie.texts("status?") == ["Now: 2 waiting (spot 9, door). Today: 0 handed off."]


def test_status_of_a_quiet_day(shop, sophie):
    assert sophie.texts("STATUS") == ["Now: nobody waiting. Today: 0 handed off."]


# --- LOGIN ---------------------------------------------------------------------------------------------------


def test_login_texts_a_link_that_signs_in_once(shop, sophie):
    [answer] = sophie.texts("LOGIN")
    assert answer.startswith(
        "Sign-in link for the Plein Air Laurier admin pages, valid 10 min and once: "
        "https://pickup.example.test/admin/login/"
    )
    assert segments(answer) == 1
    token = link_token(answer)
    assert logins.redeem(shop.svc.db, token, shop.svc.clock()) == OWNER
    assert logins.redeem(shop.svc.db, token, shop.svc.clock()) is None


def test_a_login_link_expires_after_ten_minutes(shop, sophie):
    still_good = link_token(sophie.texts("LOGIN")[0])
    expired = link_token(sophie.texts("LOGIN")[0])
    shop.wait(599)
    assert logins.redeem(shop.svc.db, still_good, shop.svc.clock()) == OWNER
    shop.wait(1)
    assert logins.redeem(shop.svc.db, expired, shop.svc.clock()) is None


def test_a_manager_gets_a_link_too(shop):
    manager = shop.staff("Luc Côté", "+15145550119", role="manager", language="en")
    token = link_token(manager.texts("login")[0])
    assert logins.redeem(shop.svc.db, token, shop.svc.clock()) == "+15145550119"


# --- staff may not --------------------------------------------------------------------------------------------


def test_staff_asking_for_a_login_link_are_told_it_is_for_owners_and_get_none(shop, julie):
    assert julie.texts("LOGIN") == ["Only an owner or a manager can use LOGIN. Staff: OK, DONE, LIST, ON, OFF."]
    with shop.svc.db.read() as session:
        assert session.scalar(select(func.count()).select_from(LoginLink)) == 0


def test_staff_sending_pause_are_told_it_is_for_owners_and_pickups_go_on(shop, julie, marie):
    assert julie.texts("PAUSE lunch") == ["Only an owner or a manager can use PAUSE. Staff: OK, DONE, LIST, ON, OFF."]
    assert shop.settings().paused is False
    marie.texts("here spot 4")
    assert len(julie.new()) == 1


@pytest.mark.parametrize(
    "command, word",
    [
        ("SET handed_off Bye", "SET"),
        ("REPLY HOURS 9 to 5", "REPLY"),
        ("STAFF ADD 514-555-0177 Bob", "STAFF ADD"),
        ("STAFF REMOVE 514-555-0115", "STAFF REMOVE"),
        ("STAFF", "STAFF"),
        ("STATUS", "STATUS"),
        ("RESUME", "RESUME"),
    ],
)
def test_staff_sending_any_owner_command_are_told_it_is_for_owners_and_nothing_changes(
    shop, julie, marc, command, word
):
    assert julie.texts(command) == [f"Only an owner or a manager can use {word}. Staff: OK, DONE, LIST, ON, OFF."]
    assert shop.auto_replies() == {} and shop.keyword_replies() == {}
    assert set(shop.roster()) == {JULIE, MARC}


# --- HELP ----------------------------------------------------------------------------------------------------


def test_help_from_an_owner_lists_the_owner_commands_in_one_text(shop, sophie):
    [answer] = sophie.texts("HELP")
    for command in ("PAUSE", "RESUME", "SET", "REPLY", "STAFF ADD", "STAFF REMOVE", "STATUS", "LOGIN", "ON", "OFF"):
        assert command in answer
    assert segments(answer) == 1


def test_help_from_staff_is_the_staff_help(shop, julie):
    [answer] = julie.texts("HELP")
    assert answer.startswith("Staff commands: OK [order]") and "PAUSE" not in answer
    # Every staff member puts themselves on or off duty: the help says so, in one text.
    assert "OFF when you leave, ON when back" in answer and segments(answer) == 1


def test_every_owner_answer_of_a_usual_day_fits_one_sms(shop, sophie, julie):
    for command in (
        "HELP",
        "PAUSE Back at 2 pm",
        "RESUME",
        "SET handed_off",
        "SET handed_off Thanks!",
        "REPLY HOURS Open 9 to 5",
        "REPLY",
        "REPLY HOURS",
        "STAFF ADD 514-555-0177 Bob Lee",
        "STAFF",
        "STAFF REMOVE 514-555-0177",
        "STAFF ADD 514-555-0177",
        "STATUS",
        "LOGIN",
        "OFF",
        "ON",
    ):
        shop.wait(10)  # one text every 10 s: never more than the anti-loop rule's 10 a minute
        [answer] = sophie.texts(command)
        assert segments(answer) == 1, (command, answer)


# --- HOURS ---------------------------------------------------------------------------------------------------


def test_hours_alone_tells_the_current_pickup_hours(shop, sophie):
    [answer] = sophie.texts("HOURS")
    assert answer.startswith("Pickup hours: always open.") and segments(answer) == 1


def test_hours_set_by_text_change_when_customers_get_the_after_hours_reply(svc, shop, sophie, marie):
    [answer] = sophie.texts("HOURS Mon-Fri 9-5, Sat 10am-4pm, Sun closed")
    assert answer == (
        "Done. Pickup hours: Mon-Fri 9am-5pm, Sat 10am-4pm. Outside them, customers get the after-hours reply."
    )
    svc.clock.now = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)  # a Sunday, 10 am in Montréal
    [closed] = marie.texts("here spot 4")
    assert "closed right now" in closed and "Mon-Fri 9am-5pm, Sat 10am-4pm" in closed


def test_hours_that_cannot_be_read_change_nothing_and_say_why(shop, sophie):
    sophie.texts("HOURS Mon-Fri 9-5")
    shop.wait(7)
    [answer] = sophie.texts("HOURS Mon-Fri 5pm-9am")
    assert answer == "Not done: '5pm-9am' closes before it opens."
    shop.wait(7)
    [answer] = sophie.texts("HOURS weekdays 9-5")
    assert answer.startswith("Not done: 'weekdays 9-5' is not hours such as 9-5 or 9am-5pm. Expected: HOURS")
    shop.wait(7)
    assert sophie.texts("HOURS")[0].startswith("Pickup hours: Mon-Fri 9am-5pm.")


def test_closing_a_day_keeps_the_other_days(shop, sophie):
    sophie.texts("HOURS Mon-Sat 9-5")
    shop.wait(7)
    [answer] = sophie.texts("HOURS Sat closed")
    assert "Pickup hours: Mon-Fri 9am-5pm." in answer


def test_staff_cannot_change_the_hours(shop, julie, sophie):
    [answer] = julie.texts("HOURS 9-5")
    assert answer.startswith("Only an owner or a manager can use HOURS.")
    assert sophie.texts("HOURS")[0].startswith("Pickup hours: always open.")
