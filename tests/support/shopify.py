"""Shopify's side of the order webhooks, for tests: the fixtures under tests/fixtures/shopify/ (shaped like Shopify's
documented examples) and deliveries signed as Shopify signs them. And the generic webhook's sender."""

from __future__ import annotations

import copy
import json
import time
import uuid
from pathlib import Path

from bot.core.shop_events import generic_signature, shopify_signature

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shopify"
SHOPIFY_SECRET = "shpss_" + "7f3a9c" * 6


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def changed(order: dict, **fields) -> dict:
    """A copy of the payload with some top-level fields replaced."""
    payload = copy.deepcopy(order)
    payload.update(fields)
    return payload


def shopify_delivery(topic: str, payload: dict | bytes, secret: str = SHOPIFY_SECRET, webhook_id: str | None = None):
    """(body, headers) of one delivery, as Shopify sends it."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-SHA256": shopify_signature(secret, body),
        "X-Shopify-Shop-Domain": "plein-air-laurier.myshopify.com",
        "X-Shopify-Webhook-Id": webhook_id or str(uuid.uuid4()),
        "X-Shopify-Triggered-At": "2026-12-05T14:12:45.000000000Z",
        "X-Shopify-Event-Id": str(uuid.uuid4()),
        "X-Shopify-API-Version": "2025-10",
    }
    return body, headers


def generic_delivery(secret: str, data: dict, key: str | None = None, at: float | None = None):
    """(body, headers) of one generic webhook, signed at `at` (now by default)."""
    body = json.dumps(data).encode()
    timestamp = str(int(time.time() if at is None else at))
    headers = {
        "Content-Type": "application/json",
        "X-Arrivee-Timestamp": timestamp,
        "X-Arrivee-Signature": generic_signature(secret, timestamp, body),
        "Idempotency-Key": key or str(uuid.uuid4()),
    }
    return body, headers
