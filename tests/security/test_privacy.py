"""Privacy: staff see first name and last initial; logs carry neither phone numbers nor what people wrote;
old bodies, names and notes are erased after RETENTION_DAYS while the timings stay."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from rq import Queue
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select

from bot.data.models import Customer, Handoff, Message, Order
from bot.jobs import retention
from bot.logs import MaskNumbers, mask_numbers
from tests.support.conversation import Shop

MARIE, JULIE = "+15145550123", "+15145550111"


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def raw_logs():
    """Every record from the app's own loggers as logged, before any masking filter sees it."""
    handler = Records()
    logger = logging.getLogger("bot")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_staff_alerts_show_first_name_and_last_initial_only(svc):
    shop = Shop(svc, language="fr")
    julie = shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie-Ève Lavoie-Tremblay")
    shop.customer(MARIE).texts("rendue place 4, Civic rouge")
    [alert] = julie.new()
    assert "Marie-Ève L." in alert and "Lavoie" not in alert
    assert shop.order_state("1234")["handoff"]["customer"] == "Marie-Ève L."  # the API shows the same


def test_no_log_line_carries_a_phone_number_or_a_message_body(svc, raw_logs):
    shop = Shop(svc, language="fr")
    julie = shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie Lavoie")
    marie = shop.customer(MARIE)
    marie.texts("rendue place 4, Civic rouge, le coffre est ouvert")
    svc.sender.fail_next(400, 21211)  # a permanent failure is logged too
    julie.texts("OK 1234")
    svc.sender.fail_next(503, times=2)  # and transient ones
    julie.texts("FAIT")
    shop.wait(120)
    shop.customer("+15145550999").texts("bonjour, mon numéro est le 514 555 0999")
    assert raw_logs, "the conversation logged nothing: the test would prove nothing"
    digits = {p.lstrip("+") for p in (MARIE, JULIE, "+15145550999")} | {p[2:] for p in (MARIE, JULIE)}
    for record in raw_logs:
        line = record.getMessage()
        assert not any(d in line for d in digits), line
        if record.levelno <= logging.INFO:
            assert "coffre" not in line and "Civic" not in line and "bonjour" not in line, line


def test_the_logging_safety_net_masks_numbers_in_messages_and_tracebacks():
    assert (
        mask_numbers("to +15145550123 and whatsapp:+15145550123 or 5145550123")
        == "to …0123 and whatsapp:…0123 or …0123"
    )
    assert (
        mask_numbers("2026-11-26 15:00:00,123 message 42, order 1234, SM0123456789abcdef")
        == "2026-11-26 15:00:00,123 message 42, order 1234, SM0123456789abcdef"
    )
    try:
        raise ValueError("bad number +15145550123")
    except ValueError:
        record = logging.LogRecord(
            "bot",
            logging.ERROR,
            __file__,
            1,
            "sending to %s failed",
            ("+15145550123",),
            exc_info=__import__("sys").exc_info(),
        )
    assert MaskNumbers().filter(record)
    assert record.getMessage() == "sending to …0123 failed"
    assert "+15145550123" not in record.exc_text and "…0123" in record.exc_text


# --- retention ----------------------------------------------------------------------------------------------


def test_retention_erases_old_bodies_names_and_notes_and_keeps_the_timings(svc):
    shop = Shop(svc, language="fr")
    julie = shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie Lavoie")
    marie = shop.customer(MARIE)
    marie.texts("rendue place 4, Civic rouge, le coffre est ouvert")
    marie.texts("j'ai un chien dans l'auto")
    julie.texts("OK 1234")
    julie.texts("FAIT")
    shop.wait(91 * 86400)
    shop.order("5678", "+15145550124", "Alex Martin")  # recent: untouched
    counts = retention.purge(svc.db, 90, svc.clock())
    assert counts["messages"] >= 6 and counts["orders"] == 1 and counts["customers"] == 1 and counts["handoffs"] == 1
    with svc.db.read() as session:
        old = session.scalars(select(Message).where(Message.created_at < svc.clock() - timedelta(days=90))).all()
        assert old and all(m.body == "" and m.error is None for m in old)
        assert all(m.status and m.created_at for m in old)  # statuses and times stay
        marie_row = session.scalars(select(Customer).where(Customer.phone == MARIE)).one()
        assert marie_row.name is None and marie_row.phone == MARIE  # the number stays, for its opt-out
        h = session.scalars(select(Handoff)).one()
        assert h.note is None and h.vehicle is None and h.spot == "4"
        assert h.arrived_at and h.claimed_at and h.done_at  # the wait figures
        assert session.scalars(select(Order.customer_name).where(Order.number == "1234")).one() is None
        assert session.scalars(select(Order.customer_name).where(Order.number == "5678")).one() == "Alex Martin"
        recent = session.scalars(select(Message).where(Message.phone == "+15145550124")).all()
        assert recent and all(m.body for m in recent)
    assert retention.purge(svc.db, 90, svc.clock()) == {
        "messages": 0,
        "orders": 0,
        "customers": 0,
        "handoffs": 0,
        "order_events": 0,
    }


def test_retention_erases_old_order_webhook_bodies_and_keeps_their_keys(svc):
    from bot.data.models import OrderEvent
    from bot.usecases import order_events
    from tests.support.shopify import SHOPIFY_SECRET, fixture, shopify_delivery

    shop = Shop(svc, language="fr")
    order_events.set_shopify_secret(svc.db, shop.store.id, SHOPIFY_SECRET)
    body, headers = shopify_delivery("orders/create", fixture("order_pickup"), webhook_id="wh-old")
    shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers)
    svc.clock.advance(91 * 86400)

    assert retention.purge(svc.db, 90, svc.clock())["order_events"] == 1
    with svc.db.read() as session:
        event = session.scalars(select(OrderEvent)).one()
    assert event.body == "" and event.customer_name is None and (event.key, event.status) == ("wh-old", "applied")
    again = shop.client.post(f"/webhooks/shopify/{shop.store.id}", data=body, headers=headers)
    assert again.json["status"] == "duplicate"


def test_retention_spares_a_pickup_in_progress(svc):
    shop = Shop(svc, language="fr")
    shop.staff("Julie Tremblay", JULIE)
    shop.order("1234", MARIE, "Marie Lavoie")
    shop.wait(100 * 86400)
    shop.customer(MARIE).texts("rendue place 4, Civic rouge")
    retention.purge(svc.db, 90, svc.clock())
    with svc.db.read() as session:
        assert session.scalars(select(Order.customer_name)).one() == "Marie Lavoie"
        assert session.scalars(select(Customer.name).where(Customer.phone == MARIE)).one() == "Marie Lavoie"
        assert session.scalars(select(Handoff.vehicle)).one()


class FakeQueue:
    name = "arrivee"

    def __init__(self):
        self.scheduled = []

    def enqueue_at(self, when, func, **options):
        self.scheduled.append((when, func, options["job_id"]))


def test_the_retention_job_runs_daily_at_eight_utc_with_one_job_id_per_day():
    queue = FakeQueue()
    retention.schedule(queue, datetime(2026, 11, 26, 7, 59, tzinfo=UTC))
    retention.schedule(queue, datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    retention.schedule(queue, datetime(2026, 11, 26, 23, 0, tzinfo=UTC))
    assert queue.scheduled == [
        (datetime(2026, 11, 26, 8, 0, tzinfo=UTC), retention.JOB, "arrivee-retention-20261126"),
        (datetime(2026, 11, 27, 8, 0, tzinfo=UTC), retention.JOB, "arrivee-retention-20261127"),
        (datetime(2026, 11, 27, 8, 0, tzinfo=UTC), retention.JOB, "arrivee-retention-20261127"),
    ]


def test_the_retention_job_is_scheduled_on_a_real_rq_queue(redis):
    name = "test-retention-" + uuid.uuid4().hex[:8]
    queue = Queue(name, connection=redis)
    try:
        retention.schedule(queue, datetime(2026, 11, 26, 7, 59, tzinfo=UTC))
        scheduled = ScheduledJobRegistry(queue=queue).get_job_ids()
        assert scheduled == [f"{name}-retention-20261126"]  # RQ refused the ':' the id used to have
        assert Job.fetch(scheduled[0], connection=redis).func_name == retention.JOB
    finally:
        for key in redis.scan_iter(f"*{name}*"):
            redis.delete(key)


def test_the_retention_job_purges_then_schedules_the_next_run(svc):
    from bot.jobs import tasks

    class Dispatcher:
        queue = FakeQueue()

    job_svc = type(svc)(
        settings=svc.settings.with_(retention_days=30),
        db=svc.db,
        dispatcher=Dispatcher(),
        sender=svc.sender,
        clock=svc.clock,
    )
    previous = tasks._services
    tasks.bind(job_svc)
    try:
        assert retention.daily_job() == dict.fromkeys(
            ("messages", "orders", "customers", "handoffs", "order_events"), 0
        )
    finally:
        tasks.bind(previous)
    assert [job_id for _, _, job_id in Dispatcher.queue.scheduled] == ["arrivee-retention-20261127"]
    assert retention.JOB == f"{retention.__name__}.daily_job"  # the name RQ imports
