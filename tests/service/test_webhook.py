"""The inbound webhook: signatures, durable storage before the 200, duplicates, Redis being down."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from twilio.request_validator import RequestValidator
from werkzeug.test import EnvironBuilder

from bot.core.understanding import Context, understand
from bot.data.models import Message, Store
from bot.logs import REQUEST_LOGGED
from tests.support.conversation import Shop


def test_a_bad_signature_is_403_and_nothing_is_stored(svc):
    shop = Shop(svc)
    form = {"MessageSid": "SM" + "1" * 32, "From": "+15145550123", "To": shop.number, "Body": "here"}
    response = shop.client.post("/twilio/sms", data=form, headers={"X-Twilio-Signature": "forged"})
    assert response.status_code == 403
    assert shop.client.post("/twilio/sms", data=form).status_code == 403
    with svc.db.read() as session:
        assert session.scalars(select(Message)).all() == []


def test_a_text_is_stored_before_the_200_even_when_the_queue_is_down(svc):
    shop = Shop(svc)
    shop.order("1234", "+15145550123", "Marie Lavoie")
    svc.dispatcher.broken = True
    response = shop.post_sms("+15145550123", "rendu place 4")
    assert response.status_code == 200 and b"<Response" in response.data
    with svc.db.read() as session:
        stored = session.scalars(select(Message).where(Message.direction == "in")).one()
    assert stored.status == "received" and stored.body == "rendu place 4"
    # Redis is back: the sweeper finds what was stored but never processed.
    svc.dispatcher.broken = False
    svc.clock.advance(120)
    from bot.usecases.timers import sweep

    assert sweep(svc)["inbound"] == 1
    with svc.db.read() as session:
        assert session.get(Message, stored.id).status == "processed"


def test_the_same_message_sid_twice_is_processed_once(svc):
    shop = Shop(svc)
    shop.staff("Julie Tremblay", "+15145550111")
    shop.order("1234", "+15145550123", "Marie Lavoie")
    for _ in range(3):
        shop.post_sms("+15145550123", "rendu place 4", sid="SM" + "b" * 32)
    assert len(svc.sender.to("+15145550111")) == 1
    assert svc.dispatcher.enqueued.count(("process_inbound", 2)) <= 1


def test_a_text_to_a_store_deleted_since_its_number_was_cached_is_stored_not_dropped(svc):
    shop = Shop(svc)
    shop.post_sms("+15145550123", "bonjour")  # the webhook now knows the store's number
    with svc.db.write() as session:
        session.execute(delete(Store).where(Store.sms_number == shop.number))  # gone behind the cache's back
    response = shop.post_sms("+15145550123", "rendu place 4", sid="SM" + "d" * 32)
    assert response.status_code == 200
    with svc.db.read() as session:
        stored = session.scalars(select(Message).where(Message.twilio_sid == "SM" + "d" * 32)).one()
    assert stored.status == "ignored" and stored.store_id is None


def test_texts_from_short_codes_and_unknown_store_numbers_are_stored_but_ignored(svc):
    shop = Shop(svc)
    shop.post_sms("12345", "WIN A PRIZE")
    with svc.db.read() as session:
        assert [m.status for m in session.scalars(select(Message))] == ["ignored"]
    assert svc.sender.outbox == []


def test_status_callback_moves_status_forward_only(svc):
    shop = Shop(svc)
    shop.order("1234", "+15145550123", "Marie Lavoie", ready=True)
    with svc.db.read() as session:
        sent = session.scalars(select(Message).where(Message.direction == "out")).one()

    def callback(status):
        form = {"MessageSid": sent.twilio_sid, "MessageStatus": status}
        sig = RequestValidator(svc.webhook_token).compute_signature(
            svc.settings.public_base_url + "/twilio/status", form
        )
        return shop.client.post("/twilio/status", data=form, headers={"X-Twilio-Signature": sig})

    assert callback("delivered").status_code == 204
    assert callback("sent").status_code == 204  # late and out of order
    with svc.db.read() as session:
        assert session.get(Message, sent.id).status == "delivered"


def test_a_failed_staff_alert_is_rerouted_to_a_colleague(svc):
    shop = Shop(svc)
    julie = shop.staff("Julie Tremblay", "+15145550111")
    marc = shop.staff("Marc Gagnon", "+15145550115", on_duty=False)
    boss = shop.staff("Sophie Roy", "+15145550113", role="manager", on_duty=False)
    shop.order("1234", "+15145550123", "Marie Lavoie")
    shop.post_sms("+15145550123", "rendu place 4")
    [alert] = julie.new()
    with svc.db.read() as session:
        msg = session.scalars(select(Message).where(Message.staff_id.is_not(None))).one()
    from bot.usecases.outbox import record_status

    record_status(svc, msg.twilio_sid, "undelivered", 30003)
    assert boss.new() == [alert] and marc.new() == []


def test_a_persons_earlier_text_still_waiting_is_handled_before_a_later_one(svc):
    # Two drain threads can pick "I'm here" and its answer "7" in either order; the answer must not
    # be read before the question it answers was asked.
    from bot.usecases.inbound import InboundText, process_inbound, record_inbound

    shop = Shop(svc, language="en")
    julie = shop.staff("Julie Tremblay", "+15145550111", language="en")
    shop.order("1234", "+15145550123", "Marie Lavoie", language="en")
    here = record_inbound(svc.db, InboundText("SM" + "1" * 32, "+15145550123", shop.number, "I'm here"), svc.clock())
    seven = record_inbound(svc.db, InboundText("SM" + "2" * 32, "+15145550123", shop.number, "7"), svc.clock())
    process_inbound(svc, seven)  # the later one first
    assert process_inbound(svc, here) is None  # already handled, in order
    [alert] = julie.new()
    assert "spot 7" in alert


def test_the_webhook_reads_and_sets_no_session_cookie_while_the_board_keeps_its_session(svc):
    shop = Shop(svc)
    shop.client.set_cookie("session", "not-a-valid-signed-session")
    response = shop.post_sms("+15145550123", "bonjour")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    board = shop.client.get(f"/board/{shop.store.board_token}")  # a page: its session (CSRF token) is set
    assert board.status_code == 200 and "session=" in board.headers["Set-Cookie"]


def test_the_webhook_reads_a_registered_staff_or_owner_phone_as_staff_never_as_a_customer(svc, monkeypatch):
    import bot.usecases.inbound as inbound

    roles = []

    def spy(text, context=None):
        context = context or Context()
        roles.append(context.role)
        return understand(text, context)

    monkeypatch.setattr(inbound, "understand", spy)
    shop = Shop(svc, language="en")
    owner = shop.staff("Odile Owner", "+15145550101", role="owner", language="fr")
    manager = shop.staff("Max Manager", "+15145550102", role="manager", language="en")
    staff = shop.staff("Julie Tremblay", "+15145550111", language="en")
    for phone, role in ((owner, "owner"), (manager, "owner"), (staff, "staff")):
        shop.order(phone.number[-4:], phone.number, "Same Phone")  # even with a ready order on that phone
        roles.clear()
        for text in ("here spot 4", "j'arrive dans 10 min", "is it ready?", "STATUS", "OK"):
            phone.texts(text)
        assert roles == [role] * 5
        assert shop.order_state(phone.number[-4:])["handoff"] is None


def signed(svc, form: dict) -> dict:
    url = svc.settings.public_base_url + "/twilio/sms"
    return {"X-Twilio-Signature": RequestValidator(svc.webhook_token).compute_signature(url, form)}


def test_a_text_left_to_flask_gets_the_answer_of_one_answered_in_front_of_it(svc):
    shop = Shop(svc)
    first, second = (
        {"MessageSid": "SM" + c * 32, "From": "+15145550123", "To": shop.number, "Body": "rendu"} for c in "ef"
    )
    front = shop.client.post("/twilio/sms", data=first, headers=signed(svc, first))
    # No Content-Length (a chunked body, as gunicorn hands it on): the Flask view answers it.
    chunked = {"CONTENT_LENGTH": "", "wsgi.input_terminated": True}
    flask = shop.client.post("/twilio/sms", data=second, headers=signed(svc, second), environ_overrides=chunked)
    assert front.status_code == flask.status_code == 200 and front.data == flask.data
    assert sorted(front.headers.items()) == sorted(flask.headers.items())
    with svc.db.read() as session:
        stored = session.scalars(select(Message.twilio_sid).where(Message.direction == "in"))
        assert sorted(stored) == [first["MessageSid"], second["MessageSid"]]


def called(shop, form: dict, headers: dict) -> tuple[str, dict]:
    """The app called as gunicorn calls it: its status line, and the environ gunicorn then hands its access log."""
    environ = EnvironBuilder(path="/twilio/sms", method="POST", data=form, headers=headers).get_environ()
    answer: list[str] = []
    b"".join(shop.client.application(environ, lambda status, headers, exc_info=None: answer.append(status)))
    return answer[0], environ


def test_a_text_is_logged_in_one_line_with_its_status_and_latency_instead_of_an_access_line(svc, caplog):
    shop = Shop(svc)
    form = {"MessageSid": "SM" + "7" * 32, "From": "+15145550123", "To": shop.number, "Body": "bonjour"}
    with caplog.at_level(logging.INFO, logger="bot.web.twilio"):
        status, environ = called(shop, form, signed(svc, form))
    assert status == "200 OK"
    [line] = [r for r in caplog.records if r.name == "bot.web.twilio"]
    assert line.getMessage() == "text received from …0123"
    assert line.fields["status"] == 200 and line.fields["path"] == "/twilio/sms" and line.fields["ms"] > 0
    assert environ[REQUEST_LOGGED]  # so gunicorn's access log leaves this request out
    status, environ = called(shop, form, {"X-Twilio-Signature": "forged"})
    assert status == "403 FORBIDDEN" and REQUEST_LOGGED not in environ  # gunicorn logs that one


def test_a_text_that_cannot_be_stored_anywhere_is_a_500_with_its_error_logged(svc, caplog, monkeypatch):
    import bot.web.twilio as webhook

    def database_and_redis_away(svc, text):
        raise ConnectionError("both away")

    monkeypatch.setattr(webhook, "receive_inbound", database_and_redis_away)
    shop = Shop(svc)
    form = {"MessageSid": "SM" + "9" * 32, "From": "+15145550123", "To": shop.number, "Body": "rendu"}
    status, environ = called(shop, form, signed(svc, form))
    assert status == "500 INTERNAL SERVER ERROR"
    assert any(r.exc_info and "both away" in str(r.exc_info[1]) for r in caplog.records)
    assert REQUEST_LOGGED not in environ  # gunicorn logs its access line, with the 500
