"""Twilio's webhook form and its X-Twilio-Signature: the form parsed as Twilio signs it, and the signature checked
as Twilio's RequestValidator checks it, faster (the inbound webhook runs it on every text)."""

from __future__ import annotations

import base64
import hmac
from functools import lru_cache
from urllib.parse import unquote, urlparse

from flask import request
from twilio.request_validator import add_port, remove_port


class TwilioForm(dict):
    """A webhook's urlencoded form as {name: [values]}. Werkzeug's form parser (stream wrappers, a MultiDict) took
    twice as long as the standard library's parse_qs for Twilio's ~20 fields, and parse_qs twice as long as the
    loop below (bench/README.md, docs/performance.md), which gives the same result: tests/unit check it against
    parse_qs. Twilio's validator wants this shape anyway (it asks for `getall`, which a MultiDict lacks)."""

    getall = dict.__getitem__
    MAX_FIELDS = 1000  # as Werkzeug's max_form_parts: Twilio sends about 20

    @classmethod
    def parse(cls, body: bytes) -> TwilioForm:
        """As parse_qs(keep_blank_values=True) of the body read as UTF-8: blank values are kept (Twilio signs them);
        bytes that are not UTF-8 become U+FFFD, as with Werkzeug. Raises ValueError past MAX_FIELDS."""
        text = body.decode("utf-8", "replace")
        form = cls()
        if not text:
            return form
        if text.count("&") >= cls.MAX_FIELDS:
            raise ValueError(f"more than {cls.MAX_FIELDS} form fields")
        for pair in text.split("&"):
            if not pair:
                continue
            name, _, value = pair.partition("=")
            name, value = _unquote_plus(name), _unquote_plus(value)
            values = form.get(name)
            if values is None:
                form[name] = [value]
            else:
                values.append(value)
        return form

    @classmethod
    def of_request(cls) -> TwilioForm:
        """The current request's form; empty unless it is urlencoded (Twilio's only kind). Flask's
        MAX_CONTENT_LENGTH bounds the body read (413 past it)."""
        if request.mimetype != "application/x-www-form-urlencoded":
            return cls()
        return cls.parse(request.get_data(cache=False))

    def first(self, name: str) -> str | None:
        values = self.get(name)
        return values[0] if values else None


def _unquote_plus(text: str) -> str:
    if "+" in text:
        text = text.replace("+", " ")
    return unquote(text) if "%" in text else text


def signature_of(token: str, url: str, form: TwilioForm) -> str:
    """Twilio's X-Twilio-Signature (HMAC-SHA1) of a form POST: RequestValidator.compute_signature's algorithm (the
    URL, then each field name with each of its distinct values, both sorted), in one C call for the HMAC."""
    parts = [url]
    for name in sorted(form):
        values = form[name]
        if len(values) == 1:  # Twilio's every field: no set to make and sort (a third of the check's time)
            parts.append(name + values[0])
        else:
            parts.extend([name + value for value in sorted(set(values))])
    data = "".join(parts)
    return base64.b64encode(hmac.digest(token.encode(), data.encode(), "sha1")).decode()


def valid_signature(token: str, url: str, form: TwilioForm, signature: str) -> bool:
    """Twilio's RequestValidator.validate for a form POST, which accepts the URL with or without its port
    (Twilio is inconsistent there) and computed both HMACs for every request: here the variant that is the
    URL as it came is tried first, the other only if that one does not match. The same URLs pass."""
    variants = _url_variants(url)
    if variants is None or not signature:
        return False
    sent = signature.encode("utf-8", "replace")
    return any(hmac.compare_digest(signature_of(token, variant, form).encode(), sent) for variant in variants)


@lru_cache(maxsize=64)
def _url_variants(url: str) -> tuple[str, str] | None:
    """The URL as it came, then with its port added or removed; parsed once per URL (the webhook has one)."""
    parsed = urlparse(url)
    try:
        has_port = parsed.port is not None
    except ValueError:  # a Host header with a port that is no port: no URL Twilio could have signed
        return None
    return (add_port(parsed), remove_port(parsed)) if has_port else (remove_port(parsed), add_port(parsed))
