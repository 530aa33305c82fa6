"""The web's access log never carries a board link's token: not in the request line, the path, nor the Referer."""

from __future__ import annotations

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

from bot.logs import REQUEST_LOGGED
from bot.web.access_log import AccessLog, mask_board_tokens

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "b7Qx2kP9vLm4Zt8NwR1sYc6H"


def _line(path: str, referer: str = "-") -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": path.partition("?")[2],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Tablet",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/html")])
    request = SimpleNamespace(headers=[("REFERER", referer), ("HOST", "arrivee.example")])
    return AccessLog(Config()).atoms(response, request, environ, timedelta(milliseconds=3))


def test_board_token_is_masked_in_the_request_line_and_the_path():
    atoms = _line(f"/board/{TOKEN}/state?since=4")
    assert TOKEN not in repr(atoms)
    assert atoms["r"] == "GET /board/…/state?since=4 HTTP/1.1"
    assert atoms["U"] == "/board/…/state"


def test_board_token_is_masked_in_the_referer_of_the_boards_own_requests():
    atoms = _line("/static/board.js", referer=f"https://arrivee.example/board/{TOKEN}")
    assert TOKEN not in repr(atoms)
    assert atoms["f"] == "https://arrivee.example/board/…"
    assert atoms["{referer}i"] == "https://arrivee.example/board/…"


def test_other_lines_are_logged_as_gunicorn_logs_them():
    atoms = _line("/twilio/sms")
    assert atoms["r"] == "GET /twilio/sms HTTP/1.1" and atoms["s"] == "200" and atoms["B"] == 512


def test_masking_keeps_the_rest_of_the_link():
    assert mask_board_tokens(f"/board/{TOKEN}") == "/board/…"
    assert mask_board_tokens(f"/board/{TOKEN}/who") == "/board/…/who"
    assert mask_board_tokens("/api/v1/stores") == "/api/v1/stores"


def test_the_procfiles_gunicorn_settings_use_this_access_log():
    settings = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert settings["logger_class"] == "bot.web.access_log.AccessLog"


def test_a_check_in_links_token_is_masked_too():
    atoms = _line("/c/Gr2HyOVMjXjn69uX?lang=en")
    assert "Gr2HyOVMjXjn69uX" not in repr(atoms)
    assert atoms["r"] == "GET /c/…?lang=en HTTP/1.1" and atoms["U"] == "/c/…"


def test_a_request_the_app_logged_in_its_own_line_gets_no_second_one(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    log = AccessLog(config)
    response = SimpleNamespace(status="200 OK", sent=62, headers=[("Content-Type", "text/xml")])
    request = SimpleNamespace(headers=[("HOST", "arrivee.example")])
    for path, logged in (("/twilio/sms", True), ("/twilio/status", False)):
        environ = {"REQUEST_METHOD": "POST", "RAW_URI": path, "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1"}
        log.access(response, request, {**environ, REQUEST_LOGGED: logged}, timedelta(milliseconds=3))
    [line] = (tmp_path / "access.log").read_text().splitlines()
    assert '"POST /twilio/status HTTP/1.1" 200' in line
