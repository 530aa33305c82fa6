"""The OpenAPI 3.0 document of the JSON API, served at /api/v1/openapi.json.

Over 300 lines, kept whole: it is one document, data, with its schemas beside the paths that use them.
"""

from __future__ import annotations

from ..core.statuses import OPEN_ORDER, HandoffStatus, OrderStatus
from ..core.texts import OVERRIDABLE


def _values(statuses) -> list[str]:
    """Plain strings, as the document is data for any JSON or schema tool."""
    return [s.value for s in statuses]


LANG = {"type": "string", "enum": ["en", "fr"]}
LANG_OR_NULL = {**LANG, "nullable": True, "enum": ["en", "fr", None]}
MAX_ID = 2**31 - 1
TS = {"type": "string", "format": "date-time", "nullable": True}
ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}},
}

HOURS = {
    "type": "object",
    "nullable": True,
    "description": 'e.g. {"mon": ["09:00", "17:00"]}; a missing day is closed',
    "additionalProperties": False,
    "properties": {
        d: {
            "type": "array",
            "nullable": True,
            "items": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "minItems": 2,
            "maxItems": 2,
        }
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    },
}

SETTINGS = {
    "name": {"type": "string", "minLength": 1, "maxLength": 120},
    "timezone": {"type": "string", "maxLength": 64, "example": "America/Toronto"},
    "language": LANG,
    "escalation_seconds": {"type": "integer", "minimum": 30, "maximum": 3600},
    "hours": HOURS,
    "handoff_mode": {"type": "string", "enum": ["car", "door", "both"]},
    "paused": {"type": "boolean", "description": "arrivals get the pause message; staff are not alerted"},
    "pause_message": {
        "type": "string",
        "maxLength": 300,
        "nullable": True,
        "description": "what arriving customers are told while paused",
    },
    "landline": {
        "type": "string",
        "maxLength": 40,
        "nullable": True,
        "description": "the store's phone, called when an arrival is still unclaimed after the last text "
        "escalation (within store hours); E.164, or North American digits; empty or null: no calls",
    },
}
STORE_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "sms_number", "timezone", "language"],
    "properties": {"sms_number": {"type": "string", "description": "the store's Twilio number, E.164"}, **SETTINGS},
}
STORE_CHANGES = {
    "type": "object",
    "additionalProperties": False,
    "properties": SETTINGS,
    "description": "any of the store's settings; all are applied, or (one bad value) none",
}
STORE = {
    "type": "object",
    "required": ["id", "name", "sms_number", "timezone", "language", "escalation_seconds", "board_url"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "sms_number": {"type": "string"},
        "timezone": {"type": "string"},
        "language": LANG,
        "escalation_seconds": {"type": "integer"},
        "hours": HOURS,
        "handoff_mode": {"type": "string"},
        "paused": {"type": "boolean"},
        "pause_message": {"type": "string", "nullable": True},
        "landline": {"type": "string", "nullable": True},
        "board_url": {"type": "string"},
    },
}
STAFF_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "phone", "role"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 120},
        "phone": {"type": "string"},
        "role": {"type": "string", "enum": ["staff", "manager", "owner"]},
        "language": {**LANG_OR_NULL, "description": "null or absent: the store's"},
        "on_duty": {"type": "boolean", "default": True},
    },
}
STAFF_CHANGES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 120},
        "role": {"type": "string", "enum": ["staff", "manager", "owner"]},
        "language": LANG,
        "on_duty": {"type": "boolean"},
    },
}
STAFF = {
    "type": "object",
    "required": ["id", "name", "phone", "role", "language", "on_duty"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "phone": {"type": "string"},
        "role": {"type": "string"},
        "language": LANG,
        "on_duty": {"type": "boolean"},
    },
}
ORDER_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["number", "customer_phone"],
    "properties": {
        "number": {
            "oneOf": [{"type": "string", "minLength": 1, "maxLength": 40}, {"type": "integer", "minimum": 0}],
            "description": "the store's own order number; a leading # is dropped",
        },
        "customer_name": {"type": "string", "maxLength": 120, "nullable": True},
        "customer_phone": {"type": "string", "description": "E.164, or national for the store's country"},
        "language": LANG_OR_NULL,
        "items": {"type": "array", "items": {}, "maxItems": 200, "nullable": True},
        "status": {"type": "string", "enum": _values(OPEN_ORDER), "default": OrderStatus.PENDING.value},
    },
}
ORDER_EVENT_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["event", "order"],
    "description": "created carries the fields of POST /api/v1/stores/{store_id}/orders; ready and cancelled only the "
    "number",
    "properties": {
        "event": {"type": "string", "enum": ["created", "ready", "cancelled"]},
        "order": {
            "oneOf": [
                ORDER_IN,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["number"],
                    "properties": {"number": ORDER_IN["properties"]["number"]},
                },
            ]
        },
    },
}
ORDER_EVENT_OUT = {
    "type": "object",
    "required": ["status", "event_id"],
    "properties": {
        "status": {
            "type": "string",
            "enum": ["accepted", "duplicate"],
            "description": "duplicate: this Idempotency-Key was seen already; nothing more is done",
        },
        "event_id": {"type": "integer"},
    },
}
WEBHOOK_HEADERS = [
    {
        "name": "X-Arrivee-Timestamp",
        "in": "header",
        "required": True,
        "description": "Unix seconds when signed; refused more than 5 minutes from the server's clock (replays)",
        "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
    },
    {
        "name": "X-Arrivee-Signature",
        "in": "header",
        "required": True,
        "description": "sha256= then the hex HMAC-SHA256, keyed with the store's webhook secret, of the timestamp, "
        '".", and the raw body',
        "schema": {"type": "string"},
    },
    {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "description": "1 to 120 printable characters, the same on every retry of one event",
        "schema": {"type": "string", "minLength": 1, "maxLength": 120},
    },
]
HANDOFF = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "integer"},
        "status": {"type": "string", "enum": _values(HandoffStatus)},
        "location": {"type": "string", "enum": ["car", "door"]},
        "spot": {"type": "string", "nullable": True},
        "vehicle": {"type": "string", "nullable": True},
        "note": {"type": "string", "nullable": True},
        "orders": {"type": "array", "items": {"type": "string"}},
        "customer": {"type": "string", "nullable": True},
        "claimed_by": {"type": "string", "nullable": True},
        "eta_at": TS,
        "arrived_at": TS,
        "claimed_at": TS,
        "done_at": TS,
    },
}
ORDER = {
    "type": "object",
    "required": ["number", "status"],
    "properties": {
        "number": {"type": "string"},
        "status": {"type": "string", "enum": _values(OrderStatus)},
        "customer_name": {"type": "string", "nullable": True},
        "customer_phone": {"type": "string"},
        "language": {"type": "string", "nullable": True},
        "items": {"nullable": True},
        "created_at": TS,
        "ready_at": TS,
        "handoff": {**HANDOFF, "nullable": True},
    },
}
REPLY_IN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "en": {"type": "string", "nullable": True, "maxLength": 480},
        "fr": {"type": "string", "nullable": True, "maxLength": 480},
    },
}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes):
    return {str(c): {"description": "error", **_json(ERROR)} for c in codes}


STORE_ID = {
    "name": "store_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
STAFF_ID = {
    "name": "staff_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
NUMBER = {
    "name": "number",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": 40},
}


def document(server: str = "") -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Arrivée API",
            "version": "1.0.0",
            "description": "Curbside pickup by text: stores, staff, orders and handoffs.",
        },
        "servers": [{"url": server or "/"}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/stores": {
                "post": {
                    "summary": "Create a store (token without a store only)",
                    "requestBody": {"required": True, **_json(STORE_IN)},
                    "responses": {
                        "201": {"description": "created", **_json(STORE)},
                        **_errors(400, 401, 403, 409, 422),
                    },
                }
            },
            "/api/v1/stores/{store_id}": {
                "get": {
                    "summary": "A store, its settings and board_url",
                    "parameters": [STORE_ID],
                    "responses": {"200": {"description": "the store", **_json(STORE)}, **_errors(401, 403, 404)},
                },
                "patch": {
                    "summary": "Change some of a store's settings (pause included)",
                    "parameters": [STORE_ID],
                    "requestBody": {"required": True, **_json(STORE_CHANGES)},
                    "responses": {
                        "200": {"description": "the store", **_json(STORE)},
                        **_errors(400, 401, 403, 404, 422),
                    },
                },
            },
            "/api/v1/stores/{store_id}/staff": {
                "post": {
                    "summary": "Add a staff member (a phone removed earlier comes back)",
                    "parameters": [STORE_ID],
                    "requestBody": {"required": True, **_json(STAFF_IN)},
                    "responses": {
                        "201": {"description": "added", **_json(STAFF)},
                        **_errors(400, 401, 403, 404, 409, 422),
                    },
                },
                "get": {
                    "summary": "The staff roster, by name",
                    "parameters": [STORE_ID],
                    "responses": {
                        "200": {"description": "the roster", **_json({"type": "array", "items": STAFF})},
                        **_errors(401, 403, 404),
                    },
                },
            },
            "/api/v1/stores/{store_id}/staff/{staff_id}": {
                "patch": {
                    "summary": "Change a staff member's name, role, language or on-duty state",
                    "parameters": [STORE_ID, STAFF_ID],
                    "requestBody": {"required": True, **_json(STAFF_CHANGES)},
                    "responses": {
                        "200": {"description": "the staff member", **_json(STAFF)},
                        **_errors(400, 401, 403, 404, 409, 422),
                    },
                },
                "delete": {
                    "summary": "Take a staff member off the roster; the pickups they had taken go back to the team",
                    "parameters": [STORE_ID, STAFF_ID],
                    "responses": {"204": {"description": "removed"}, **_errors(401, 403, 404, 409)},
                },
            },
            "/api/v1/stores/{store_id}/orders": {
                "post": {
                    "summary": "Create an order",
                    "parameters": [STORE_ID],
                    "requestBody": {"required": True, **_json(ORDER_IN)},
                    "responses": {
                        "201": {"description": "created", **_json(ORDER)},
                        **_errors(400, 401, 403, 404, 409, 422),
                    },
                }
            },
            "/api/v1/stores/{store_id}/orders/{number}/ready": {
                "post": {
                    "summary": "Mark an order ready and text the customer",
                    "parameters": [STORE_ID, NUMBER],
                    "responses": {
                        "200": {"description": "the order", **_json(ORDER)},
                        **_errors(401, 403, 404, 409, 422),
                    },
                }
            },
            "/api/v1/stores/{store_id}/orders/{number}": {
                "get": {
                    "summary": "An order and its handoff",
                    "parameters": [STORE_ID, NUMBER],
                    "responses": {"200": {"description": "the order", **_json(ORDER)}, **_errors(401, 403, 404, 422)},
                }
            },
            "/api/v1/stores/{store_id}/handoffs": {
                "get": {
                    "summary": "The store's handoffs, newest first",
                    "parameters": [
                        STORE_ID,
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "description": "only handoffs in this state; empty or absent: all",
                            "schema": {
                                "type": "string",
                                "enum": [*_values(HandoffStatus), ""],
                            },
                        },
                    ],
                    "responses": {
                        "200": {"description": "handoffs", **_json({"type": "array", "items": HANDOFF})},
                        **_errors(401, 403, 404, 422),
                    },
                }
            },
            "/webhooks/orders/{store_id}": {
                "post": {
                    "summary": "An order event from the shop's own system (POS, e-commerce, no-code tool)",
                    "description": "Signed with the store's webhook secret (the admin pages' Online store page, or "
                    "`rotate-webhook-secret STORE_ID`) instead of a bearer token. The event is stored before the "
                    "answer and applied by a worker, exactly as the API's create, ready and cancel would: the "
                    "customer is texted when the order becomes ready. docs/integrations.md has an example.",
                    "security": [],
                    "parameters": [STORE_ID, *WEBHOOK_HEADERS],
                    "requestBody": {"required": True, **_json(ORDER_EVENT_IN)},
                    "responses": {
                        "200": {"description": "stored, to be applied", **_json(ORDER_EVENT_OUT)},
                        **_errors(400, 401, 422),
                    },
                }
            },
            "/api/v1/stores/{store_id}/auto-replies/{key}": {
                "put": {
                    "summary": "Set the English and French text of one auto-reply (null restores the default)",
                    "parameters": [
                        STORE_ID,
                        {
                            "name": "key",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": list(OVERRIDABLE)},
                        },
                    ],
                    "requestBody": {"required": True, **_json(REPLY_IN)},
                    "responses": {
                        "200": {
                            "description": "the texts",
                            **_json(
                                {
                                    "type": "object",
                                    "properties": {
                                        "key": {"type": "string"},
                                        "en": {"type": "string", "nullable": True},
                                        "fr": {"type": "string", "nullable": True},
                                    },
                                }
                            ),
                        },
                        **_errors(400, 401, 403, 404, 422),
                    },
                }
            },
        },
    }
