"""With LOG_FORMAT=json the web and worker processes log one JSON object per line, and one inbound text's
MessageSid follows it from the webhook through the worker to the Twilio call and its answer's status callback."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import requests

from tests.support.live import LiveStack

pytestmark = pytest.mark.integration

STORE, JULIE, MARIE = "+15145550100", "+15145550111", "+15145550123"


@pytest.fixture
def stack(database_url, twilio, tmp_path):
    live = LiveStack(database_url, twilio, tmp_path, env={"LOG_FORMAT": "json"}).start()
    yield live
    live.stop()


def json_lines(stack, name_prefix: str) -> list[dict]:
    lines = []
    for path in stack.logs.glob(f"{name_prefix}*.log"):
        for line in path.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))  # every JSON-looking line parses whole
    return lines


def wait_for_line(stack, name_prefix: str, predicate, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in json_lines(stack, name_prefix) if predicate(line)]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no such line in {name_prefix} logs: {json_lines(stack, name_prefix)}")


def test_one_texts_id_follows_it_from_webhook_to_worker_to_twilio_and_back(stack, twilio):
    token = stack.cli("create-token", "pos")
    store = stack.api(
        "POST",
        "/stores",
        token,
        json={"name": "Plein Air", "sms_number": STORE, "timezone": "America/Toronto", "language": "fr"},
    )
    store_id = store.json()["id"]
    stack.api(
        "POST", f"/stores/{store_id}/staff", token, json={"name": "Julie Tremblay", "phone": JULIE, "role": "staff"}
    )
    stack.api(
        "POST", f"/stores/{store_id}/orders", token, json={"number": "1234", "customer_phone": MARIE, "status": "ready"}
    )
    twilio.wait_for(1, to=JULIE)  # the welcome text
    twilio.reset()

    sid = "SM" + uuid.uuid4().hex
    assert stack.text(MARIE, STORE, "rendu place 4", sid=sid).status_code == 200
    [alert] = twilio.wait_for(1, to=JULIE)

    web = wait_for_line(stack, "web", lambda line: line.get("trace") == sid)
    assert web["msg"] == "text received from …0123" and web["level"] == "info"
    decided = wait_for_line(stack, "worker", lambda line: line.get("trace") == sid and "from …0123" in line["msg"])
    assert decided["logger"] == "bot.usecases.inbound"
    wait_for_line(stack, "worker", lambda line: line.get("trace") == sid and alert["sid"] in line["msg"])
    # The answer's status callback is asked for with the inbound text's id, and its line carries it.
    callback = alert["status_callback"]
    assert callback == f"{stack.url}/twilio/status?trace={sid}"
    form = {"MessageSid": alert["sid"], "MessageStatus": "delivered", "AccountSid": twilio.account_sid}
    signature = stack.sign(f"/twilio/status?trace={sid}", form)
    response = requests.post(callback, data=form, headers={"X-Twilio-Signature": signature}, timeout=5)
    assert response.status_code == 204
    status = wait_for_line(stack, "web", lambda line: line.get("trace") == sid and line["msg"].startswith("status"))
    assert status["msg"] == f"status delivered for {alert['sid']}"

    # The worker's figures (arrival → alert) and the web's (webhook latency) add up in what any web process serves.
    def scraped() -> str:
        return requests.get(stack.url + "/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=5).text

    deadline = time.monotonic() + 10
    while "arrivee_arrival_to_alert_seconds_count 1.0" not in (body := scraped()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "arrivee_arrival_to_alert_seconds_count 1.0" in body
    assert "arrivee_webhook_seconds_count 1.0" in body
    # Every line of every process is one JSON object, gunicorn's own (start-up, access) and RQ's included.
    for path in stack.logs.glob("*.log"):
        for line in path.read_text().splitlines():
            assert line.startswith("{") and isinstance(json.loads(line), dict), f"{path.name}: {line}"
    # No line anywhere shows a whole phone number.
    for line in json_lines(stack, "web") + json_lines(stack, "worker"):
        assert MARIE not in json.dumps(line) and JULIE not in json.dumps(line)
