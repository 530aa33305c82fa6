"""The SPEC's conversations in English, through the signed webhook, with texts read back per phone."""

from __future__ import annotations

import pytest

from tests.support.conversation import Shop


@pytest.fixture
def shop(svc):
    return Shop(svc, language="en", escalation_seconds=300)


@pytest.fixture
def sam(shop):
    return shop.staff("Sam Wilson", "+15145550112", language="en")


@pytest.fixture
def kim(shop):
    return shop.staff("Kim Nguyen", "+15145550114", language="en")


@pytest.fixture
def alex(shop):
    return shop.customer("+15145550124")


def test_order_ready_texts_the_customer_how_to_check_in(shop, alex):
    shop.order("1234", alex, "Alex Martin", language="en")
    [text] = alex.new()
    assert "Plein Air Laurier" in text and "#1234" in text and "reply HERE and your spot number" in text


def test_on_the_way_records_the_eta_and_acknowledges(shop, alex):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [reply] = alex.texts("omw, 10 min")
    assert "about 10 min" in reply
    handoff = shop.order_state("1234")["handoff"]
    assert handoff["status"] == "on_the_way" and handoff["eta_at"] is not None


def test_arrival_with_spot_and_vehicle_alerts_every_staff_member_on_duty(shop, alex, sam, kim):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [ack] = alex.texts("here, spot 4, red Civic")
    assert "spot 4" in ack
    [alert] = sam.new()
    assert "Alex M." in alert and "spot 4" in alert and "Civic" in alert and "#1234" in alert and "OK 1234" in alert
    assert "Martin" not in alert  # first name and last initial only
    assert kim.new() == [alert]
    handoff = shop.order_state("1234")["handoff"]
    assert handoff["status"] == "waiting" and handoff["spot"] == "4" and handoff["arrived_at"]


def test_door_arrival_asks_no_spot(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [ack] = alex.texts("I'm at the door")
    assert "at the door" in ack
    [alert] = sam.new()
    assert "at the door" in alert


def test_anything_else_about_the_handoff_reaches_staff_verbatim(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4, trunk's open")
    [alert] = sam.new()
    assert "trunk's open" in alert


def test_here_without_a_spot_asks_for_it_and_takes_the_bare_answer(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [question] = alex.texts("I'm here")
    assert "spot number" in question
    assert sam.new() == []
    [ack] = alex.texts("7")
    assert "spot 7" in ack
    [alert] = sam.new()
    assert "spot 7" in alert


def test_a_customer_who_never_gives_the_spot_is_not_lost(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("I'm here")
    shop.wait(120)
    [alert] = sam.new()
    assert "spot not given yet" in alert


def test_unknown_number_is_asked_for_its_order_and_staff_check_the_name(shop, sam):
    shop.order("1234", "+15145550199", "Alex Martin", language="en")
    stranger = shop.customer("+15145550777")
    [question] = stranger.texts("here spot 9, blue Rav4")
    assert "order number" in question
    [ack] = stranger.texts("1234")
    assert "spot 9" in ack
    [alert] = sam.new()
    assert "spot 9" in alert and "Rav4" in alert and "check the name" in alert
    assert shop.order_state("1234")["customer_phone"] == "+15145550777"


def test_a_wrong_order_number_is_said_so(shop, sam):
    stranger = shop.customer("+15145550777")
    stranger.texts("here spot 9")
    [reply] = stranger.texts("9999")
    assert "9999" in reply and "can't find" in reply


def test_the_not_ready_heads_up_says_what_the_customer_drives(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en", ready=False)
    alex.texts("here spot 3, red Civic")
    [heads_up] = sam.new()
    assert "NOT ready" in heads_up and "spot 3" in heads_up and "red Civic" in heads_up


def test_not_ready_tells_the_customer_and_staff_then_alerts_the_moment_it_is_ready(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en", ready=False)
    [reply] = alex.texts("here spot 3")
    assert "isn't ready yet" in reply
    [heads_up] = sam.new()
    assert "NOT ready" in heads_up and "spot 3" in heads_up
    shop.ready("1234")
    [alert] = sam.new()
    assert alert.startswith("Arrival") and "spot 3" in alert
    [ack] = alex.new()
    assert "bring order #1234 out" in ack


def test_several_ready_orders_make_one_handoff(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    shop.order("1240", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 2")
    [alert] = sam.new()
    assert "#1234" in alert and "#1240" in alert
    assert shop.order_state("1234")["handoff"]["id"] == shop.order_state("1240")["handoff"]["id"]


def test_first_claim_wins_and_the_others_are_told(shop, alex, sam, kim):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.new(), kim.new()
    [mine] = sam.texts("OK 1234")
    assert "It's yours" in mine
    [told] = kim.new()
    assert "Sam Wilson took" in told
    [coming] = alex.new()
    assert "Sam Wilson is bringing" in coming
    [late] = kim.texts("ok 1234")
    assert "already took" in late
    assert shop.order_state("1234")["handoff"]["claimed_by"] == "Sam Wilson"


def test_done_closes_the_handoff_and_thanks_the_customer(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.texts("OK")
    alex.new()
    [done] = sam.texts("DONE")
    assert "handed off" in done
    [bye] = alex.new()
    assert "Thanks for shopping" in bye
    state = shop.order_state("1234")
    assert state["status"] == "handed_off" and state["handoff"]["status"] == "done" and state["handoff"]["done_at"]


def test_a_bare_ok_with_two_customers_waiting_asks_which(shop, sam):
    a, b = shop.customer("+15145550201"), shop.customer("+15145550202")
    shop.order("1001", a, "Ann Lee", language="en")
    shop.order("1002", b, "Bob Roy", language="en")
    a.texts("here spot 1")
    b.texts("here spot 2")
    sam.new()
    [which] = sam.texts("OK")
    assert "Which one?" in which and "#1001" in which and "#1002" in which
    [mine] = sam.texts("OK 1002")
    assert "It's yours" in mine and "#1002" in mine


def test_unclaimed_handoff_is_realerted_then_escalated_to_managers(shop, alex, sam):
    boss = shop.staff("Sophie Roy", "+15145550113", role="owner", language="en", on_duty=False)
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.new()
    shop.wait(301)
    [again] = sam.new()
    assert "Still waiting" in again
    assert boss.new() == []
    shop.wait(301)
    [escalated] = boss.new()
    assert "Nobody has taken" in escalated and "spot 4" in escalated


def test_a_claimed_handoff_is_not_escalated(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.texts("OK")
    sam.new()
    shop.wait(700)
    assert sam.new() == []


def test_still_waiting_gets_an_apology_and_staff_are_reminded(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.new()
    shop.wait(120)
    [sorry] = alex.texts("still waiting?")
    assert "Sorry for the wait" in sorry
    [reminder] = sam.new()
    assert "asking again" in reminder and "2 min" in reminder


@pytest.mark.parametrize("text", ["hello", "so what now?", "is it cold out there lol?"])
def test_a_novel_question_from_a_customer_waiting_in_the_lot_gets_the_still_waiting_reply(shop, alex, sam, text):
    # These texts say nothing else: from a customer waiting here, they ask for news.
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.new()
    shop.wait(240)
    [sorry] = alex.texts(text)
    assert sorry == "Sorry for the wait Alex! We've reminded the team and someone will be right out."
    [reminder] = sam.new()
    assert reminder.startswith("Alex M. is asking again (spot 4, order #1234, waiting 4 min)")


def test_the_same_question_from_a_customer_not_waiting_reminds_nobody(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("so what now?")
    assert sam.new() == []


@pytest.mark.parametrize(
    "text",
    ["hello?? anyone coming", "did u forget about me", "been 15 mins, still nobody??", "how long is this gonna take"],
)
def test_a_waiting_customer_who_feels_forgotten_gets_an_apology_and_staff_a_reminder(shop, alex, sam, text):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4")
    sam.new()
    shop.wait(240)  # before the first re-alert
    [sorry] = alex.texts(text)
    assert sorry == "Sorry for the wait Alex! We've reminded the team and someone will be right out."
    [reminder] = sam.new()
    assert reminder.startswith("Alex M. is asking again (spot 4, order #1234, waiting 4 min)")


def test_an_eta_said_in_words_is_recorded(shop, alex):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [reply] = alex.texts("be there in three quarters of an hour")
    assert "in about 45 min" in reply
    assert shop.board()["on_the_way"][0]["eta_seconds"] == 45 * 60


def test_stop_opts_out_and_nothing_more_is_sent_until_start(shop, alex):
    [bye] = alex.texts("STOP")
    assert "won't get any more texts" in bye
    shop.order("1234", alex, "Alex Martin", language="en")
    assert alex.new() == []
    assert alex.texts("here spot 4") == []
    [back] = alex.texts("START")
    assert "subscribed again" in back


def test_opted_out_customer_arriving_is_still_handed_their_order(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.texts("omw 10 min")
    assert shop.board()["on_the_way"][0]["customer"] == "Alex M."
    [bye] = alex.texts("STOP")
    assert "won't get any more texts" in bye
    assert alex.texts("here spot 5") == []
    [alert] = sam.new()
    assert alert.startswith("Arrival: Alex M., spot 5") and "can't be texted back" in alert
    [card] = shop.board()["waiting"]
    assert card["spot"] == "5" and card["customer_opted_out"]
    [mine] = sam.texts("OK")
    assert mine.startswith("It's yours") and "can't be texted back" in mine
    [done] = sam.texts("DONE")
    assert done.startswith("Done: order #1234 handed off")
    assert shop.order_state("1234")["status"] == "handed_off"
    assert alex.new() == []
    [back] = alex.texts("START")
    assert "subscribed again" in back


def test_an_opted_out_number_gets_nothing_while_staff_get_the_alert(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.texts("STOP")
    written = shop.texts_written_to(alex)
    alex.texts("I'm here")  # no spot: they cannot be asked for one, so staff are alerted at once
    alex.texts("still waiting?")
    alex.texts("HELP")
    [alert, reminder] = sam.new()
    assert alert.startswith("Arrival: Alex M., spot not given yet") and "can't be texted back" in alert
    assert "asking again" in reminder
    sam.texts("OK")
    sam.texts("DONE")
    assert shop.texts_written_to(alex) == written  # not one more text to the number, not even held back
    assert alex.new() == []


def test_a_customer_who_writes_french_gets_french_though_the_order_was_keyed_in_english(shop, sam):
    luc = shop.customer("+15145550131")
    shop.order("1310", luc, "Luc Côté", language="en")
    [ready] = luc.new()
    assert ready.startswith("Plein Air Laurier: order #1310 is ready")  # nothing written yet: the order's language
    [ack] = luc.texts("chu rendu place 4")
    assert ack.startswith("Merci Luc, c'est noté : place 4")
    [alert] = sam.new()
    assert alert.startswith("Arrival: Luc C., spot 4")  # staff keep their own language
    sam.texts("OK")
    [coming] = luc.new()
    assert coming == "Sam Wilson s'en vient avec votre commande #1310!"
    sam.texts("DONE")
    [bye] = luc.new()
    assert bye.startswith("C'est tout bon!")


def test_a_text_in_neither_language_keeps_the_last_clear_one(shop, sam):
    luc = shop.customer("+15145550131")
    shop.order("1310", luc, "Luc Côté", language="en")
    luc.new()
    luc.texts("Bonjour, je suis arrivé")
    [ack] = luc.texts("spot 4")
    assert ack.startswith("Merci Luc")


def test_help_answers_the_store_help_text(shop, alex):
    [help_text] = alex.texts("HELP")
    assert "Plein Air Laurier" in help_text and "STOP" in help_text


def test_cancel_my_order_is_not_an_opt_out(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [reply] = alex.texts("cancel my order please")
    assert "cancellation request" in reply
    [heads_up] = sam.new()
    assert "cancel" in heads_up
    shop.ready("1234")  # still texted: not opted out


def test_whatsapp_customers_are_answered_on_whatsapp(shop, sam):
    wa = shop.customer("+15145550125", channel="whatsapp")
    shop.order("1234", "+15145550125", "Wendy Ames", language="en")
    wa.new()
    [ack] = wa.texts("here spot 5")
    assert "spot 5" in ack
    [alert] = sam.new()
    assert "Wendy A." in alert
    assert all(m.from_ == "whatsapp:+15145550100" for m in shop.svc.sender.outbox if m.to == wa.address)


def test_a_retried_webhook_is_processed_once(shop, alex, sam):
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("here spot 4", sid="SM" + "a" * 32)
    alex.texts("here spot 4", sid="SM" + "a" * 32)
    assert len(sam.new()) == 1


def test_outside_store_hours_customers_get_the_after_hours_reply(svc):
    # The fake clock reads 10:00 in Montréal on a Thursday; this store opens at noon.
    shop = Shop(svc, language="en", hours={d: ["12:00", "20:00"] for d in ("mon", "tue", "wed", "thu", "fri")})
    alex = shop.customer("+15145550124")
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    [closed] = alex.texts("here spot 4")
    assert "closed right now" in closed and "Mon-Fri 12pm-8pm" in closed


def test_outside_store_hours_a_customer_with_no_order_gets_the_hours_not_a_question(svc):
    # The fake clock reads 10:00 in Montréal on a Thursday; this store opens at noon.
    shop = Shop(svc, language="en", hours={d: ["12:00", "20:00"] for d in ("mon", "tue", "wed", "thu", "fri")})
    stranger = shop.customer("+15145550777")
    [closed] = stranger.texts("here spot 4")
    assert "closed right now" in closed and "Mon-Fri 12pm-8pm" in closed


def test_a_customer_on_the_way_before_closing_who_arrives_after_it_gets_the_after_hours_reply(svc):
    # The fake clock reads 10:00 in Montréal on a Thursday; this store closes at 10:30.
    shop = Shop(svc, language="en", hours={d: ["08:00", "10:30"] for d in ("mon", "tue", "wed", "thu", "fri")})
    sam = shop.staff("Sam Wilson", "+15145550112", language="en")
    alex = shop.customer("+15145550124")
    shop.order("1234", alex, "Alex Martin", language="en")
    alex.new()
    alex.texts("omw 40 min")
    shop.wait(40 * 60)
    [closed] = alex.texts("here spot 4")
    assert "closed right now" in closed and "Mon-Fri 8am-10:30am" in closed
    assert sam.new() == []
