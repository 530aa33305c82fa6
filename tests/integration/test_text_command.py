"""`python -m bot text`: texts the running bot through the signed webhook, prints who got what because of it, and
says what went wrong in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.live import LiveStack
from tests.support.processes import ROOT, free_port


@pytest.fixture
def stack(tmp_path, database_url):
    live = LiveStack(database_url, None, tmp_path).start()
    live.cli("demo")
    yield live
    live.stop(fast=True)


@pytest.fixture
def offline(tmp_path, database_url):
    """The demo in a database, and nothing serving it."""
    live = LiveStack(database_url, None, tmp_path)
    live.cli("init-db")
    live.cli("demo")
    live.url = f"http://127.0.0.1:{free_port()}"
    return live


def text(stack, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "text", "--url", stack.url, *args],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_text_command_prints_each_text_the_bot_sent_because_of_it_or_that_none_was(stack):
    done = text(stack, "--wait", "60", "--from", "514-555-0123", "chu rendue place 4")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "+15145550123 → Plein Air Laurier +15145550100: chu rendue place 4"
    assert "→ +15145550111: Arrivée : Marie L., place 4. Commande #1234. Répondez OK 1234 pour la prendre." in lines
    assert any(line.startswith("→ +15145550123: Merci Marie, c'est noté : place 4") for line in lines)
    done = text(stack, "--wait", "60", "--from", "+15145550199", "merci")  # small talk from a number with no order
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "no text sent in answer"


def test_a_photo_of_the_car_goes_as_an_mms_and_checks_marie_in(stack):
    car = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1.jpg"
    done = text(stack, "--wait", "60", "--from", "514-555-0123", "--photo", car, "")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "+15145550123 → Plein Air Laurier +15145550100:  [photo]"
    alert = "→ +15145550111: Arrivée : Marie L., auto sur la photo. Commande #1234. Répondez OK 1234 pour la prendre."
    assert f"{alert} [photo]" in lines
    assert any(line.startswith("→ +15145550123: Merci Marie, c'est noté : auto sur la photo.") for line in lines)
    refused = text(stack, "--from", "514-555-0123", "--photo", "car.jpg", "")
    assert refused.returncode != 0 and "'car.jpg' is not an http(s) URL" in refused.stderr


@pytest.mark.parametrize(
    "args, says",
    [
        (("--from", "+15145550123", "--to", "+15145559999", "allo"), "+15145559999 is no store's number"),
        (("--from", "+15145550123", "--to", "pizza", "allo"), "'pizza' is not a phone number"),
        (("--from", "12", "allo"), "12"),
    ],
)
def test_a_wrong_number_is_said_in_one_line(offline, args, says):
    done = text(offline, *args)
    assert done.returncode != 0 and says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_a_bot_that_is_not_running_is_said_in_one_line(offline):
    done = text(offline, "--from", "+15145550123", "allo")
    assert done.returncode != 0 and "is the bot running?" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_without_url_the_command_texts_the_port_scripts_dev_serves_on(offline):
    port = free_port()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "text", "--from", "+15145550123", "allo"],
        cwd=ROOT,
        env={**offline.env, "PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and f"nothing answers at http://127.0.0.1:{port} " in done.stderr, done.stderr
    assert "--url" in done.stderr


def test_texting_before_any_store_exists_says_how_to_make_one(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "SMS_TRANSPORT": "console"}
    subprocess.run(
        [sys.executable, "-m", "bot", "init-db"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=60
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "text", "--from", "+15145550123", "allo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "no store yet" in done.stderr and "-m bot demo" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
