"""The phone simulator at /simulator (console transport only): text the store as any phone through the
signed Twilio webhook, and watch every text the bot sends, per phone."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from twilio.request_validator import RequestValidator

from ..demo import STORE_NUMBER as DEMO_STORE_NUMBER
from ..usecases import simulator
from ..usecases.errors import Invalid, NotFound
from . import services
from .pages import check_csrf, csrf_token, live_stream, secure_headers

bp = Blueprint("simulator", __name__, url_prefix="/simulator", template_folder="templates")

STREAM_SECONDS = 25
POLL_SECONDS = 2
MAX_BODY = 1600

STRINGS = {
    "en": {
        "title": "Phone simulator",
        "intro": "Text the store as any phone. Nothing leaves this machine (console transport).",
        "store": "Store",
        "texts_to": "Texting",
        "board": "Open the staff board",
        "pick": "Phones",
        "other": "Another number",
        "add": "Add",
        "send": "Send",
        "placeholder": "Text the store…",
        "empty": "Pick a phone above, or type a number, to start texting.",
        "roles": {
            "customer": "customer",
            "staff": "staff",
            "manager": "manager",
            "owner": "owner",
            "unknown": "unknown",
        },
        "status": {
            "queued": "queued",
            "sending": "sending",
            "sent": "sent",
            "delivered": "delivered",
            "skipped": "not sent: opted out",
            "failed": "failed",
            "received": "received",
            "processed": "read",
            "ignored": "ignored",
        },
        "webhook": "webhook answered {status}",
        "switch": "Français",
        "no_store": "No store yet: run .venv/bin/python -m bot demo.",
    },
    "fr": {
        "title": "Simulateur de téléphone",
        "intro": "Textez le magasin depuis n'importe quel numéro. Rien ne sort de cette machine (transport console).",
        "store": "Magasin",
        "texts_to": "Numéro texté",
        "board": "Ouvrir le tableau du personnel",
        "pick": "Téléphones",
        "other": "Autre numéro",
        "add": "Ajouter",
        "send": "Envoyer",
        "placeholder": "Texter le magasin…",
        "empty": "Choisissez un téléphone ci-dessus, ou entrez un numéro.",
        "roles": {
            "customer": "client·e",
            "staff": "employé·e",
            "manager": "gérant·e",
            "owner": "propriétaire",
            "unknown": "inconnu",
        },
        "status": {
            "queued": "en file",
            "sending": "envoi",
            "sent": "envoyé",
            "delivered": "livré",
            "skipped": "non envoyé : désabonné",
            "failed": "échec",
            "received": "reçu",
            "processed": "lu",
            "ignored": "ignoré",
        },
        "webhook": "le webhook a répondu {status}",
        "switch": "English",
        "no_store": "Aucun magasin : lancez .venv/bin/python -m bot demo.",
    },
}


def available(settings) -> bool:
    """With real Twilio credentials, or in production, this page would let anyone impersonate any phone: it does
    not exist then."""
    return settings.sms_transport == "console" and settings.env != "production"


@bp.before_request
def _console_only():
    if not available(services().settings):
        abort(404)
    check_csrf()


bp.after_request(secure_headers)


@bp.errorhandler(Invalid)
def _invalid(exc: Invalid):
    response = jsonify(error="invalid", field=exc.field, message=exc.message)
    response.status_code = 422
    return response


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound):
    response = jsonify(error="not_found", message=str(exc))
    response.status_code = 404
    return response


def _language() -> str:
    asked = request.args.get("lang")
    return asked if asked in STRINGS else (request.accept_languages.best_match(["fr", "en"]) or "fr")


def _store() -> dict:
    store = simulator.pick_store(services().db, request.args.get("store", type=int), DEMO_STORE_NUMBER)
    if store is None:
        abort(404)
    return store


@bp.get("")
def page():
    lang = _language()
    db = services().db
    store = simulator.pick_store(db, request.args.get("store", type=int), DEMO_STORE_NUMBER)
    if store is None:
        return render_template("simulator.html", lang=lang, t=STRINGS[lang], store=None, stores=[], config={})
    config = {
        "lang": lang,
        "strings": STRINGS[lang],
        "csrf": csrf_token(),
        "store": store,
        "messages_url": url_for("simulator.messages", store=store["id"]),
        "events_url": url_for("simulator.events", store=store["id"]),
        "send_url": url_for("simulator.send"),
    }
    return render_template(
        "simulator.html",
        lang=lang,
        t=STRINGS[lang],
        store=store,
        stores=simulator.stores(db),
        config=config,
        other_lang="en" if lang == "fr" else "fr",
    )


@bp.get("/messages")
def messages():
    store = _store()
    db = services().db
    return jsonify(
        store=store, people=simulator.people(db, store["id"]), messages=simulator.message_log(db, store["id"])
    )


@bp.get("/events", endpoint="events")
def events_stream():
    store = _store()
    svc = services()
    stream = live_stream(
        svc,
        store["id"],
        lambda: simulator.log_version(svc.db, store["id"]),
        current_app.config.get("ARRIVEE_STREAM_SECONDS", STREAM_SECONDS),
        current_app.config.get("ARRIVEE_STREAM_POLL_SECONDS", POLL_SECONDS),
    )
    return Response(
        stream, mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


@bp.post("/send")
def send():
    """Text the store as `from`: the same signed webhook Twilio calls, dispatched inside this process
    (an HTTP call to ourselves could wait forever on a busy server's last free worker)."""
    svc = services()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid("body", "send a JSON object {store, from, body}")
    store = simulator.pick_store(
        svc.db, data.get("store") if isinstance(data.get("store"), int) else None, DEMO_STORE_NUMBER
    )
    if store is None:
        raise NotFound("no store yet")
    phone = simulator.phone_number(data.get("from"), store)
    body = data.get("body")
    if not isinstance(body, str) or not body.strip() or len(body) > MAX_BODY:
        raise Invalid("body", f"must be a non-empty text of at most {MAX_BODY} characters")
    form = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": svc.settings.twilio_account_sid or "AC" + "0" * 32,
        "From": phone,
        "To": store["sms_number"],
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
    }
    # Sign for the URL the webhook checks: PUBLIC_BASE_URL's when set, else the one this request came to.
    base = svc.settings.public_base_url or request.host_url.rstrip("/")
    signature = RequestValidator(svc.webhook_token).compute_signature(base + "/twilio/sms", form)
    answer = current_app.test_client().post(
        "/twilio/sms", data=form, base_url=request.host_url, headers={"X-Twilio-Signature": signature}
    )
    svc.notices.publish(store["id"])
    return jsonify(
        status=answer.status_code, sid=form["MessageSid"], **{"from": phone}
    ), 200 if answer.status_code == 200 else 502
