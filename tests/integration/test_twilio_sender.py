"""The Twilio sender's transport: the SDK's requests go out over urllib3's pool, encoded as requests would, with
no retry of its own; behind a proxy the SDK's requests-based client takes over."""

from __future__ import annotations

import json
import threading
from base64 import b64encode
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from twilio.http.http_client import TwilioHttpClient

from bot.messaging.senders import Outgoing, TwilioSender
from bot.messaging.twilio_http import PooledHttpClient

PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
ACCOUNT = "AC" + "0" * 32


@pytest.fixture
def no_proxy(monkeypatch):
    for name in PROXIES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def recorder():
    """A tiny HTTP server that answers every POST as Twilio's Messages API would, keeping what it got."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            seen.append({"path": self.path, "headers": dict(self.headers), "form": parse_qs(body)})
            out = json.dumps({"sid": "SM" + "1" * 32, "status": "queued"}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_without_a_proxy_the_sdk_sends_through_the_pooled_client(no_proxy):
    http = TwilioSender(ACCOUNT, "token").client.http_client
    assert isinstance(http, PooledHttpClient)


def test_the_ca_bundle_named_in_the_environment_is_the_one_certificates_are_checked_against(no_proxy, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    http = TwilioSender(ACCOUNT, "token").client.http_client
    assert http.pool.connection_pool_kw["ca_certs"] == "/etc/ssl/certs/ca-certificates.crt"
    assert http.pool.connection_pool_kw["cert_reqs"] == "CERT_REQUIRED"


def test_with_a_proxy_configured_the_sdks_own_client_reads_the_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    http = TwilioSender(ACCOUNT, "token", concurrency=18).client.http_client
    assert isinstance(http, TwilioHttpClient) and http.session.trust_env is True
    assert http.session.get_adapter("https://api.twilio.com")._pool_maxsize == 18


def test_the_connection_pool_holds_one_connection_per_sending_thread(no_proxy):
    http = TwilioSender(ACCOUNT, "token", concurrency=18).client.http_client
    assert http.pool.connection_pool_kw["maxsize"] == 18


def test_a_text_reaches_the_api_base_url_form_encoded_with_basic_auth(no_proxy, recorder):
    url, seen = recorder
    sender = TwilioSender(ACCOUNT, "secret", api_base_url=url)
    sent = sender.send(
        Outgoing(
            to="+15145550123",
            from_="+15145550100",
            body="Arrivée: spot 4 ✓",
            key="k1",
            status_callback="https://example.test/twilio/status",
        )
    )
    assert sent.sid == "SM" + "1" * 32 and sent.status == "queued"
    [request] = seen
    assert request["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert request["form"] == {
        "To": ["+15145550123"],
        "From": ["+15145550100"],
        "Body": ["Arrivée: spot 4 ✓"],
        "StatusCallback": ["https://example.test/twilio/status"],
    }
    assert request["headers"]["Authorization"] == "Basic " + b64encode(f"{ACCOUNT}:secret".encode()).decode()
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


def test_list_values_repeat_their_key_and_none_values_are_left_out_as_requests_does(recorder):
    url, seen = recorder
    PooledHttpClient(url).request(
        "POST",
        url + "/x",
        params={"Page": 2, "Skip": None},
        data={"MediaUrl": ["https://a.test/1", "https://a.test/2"], "Gone": None, "N": 1},
    )
    [request] = seen
    assert request["path"] == "/x?Page=2"
    assert request["form"] == {"MediaUrl": ["https://a.test/1", "https://a.test/2"], "N": ["1"]}


def test_a_refused_connection_is_raised_once_and_not_retried_by_the_transport():
    import urllib3

    http = PooledHttpClient("http://127.0.0.1:9", timeout=1)
    with pytest.raises(urllib3.exceptions.HTTPError):
        http.request("POST", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", data={"Body": "x"})


def test_a_timeout_of_zero_or_less_is_refused_as_the_sdks_client_does():
    with pytest.raises(ValueError):
        PooledHttpClient("http://127.0.0.1:9").request("GET", "http://127.0.0.1:9/", timeout=0)


@pytest.mark.parametrize("status", [401, 403])
def test_credentials_twilio_refuses_are_their_own_transient_error_not_a_permanent_one(twilio, status):
    from bot.messaging.errors import CredentialsRefused, TransientSendError

    twilio.fail_next(status=status, code=20003)
    sender = TwilioSender(twilio.account_sid, twilio.auth_token, twilio.url, timeout=5)
    with pytest.raises(CredentialsRefused) as refused:
        sender.send(Outgoing(to="+15145550123", from_="+15145550100", body="hi", key="arrivee-1"))
    assert isinstance(refused.value, TransientSendError) and refused.value.status == status
    wrong = TwilioSender(twilio.account_sid, "0" * 32, twilio.url, timeout=5)
    with pytest.raises(CredentialsRefused):
        wrong.send(Outgoing(to="+15145550123", from_="+15145550100", body="hi", key="arrivee-2"))
