"""GET /photos/<token>: a customer's picture of their car, for staff phones (Twilio fetches it for the MMS alert)
and the board. The token is signed and expires (bot/usecases/photos.py); the picture is fetched from Twilio with
the account's credentials on each request, so no one else ever needs them, and Twilio's own URL never leaves us."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from ..messaging.errors import SendError
from ..usecases.photos import open_photo
from . import services

bp = Blueprint("photos", __name__)


@bp.get("/photos/<token>")
def photo(token: str):
    if len(token) > 100:
        abort(404)
    try:
        found = open_photo(services(), token)
    except SendError:
        return Response("Twilio is not answering; try again in a moment.", status=503, mimetype="text/plain")
    if found is None:
        abort(404)
    kind, data = found
    response = Response(data, mimetype=kind)
    # A phone or the board may keep it a while; shared caches must not (it is a person's car and plate).
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
