"""The Twilio sender's HTTP session: settings read from the environment once, a connection per sending thread."""
from __future__ import annotations

from bot.messaging.senders import TwilioSender

PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def _session(**kwargs):
    return TwilioSender("AC" + "0" * 32, "token", **kwargs).client.http_client.session


def test_without_a_proxy_the_ca_bundle_is_read_once_and_the_environment_not_rescanned(monkeypatch):
    for name in PROXIES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    session = _session()
    assert session.trust_env is False
    assert session.verify == "/etc/ssl/certs/ca-certificates.crt"


def test_without_a_proxy_or_a_ca_bundle_certificates_are_checked_against_the_default_store(monkeypatch):
    for name in PROXIES + ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    session = _session()
    assert session.trust_env is False and session.verify is True


def test_with_a_proxy_configured_requests_keeps_reading_the_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert _session().trust_env is True


def test_the_connection_pool_holds_one_connection_per_sending_thread():
    session = _session(concurrency=18)
    assert session.get_adapter("https://api.twilio.com")._pool_maxsize == 18
