"""The command line (parse, init-db, create-token, demo), each run as its own `python -m bot` process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None, stdin=None):
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_parse_prints_one_json_object_per_line_with_the_contract_fields():
    out = run("parse", stdin="here spot 4, red Civic\nj'arrive dans 10 minutes\n")
    first, second = (json.loads(line) for line in out.splitlines())
    assert set(first) == {"intent", "spot", "vehicle", "order", "eta_minutes", "language"}
    assert (first["intent"], first["spot"], first["language"]) == ("arrived", "4", "en")
    assert (second["intent"], second["eta_minutes"], second["language"]) == ("on_the_way", 10, "fr")


def test_parse_takes_the_text_as_an_argument_and_a_role():
    assert json.loads(run("parse", "--role", "staff", "OK 1234"))["intent"] == "claim"


def test_parse_starts_in_under_a_second():
    started = time.monotonic()
    run("parse", "here")
    # Generous bound for a loaded CI machine; the benchmark measures the real figure.
    assert time.monotonic() - started < 3.0


def test_init_db_create_token_and_demo_work_on_a_fresh_database(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SMS_TRANSPORT": "console",
        "QUEUE_NAME": "cli-test",
    }
    assert "database ready" in run("init-db", env=env)
    token = run("create-token", "pos", env=env).strip()
    assert token.startswith("arv_") and len(token) > 40
    out = run("demo", env=env)
    assert "order 1234 is READY" in out
    assert "order 1234" in run("demo", env=env)  # loading twice is harmless


def test_demo_reset_is_a_flag_and_every_hint_names_the_python_that_has_the_project(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SMS_TRANSPORT": "console",
        "QUEUE_NAME": "cli-test",
    }
    run("init-db", env=env)
    run("demo", env=env)
    out = run("demo", "--reset", env=env)
    assert "order 1234 is READY" in out
    hints = [line.split(":", 1)[-1].strip() for line in out.splitlines() if " -m bot " in line]
    assert len(hints) == 4 and any(hint.endswith("-m bot demo --reset") for hint in hints)
    for hint in hints:
        python = hint.split(" -m bot ", 1)[0]
        assert (ROOT / python).resolve() == Path(sys.executable).resolve(), hint  # not the system's `python`


def test_create_token_for_an_unknown_store_fails_clearly(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    run("init-db", env=env)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "create-token", "x", "--store", "99"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert done.returncode != 0 and "no store 99" in done.stderr
