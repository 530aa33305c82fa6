"""`doctor` names each thing that keeps a deployment from working, in one line that says what to do, and exits 1;
a sound deployment gets ok lines and exit 0. Twilio is the stand-in, reached as the sender reaches it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert

from bot.cli import migrate
from bot.data.models import Store
from bot.doctor import run
from config.settings import load_settings
from tests.conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://pickup.example.test"
STORE_NUMBER = "+15145550100"


@pytest.fixture
def migrated(database_url):
    migrate(database_url)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(insert(Store).values(name="Épicerie Demo", sms_number=STORE_NUMBER, board_token="doctor-board"))
    engine.dispose()
    return database_url


def settings_for(database_url, twilio=None, **extra):
    env = {"DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, "PUBLIC_BASE_URL": PUBLIC, "SECRET_KEY": "x" * 40}
    if twilio is not None:
        env.update(
            TWILIO_ACCOUNT_SID=twilio.account_sid,
            TWILIO_AUTH_TOKEN=twilio.auth_token,
            TWILIO_API_BASE_URL=twilio.url,
            TWILIO_TIMEOUT_SECONDS="3",
        )
    env.update(extra)
    return load_settings({k: v for k, v in env.items() if v is not None})


def doctor(settings) -> tuple[int, list[str]]:
    lines: list[str] = []
    status = run(settings, lines.append)
    return status, lines


def line_for(lines: list[str], check: str) -> str:
    found = [line for line in lines if " " in line and line.split(None, 1)[1].startswith(check)]
    assert found, f"no {check} line in {lines}"
    return found[0]


def test_a_sound_deployment_gets_ok_lines_and_exit_0(migrated, twilio):
    twilio.add_number(STORE_NUMBER, sms_url=PUBLIC + "/twilio/sms")
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 0, lines
    for check in ("settings", "database", "redis", "twilio", "webhook Épicerie Demo"):
        assert line_for(lines, check).startswith("ok "), lines
    assert "migrated to head" in line_for(lines, "database")
    assert lines[-1] == "doctor: all good"


def test_without_twilio_credentials_it_notes_texts_are_printed_and_passes(migrated):
    status, lines = doctor(settings_for(migrated))
    assert status == 0, lines
    assert line_for(lines, "twilio").startswith("note") and "TWILIO_AUTH_TOKEN" in line_for(lines, "twilio")


def test_a_database_that_cannot_be_reached_is_named_with_its_password_hidden(twilio):
    settings = settings_for("postgresql://arrivee:hunter2@127.0.0.1:1/arrivee")
    status, lines = doctor(settings)
    assert status == 1
    database = line_for(lines, "database")
    assert database.startswith("FAIL") and "cannot connect" in database and "DATABASE_URL" in database
    assert "hunter2" not in "\n".join(lines) and ":***@" in database


def test_an_empty_database_is_told_to_run_init_db(database_url):
    status, lines = doctor(settings_for(database_url))
    assert status == 1
    assert "no schema" in line_for(lines, "database") and "init-db" in line_for(lines, "database")


def test_a_database_behind_the_code_is_told_to_upgrade(database_url):
    migrate(database_url, "0001")
    status, lines = doctor(settings_for(database_url))
    assert status == 1
    database = line_for(lines, "database")
    assert database.startswith("FAIL") and "schema at 0001" in database and "db upgrade" in database


def test_redis_that_cannot_be_reached_is_named(migrated):
    status, lines = doctor(settings_for(migrated, REDIS_URL="redis://127.0.0.1:1/0"))
    assert status == 1
    redis = line_for(lines, "redis")
    assert redis.startswith("FAIL") and "127.0.0.1:1" in redis and "REDIS_URL" in redis


def test_credentials_twilio_refuses_are_named_with_the_401(migrated, twilio):
    settings = settings_for(migrated, twilio, TWILIO_AUTH_TOKEN="0" * 32)
    status, lines = doctor(settings)
    assert status == 1
    refused = line_for(lines, "twilio")
    assert refused.startswith("FAIL") and "credentials refused (401" in refused and "Twilio console" in refused


def test_a_403_from_twilio_is_named_as_refused_credentials_too(migrated, twilio):
    twilio.account_refusal = (403, 20003)
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 1 and "credentials refused (403, code 20003)" in line_for(lines, "twilio")


def test_a_suspended_twilio_account_is_named(migrated, twilio):
    twilio.account_status = "suspended"
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 1 and "is suspended" in line_for(lines, "twilio")


def test_twilio_that_cannot_be_reached_is_named(migrated, twilio):
    settings = settings_for(migrated, twilio, TWILIO_API_BASE_URL="http://127.0.0.1:1")
    status, lines = doctor(settings)
    assert status == 1 and "cannot reach Twilio" in line_for(lines, "twilio")


def test_twilio_credentials_without_public_base_url_are_a_settings_failure(migrated, twilio):
    settings = settings_for(migrated, twilio, PUBLIC_BASE_URL=None)
    status, lines = doctor(settings)
    assert status == 1
    assert any(line.startswith("FAIL settings: PUBLIC_BASE_URL is not set") for line in lines), lines


def test_a_store_number_whose_webhook_points_elsewhere_says_which_url_to_set(migrated, twilio):
    twilio.add_number(STORE_NUMBER, sms_url="https://old-host.example/sms")
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 1
    webhook = line_for(lines, "webhook Épicerie Demo +15145550100")
    assert webhook.startswith("FAIL") and "https://old-host.example/sms" in webhook
    assert f"Webhook {PUBLIC}/twilio/sms (HTTP POST)" in webhook


def test_a_store_number_with_no_webhook_or_a_get_webhook_is_named(migrated, twilio):
    twilio.add_number(STORE_NUMBER, sms_url="")
    assert "Twilio has no webhook" in line_for(doctor(settings_for(migrated, twilio))[1], "webhook")
    twilio.add_number(STORE_NUMBER, sms_url=PUBLIC + "/twilio/sms", sms_method="GET")
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 1 and "HTTP GET: set it to HTTP POST" in line_for(lines, "webhook")


def test_a_store_number_not_on_the_account_is_named(migrated, twilio):
    status, lines = doctor(settings_for(migrated, twilio))
    assert status == 1 and "not on this Twilio account" in line_for(lines, "webhook")


def python_m_bot_doctor(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "PUBLIC_BASE_URL", "ARRIVEE_ENV"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "doctor"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "SECRET_KEY": "x" * 40, **env},
        timeout=60,
    )


def test_python_m_bot_doctor_names_a_setting_that_keeps_the_app_from_starting(tmp_path):
    done = python_m_bot_doctor({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "REDIS_URL": "http://nope"})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("FAIL settings: REDIS_URL must start with redis://")


def test_flask_doctor_runs_every_check_and_exits_by_the_result(migrated):
    env = {"DATABASE_URL": migrated, "REDIS_URL": REDIS_URL}
    done = python_m_bot_doctor(env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "doctor: all good"
    flask = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "bot", "doctor"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "REDIS_URL": "redis://127.0.0.1:1/0"},
        timeout=60,
    )
    assert flask.returncode == 1 and "FAIL redis" in flask.stdout, flask.stdout + flask.stderr
