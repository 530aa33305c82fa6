"""Settings: typed, read once, failing fast with a message naming the variable."""

from __future__ import annotations

import pytest

from config.settings import SettingsError, load_settings, local_port


def test_defaults_run_on_sqlite_and_the_console_transport():
    s = load_settings({})
    assert s.database_url.startswith("sqlite:///") and s.sms_transport == "console" and not s.twilio_configured


def test_twilio_credentials_switch_the_transport_to_twilio():
    s = load_settings({"TWILIO_ACCOUNT_SID": "AC" + "a" * 32, "TWILIO_AUTH_TOKEN": "t"})
    assert s.sms_transport == "twilio"


@pytest.mark.parametrize("url", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_mean_psycopg_3(url):
    assert load_settings({"DATABASE_URL": url}).database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    "env, names",
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"TWILIO_ACCOUNT_SID": "AC" + "a" * 32}, "TWILIO_AUTH_TOKEN"),
        ({"TWILIO_ACCOUNT_SID": "nope", "TWILIO_AUTH_TOKEN": "t"}, "TWILIO_ACCOUNT_SID"),
        ({"SMS_TRANSPORT": "pigeon"}, "SMS_TRANSPORT"),
        ({"SMS_TRANSPORT": "twilio"}, "TWILIO_ACCOUNT_SID"),
        ({"PUBLIC_BASE_URL": "example.com"}, "PUBLIC_BASE_URL"),
        ({"ARRIVEE_ENV": "production"}, "SECRET_KEY"),
        ({"SWEEP_AFTER_SECONDS": "soon"}, "SWEEP_AFTER_SECONDS"),
    ],
)
def test_a_bad_setting_fails_fast_naming_the_variable(env, names):
    with pytest.raises(SettingsError, match=names):
        load_settings(env)


def test_the_local_port_is_the_environments_else_dot_envs_else_5000(tmp_path, monkeypatch):
    dotenv = tmp_path / ".env"
    monkeypatch.delenv("PORT", raising=False)
    assert local_port(dotenv) == "5000"
    dotenv.write_text("PORT=5081\n")
    assert local_port(dotenv) == "5081"  # as scripts/dev serves it, so links and `bot text` find it
    monkeypatch.setenv("PORT", "5090")
    assert local_port(dotenv) == "5090"
