"""The front page at /: what this is and where its pages are, in both languages, under the pages' strict CSP."""

from __future__ import annotations

import re

from bot import create_app
from tests.support.conversation import app_with

LINKS = (
    'href="/simulator?lang=fr"',
    'href="/simulator?lang=en"',
    'href="/admin"',
    'href="/api/v1/openapi.json"',
    'href="/healthz"',
)


def test_the_front_page_says_what_this_is_in_french_and_english_and_links_every_page(svc):
    client = create_app(services=svc).test_client()
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert '<section lang="fr"' in page and '<section lang="en"' in page
    assert "cueillette à l'auto par texto" in page and "curbside pickup by text message" in page
    assert all(link in page for link in LINKS), page
    assert "scripts/dev" in page and ".venv/bin/python -m bot demo" in page  # where the board's secret link is


def test_the_front_pages_links_lead_somewhere(svc):
    client = create_app(services=svc).test_client()
    page = client.get("/").get_data(as_text=True)
    for path in ("/simulator?lang=fr", "/api/v1/openapi.json"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200, path


def test_the_front_page_has_no_inline_script_or_style_so_the_csp_holds(svc):
    response = create_app(services=svc).test_client().get("/")
    page = response.get_data(as_text=True)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<script" not in page and "<style" not in page and not re.search(r"\sstyle=", page)
    assert "/assets/pages.css" in page


def test_with_real_twilio_credentials_the_front_page_does_not_link_the_simulator(database_url):
    with app_with(
        database_url,
        SMS_TRANSPORT="twilio",
        SECRET_KEY="x",
        TWILIO_ACCOUNT_SID="AC" + "1" * 32,
        TWILIO_AUTH_TOKEN="secret",
    ) as client:
        page = client.get("/").get_data(as_text=True)
    assert "/simulator" not in page and 'href="/admin"' in page
