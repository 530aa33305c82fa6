"""Order webhooks from the shop's own systems: Shopify's (POST /webhooks/shopify/<store_id>) and a generic signed one
for any POS or no-code tool (POST /webhooks/orders/<store_id>). The signature is checked on the raw body before
anything is parsed; a bad or missing one gets 401 and nothing is stored. An accepted event is stored before the
answer and applied by a worker (bot/usecases/order_events.py)."""

from __future__ import annotations

import json

from flask import Blueprint, jsonify, request

from ..core import shop_events
from ..usecases import order_events
from ..usecases.errors import Invalid, NotFound
from . import services

bp = Blueprint("order_hooks", __name__, url_prefix="/webhooks")


def _refused(status: int, error: str, message: str):
    return jsonify(error=error, message=message), status


@bp.post("/shopify/<int:store_id>")
def shopify(store_id: int):
    svc = services()
    body = request.get_data(cache=False)
    secret = order_events.secret_for(svc.db, store_id, "shopify")
    given = request.headers.get("X-Shopify-Hmac-SHA256")
    if not secret or not shop_events.signature_matches(shop_events.shopify_signature(secret, body), given):
        return _refused(401, "unauthorized", "bad or missing X-Shopify-Hmac-SHA256")
    topic = request.headers.get("X-Shopify-Topic", "")
    key = request.headers.get("X-Shopify-Webhook-Id", "")
    if topic not in shop_events.SHOPIFY_TOPICS:
        # Answered 200, or Shopify would retry it for two days and then drop the subscription.
        return jsonify(status="ignored", topic=topic[:80])
    if not shop_events.usable_key(key):
        return _refused(400, "bad_request", "missing X-Shopify-Webhook-Id")
    event_id, new = order_events.receive(svc, store_id, "shopify", key, topic, body)
    return jsonify(status="accepted" if new else "duplicate", event_id=event_id)


@bp.post("/orders/<int:store_id>")
def generic(store_id: int):
    svc = services()
    body = request.get_data(cache=False)
    secret = order_events.secret_for(svc.db, store_id, "generic")
    timestamp = request.headers.get("X-Arrivee-Timestamp", "").strip()
    given = request.headers.get("X-Arrivee-Signature")
    if not secret or not shop_events.signature_matches(shop_events.generic_signature(secret, timestamp, body), given):
        return _refused(401, "unauthorized", "bad or missing X-Arrivee-Signature")
    if not shop_events.timestamp_fresh(timestamp, svc.clock().timestamp()):
        return _refused(401, "unauthorized", "X-Arrivee-Timestamp is not within 5 minutes of now")
    key = request.headers.get("Idempotency-Key", "").strip()
    if not shop_events.usable_key(key):
        return _refused(400, "bad_request", "send an Idempotency-Key header (1 to 120 printable characters)")
    try:
        data = json.loads(body)
    except ValueError:
        return _refused(400, "bad_request", "the body must be a JSON object")
    try:
        event, _order = order_events.check_generic(svc.db, store_id, data)
    except Invalid as exc:
        return jsonify(error="invalid", field=exc.field, message=exc.message), 422
    except NotFound:
        return _refused(401, "unauthorized", "bad or missing X-Arrivee-Signature")
    event_id, new = order_events.receive(svc, store_id, "generic", key, event, body)
    return jsonify(status="accepted" if new else "duplicate", event_id=event_id)
