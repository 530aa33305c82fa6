"""The pictures customers send, held at Twilio: fetched for staff with the account's credentials and deleted through
its REST API (the use cases' MediaStore, bot/usecases/ports.py); and the console transport's stand-in."""

from __future__ import annotations

import re

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from ..usecases.ports import MediaGone
from .errors import TransientSendError, classify
from .twilio_http import TWILIO_API, redirected, twilio_http_client

# A picture is at most 5 MB in an MMS (Twilio's limit); anything larger is not one we pass on.
MAX_BYTES = 5 * 1024 * 1024
_MEDIA_PATH = re.compile(
    r"/2010-04-01/Accounts/(?P<account>AC[0-9a-fA-F]{32})/Messages/(?P<message>[A-Z]{2}[0-9a-fA-F]{32})"
    r"/Media/(?P<media>ME[0-9a-fA-F]{32})(?:\.json)?"
)


class TwilioMedia:
    def __init__(self, account_sid: str | None, auth_token: str | None, api_base_url: str | None = None, timeout=10.0):
        self.account_sid, self.auth_token = account_sid or "", auth_token or ""
        self.base_url = api_base_url.rstrip("/") if api_base_url else None
        self.timeout = timeout
        self.client = Client(account_sid, auth_token, http_client=twilio_http_client(api_base_url, timeout, 2))
        self.http = requests.Session()

    def _parts(self, url: str) -> re.Match[str]:
        """Only our own account's media at Twilio (or its stand-in) is ever fetched with the account's credentials:
        a URL elsewhere, however it got into a webhook, is treated as gone."""
        for base in filter(None, (TWILIO_API, self.base_url)):
            if url.startswith(base + "/"):
                found = _MEDIA_PATH.fullmatch(url[len(base) :])
                if found and found["account"] == self.account_sid:
                    return found
        raise MediaGone(url)

    def fetch(self, url: str) -> tuple[str, bytes]:
        self._parts(url)
        try:
            # Twilio answers with a redirect to its CDN; requests drops the credentials when the host changes.
            response = self.http.get(
                redirected(self.base_url, url), auth=(self.account_sid, self.auth_token), timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 404:
            raise MediaGone(url)
        if response.status_code != 200:
            raise classify(response.status_code, None, f"media fetch answered {response.status_code}")
        if len(response.content) > MAX_BYTES:
            raise MediaGone(url)
        return response.headers.get("Content-Type", "application/octet-stream"), response.content

    def delete(self, url: str) -> None:
        try:
            parts = self._parts(url)
        except MediaGone:
            return  # not ours to delete
        try:
            self.client.api.v2010.accounts(parts["account"]).messages(parts["message"]).media(parts["media"]).delete()
        except TwilioRestException as exc:
            if exc.status == 404:
                return  # gone already
            raise classify(exc.status, exc.code, exc.msg or str(exc)) from exc
        except Exception as exc:  # connection refused, timeout: the next retention run tries again
            raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc


# What /photos/<token> shows on the console transport: a drawn car, saying why it is not the customer's picture.
_STAND_IN = """<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
<rect width="480" height="320" fill="#eef1f4"/>
<path d="M90 200 l30-60 q10-20 30-20 h180 q20 0 30 20 l30 60 h20 q10 0 10 10 v30 h-400 v-30 q0-10 10-10z"
 fill="#c0392b"/>
<path d="M135 195 l22-45 q5-10 15-10 h136 q10 0 15 10 l22 45z" fill="#d6eaf8"/>
<circle cx="150" cy="245" r="28" fill="#2c3e50"/><circle cx="330" cy="245" r="28" fill="#2c3e50"/>
<text x="240" y="50" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#2c3e50">\
Photo de l'auto \u00b7 Car photo</text>
<text x="240" y="78" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#566573">\
Transport console\u00a0: l'image reste chez l'exp\u00e9diteur</text>
<text x="240" y="98" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#566573">\
Console transport: the picture stays with the sender</text>
</svg>
""".encode()


class ConsoleMedia:
    """SMS_TRANSPORT=console: there is no carrier holding pictures. A link to one shows a stand-in picture (the
    board's card and the [mms] line's link open, as they would with Twilio) rather than a 404; nothing is fetched
    from the address the message named, which anyone texting the simulator chooses."""

    def fetch(self, url: str) -> tuple[str, bytes]:
        return "image/svg+xml", _STAND_IN

    def delete(self, url: str) -> None:
        return None
