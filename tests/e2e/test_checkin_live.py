"""The one-tap check-in through real processes: gunicorn and an RQ worker on Redis, the Twilio stand-in. The
order-ready text carries the link; posting the page alerts staff and acknowledges the customer by text."""

from __future__ import annotations

import re

import requests

from tests.e2e.test_live_conversation import JULIE, MARIE, STORE, bodies
from tests.e2e.test_live_conversation import shop as shop  # noqa: F401 - the store, its staff, a token


def test_the_ready_text_carries_the_link_and_posting_the_page_is_an_arrival(stack, twilio, shop):  # noqa: F811
    store, token = shop
    created = stack.api(
        "POST",
        f"/stores/{store['id']}/orders",
        token,
        json={"number": "1234", "customer_name": "Marie Lavoie", "customer_phone": MARIE, "status": "ready"},
    )
    assert created.status_code == 201, created.text
    [ready] = bodies(twilio, MARIE, 1)
    link = re.search(re.escape(stack.url) + r"/c/[A-Za-z0-9_-]{16}", ready).group(0)

    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and "Je suis là" in page.text and "<script" not in page.text
    form_token = re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)
    posted = requests.post(
        link,
        data={"form_token": form_token, "action": "here", "where": "car", "spot": "7", "vehicle": "Civic rouge"},
        headers={"Origin": stack.url},
        allow_redirects=False,
        timeout=10,
    )
    assert posted.status_code == 303, posted.text

    [alert] = bodies(twilio, JULIE, 1)
    assert "place 7" in alert and "Civic rouge" in alert and "Marie L." in alert
    ack = bodies(twilio, MARIE, 2)[1]
    assert "place 7" in ack and "#1234" in ack
    order = stack.api("GET", f"/stores/{store['id']}/orders/1234", token).json()
    assert order["handoff"]["status"] == "waiting" and order["handoff"]["spot"] == "7"

    stack.text(JULIE, STORE, "OK")
    stack.text(JULIE, STORE, "FAIT")
    bodies(twilio, MARIE, 4)
    assert requests.get(link, timeout=10).status_code == 410
