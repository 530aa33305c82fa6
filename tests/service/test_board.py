"""The staff board and the phone simulator through the Flask test client: links, roster, CSRF, live state,
and claim / done / ready doing exactly what the SMS commands do."""

from __future__ import annotations

import json
import re
import threading

import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot import create_app
from bot.data.db import Database
from bot.data.models import Handoff, Message, Staff
from bot.notices import RedisNotices
from bot.usecases import stores
from bot.wiring import Services, make_redis
from tests.support.conversation import Shop, app_with
from tests.support.fakes import FakeSender, InlineDispatcher

STORE, JULIE, SAM, MARIE, ALEX = "+15145550100", "+15145550111", "+15145550112", "+15145550123", "+15145550124"


@pytest.fixture
def shop(svc):
    return Shop(svc, number=STORE, language="fr", escalation_seconds=120)


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", JULIE, language="fr")


@pytest.fixture
def sam(shop):
    return shop.staff("Sam Wilson", SAM, language="en")


@pytest.fixture
def marie(shop):
    return shop.customer(MARIE)


class Tablet:
    """A browser at the pickup door: one test client (its own session cookie) on one board link."""

    def __init__(self, app, token: str):
        self.client = app.test_client()
        self.token = token
        self.csrf = None

    @property
    def url(self) -> str:
        return f"/board/{self.token}"

    def open(self):
        response = self.client.get(self.url)
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
        if found:
            self.csrf = found.group(1)
        return response

    def pick(self, name: str):
        page = self.open().get_data(as_text=True)
        staff_id = re.search(r'value="(\d+)"[^>]*>\s*<span class="person-name">' + re.escape(name), page).group(1)
        return self.client.post(self.url + "/who", data={"csrf_token": self.csrf, "staff_id": staff_id})

    def state(self) -> dict:
        response = self.client.get(self.url + "/state")
        assert response.status_code == 200
        return response.get_json()

    def post(self, path: str, body: dict | None = None, csrf: str | None = "session"):
        headers = {"X-CSRF-Token": self.csrf if csrf == "session" else csrf} if csrf else {}
        return self.client.post(self.url + path, json=body or {}, headers=headers)

    def claim(self, handoff_id: int):
        return self.post(f"/handoffs/{handoff_id}/claim")

    def done(self, handoff_id: int):
        return self.post(f"/handoffs/{handoff_id}/done")

    def ready(self, number: str):
        return self.post("/ready", {"number": number})


def board_config(page_html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="board-config">(.*?)</script>', page_html, re.S).group(1)
    )


def tablet(shop) -> Tablet:
    return Tablet(shop.app, shop.store.board_token)


# --- the link and who is at the tablet ---------------------------------------------------------


def test_an_unknown_board_link_is_not_found(shop):
    assert shop.client.get("/board/not-a-real-token").status_code == 404
    assert shop.client.get("/board/not-a-real-token/state").status_code == 404


def test_rotating_the_board_token_makes_the_old_link_404_and_prints_the_new_one(shop, julie):
    old = shop.store.board_token
    assert shop.client.get(f"/board/{old}").status_code == 200
    result = shop.app.test_cli_runner().invoke(args=["rotate-board-token", str(shop.store.id)])
    assert result.exit_code == 0, result.output
    new = re.search(r"^board: https://pickup\.example\.test/board/(\S+)$", result.output, re.M).group(1)
    assert new != old and len(new) >= 40
    assert shop.client.get(f"/board/{old}").status_code == 404
    assert shop.client.get(f"/board/{new}").status_code == 200


def test_rotating_the_token_of_an_unknown_store_fails_with_a_message(shop):
    result = shop.app.test_cli_runner().invoke(args=["rotate-board-token", "999"])
    assert result.exit_code != 0 and "no store 999" in result.output


def test_the_first_visit_asks_who_you_are_from_the_store_roster_in_both_languages(shop, julie, sam):
    page = tablet(shop).open().get_data(as_text=True)
    assert "Qui êtes-vous?" in page and "Who are you?" in page
    assert "Julie Tremblay" in page and "Sam Wilson" in page


def test_picking_a_name_is_remembered_and_the_board_speaks_that_persons_language(shop, julie, sam):
    english = tablet(shop)
    response = english.pick("Sam Wilson")
    assert response.status_code == 303 and response.headers["Location"].endswith(english.url)
    page = english.open().get_data(as_text=True)
    config = board_config(page)
    assert config["lang"] == "en" and config["me"]["name"] == "Sam Wilson" and config["strings"]["claim"] == "Claim"
    assert '<html lang="en">' in page and "Not Sam Wilson? Switch" in page

    french = tablet(shop)
    french.pick("Julie Tremblay")
    config = board_config(french.open().get_data(as_text=True))
    assert config["lang"] == "fr" and config["strings"]["claim"] == "Je m'en occupe"


def test_switching_person_brings_back_the_roster(shop, julie):
    board = tablet(shop)
    board.pick("Julie Tremblay")
    assert board.client.post(board.url + "/leave", data={"csrf_token": board.csrf}).status_code == 303
    assert "Qui êtes-vous?" in board.open().get_data(as_text=True)


def test_a_name_from_another_store_cannot_be_picked(svc, shop, julie):
    other = Shop(svc, number="+15145550199", name="Autre boutique")
    other.staff("Zoé Côté", "+15145550198")
    with svc.db.read() as session:
        stranger = session.scalars(select(Staff.id).where(Staff.phone == "+15145550198")).one()
    board = tablet(shop)
    board.open()
    response = board.client.post(board.url + "/who", data={"csrf_token": board.csrf, "staff_id": str(stranger)})
    assert response.status_code == 400
    assert "Qui êtes-vous?" in board.open().get_data(as_text=True)


# --- security ---------------------------------------------------------------------------------


def test_posts_without_the_sessions_csrf_token_are_refused(shop, julie, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("rendue place 4")
    board = tablet(shop)
    board.pick("Julie Tremblay")
    [waiting] = board.state()["waiting"]

    assert board.client.post(board.url + "/who", data={"staff_id": "1"}).status_code == 403
    assert board.post(f"/handoffs/{waiting['id']}/claim", csrf=None).status_code == 403
    refused = board.post(f"/handoffs/{waiting['id']}/claim", csrf="forged")
    assert refused.status_code == 403 and refused.get_json()["error"] == "csrf"
    assert board.post("/ready", {"number": "1234"}, csrf=None).status_code == 403
    assert board.state()["waiting"][0]["status"] == "waiting"
    # Another browser's token is no good either.
    other = tablet(shop)
    other.open()
    assert board.post(f"/handoffs/{waiting['id']}/claim", csrf=other.csrf).status_code == 403


def test_pages_send_security_headers_and_a_strict_session_cookie(shop, julie):
    response = tablet(shop).open()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    cookie = response.headers["Set-Cookie"]
    # PUBLIC_BASE_URL is https in these tests, so the cookie is Secure too.
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_pages_have_no_inline_script_so_the_csp_holds(shop, julie):
    board = tablet(shop)
    board.pick("Julie Tremblay")
    for page in (board.open().get_data(as_text=True), shop.client.get("/simulator").get_data(as_text=True)):
        for tag in re.findall(r"<script[^>]*>", page):
            assert 'src="/assets/' in tag or 'type="application/json"' in tag, tag
        assert " style=" not in page and "<style" not in page and "onclick" not in page


def test_static_files_are_served_from_the_app(shop):
    for name in ("board.js", "simulator.js", "pages.css"):
        response = shop.client.get(f"/assets/{name}")
        assert response.status_code == 200 and response.data
    assert "cdn" not in shop.client.get("/assets/pages.css").get_data(as_text=True).lower()


def test_actions_need_someone_picked_on_the_tablet(shop, julie, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("rendue place 4")
    board = tablet(shop)
    board.open()
    response = board.claim(1)
    assert response.status_code == 403 and response.get_json()["error"] == "who"


# --- what the board shows -----------------------------------------------------------------------


def test_the_board_state_lists_who_is_coming_waiting_taken_and_done_today(svc, shop, julie, sam, marie):
    alex = shop.customer(ALEX)
    zoe = shop.customer("+15145550125")
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    shop.order("1235", alex, "Alex Martin", language="en")
    shop.order("1236", zoe, "Zoé Côté", language="fr")
    alex.texts("omw 10 min")
    marie.texts("rendue place 4, civic rouge")
    zoe.texts("I'm at the door")
    board = tablet(shop)
    board.pick("Julie Tremblay")

    state = board.state()
    [coming] = state["on_the_way"]
    assert coming["customer"] == "Alex M." and coming["eta_seconds"] == 600 and coming["orders"][0]["number"] == "1235"
    first, second = state["waiting"]
    assert (first["customer"], first["location"], first["spot"]) == ("Marie L.", "car", "4")
    assert "civic" in first["vehicle"].lower() and first["orders"] == [{"number": "1234", "ready": True}]
    assert (second["customer"], second["location"]) == ("Zoé C.", "door")
    assert all(h["urgency"] == "ok" and h["waited_seconds"] == 0 for h in state["waiting"])

    shop.wait(61)  # half the store's 120 s escalation delay
    assert [h["urgency"] for h in board.state()["waiting"]] == ["amber", "amber"]
    shop.wait(60)
    waiting = board.state()["waiting"]
    assert [h["urgency"] for h in waiting] == ["red", "red"] and waiting[0]["waited_seconds"] == 121

    board.claim(first["id"])
    state = board.state()
    [taken] = state["claimed"]
    assert taken["claimed_by"] == "Julie Tremblay" and taken["customer"] == "Marie L."
    board.done(first["id"])
    state = board.state()
    assert state["claimed"] == [] and [h["customer"] for h in state["done"]] == ["Marie L."]
    assert state["done"][0]["claimed_by"] == "Julie Tremblay"


def test_the_version_changes_with_the_board_not_with_the_clock(svc, shop, julie, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    board = tablet(shop)
    board.pick("Julie Tremblay")
    before = board.state()["version"]
    marie.texts("rendue place 4")
    arrived = board.state()["version"]
    assert arrived != before
    shop.wait(30)
    assert board.state()["version"] == arrived


def test_a_paused_store_shows_on_the_board_with_what_customers_are_told(svc, shop, julie):
    board = tablet(shop)
    board.pick("Julie Tremblay")
    running = board.state()
    assert running["store"]["paused"] is False and running["store"]["pause_message"] is None
    stores.update_store(svc.db, shop.store.id, {"paused": True, "pause_message": "De retour à 14 h."})
    paused = board.state()
    assert paused["store"]["paused"] is True and paused["store"]["pause_message"] == "De retour à 14 h."
    assert paused["version"] != running["version"]  # an open board redraws with the banner
    assert '<q id="pause-message" hidden></q>' in board.open().get_data(as_text=True)


# --- the board's buttons are the SMS commands ---------------------------------------------------


def test_claim_and_done_on_the_board_text_everyone_exactly_as_ok_and_fait_by_sms(svc):
    """Two identical stores: one handled by text, one from the board. Everyone else gets the same texts,
    and the board shows the very replies the staff member would have been texted."""
    outcomes = []
    for number, staff_phone, other_phone, customer_phone, use_board in (
        ("+15145550100", "+15145550111", "+15145550112", "+15145550123", False),
        ("+15145550200", "+15145550211", "+15145550212", "+15145550223", True),
    ):
        shop = Shop(svc, number=number)
        julie = shop.staff("Julie Tremblay", staff_phone)
        sam = shop.staff("Sam Wilson", other_phone, language="en")
        marie = shop.customer(customer_phone)
        shop.order("1234", marie, "Marie Lavoie", language="fr")
        marie.texts("chu rendue place 4")
        for phone in (julie, sam, marie):
            phone.new()
        if use_board:
            board = tablet(shop)
            board.pick("Julie Tremblay")
            handoff_id = board.state()["waiting"][0]["id"]
            claim = board.claim(handoff_id)
            assert claim.status_code == 200
            replies = claim.get_json()["replies"]
            after_claim = (marie.new(), sam.new(), julie.new())
            replies += board.done(handoff_id).get_json()["replies"]
        else:
            replies = julie.texts("OK")
            after_claim = (marie.new(), sam.new(), [])
            replies += julie.texts("FAIT")
        outcomes.append((replies, after_claim, marie.new(), sam.new(), shop.order_state("1234")))

    (
        (sms_replies, sms_claim, sms_done, sms_sam, sms_order),
        (board_replies, board_claim, board_done, board_sam, board_order),
    ) = outcomes
    assert board_replies == sms_replies and len(board_replies) == 2
    assert "C'est à vous" in board_replies[0] and board_replies[1].startswith("Fait")
    assert board_claim == sms_claim  # same text to the customer and to the other staff, nothing to Julie's phone
    assert board_claim[0] == ["Julie Tremblay s'en vient avec votre commande #1234!"]
    assert board_done == sms_done and "C'est tout bon" in board_done[0]
    assert board_sam == sms_sam == []
    for order in (sms_order, board_order):
        assert order["status"] == "handed_off" and order["handoff"]["claimed_by"] == "Julie Tremblay"


def test_a_board_click_sends_nothing_to_the_clicking_staff_members_phone(svc, shop, julie, sam, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("rendue place 4")
    julie.new(), sam.new()
    board = tablet(shop)
    board.pick("Sam Wilson")
    replies = board.claim(board.state()["waiting"][0]["id"]).get_json()["replies"]
    assert replies[0].startswith("It's yours: Marie L., spot 4")  # Sam's own language
    assert sam.new() == []
    assert julie.new() == ["Sam Wilson s'occupe de Marie L. (place 4, commande #1234)."]


def test_claiming_an_already_claimed_handoff_says_who_has_it(svc, shop, julie, sam, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("rendue place 4")
    julie.texts("OK")
    marie.new()
    board = tablet(shop)
    board.pick("Sam Wilson")
    [taken] = board.state()["claimed"]
    assert board.claim(taken["id"]).get_json()["replies"] == ["Julie Tremblay already took order #1234."]
    assert marie.new() == []


def test_mark_ready_on_the_board_texts_the_customer_and_alerts_staff_when_they_are_already_here(
    svc, shop, julie, marie
):
    shop.order("1234", marie, "Marie Lavoie", language="fr", ready=False)
    assert "pas encore prête" in marie.texts("rendue place 4")[0]
    julie.new()
    board = tablet(shop)
    board.pick("Julie Tremblay")
    [waiting] = board.state()["waiting"]
    assert waiting["orders"] == [{"number": "1234", "ready": False}] and not waiting["orders_ready"]

    response = board.ready("#1234")
    assert response.status_code == 200
    assert response.get_json()["replies"] == ["La commande #1234 est marquée prête."]
    assert shop.order_state("1234")["status"] == "ready"
    [alert] = julie.new()
    assert alert.startswith("Arrivée : Marie L., place 4") and "OK 1234" in alert
    assert marie.new()  # told it is ready
    assert board.state()["waiting"][0]["orders_ready"] is True
    # Marking it again texts nobody twice.
    assert board.ready("1234").status_code == 200 and marie.new() == [] and julie.new() == []


def test_board_errors_are_json_with_a_status(svc, shop, julie, marie):
    board = tablet(shop)
    board.pick("Julie Tremblay")
    assert board.ready("9999").status_code == 404
    assert board.post("/ready", {}).status_code == 422
    assert board.claim(12345).status_code == 404
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    assert board.post("/handoffs/1/steal").status_code == 422


def test_a_handoff_of_another_store_cannot_be_touched_from_this_board(svc, shop, julie):
    other = Shop(svc, number="+15145550199", name="Autre boutique")
    other.staff("Zoé Côté", "+15145550198")
    customer = other.customer("+15145550197")
    other.order("77", customer, "Luc Roy")
    customer.texts("rendue place 2")
    board = tablet(shop)
    board.pick("Julie Tremblay")
    assert board.claim(1).status_code == 404
    assert board.ready("77").status_code == 404
    assert other.order_state("77")["handoff"]["status"] == "waiting"


def test_two_tablets_claiming_at_once_make_exactly_one_claim(settings, svc):
    """A real race: two apps with their own database connections, both clicking claim on the same handoff."""
    shop = Shop(svc, number=STORE)
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Sam Wilson", SAM, language="en")
    second = Services(
        settings=settings,
        db=Database(settings.database_url),
        dispatcher=InlineDispatcher(),
        sender=FakeSender(),
        clock=svc.clock,
        send_inline=True,
    )
    second.dispatcher.svc = second
    apps = (shop.app, create_app(services=second))
    try:
        for round_number in range(4):
            phone = f"+1514555{round_number + 300:04d}"
            customer = shop.customer(phone)
            shop.order(f"50{round_number}", customer, "Marie Lavoie", language="fr")
            customer.texts("rendue place 4")
            tablets = [Tablet(app, shop.store.board_token) for app in apps]
            tablets[0].pick("Julie Tremblay")
            tablets[1].pick("Sam Wilson")
            handoff_id = tablets[0].state()["waiting"][0]["id"]
            start = threading.Barrier(2)
            answers = [None, None]

            def click(i, start=start, answers=answers, tablets=tablets, handoff_id=handoff_id):
                start.wait()
                answers[i] = tablets[i].claim(handoff_id)

            threads = [threading.Thread(target=click, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert [a.status_code for a in answers] == [200, 200]
            replies = [a.get_json()["replies"][0] for a in answers]
            won = [r for r in replies if r.startswith(("C'est à vous", "It's yours"))]
            lost = [r for r in replies if "took order" in r or "s'occupe déjà" in r]
            assert len(won) == 1 and len(lost) == 1, replies
            winner = "Julie Tremblay" if won[0].startswith("C'est") else "Sam Wilson"
            assert winner in lost[0]
            told = [m.body for s in (svc, second) for m in s.sender.outbox if m.to == phone and "s'en vient" in m.body]
            assert told == [f"{winner} s'en vient avec votre commande #50{round_number}!"]
            with svc.db.read() as session:
                handoff = session.get(Handoff, handoff_id)
                assert handoff.status == "claimed" and handoff.claimed_by.name == winner
    finally:
        second.db.dispose()


# --- live updates -------------------------------------------------------------------------------


def test_the_event_stream_announces_the_state_and_ends_with_a_retry_hint(shop, julie, marie):
    shop.app.config.update(ARRIVEE_STREAM_SECONDS=0.3, ARRIVEE_STREAM_POLL_SECONDS=0.1)
    board = tablet(shop)
    response = board.client.get(board.url + "/events")
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    body = response.get_data(as_text=True)
    assert body.startswith("retry: ")
    version = board.state()["version"]
    assert body.count("event: change") == 1 and f"data: {version}" in body


def test_publishing_never_raises_even_without_redis(settings):
    down = Services(settings=settings.with_(redis_url="redis://127.0.0.1:1/0"), db=None, dispatcher=None, sender=None)
    down.redis = make_redis(down.settings)
    down.notices.publish(1)
    Services(settings=settings, db=None, dispatcher=None, sender=None).notices.publish(1)
    assert down.notices.subscribe(1).wait(0.05) is False  # falls back to polling


def test_every_decision_publishes_a_change_of_its_store(svc, shop, julie, marie, monkeypatch):
    published = []
    monkeypatch.setattr(RedisNotices, "publish", lambda _notices, store_id: published.append(store_id))
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    julie.texts("OK")
    assert published and set(published) == {shop.store.id}


# --- the phone simulator ------------------------------------------------------------------------


def simulator_csrf(client) -> str:
    page = client.get("/simulator").get_data(as_text=True)
    return json.loads(re.search(r'id="sim-config">(.*?)</script>', page, re.S).group(1))["csrf"]


def test_the_simulator_texts_the_store_through_the_signed_webhook_and_shows_every_reply(svc, shop, julie, marie):
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    client = shop.app.test_client()
    page = client.get("/simulator")
    assert page.status_code == 200 and "+15145550100" in page.get_data(as_text=True)
    response = client.post(
        "/simulator/send",
        json={"store": shop.store.id, "from": "(514) 555-0123", "body": "chu rendue place 4"},
        headers={"X-CSRF-Token": simulator_csrf(client)},
    )
    assert response.status_code == 200 and response.get_json()["status"] == 200
    with svc.db.read() as session:
        inbound = session.scalars(select(Message).where(Message.direction == "in")).one()
    assert re.fullmatch(r"SM[0-9a-f]{32}", inbound.twilio_sid) and inbound.status == "processed"

    log = client.get(f"/simulator/messages?store={shop.store.id}").get_json()
    by_phone = {}
    for m in log["messages"]:
        by_phone.setdefault(m["phone"], []).append((m["direction"], m["body"]))
    assert ("in", "chu rendue place 4") in by_phone[MARIE]
    assert any(d == "out" and "place 4" in b for d, b in by_phone[MARIE])
    assert any(d == "out" and b.startswith("Arrivée : Marie L.") for d, b in by_phone[JULIE])
    assert {p["name"] for p in log["people"]} >= {"Julie Tremblay", "Marie Lavoie"}


def test_the_simulators_texts_pass_the_webhooks_signature_check_like_twilios(svc, shop, marie, monkeypatch):
    client = shop.app.test_client()
    csrf = simulator_csrf(client)
    # Signed with the wrong key, the very same text is refused by the webhook: the check is really made.
    monkeypatch.setattr("bot.web.simulator.RequestValidator", lambda _key: RequestValidator("not-the-key"))
    response = client.post("/simulator/send", json={"from": MARIE, "body": "allo"}, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 502 and response.get_json()["status"] == 403


def test_the_simulator_refuses_posts_without_csrf_and_bad_input(shop, marie):
    client = shop.app.test_client()
    assert client.post("/simulator/send", json={"from": MARIE, "body": "allo"}).status_code == 403
    csrf = simulator_csrf(client)
    assert (
        client.post(
            "/simulator/send", json={"from": "nope", "body": "allo"}, headers={"X-CSRF-Token": csrf}
        ).status_code
        == 422
    )
    assert (
        client.post("/simulator/send", json={"from": MARIE, "body": " "}, headers={"X-CSRF-Token": csrf}).status_code
        == 422
    )


def test_the_simulator_does_not_exist_with_real_twilio_credentials(database_url):
    with app_with(
        database_url,
        SMS_TRANSPORT="twilio",
        SECRET_KEY="x",
        TWILIO_ACCOUNT_SID="AC" + "1" * 32,
        TWILIO_AUTH_TOKEN="secret",
    ) as client:
        for path in ("/simulator", "/simulator/messages", "/simulator/events"):
            assert client.get(path).status_code == 404
        assert client.post("/simulator/send", json={"from": MARIE, "body": "allo"}).status_code == 404


def test_the_simulator_does_not_exist_in_production_even_on_the_console_transport(database_url):
    with app_with(database_url, SMS_TRANSPORT="console", SECRET_KEY="s" * 40, ARRIVEE_ENV="production") as client:
        assert client.get("/simulator").status_code == 404


def test_the_simulator_without_any_store_says_how_to_load_the_demo_as_it_can_be_typed(svc):
    for lang in ("fr", "en"):
        page = create_app(services=svc).test_client().get(f"/simulator?lang={lang}").get_data(as_text=True)
        assert ".venv/bin/python -m bot demo" in page
