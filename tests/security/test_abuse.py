"""Cost attacks: replies to numbers with no order are rate-limited per number and per store, bot loops are
cut, and the stores' own numbers and short codes never get an answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core import abuse
from bot.core.conversation import Reply, TextCustomer, TextStaff, UpdateCustomer
from bot.data.models import Customer, Message
from bot.usecases import roster, stores
from tests.support.conversation import Shop

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
LIMITS = abuse.Limits(per_number_hour=5, per_store_hour=200, loop_texts_per_minute=10, loop_pause_seconds=900)


def traffic(texts=1, burst=None, to_number=0, to_anyone=0):
    return abuse.Traffic(
        texts_last_minute=texts,
        last_burst_at=burst,
        replies_to_number_last_hour=to_number,
        replies_to_unknown_last_hour=to_anyone,
    )


# --- the rule (pure) --------------------------------------------------------------------------------------


def test_a_number_with_no_order_gets_its_hourly_allowance_and_then_silence():
    assert abuse.judge(traffic(to_number=4), known=False, now=NOW, limits=LIMITS).texts_allowed
    verdict = abuse.judge(traffic(to_number=5), known=False, now=NOW, limits=LIMITS)
    assert not verdict.texts_allowed and verdict.reason == "number_limit"


def test_a_store_stops_answering_unknown_numbers_past_its_hourly_allowance():
    verdict = abuse.judge(traffic(to_anyone=200), known=False, now=NOW, limits=LIMITS)
    assert not verdict.texts_allowed and verdict.reason == "store_limit"


def test_customers_with_an_order_and_staff_are_never_rate_limited():
    assert abuse.judge(traffic(to_number=50, to_anyone=5000), known=True, now=NOW, limits=LIMITS).texts_allowed


def test_more_texts_in_a_minute_than_a_person_types_is_a_loop_for_everyone():
    verdict = abuse.judge(traffic(texts=11), known=True, now=NOW, limits=LIMITS)
    assert not verdict.texts_allowed and verdict.reason == "loop" and verdict.burst
    assert abuse.judge(traffic(texts=10), known=True, now=NOW, limits=LIMITS).texts_allowed


def test_a_loop_stays_muted_for_the_pause_after_its_last_burst():
    during = abuse.judge(traffic(burst=NOW - timedelta(seconds=899)), known=True, now=NOW, limits=LIMITS)
    assert not during.texts_allowed and during.reason == "loop_pause" and not during.burst
    assert abuse.judge(traffic(burst=NOW - timedelta(seconds=900)), known=True, now=NOW, limits=LIMITS).texts_allowed


def test_a_command_from_the_roster_is_answered_through_a_loop_unless_it_repeats_it_or_comes_at_machine_speed():
    assert abuse.judge_command(traffic(texts=11), now=NOW, limits=LIMITS).texts_allowed
    assert abuse.judge_command(traffic(texts=30), now=NOW, limits=LIMITS).texts_allowed
    paused = traffic(burst=NOW - timedelta(seconds=60))
    assert abuse.judge_command(paused, now=NOW, limits=LIMITS).texts_allowed
    repeat = abuse.judge_command(abuse.Traffic(11, None, 0, None, repeats=True), now=NOW, limits=LIMITS)
    assert not repeat.texts_allowed and repeat.reason == "loop" and repeat.burst
    again = abuse.Traffic(1, NOW - timedelta(seconds=60), 0, None, repeats=True)
    assert abuse.judge_command(again, now=NOW, limits=LIMITS).reason == "loop_pause"
    machine = abuse.judge_command(traffic(texts=31), now=NOW, limits=LIMITS)
    assert not machine.texts_allowed and machine.burst
    # Outside a loop a repeat is just a person asking twice.
    assert abuse.judge_command(abuse.Traffic(2, None, 0, None, repeats=True), now=NOW, limits=LIMITS).texts_allowed
    assert not abuse.needs_repeat_count(traffic(texts=3), NOW, LIMITS)
    assert abuse.needs_repeat_count(traffic(texts=11), NOW, LIMITS)


def test_silencing_keeps_every_state_change_and_drops_only_the_texts():
    effects = [
        UpdateCustomer({"opted_out": True}),
        Reply("opted_out"),
        TextStaff((1,), "staff_reminder"),
        TextCustomer(7, "claimed"),
    ]
    assert abuse.screen(effects, abuse.Verdict(False, "loop")) == [
        UpdateCustomer({"opted_out": True}),
        TextCustomer(7, "claimed"),
    ]
    assert abuse.screen(effects, abuse.ALLOWED) == effects


def test_the_per_store_count_is_only_needed_for_an_unknown_number_still_under_its_own_limit():
    assert abuse.needs_store_count(traffic(to_number=1), known=False, now=NOW, limits=LIMITS)
    assert not abuse.needs_store_count(traffic(to_number=5), known=False, now=NOW, limits=LIMITS)
    assert not abuse.needs_store_count(traffic(), known=True, now=NOW, limits=LIMITS)


# --- through the webhook ----------------------------------------------------------------------------------


def test_an_unknown_number_gets_five_replies_an_hour_then_none_until_the_hour_has_passed(svc):
    shop = Shop(svc, language="en")
    pumper = shop.customer("+15145550999")
    answered = []
    for _ in range(8):
        answered.append(len(pumper.texts("here")))
        shop.wait(61)  # slower than a loop: this is the per-number limit at work
    assert answered == [1, 1, 1, 1, 1, 0, 0, 0]
    with svc.db.read() as session:
        notes = list(session.scalars(select(Message.error).where(Message.direction == "in")))
    assert notes[-3:] == ["silenced: number_limit"] * 3
    shop.wait(3600)
    assert len(pumper.texts("here")) == 1


def test_a_store_answers_only_so_many_unknown_numbers_an_hour(make_svc):
    svc = make_svc(unknown_replies_per_store_hour=3)
    shop = Shop(svc, language="en")
    got = [len(shop.customer(f"+1514555{n:04d}").texts("here")) for n in range(1000, 1005)]
    assert got == [1, 1, 1, 0, 0]
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie")
    marie.new()
    assert len(marie.texts("here spot 4")) == 1  # a real customer is never caught by it


def test_a_legit_unknown_number_asked_for_its_order_number_gets_every_reply(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    shop.order("1234", "+15145550123", "Marie Lavoie")
    husband = shop.customer("+15145550188")
    texts = [
        husband.texts("hi"),
        husband.texts("is it ready?"),
        husband.texts("here spot 4"),
        husband.texts("it's order 1234"),
    ]
    assert [len(t) for t in texts[1:]] == [1, 1, 1]
    assert "spot 4" in texts[-1][0] and julie.new()
    for _ in range(6):  # now known: no limit
        shop.wait(61)
        assert len(husband.texts("still waiting?")) == 1


def test_a_bot_loop_is_cut_after_ten_texts_in_a_minute_and_resumes_after_the_pause(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    robot = shop.customer("+15145550123")
    shop.order("1234", robot, "Marie Lavoie")
    robot.texts("here spot 4")
    julie.new(), robot.new()
    replies = []
    for _ in range(14):
        shop.wait(3)
        replies.append(len(robot.texts("Still waiting?")))
    # The arrival and nine more within the minute are answered (and staff reminded); the eleventh on is not.
    assert replies == [1] * 9 + [0] * 5
    assert len(julie.new()) == 9
    shop.wait(600)
    assert robot.texts("Still waiting?") == []  # still within the pause after the last burst
    shop.wait(900)
    assert len(robot.texts("Still waiting?")) == 1
    assert "asking again" in julie.new()[-1]  # (escalations went out meanwhile: timers are not texts from the loop)


def test_a_loop_through_staff_notes_is_cut_too(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    robot = shop.customer("+15145550123")
    shop.order("1234", robot, "Marie Lavoie")
    robot.texts("here spot 4")
    julie.new()
    for _ in range(30):
        robot.texts("Thanks for your message! I'll get back to you soon.")
    assert len(julie.new()) == 9  # each would reach staff as a note: only until the loop is seen


def test_a_stop_from_a_muted_number_still_opts_it_out(svc):
    shop = Shop(svc, language="en")
    robot = shop.customer("+15145550123")
    shop.order("1234", robot, "Marie Lavoie")
    for _ in range(12):
        robot.texts("auto-reply: I am driving")
    robot.texts("STOP")
    with svc.db.read() as session:
        assert session.scalars(select(Customer.opted_out).where(Customer.phone == "+15145550123")).one() is True


def test_a_store_number_texting_a_store_gets_no_answer(svc):
    laurier = Shop(svc, number="+15145550100", language="en")
    plateau = Shop(svc, number="+15145550200", language="en", name="Plein Air Plateau")
    plateau.post_sms(laurier.number, "here spot 4")
    laurier.post_sms(laurier.number, "HELP")
    with svc.db.read() as session:
        assert [m.status for m in session.scalars(select(Message))] == ["ignored", "ignored"]
    assert svc.sender.outbox == []


def test_short_codes_get_no_answer(svc):
    shop = Shop(svc, language="en")
    shop.post_sms("22395", "HELP")
    shop.post_sms("+262966", "STOP")
    assert svc.sender.outbox == []


def test_an_owner_typing_more_commands_in_a_minute_than_the_loop_limit_is_still_answered(svc):
    shop = Shop(svc, language="fr")
    sophie = shop.staff("Sophie Roy", "+15145550113", role="owner", language="fr", on_duty=False)
    answered = []
    for _ in range(10):
        shop.wait(3)
        answered.append(len(sophie.texts("STATUT")))
    assert answered == [1] * 10
    # The eleventh and twelfth texts in a minute: more than the loop rule lets through, but an owner's commands.
    assert sophie.texts("PAUSE Fermé pour l'inventaire")[0].startswith("Cueillette suspendue")
    assert sophie.texts("ÉQUIPE AJOUTER 514-555-0150 Luc Côté")[0].startswith("Luc Côté (514-555-0150) fait")
    assert stores.get_store(svc.db, shop.store.id).paused is True
    assert [s.name for s in roster.roster(svc.db, shop.store.id)] == ["Luc Côté", "Sophie Roy"]
    assert len(shop.customer("+15145550150").new()) == 1  # the welcome
    assert sophie.texts("REPRENDRE")[0].startswith("La cueillette reprend")


def test_an_owner_whose_phones_auto_reply_tripped_the_loop_guard_is_answered_at_once(svc):
    shop = Shop(svc, language="fr")
    sophie = shop.staff("Sophie Roy", "+15145550113", role="owner", language="fr", on_duty=False)
    auto_reply = "Je conduis, je vous reviens plus tard"
    answered = [len(sophie.texts(auto_reply)) for _ in range(12)]
    assert answered == [1] * 10 + [0] * 2  # the loop is cut
    shop.wait(120)  # well within the 15-minute pause
    [status] = sophie.texts("STATUT")
    assert status.startswith("En ce moment")
    assert sophie.texts("PAUSE De retour à 14 h")[0].startswith("Cueillette suspendue")
    assert stores.get_store(svc.db, shop.store.id).paused is True
    assert sophie.texts(auto_reply) == []  # the auto-reply itself stays muted for the pause


def test_a_staff_member_whose_phone_looped_is_answered_when_they_take_a_pickup(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    marie = shop.customer("+15145550123")
    shop.order("1234", marie, "Marie Lavoie")
    # An auto-responder on her phone whose fixed reply reads as OK: answered ten times, then cut.
    auto_reply = "Thanks for your message! I'll get back to you soon."
    answered = [len(julie.texts(auto_reply)) for _ in range(30)]
    assert answered == [1] * 10 + [0] * 20
    shop.wait(120)
    assert julie.texts(auto_reply) == []  # a repeat of what the guard silenced: still the loop
    marie.texts("here spot 4")
    julie.new()
    [yours] = julie.texts("OK 1234")
    assert yours.startswith("It's yours: Marie L., spot 4")
    assert julie.texts("DONE 1234")[0].startswith("Done: order #1234 handed off")


def test_commands_faster_than_any_person_types_are_muted_too(svc):
    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    # An echo of a different command each time, say: none repeats, but thirty a minute is no person.
    answered = [len(julie.texts(f"OK {n}")) for n in range(1, 41)]
    assert answered == [1] * 30 + [0] * 10


def test_an_owners_command_the_loop_guard_still_mutes_changes_nothing(svc):
    shop = Shop(svc, language="fr")
    sophie = shop.staff("Sophie Roy", "+15145550113", role="owner", language="fr", on_duty=False)
    for _ in range(9):
        sophie.texts("STATUT")
    assert sophie.texts("PAUSE Fermé")[0].startswith("Cueillette suspendue")
    assert sophie.texts("REPRENDRE")[0].startswith("La cueillette reprend")
    # Word for word a text of the burst, within the minute: the loop coming round, not the owner. No answer, so no
    # change either, rather than a pause the owner was never told of.
    assert sophie.texts("PAUSE Fermé") == []
    assert stores.get_store(svc.db, shop.store.id).paused is False
