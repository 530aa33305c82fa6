"""The one-tap check-in page at /c/<token>: no sign-in (the link is the capability), no JavaScript, both languages.
Views only: read the form, call the check-in use case, render."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from ..core.checkin import ETA_CHOICES, WORDS, words
from ..core.wait import Wait, wait_vars
from ..usecases import checkin
from ..usecases.errors import Gone, Invalid, NotFound
from . import services
from .pages import secure_headers

bp = Blueprint("checkin", __name__, url_prefix="/c", template_folder="templates")
bp.after_request(secure_headers)


def _form_token(token: str) -> str:
    """The per-page form token: bound to the link and the server's secret, so no other page can post a form that
    passes (with the Origin check below, a cross-site post is refused even by a browser that knows the link)."""
    secret = services().settings.secret_key.encode()
    return hmac.new(secret, b"checkin:" + token.encode(), hashlib.sha256).hexdigest()[:32]


def _same_origin() -> bool:
    """A post from another site is refused: by Sec-Fetch-Site where the browser sends it, else by an Origin that
    is not this site's (the request's own, or PUBLIC_BASE_URL's). Under this page's no-referrer policy a browser
    may send "Origin: null" for its own form, and an old one none at all: then the form token alone holds."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return True
    ours = {request.host_url.rstrip("/")}
    base = services().settings.public_base_url
    if base:
        parts = urlsplit(base)
        ours.add(f"{parts.scheme}://{parts.netloc}")
    return origin.rstrip("/") in ours


def _language(default: str) -> str:
    lang = request.values.get("lang")
    return lang if lang in ("en", "fr") else default


def _gone_or_unknown(status: int) -> Response:
    key = "gone" if status == 410 else "unknown"
    body = render_template("checkin_over.html", en=WORDS[key]["en"], fr=words("fr")[key])
    return Response(body, status=status)


@bp.get("/<token>")
def show(token: str):
    try:
        found = checkin.page(services(), token)
    except NotFound:
        return _gone_or_unknown(404)
    except Gone:
        return _gone_or_unknown(410)
    return _render(token, found, _language(found.language))


@bp.post("/<token>")
def send(token: str):
    svc = services()
    sent = request.form.get("form_token", "")
    if not _same_origin() or not hmac.compare_digest(sent.encode(), _form_token(token).encode()):
        abort(403)
    try:
        found = checkin.page(svc, token)
    except NotFound:
        return _gone_or_unknown(404)
    except Gone:
        return _gone_or_unknown(410)
    lang = _language(found.language)
    fields = {k: request.form.get(k, "") for k in ("action", "eta", "where", "spot", "vehicle", "note")}
    try:
        checkin.submit(svc, token, fields, lang)
    except Invalid as exc:
        return _render(token, found, lang, problem=exc.message, fields=fields, status=422)
    except NotFound:
        return _gone_or_unknown(404)
    except Gone:
        return _gone_or_unknown(410)
    return redirect(url_for("checkin.show", token=token, lang=lang, sent=1), code=303)


def _render(token: str, found, lang: str, problem: str | None = None, fields: dict | None = None, status: int = 200):
    w = words(lang)
    # The same words as the acknowledgement texted at arrival (bot/core/wait.py), with the place in line as it is now.
    told = wait_vars(Wait(found.wait_low, found.wait_high, found.place or 1))[f"wait_{lang}"].strip()
    wait = told or None
    body = render_template(
        "checkin.html",
        lang=lang,
        other="fr" if lang == "en" else "en",
        w=w,
        page=found,
        token=token,
        form_token=_form_token(token),
        etas=ETA_CHOICES,
        wait=wait,
        sent=request.args.get("sent") == "1" and problem is None,
        problem=w.get(problem or "") if problem else None,
        fields=fields or {},
    )
    return Response(body, status=status)
