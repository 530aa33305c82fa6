"""The Twilio stand-in answers the official twilio SDK like Twilio's Messages API would."""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from tests.support.processes import free_port
from tests.support.twilio_standin import sms_segments

REPO_ROOT = Path(__file__).resolve().parents[2]
CUSTOMER = "+15145550123"
OTHER_CUSTOMER = "+15145550199"
STORE = "+15145550100"


class RedirectingHttpClient(TwilioHttpClient):
    """Sends the SDK's api.twilio.com requests to the stand-in instead (public API only)."""

    def __init__(self, base_url: str, **kw):
        super().__init__(**kw)
        self._base = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url.startswith("https://api.twilio.com"):
            url = self._base + url[len("https://api.twilio.com") :]
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def client(twilio):
    return Client(twilio.account_sid, twilio.auth_token, http_client=RedirectingHttpClient(twilio.url, timeout=5))


def send(client, to=CUSTOMER, body="Your order 1234 is ready", **kw):
    return client.messages.create(to=to, from_=STORE, body=body, **kw)


def test_the_sdk_sends_a_message_and_the_standin_records_it(twilio, client):
    message = send(client, status_callback="https://arrivee.example/twilio/status")

    assert message.sid.startswith("SM") and len(message.sid) == 34
    assert message.status == "queued"
    assert message.direction == "outbound-api"
    assert message.to == CUSTOMER and message.from_ == STORE
    assert message.date_created is not None  # RFC 2822, parsed by the SDK
    [recorded] = twilio.wait_for(1)
    assert recorded["sid"] == message.sid
    assert recorded["to"] == CUSTOMER
    assert recorded["from"] == STORE
    assert recorded["body"] == "Your order 1234 is ready"
    assert recorded["status_callback"] == "https://arrivee.example/twilio/status"
    assert recorded["received_monotonic"] <= time.monotonic()
    assert client.messages(message.sid).fetch().body == "Your order 1234 is ready"


def test_a_message_without_to_is_refused_with_code_21604(twilio, client):
    with pytest.raises(TwilioRestException) as refused:
        client.messages.create(to="", from_=STORE, body="hi")

    assert (refused.value.status, refused.value.code) == (400, 21604)
    assert twilio.messages() == []
    assert [r["code"] for r in twilio.rejected()] == [21604]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"to": CUSTOMER, "body": "hi"}, 21603),  # neither From nor MessagingServiceSid
        ({"to": CUSTOMER, "from_": STORE}, 21602),  # neither Body, MediaUrl nor ContentSid
        ({"to": "514-555-0123", "from_": STORE, "body": "hi"}, 21211),  # not E.164
        ({"to": CUSTOMER, "messaging_service_sid": "MG123", "body": "hi"}, 21701),  # OpenAPI pattern
    ],
)
def test_an_incomplete_or_malformed_message_is_refused_like_twilio_would(twilio, client, kwargs, code):
    with pytest.raises(TwilioRestException) as refused:
        client.messages.create(**kwargs)

    assert (refused.value.status, refused.value.code) == (400, code)
    assert twilio.messages() == []


@pytest.mark.parametrize(
    ("scripted", "status", "code"),
    [
        ({"code": 21610}, 400, 21610),  # recipient unsubscribed (STOP)
        ({"code": 21211}, 400, 21211),  # invalid number
        ({"code": 21614}, 400, 21614),  # not SMS-capable
        ({"status": 500}, 500, 20500),
        ({"status": 503}, 503, 20503),
        ({"status": 429, "code": 20429}, 429, 20429),
    ],
)
def test_a_scripted_failure_is_answered_once_then_sending_succeeds(twilio, client, scripted, status, code):
    twilio.fail_next(**scripted)

    with pytest.raises(TwilioRestException) as refused:
        send(client)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert twilio.messages() == []

    send(client)
    assert len(twilio.wait_for(1)) == 1
    assert [(r["http_status"], r["code"], r["reason"]) for r in twilio.rejected()] == [(status, code, "injected")]


def test_a_failure_scripted_for_one_recipient_leaves_the_others_alone(twilio, client):
    twilio.fail_next(code=21610, to=CUSTOMER, times=2)

    send(client, to=OTHER_CUSTOMER)
    for _ in range(2):
        with pytest.raises(TwilioRestException):
            send(client, to=CUSTOMER)
    send(client, to=CUSTOMER)

    assert [m["to"] for m in twilio.messages()] == [OTHER_CUSTOMER, CUSTOMER]


def test_wrong_credentials_are_refused_with_401_and_code_20003(twilio):
    intruder = Client(twilio.account_sid, "not-the-token", http_client=RedirectingHttpClient(twilio.url))

    with pytest.raises(TwilioRestException) as refused:
        send(intruder)

    assert (refused.value.status, refused.value.code) == (401, 20003)
    assert twilio.messages() == []


def test_a_request_without_basic_auth_is_refused_with_401(twilio):
    answer = requests.post(
        f"{twilio.url}/2010-04-01/Accounts/{twilio.account_sid}/Messages.json",
        data={"To": CUSTOMER, "From": STORE, "Body": "hi"},
        timeout=5,
    )

    assert answer.status_code == 401
    assert answer.json()["code"] == 20003


def test_an_api_key_may_authenticate_for_the_account(twilio):
    with_key = Client(
        twilio.api_key_sid, twilio.api_key_secret, twilio.account_sid, http_client=RedirectingHttpClient(twilio.url)
    )

    assert send(with_key).sid.startswith("SM")


def test_an_account_sid_that_is_not_ac_and_32_hex_is_refused(twilio):
    answer = requests.post(
        f"{twilio.url}/2010-04-01/Accounts/ACnothex/Messages.json",
        data={"To": CUSTOMER, "From": STORE, "Body": "hi"},
        auth=(twilio.api_key_sid, twilio.api_key_secret),
        timeout=5,
    )

    assert answer.status_code in (401, 404)
    assert twilio.messages() == []


def test_a_scripted_delay_makes_the_client_time_out_and_nothing_is_sent(twilio):
    impatient = Client(
        twilio.account_sid, twilio.auth_token, http_client=RedirectingHttpClient(twilio.url, timeout=0.3)
    )
    twilio.fail_next(delay=2)

    with pytest.raises(requests.exceptions.Timeout):
        send(impatient)

    assert twilio.messages() == []


def test_a_message_accepted_then_dropped_was_sent_though_the_client_saw_an_error(twilio, client):
    twilio.fail_next(accept=True, drop=True)

    with pytest.raises(requests.exceptions.ConnectionError):
        send(client)

    [sent] = twilio.wait_for(1)
    assert sent["fault"]["drop"] is True


def test_a_message_accepted_but_answered_late_was_sent_though_the_client_timed_out(twilio):
    impatient = Client(
        twilio.account_sid, twilio.auth_token, http_client=RedirectingHttpClient(twilio.url, timeout=0.3)
    )
    twilio.fail_next(accept=True, delay=2)

    with pytest.raises(requests.exceptions.Timeout):
        send(impatient)

    assert len(twilio.wait_for(1)) == 1


def test_an_idempotency_key_header_is_recorded(twilio):
    requests.post(
        f"{twilio.url}/2010-04-01/Accounts/{twilio.account_sid}/Messages.json",
        data={"To": CUSTOMER, "From": STORE, "Body": "hi"},
        headers={"I-Twilio-Idempotency-Token": "outbox-42"},
        auth=(twilio.account_sid, twilio.auth_token),
        timeout=5,
    ).raise_for_status()

    assert twilio.wait_for(1)[0]["idempotency_key"] == "outbox-42"


def test_wait_for_says_what_it_got_when_too_few_messages_arrive(twilio, client):
    send(client, body="only one")

    with pytest.raises(AssertionError, match="only one"):
        twilio.wait_for(2, timeout=0.2)


def test_reset_forgets_messages_and_scripted_failures(twilio, client):
    send(client)
    twilio.fail_next(code=21610)

    twilio.reset()

    assert twilio.messages() == []
    send(client)
    assert len(twilio.messages()) == 1


@pytest.mark.parametrize(
    ("body", "encoding", "segments"),
    [
        ("x" * 160, "GSM-7", 1),
        ("x" * 161, "GSM-7", 2),  # 153 per segment once split
        ("€" * 80, "GSM-7", 1),  # extension characters count twice
        ("Arrivé, place 4", "GSM-7", 1),  # é is in the GSM-7 alphabet ...
        ("Votre commande est prête", "UCS-2", 1),  # ... ê is not: the limit drops to 70
        ("ê" * 71, "UCS-2", 2),
    ],
)
def test_segments_are_counted_as_twilio_bills_them(body, encoding, segments):
    assert sms_segments(body) == (encoding, segments)


def test_the_standin_runs_as_a_separate_process_driven_by_its_control_endpoints():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.twilio_standin", "--port", str(port)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 15)
        assert ready, "the stand-in printed nothing within 15 s"
        info = json.loads(proc.stdout.readline())
        assert info["url"] == f"http://127.0.0.1:{port}"
        sdk = Client(info["account_sid"], info["auth_token"], http_client=RedirectingHttpClient(info["url"]))

        requests.post(
            f"{info['url']}/_standin/fail", json={"code": 21610, "to": CUSTOMER}, timeout=5
        ).raise_for_status()
        with pytest.raises(TwilioRestException) as refused:
            send(sdk)
        assert refused.value.code == 21610
        sent = send(sdk, body="second try")

        seen = requests.get(f"{info['url']}/_standin/messages", timeout=5).json()
        assert [(m["sid"], m["body"]) for m in seen["messages"]] == [(sent.sid, "second try")]
        assert [r["code"] for r in seen["rejected"]] == [21610]

        requests.post(f"{info['url']}/_standin/reset", timeout=5).raise_for_status()
        assert requests.get(f"{info['url']}/_standin/messages", timeout=5).json()["messages"] == []
    finally:
        proc.terminate()
        returncode = proc.wait(timeout=10)
    assert returncode == 0
