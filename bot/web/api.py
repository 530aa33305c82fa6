"""The JSON API for integrators (POS, e-commerce): bearer tokens, store-scoped, validated input."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..usecases import order_records, orders, replies, roster, stores
from ..usecases.errors import Conflict, Invalid, NotFound
from . import services
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.field = status, error, message, field


@bp.app_errorhandler(ApiError)  # also for /metrics, which shares the bearer check
def _api_error(exc: ApiError):
    body = {"error": exc.error, "message": exc.message}
    if exc.field:
        body["field"] = exc.field
    response = jsonify(body)
    response.status_code = exc.status
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="arrivee"'
    return response


@bp.errorhandler(Invalid)
def _invalid(exc: Invalid):
    return jsonify(error="invalid", field=exc.field, message=exc.message), 422


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound):
    return jsonify(error="not_found", message=str(exc)), 404


@bp.errorhandler(Conflict)
def _conflict(exc: Conflict):
    return jsonify(error="conflict", message=str(exc)), 409


# Routing errors happen before Flask knows the blueprint, so these are app-wide handlers that answer JSON
# under /api/ only and leave every other path's error page alone.
_HTTP_ERRORS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "internal_error",
}


def _http_error(exc: HTTPException):
    if not request.path.startswith(bp.url_prefix + "/"):
        return exc
    response = jsonify(error=_HTTP_ERRORS.get(exc.code, "error"), message=exc.description or exc.name)
    response.status_code = exc.code
    for name, value in exc.get_headers():
        if name.lower() == "allow":  # a 405 names the methods that would work
            response.headers[name] = value
    return response


for _code in _HTTP_ERRORS:
    bp.app_errorhandler(_code)(_http_error)


def authenticated(view):
    @wraps(view)
    def checked(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>")
        row = stores.authenticate(services().db, token.strip())
        if row is None:
            raise ApiError(401, "unauthorized", "unknown or revoked token")
        store_id = kwargs.get("store_id")
        if row.store_id is not None and store_id is not None and row.store_id != store_id:
            raise ApiError(403, "forbidden", "this token is for another store")
        g.api_token = row
        if request.blueprint == bp.name:
            unknown = sorted(name[:40] for name in set(request.args) - QUERY.get(request.endpoint, set()))
            if unknown:
                raise ApiError(422, "invalid", f"unknown query parameter(s): {', '.join(unknown)}", field=unknown[0])
        return view(*args, **kwargs)

    return checked


# The query parameters each API call takes: any other is refused, like an unknown body field.
QUERY = {"api.list_handoffs": {"status"}}


def body(allowed: set[str], required: set[str]) -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object (Content-Type: application/json)")
    unknown = sorted(name[:40] for name in set(data) - allowed)  # echoed back: kept short
    if unknown:
        raise ApiError(422, "invalid", f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    missing = sorted(required - set(data))
    if missing:
        raise ApiError(422, "invalid", f"missing required field(s): {', '.join(missing)}", field=missing[0])
    return data


def board_url(store) -> str:
    base = services().settings.public_base_url or request.host_url.rstrip("/")
    return f"{base}/board/{store.board_token}"


def store_dict(store) -> dict:
    return {
        "id": store.id,
        "name": store.name,
        "sms_number": store.sms_number,
        "timezone": store.timezone,
        "language": store.language,
        "escalation_seconds": store.escalation_seconds,
        "hours": store.hours,
        "handoff_mode": store.handoff_mode,
        "paused": store.paused,
        "pause_message": store.pause_message,
        "landline": store.landline,
        "board_url": board_url(store),
    }


def staff_dict(member) -> dict:
    return {
        "id": member.id,
        "name": member.name,
        "phone": member.phone,
        "role": member.role,
        "language": member.language,
        "on_duty": member.on_duty,
    }


@bp.get("/openapi.json")
def openapi():
    return jsonify(document(request.host_url.rstrip("/")))


@bp.post("/stores")
@authenticated
def create_store():
    if g.api_token.store_id is not None:
        raise ApiError(403, "forbidden", "only a token without a store may create stores")
    data = body({"sms_number", *stores.SETTINGS}, {"name", "sms_number", "timezone", "language"})
    store = stores.create_store(services().db, **data)
    return jsonify(store_dict(store)), 201


@bp.get("/stores/<int:store_id>")
@authenticated
def get_store(store_id: int):
    return jsonify(store_dict(stores.get_store(services().db, store_id)))


@bp.patch("/stores/<int:store_id>")
@authenticated
def update_store(store_id: int):
    data = body(set(stores.SETTINGS), set())
    return jsonify(store_dict(stores.change_settings(services(), store_id, data)))


@bp.get("/stores/<int:store_id>/staff")
@authenticated
def list_staff(store_id: int):
    return jsonify([staff_dict(m) for m in roster.roster(services().db, store_id)])


@bp.patch("/stores/<int:store_id>/staff/<int:staff_id>")
@authenticated
def update_staff(store_id: int, staff_id: int):
    data = body(set(roster.MEMBER_FIELDS), set())
    return jsonify(staff_dict(roster.update_staff(services().db, store_id, staff_id, data)))


@bp.delete("/stores/<int:store_id>/staff/<int:staff_id>")
@authenticated
def remove_staff(store_id: int, staff_id: int):
    roster.remove_staff(services(), store_id, staff_id)
    return "", 204


@bp.post("/stores/<int:store_id>/staff")
@authenticated
def add_staff(store_id: int):
    data = body({"name", "phone", "role", "language", "on_duty"}, {"name", "phone", "role"})
    member = roster.enlist(services(), store_id, **data)
    return jsonify(staff_dict(member)), 201


@bp.post("/stores/<int:store_id>/orders")
@authenticated
def create_order(store_id: int):
    data = body(
        {"number", "customer_name", "customer_phone", "language", "items", "status"}, {"number", "customer_phone"}
    )
    return jsonify(orders.create_order(services(), store_id, **data)), 201


@bp.post("/stores/<int:store_id>/orders/<number>/ready")
@authenticated
def mark_ready(store_id: int, number: str):
    orders.mark_ready(services(), store_id, number)
    return jsonify(order_records.get_order(services().db, store_id, number))


@bp.get("/stores/<int:store_id>/orders/<number>")
@authenticated
def get_order(store_id: int, number: str):
    return jsonify(order_records.get_order(services().db, store_id, number))


@bp.get("/stores/<int:store_id>/handoffs")
@authenticated
def list_handoffs(store_id: int):
    status = request.args.get("status") or None
    return jsonify(order_records.list_handoffs(services().db, store_id, status))


@bp.put("/stores/<int:store_id>/auto-replies/<key>")
@authenticated
def set_auto_reply(store_id: int, key: str):
    data = body({"en", "fr"}, set())
    return jsonify(replies.set_auto_reply(services().db, store_id, key, data.get("en"), data.get("fr")))
