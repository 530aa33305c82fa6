"""The pure decision core: given a meaning and a state, which effects come out."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core import conversation as c
from bot.core.handoff import HandoffView
from bot.core.understanding import Meaning

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
STORE = c.StoreView(id=1, name="Plein Air", language="fr", escalation_seconds=300)
TEAM = [
    c.StaffView(1, "Julie Tremblay"),
    c.StaffView(2, "Sam Wilson"),
    c.StaffView(3, "Sophie Roy", role="owner", on_duty=False),
]
READY = c.OrderView(id=10, number="1234", status="ready", customer_id=7)
PENDING = c.OrderView(id=11, number="1235", status="pending", customer_id=7)


def customer(**kw):
    return c.CustomerView(id=7, first_name="Marie", **{"orders": (READY,), **kw})


def waiting(**kw):
    return HandoffView(
        **{
            "id": 5,
            "status": "waiting",
            "customer_id": 7,
            "customer_label": "Marie T.",
            "order_numbers": ("1234",),
            "spot": "4",
            "alerted": True,
            "arrived_at": NOW,
            **kw,
        }
    )


def kinds(effects):
    return [type(e).__name__ for e in effects]


def test_arrival_with_a_spot_opens_a_handoff_alerts_on_duty_staff_and_arms_escalation():
    effects = c.decide_customer(Meaning("arrived", spot="4"), STORE, customer(), TEAM, NOW)
    opened = next(e for e in effects if isinstance(e, c.OpenHandoff))
    assert opened.spot == "4" and opened.alerted and opened.order_ids == (10,)
    alert = next(e for e in effects if isinstance(e, c.TextStaff))
    assert alert.staff_ids == (1, 2) and alert.key == "staff_arrival"
    timer = next(e for e in effects if isinstance(e, c.Schedule))
    assert (timer.job, timer.level, timer.delay_seconds) == ("escalate", 1, 300)


def test_arrival_without_a_spot_asks_for_it_and_alerts_nobody_yet():
    effects = c.decide_customer(Meaning("arrived"), STORE, customer(), TEAM, NOW)
    assert not any(isinstance(e, c.TextStaff) for e in effects)
    assert c.UpdateCustomer({"awaiting": "spot", "pending": {"intent": "arrived"}}) in effects
    assert c.Reply("ask_spot", {"name": " Marie"}) in effects


def test_nobody_on_duty_means_managers_get_the_alert():
    team = [c.StaffView(1, "Julie", on_duty=False), c.StaffView(3, "Sophie", role="owner", on_duty=False)]
    effects = c.decide_customer(Meaning("arrived", spot="4"), STORE, customer(), team, NOW)
    assert next(e for e in effects if isinstance(e, c.TextStaff)).staff_ids == (3,)


def test_door_only_store_never_asks_for_a_spot():
    store = c.StoreView(id=1, name="P", handoff_mode="door")
    effects = c.decide_customer(Meaning("arrived"), store, customer(), TEAM, NOW)
    assert next(e for e in effects if isinstance(e, c.OpenHandoff)).location == "door"
    assert not any(isinstance(e, c.Reply) and e.key == "ask_spot" for e in effects)


def test_car_only_store_asks_a_customer_at_the_door_for_a_spot():
    store = c.StoreView(id=1, name="P", handoff_mode="car")
    effects = c.decide_customer(Meaning("arrived", door=True), store, customer(), TEAM, NOW)
    assert any(isinstance(e, c.Reply) and e.key == "ask_spot" for e in effects)


def test_pending_order_tells_customer_and_staff_it_is_not_ready():
    effects = c.decide_customer(Meaning("arrived", spot="4"), STORE, customer(orders=(PENDING,)), TEAM, NOW)
    assert [e.key for e in effects if isinstance(e, (c.Reply, c.TextStaff))] == ["not_ready", "staff_not_ready"]
    assert not next(e for e in effects if isinstance(e, c.OpenHandoff)).alerted


def test_unknown_number_is_asked_for_its_order_and_the_details_are_kept():
    effects = c.decide_customer(
        Meaning("arrived", spot="9", vehicle="blue Rav4"), STORE, customer(orders=()), TEAM, NOW
    )
    assert effects == [
        c.UpdateCustomer({"awaiting": "order", "pending": {"spot": "9", "vehicle": "blue Rav4", "intent": "arrived"}}),
        c.Reply("ask_order"),
    ]


def test_order_number_answer_links_the_phone_and_opens_with_the_first_texts_details():
    someone_elses = c.OrderView(id=20, number="4521", status="ready", customer_id=99)
    stranger = c.CustomerView(id=7, awaiting="order", pending={"spot": "9", "intent": "arrived"})
    effects = c.decide_customer(Meaning("other", order="4521"), STORE, stranger, TEAM, NOW, found_order=someone_elses)
    assert c.LinkOrder(20) in effects
    opened = next(e for e in effects if isinstance(e, c.OpenHandoff))
    assert opened.spot == "9" and opened.unverified_phone


def test_small_talk_from_a_number_with_no_order_gets_no_reply():
    assert c.decide_customer(Meaning("other"), STORE, customer(orders=()), TEAM, NOW) == []


def test_opted_out_customer_arriving_is_handed_their_order_and_texted_nothing():
    effects = c.decide_customer(Meaning("arrived", spot="4"), STORE, customer(opted_out=True), TEAM, NOW)
    assert kinds(effects) == ["OpenHandoff", "UpdateCustomer", "TextStaff", "Schedule"]
    alert = next(e for e in effects if isinstance(e, c.TextStaff))
    assert alert.staff_ids == (1, 2) and "can't be texted back" in alert.vars["no_texts_en"]


def test_opted_out_customer_without_a_spot_is_not_asked_for_it_staff_are_alerted_at_once():
    effects = c.decide_customer(Meaning("arrived"), STORE, customer(opted_out=True), TEAM, NOW)
    alert = next(e for e in effects if isinstance(e, c.TextStaff))
    assert alert.key == "staff_arrival" and alert.vars["where_en"] == "spot not given yet"
    assert not any(isinstance(e, (c.Reply, c.TextCustomer)) for e in effects)


def test_opted_out_customer_gets_no_answer_to_stop_or_help_and_start_opts_them_back_in():
    out = customer(opted_out=True)
    assert c.decide_customer(Meaning("stop"), STORE, out, TEAM, NOW) == []
    assert c.decide_customer(Meaning("help"), STORE, out, TEAM, NOW) == []
    assert c.decide_customer(Meaning("start"), STORE, out, TEAM, NOW) == [
        c.UpdateCustomer({"opted_out": False}),
        c.Reply("opted_in"),
    ]


def test_opted_out_customer_asking_again_in_the_lot_reminds_staff_without_an_apology_to_them():
    out = customer(opted_out=True, handoff=waiting(customer_opted_out=True))
    effects = c.decide_customer(Meaning("status"), STORE, out, TEAM, NOW)
    assert kinds(effects) == ["TextStaff"] and effects[0].key == "staff_reminder"
    assert effects[0].vars["no_texts_fr"]


def test_paused_store_answers_with_the_pause_message():
    store = c.StoreView(id=1, name="P", paused=True, pause_message="Back at 2pm.")
    assert c.decide_customer(Meaning("arrived", spot="4"), store, customer(), TEAM, NOW) == [
        c.Reply("paused", {"message": "Back at 2pm."})
    ]


def test_closed_store_answers_after_hours():
    store = c.StoreView(id=1, name="P", open_now=False, hours_en="Mon 09:00-17:00", hours_fr="lun 9 h-17 h")
    assert c.decide_customer(Meaning("arrived", spot="4"), store, customer(), TEAM, NOW) == [
        c.Reply("after_hours", {"hours_en": "Mon 09:00-17:00", "hours_fr": "lun 9 h-17 h"})
    ]


def test_still_waiting_apologises_and_reminds_the_claimer_only():
    h = waiting(status="claimed", claimed_by_id=2, claimed_by_name="Sam Wilson")
    effects = c.decide_customer(Meaning("status"), STORE, customer(handoff=h), TEAM, NOW)
    assert effects[0] == c.Reply("still_waiting", {"name": " Marie"})
    assert effects[1].staff_ids == (2,) and effects[1].key == "staff_reminder"


def test_claim_first_wins_and_tells_the_customer_and_the_others():
    effects = c.decide_staff(Meaning("claim", order="1234"), STORE, TEAM[0], [waiting()], TEAM, NOW)
    assert effects[0] == c.ClaimHandoff(5, 1)
    assert [e.key for e in effects[1:]] == ["staff_claimed_you", "claimed", "staff_claimed_other"]
    assert effects[3].staff_ids == (2,)


def test_a_second_claim_is_told_who_has_it():
    h = waiting(status="claimed", claimed_by_id=1, claimed_by_name="Julie Tremblay")
    [reply] = c.decide_staff(Meaning("claim", order="1234"), STORE, TEAM[1], [h], TEAM, NOW)
    assert reply.key == "staff_already_claimed" and reply.vars["staff"] == "Julie Tremblay"


def test_bare_ok_with_two_waiting_asks_which():
    two = [waiting(), waiting(id=6, order_numbers=("1300",), spot="8")]
    [reply] = c.decide_staff(Meaning("claim"), STORE, TEAM[0], two, TEAM, NOW)
    assert reply.key == "staff_which" and "#1300" in reply.vars["choices"]


def test_bare_done_closes_the_one_this_staff_member_claimed():
    mine = waiting(status="claimed", claimed_by_id=1, claimed_by_name="Julie")
    other = waiting(id=6, order_numbers=("1300",), spot="8")
    effects = c.decide_staff(Meaning("done"), STORE, TEAM[0], [mine, other], TEAM, NOW)
    assert effects[0] == c.CompleteHandoff(5, 1)
    assert effects[2] == c.TextCustomer(7, "handed_off", effects[2].vars)


def test_escalation_is_idempotent_and_stops_once_claimed():
    assert c.decide_escalation(STORE, waiting(escalation_level=1), 1, TEAM, NOW) == []
    assert c.decide_escalation(STORE, waiting(status="claimed"), 1, TEAM, NOW) == []
    level2 = c.decide_escalation(STORE, waiting(escalation_level=1), 2, TEAM, NOW)
    assert next(e for e in level2 if isinstance(e, c.TextStaff)).staff_ids == (3,)


def test_order_ready_while_the_customer_waits_fires_the_alert():
    h = waiting(alerted=False)
    effects = c.decide_order_ready(STORE, READY, customer(handoff=h), TEAM, NOW)
    assert kinds(effects) == ["UpdateHandoff", "TextStaff", "Schedule", "TextCustomer"]
    assert effects[3].key == "arrival_ack"


def test_order_ready_otherwise_texts_the_check_in_instructions():
    [text] = c.decide_order_ready(STORE, READY, customer(), TEAM, NOW)
    assert text.key == "order_ready" and "ARRIVÉ" in text.vars["checkin_fr"]


def test_store_hours_read_naturally_in_both_languages():
    from bot.core.handoff import describe_hours

    week = {d: ["09:00", "17:30"] for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": ["10:00", "16:00"]}
    assert describe_hours(week, "en") == "Mon-Fri 9am-5:30pm, Sat 10am-4pm"
    assert describe_hours(week, "fr") == "lun-ven 9 h-17 h 30, sam 10 h-16 h"
