"""Every response carries the security headers; browser pages keep their own stricter policy; cookies are
Secure/HttpOnly/SameSite; the app and the worker refuse to start in production with a default secret."""

from __future__ import annotations

import dataclasses

import pytest

from bot import create_app
from bot.usecases import stores
from bot.usecases.stores import create_token
from config.settings import DEFAULT_SECRET, SettingsError, load_settings


def assert_secure_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_api_webhook_health_and_error_responses_all_carry_the_security_headers(svc, client):
    token = {"Authorization": "Bearer " + create_token(svc.db, "admin")}
    store = stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")
    for response in (
        client.get(f"/api/v1/stores/{store.id}", headers=token),
        client.get("/api/v1/stores/1"),  # 401
        client.get("/api/v1/openapi.json"),
        client.post("/twilio/sms", data={"From": "+15145550123"}),  # 403
        client.get("/healthz"),
        client.get("/no/such/page"),
    ):
        assert_secure_headers(response)
    api = client.get(f"/api/v1/stores/{store.id}", headers=token)
    assert api.headers["Cache-Control"] == "no-store"
    assert api.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_browser_pages_keep_their_own_stricter_policy(svc, client):
    store = stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")
    page = client.get(f"/board/{store.board_token}")
    assert page.status_code == 200
    assert_secure_headers(page)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_hsts_is_sent_on_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    assert "max-age=" in client.get("/healthz", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_the_session_cookie_is_secure_httponly_and_samesite_behind_https(svc, client):
    store = stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")
    page = client.get(f"/board/{store.board_token}", base_url="https://pickup.example.test")
    cookies = page.headers.getlist("Set-Cookie")
    assert cookies, "the board page sets its session (CSRF token)"
    for cookie in cookies:
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"secure", "httponly", "samesite"} <= flags, cookie


def test_a_post_to_a_page_without_the_csrf_token_is_refused(svc, client):
    store = stores.create_store(svc.db, "Plein Air Laurier", "+15145550100", "America/Toronto", "fr")
    client.get(f"/board/{store.board_token}")
    assert client.post(f"/board/{store.board_token}/ready", data={"number": "1234"}).status_code == 403


# --- secrets -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [None, DEFAULT_SECRET, "short-secret"])
def test_production_refuses_a_missing_default_or_short_secret_key(secret):
    env = {"ARRIVEE_ENV": "production", **({"SECRET_KEY": secret} if secret else {})}
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        load_settings(env)
    load_settings({"ARRIVEE_ENV": "production", "SECRET_KEY": "x" * 32})


def test_create_app_refuses_hand_built_production_settings_with_the_default_secret(svc):
    unsafe = dataclasses.replace(svc, settings=svc.settings.with_(env="production", secret_key=DEFAULT_SECRET))
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        create_app(services=unsafe)


def test_create_app_reading_the_environment_fails_fast_naming_the_variable(monkeypatch):
    monkeypatch.setenv("ARRIVEE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "")  # empty counts as unset (and wins over a developer's .env)
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        create_app()


def test_the_worker_refuses_to_start_with_a_default_secret_in_production(monkeypatch, capsys):
    import worker

    monkeypatch.setenv("ARRIVEE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", DEFAULT_SECRET)
    assert worker.main([]) == 2
    assert "SECRET_KEY" in capsys.readouterr().err
