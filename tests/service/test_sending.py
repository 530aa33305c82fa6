"""A worker sends a decision's texts itself: claimed in the decision's transaction, recorded in one more, and put
back in line (never lost, never sent twice) when there is no send slot or Twilio fails."""

from __future__ import annotations

from sqlalchemy import event, select

from bot.data.models import Customer, Message, Staff
from bot.usecases.inbound import InboundText, process_inbound, record_inbound
from bot.usecases.timers import stuck_after, sweep
from tests.support.conversation import Shop

JULIE, MARIE = "+15145550111", "+15145550123"


def _outbound(svc) -> dict[str, Message]:
    with svc.db.read() as session:
        return {
            m.template: m
            for m in session.scalars(
                select(Message).where(
                    Message.direction == "out", Message.template.in_(("staff_arrival", "arrival_ack"))
                )
            )
        }


def _arrival(svc) -> Shop:
    shop = Shop(svc)
    shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie Lavoie")  # ready: Marie was told so
    svc.sender.clear()
    return shop


class RefusingLimiter:
    """A send rate limit with no slot to give."""

    def __init__(self, rate: float = 10.0):
        self.rate = rate
        self.asked: list[tuple[str, bool]] = []

    def acquire(self, sender: str, urgent: bool = False, max_wait: float = 10.0) -> bool:
        self.asked.append((sender, urgent))
        return False

    def take_now(self, texts: list[tuple[str, bool]]) -> list[bool]:
        self.asked.extend(texts)
        return [False] * len(texts)


def test_an_arrival_takes_two_write_transactions_and_sends_both_texts_once(svc):
    _arrival(svc)
    message_id = record_inbound(
        svc.db, InboundText("SM" + "a" * 32, MARIE, "+15145550100", "rendu place 4"), svc.clock(), svc.store_numbers
    )
    writes = []

    @event.listens_for(svc.db.engine, "begin")
    def count(conn):
        if conn.get_execution_options().get("write"):
            writes.append(1)

    process_inbound(svc, message_id)
    assert len(writes) == 2  # the decision, its texts claimed in it; then one recording both sends
    rows = _outbound(svc)
    assert {t: (m.status, m.attempts) for t, m in rows.items()} == {
        "staff_arrival": ("sent", 1),
        "arrival_ack": ("sent", 1),
    }
    assert all(m.twilio_sid for m in rows.values())
    assert [m.to for m in svc.sender.outbox] == [JULIE, MARIE]  # the staff alert first


def test_an_arrivals_texts_go_out_before_its_escalation_timer_is_armed(svc):
    _arrival(svc)
    message_id = record_inbound(
        svc.db, InboundText("SM" + "b" * 32, MARIE, "+15145550100", "rendu place 4"), svc.clock(), svc.store_numbers
    )
    happened: list[str] = []
    send, schedule = svc.sender.send, svc.dispatcher.schedule
    svc.sender.send = lambda message: happened.append(f"text to {message.to}") or send(message)
    svc.dispatcher.schedule = lambda job, *args: happened.append(f"timer {job}") or schedule(job, *args)

    process_inbound(svc, message_id)
    assert happened == [f"text to {JULIE}", f"text to {MARIE}", "timer escalate"]


def test_with_no_send_slot_a_claimed_text_goes_back_in_line_and_is_sent_later(svc):
    shop = _arrival(svc)
    svc.limiter = RefusingLimiter()
    shop.post_sms(MARIE, "rendu place 4")
    rows = _outbound(svc)
    assert {t: (m.status, m.attempts) for t, m in rows.items()} == {
        "staff_arrival": ("queued", 0),
        "arrival_ack": ("queued", 0),
    }
    assert svc.sender.outbox == []
    assert svc.limiter.asked[0][1] is True  # the alert asked as urgent
    svc.limiter = None
    svc.clock.advance(5)
    svc.dispatcher.run_due()
    assert sorted(m.to for m in svc.sender.outbox) == sorted([JULIE, MARIE])
    assert {m.status for m in _outbound(svc).values()} == {"sent"}


def test_with_no_send_slot_soon_a_text_is_scheduled_for_its_turn_in_its_numbers_line(svc):
    shop = Shop(svc)
    svc.limiter = RefusingLimiter(rate=2)
    customers = ["+15145550201", "+15145550202", "+15145550203"]
    for i, phone in enumerate(customers):  # three "your order is ready" texts, one after the other
        shop.order(f"30{i}", phone, "Client Test")
    waits = [(t.due - svc.clock()).total_seconds() for t in svc.dispatcher.timers if t.job == "deliver"]
    # Each went back in line behind those already waiting, one slot (half a second at 2 a second) apart, with up
    # to half a second more so that they do not all wake at once: none held the worker's thread to wait.
    assert len(waits) == 3
    for place, wait in enumerate(waits, start=1):
        assert place / 2 <= wait <= place / 2 + 0.5
    svc.limiter = None
    svc.clock.advance(2)
    svc.dispatcher.run_due()
    assert sorted(m.to for m in svc.sender.outbox) == sorted(customers)


def test_a_twilio_error_on_a_claimed_text_is_retried_and_the_text_goes_out_once(svc):
    shop = _arrival(svc)
    svc.sender.fail_next(status=503)  # the staff alert, sent first
    shop.post_sms(MARIE, "rendu place 4")
    rows = _outbound(svc)
    assert (rows["staff_arrival"].status, rows["staff_arrival"].attempts) == ("queued", 1)
    assert rows["arrival_ack"].status == "sent"
    svc.clock.advance(60)
    svc.dispatcher.run_due()
    assert len(svc.sender.to(JULIE)) == 1
    assert (_outbound(svc)["staff_arrival"].status, _outbound(svc)["staff_arrival"].attempts) == ("sent", 2)


def test_texts_claimed_by_a_worker_that_died_before_sending_are_found_by_the_sweeper_and_sent_once(svc):
    shop = _arrival(svc)
    sent = []
    real_send = svc.sender.send

    def dies(message):  # the worker is killed between its commit and its first REST call
        raise SystemExit("killed")

    svc.sender.send = dies
    try:
        shop.post_sms(MARIE, "rendu place 4")
    except SystemExit:
        pass
    assert {m.status for m in _outbound(svc).values()} == {"sending"}
    svc.sender.send = lambda message: sent.append(message.to) or real_send(message)
    svc.clock.advance(stuck_after(svc.settings) + 1)
    sweep(svc)
    svc.dispatcher.run_due()
    assert sorted(sent) == sorted([JULIE, MARIE])
    assert {m.status for m in _outbound(svc).values()} == {"sent"}


def test_a_claimed_text_the_sweeper_took_over_while_an_earlier_send_hung_is_sent_once(svc):
    shop = _arrival(svc)
    real_send = svc.sender.send
    swept = []

    def slow_alert(message):  # Julie's alert hangs until the sweeper has taken Marie's answer over and sent it
        if message.to == JULIE and not swept:
            swept.append("sweeping")
            svc.clock.advance(stuck_after(svc.settings) + 1)
            swept[0] = sweep(svc)  # takes both rows over: Julie's is found in nobody's log yet, so it goes too
            return real_send(message)  # ...and then this hung call returns: Twilio had taken it as well
        return real_send(message)

    svc.sender.send = slow_alert
    shop.post_sms(MARIE, "rendu place 4")
    assert swept[0]["stuck"] == 2
    # Marie's answer, claimed with the alert but not yet sent when the sweeper took it over, went once. (Julie's
    # alert went twice: a call that hangs past the sweeper's wait, SWEEP_AFTER_SECONDS + 2 × the Twilio timeout,
    # is the one case the log check cannot cover; the HTTP timeout ends real calls long before.)
    assert len(svc.sender.to(MARIE)) == 1
    assert _outbound(svc)["arrival_ack"].status == "sent"


def test_with_no_send_slot_free_at_once_a_claimed_text_waits_its_turn_unclaimed(svc):
    shop = _arrival(svc)
    states = []

    class BusyOnce:
        def __init__(self):
            self.calls = 0

        def take_now(self, texts):
            self.calls += 1
            return [False] * len(texts)  # none free right now

        def acquire(self, sender, urgent=False, max_wait=10.0):
            self.calls += 1
            with svc.db.read() as session:  # the ordinary path waits for its slot with the row unclaimed
                states.extend(
                    (m.template, m.status)
                    for m in session.scalars(
                        select(Message).where(Message.direction == "out", Message.template == "staff_arrival")
                    )
                )
            return True

    svc.limiter = BusyOnce()
    shop.post_sms(MARIE, "rendu place 4")
    assert states[0] == ("staff_arrival", "queued")
    rows = _outbound(svc)
    assert {t: (m.status, m.attempts) for t, m in rows.items()} == {
        "staff_arrival": ("sent", 1),
        "arrival_ack": ("sent", 1),
    }
    # Each was handed to the delivery lane, which waited for its slot: not the thread that decided them.
    handed = [ids for job, ids in svc.dispatcher.enqueued if job == "deliver"]
    assert sorted(handed) == sorted([(rows["staff_arrival"].id,), (rows["arrival_ack"].id,)])


def _mark_unreachable(svc, model, phone: str) -> None:
    """As a permanent Twilio error (unreachable handset, not a mobile number) leaves a person."""
    with svc.db.write() as session:
        session.scalars(select(model).where(model.phone == phone)).one().unreachable = True


def _unreachable(svc, model, phone: str) -> bool:
    with svc.db.read() as session:
        return session.scalars(select(model).where(model.phone == phone)).one().unreachable


def test_a_customer_marked_unreachable_who_texts_in_gets_texts_again(svc):
    shop = _arrival(svc)
    marie = shop.customer(MARIE)
    marie.texts("allo")
    _mark_unreachable(svc, Customer, MARIE)
    svc.sender.clear()
    marie.texts("rendue place 4")  # her phone works again: she is answered
    assert svc.sender.to(MARIE)
    assert not _unreachable(svc, Customer, MARIE)


def test_a_staff_member_marked_unreachable_who_texts_in_gets_alerts_again(svc):
    shop = _arrival(svc)
    _mark_unreachable(svc, Staff, JULIE)
    shop.customer(MARIE).texts("rendue place 4")
    assert not svc.sender.to(JULIE)  # not alerted while marked
    shop.post_sms(JULIE, "liste")
    assert not _unreachable(svc, Staff, JULIE)
    shop.order("5678", "+15145550199", "Luc Gagnon")
    svc.sender.clear()
    shop.customer("+15145550199").texts("rendu place 9")  # the next arrival alerts her again
    assert svc.sender.to(JULIE)
