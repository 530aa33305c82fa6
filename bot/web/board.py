"""The staff live board at /board/<token>: pick who you are, watch handoffs live, claim, close, mark ready."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, session, url_for

from ..usecases import board, staff
from ..usecases.errors import Conflict, Invalid, NotFound
from . import services
from .pages import check_csrf, csrf_token, live_stream, secure_headers

bp = Blueprint("board", __name__, url_prefix="/board", template_folder="templates")
bp.before_request(check_csrf)
bp.after_request(secure_headers)

# How long one event stream lives (a worker thread each) and how often it polls without a Redis notice.
STREAM_SECONDS = 25
POLL_SECONDS = 3

# The interface's words, in each staff member's language; the page's script gets the same table.
STRINGS = {
    "en": {
        "title": "Pickup board",
        "who": "Who are you?",
        "who_help": "Pick your name: claims are made in it.",
        "not_me": "Not {name}? Switch",
        "waiting": "Waiting",
        "claimed": "Taken",
        "on_the_way": "On the way",
        "done": "Handed off today",
        "claim": "Claim",
        "close": "Done",
        "ready": "Mark #{number} ready",
        "door": "At the door",
        "spot": "Spot {spot}",
        "no_spot": "Spot not given yet",
        "spot_in_photo": "Car in the photo",
        "eta_in": "in about {minutes} min",
        "eta_late": "expected {minutes} min ago",
        "eta_none": "no time given",
        "waited": "waiting {time}",
        "waited_done": "waited {time}",
        "taken_by": "Taken by {name}",
        "closed_by": "by {name}",
        "not_ready": "Order NOT ready",
        "unverified": "Phone not on file: check the name",
        "no_texts": "Opted out of texts: can't be texted back",
        "photo": "Photo of the car",
        "note": "Note",
        "nobody_waiting": "Nobody is waiting.",
        "nobody_claimed": "Nothing taken.",
        "nobody_coming": "Nobody on the way.",
        "nothing_done": "No handoff yet today.",
        "ready_form": "Order ready",
        "ready_placeholder": "Order #",
        "ready_done": "Order #{number} is marked ready.",
        "sound_on": "Sound on",
        "sound_off": "Tap for sound",
        "live": "Live",
        "offline": "Reconnecting…",
        "new_arrival": "New arrival: {customer}",
        "paused": "Pickups are paused",
        "told_about": "Told: about {low} min",
        "told_range": "Told: {low} to {high} min",
        "error": "Something went wrong",
        "roles": {"staff": "staff", "manager": "manager", "owner": "owner"},
        "off_duty": "off duty",
        "no_staff": "No staff on this store's roster yet: add them first.",
    },
    "fr": {
        "title": "Tableau de cueillette",
        "who": "Qui êtes-vous?",
        "who_help": "Choisissez votre nom : les prises en charge seront à votre nom.",
        "not_me": "Pas {name}? Changer",
        "waiting": "En attente",
        "claimed": "Pris en charge",
        "on_the_way": "En route",
        "done": "Remis aujourd'hui",
        "claim": "Je m'en occupe",
        "close": "Fait",
        "ready": "Marquer #{number} prête",
        "door": "À la porte",
        "spot": "Place {spot}",
        "no_spot": "Place pas encore donnée",
        "spot_in_photo": "Auto sur la photo",
        "eta_in": "dans environ {minutes} min",
        "eta_late": "attendu il y a {minutes} min",
        "eta_none": "heure non donnée",
        "waited": "attend depuis {time}",
        "waited_done": "a attendu {time}",
        "taken_by": "Pris par {name}",
        "closed_by": "par {name}",
        "not_ready": "Commande PAS prête",
        "unverified": "Numéro inconnu : vérifiez le nom",
        "note": "Note",
        "no_texts": "A refusé les textos : impossible de lui répondre",
        "photo": "Photo de l'auto",
        "nobody_waiting": "Personne n'attend.",
        "nobody_claimed": "Rien de pris.",
        "nobody_coming": "Personne en route.",
        "nothing_done": "Aucune remise aujourd'hui.",
        "ready_form": "Commande prête",
        "ready_placeholder": "No de commande",
        "ready_done": "La commande #{number} est marquée prête.",
        "sound_on": "Son activé",
        "sound_off": "Touchez pour le son",
        "live": "En direct",
        "offline": "Reconnexion…",
        "new_arrival": "Nouvelle arrivée : {customer}",
        "paused": "La cueillette est suspendue",
        "told_about": "Annoncé : environ {low} min",
        "told_range": "Annoncé : de {low} à {high} min",
        "error": "Une erreur est survenue",
        "roles": {"staff": "employé·e", "manager": "gérant·e", "owner": "propriétaire"},
        "off_duty": "hors service",
        "no_staff": "Aucun membre du personnel pour ce magasin : ajoutez-en d'abord.",
    },
}


def _json_error(status: int, error: str, message: str):
    response = jsonify(error=error, message=message)
    response.status_code = status
    return response


@bp.errorhandler(Invalid)
def _invalid(exc: Invalid):
    return _json_error(422, "invalid", exc.message)


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound):
    return _json_error(404, "not_found", str(exc))


@bp.errorhandler(Conflict)
def _conflict(exc: Conflict):
    return _json_error(409, "conflict", str(exc))


def _store(token: str) -> dict:
    store = board.store_for_token(services().db, token)
    if store is None:
        abort(404)
    return store


def _me(store: dict) -> dict | None:
    """The staff member this browser said it is, for this store (kept in the session cookie)."""
    chosen = session.get("board", {}).get(str(store["id"]))
    return board.staff_member(services().db, store["id"], chosen)


def _acting(token: str) -> tuple[dict, dict]:
    store = _store(token)
    me = _me(store)
    if me is None:
        abort(_json_error(403, "who", "pick who you are on the board first"))
    return store, me


@bp.get("/<token>")
def page(token: str):
    store = _store(token)
    me = _me(store)
    if me is None:
        roster = board.roster(services().db, store["id"])
        return render_template("board_who.html", store=store, roster=roster, strings=STRINGS, lang=store["language"])
    lang = me["language"] if me["language"] in STRINGS else "fr"
    config = {
        "lang": lang,
        "strings": STRINGS[lang],
        "csrf": csrf_token(),
        "me": me,
        "state_url": url_for("board.state", token=token),
        "events_url": url_for("board.events", token=token),
        "page_url": url_for("board.page", token=token),
        "ready_url": url_for("board.ready", token=token),
    }
    return render_template("board.html", store=store, me=me, t=STRINGS[lang], lang=lang, config=config)


@bp.post("/<token>/who")
def who(token: str):
    store = _store(token)
    try:
        staff_id = int(request.form.get("staff_id", ""))
    except ValueError:
        abort(400)
    if board.staff_member(services().db, store["id"], staff_id) is None:
        abort(400)
    chosen = dict(session.get("board", {}))
    chosen[str(store["id"])] = staff_id
    session["board"] = chosen
    session.permanent = True  # the tablet at the door remembers who it is
    return redirect(url_for("board.page", token=token), code=303)


@bp.post("/<token>/leave")
def leave(token: str):
    store = _store(token)
    chosen = dict(session.get("board", {}))
    chosen.pop(str(store["id"]), None)
    session["board"] = chosen
    return redirect(url_for("board.page", token=token), code=303)


@bp.get("/<token>/state")
def state(token: str):
    store = _store(token)
    svc = services()
    return jsonify(board.board_state(svc.db, store["id"], svc.clock(), svc.settings.secret_key))


@bp.get("/<token>/events")
def events(token: str):
    store = _store(token)
    svc = services()
    store_id = store["id"]
    stream = live_stream(
        svc,
        store_id,
        lambda: board.board_version(svc.db, store_id, svc.clock(), svc.settings.secret_key),
        current_app.config.get("ARRIVEE_STREAM_SECONDS", STREAM_SECONDS),
        current_app.config.get("ARRIVEE_STREAM_POLL_SECONDS", POLL_SECONDS),
    )
    return Response(
        stream, mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


@bp.post("/<token>/handoffs/<int:handoff_id>/<action>")
def act(token: str, handoff_id: int, action: str):
    store, me = _acting(token)
    replies = staff.act(services(), store["id"], me["id"], action, handoff_id)
    return jsonify(replies=replies)


@bp.post("/<token>/ready")
def ready(token: str):
    store, me = _acting(token)
    data = request.get_json(silent=True) or {}
    number = data.get("number") if isinstance(data, dict) else None
    order = staff.ready(services(), store["id"], number)
    lang = me["language"] if me["language"] in STRINGS else "fr"
    return jsonify(replies=[STRINGS[lang]["ready_done"].format(number=order.number)])
