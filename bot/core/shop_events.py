"""What a shop's order webhook means for Arrivée: Shopify's order and fulfillment-order payloads, and the generic
signed webhook's body, read into plain values; and the signatures both carry. No I/O: the use case
(bot/usecases/order_events.py) normalises the phones and acts.

The Shopify fields read here (and only these) are listed in docs/integrations.md and in the fixtures under
tests/fixtures/shopify/; everything else in a payload is ignored."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime

# --- signatures ----------------------------------------------------------------------------------------------------


def shopify_signature(secret: str, body: bytes) -> str:
    """X-Shopify-Hmac-SHA256: the base64 HMAC-SHA256 of the raw body, keyed with the shop's webhook secret."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def generic_signature(secret: str, timestamp: str, body: bytes) -> str:
    """X-Arrivee-Signature: "sha256=" and the hex HMAC-SHA256 of "<timestamp>." followed by the raw body, so a
    captured request cannot be replayed with a fresh timestamp."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={mac}"


def signature_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison; a missing header never matches."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").strip().encode())


# --- Shopify -------------------------------------------------------------------------------------------------------

# The topics we subscribe to; any other is answered 200 and not stored (Shopify would retry a refusal).
ORDER_TOPICS = ("orders/create", "orders/updated", "orders/cancelled")
READY_TOPIC = "fulfillment_orders/line_items_prepared_for_pickup"
SHOPIFY_TOPICS = (*ORDER_TOPICS, READY_TOPIC)

# How a shipping line says "pickup in store". Shopify's order payload has no delivery-method field of its own: a
# local-pickup line shows the shop's pickup location or rate name in `code`/`title`, and `delivery_category` when
# set. Local delivery and shipping lines are anything else.
_PICKUP = re.compile(r"pick[\s_-]?up|retrait|cueillette|ramassage|click\s*(&|and|et)\s*collect", re.IGNORECASE)
_DELIVERY = re.compile(r"deliver|livraison", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_ITEMS = 200


@dataclass(frozen=True)
class ShopOrder:
    """A Shopify order as Arrivée reads it."""

    external_id: str  # Shopify's order id
    number: str | None  # the shop's own number: name "#1234" → "1234"
    updated_at: datetime | None
    cancelled: bool
    pickup: bool
    phones: tuple[str, ...]  # as written, best first: the order's, shipping, billing, the customer's
    customer_name: str | None
    language: str | None
    items: tuple[dict, ...]


@dataclass(frozen=True)
class ReadyForPickup:
    """Shopify's "prepared for pickup": the fulfillment order, and its order when the payload names it."""

    fulfillment_order_id: str | None
    external_id: str | None
    pickup: bool


class Unreadable(ValueError):
    """A signed payload that is not what its topic promises (not JSON, no order id): kept, marked failed."""


def read_shopify(topic: str, payload: object) -> ShopOrder | ReadyForPickup:
    if not isinstance(payload, dict):
        raise Unreadable("the body is not a JSON object")
    if topic == READY_TOPIC:
        return _ready(payload)
    return _order(payload)


def _ready(payload: dict) -> ReadyForPickup:
    fo = payload.get("fulfillment_order")
    if not isinstance(fo, dict):
        raise Unreadable("no fulfillment_order")
    method_type = _dict(fo.get("delivery_method")).get("method_type")
    order_id = fo.get("order_id") or payload.get("order_id")
    return ReadyForPickup(
        fulfillment_order_id=_id(fo.get("id")),
        external_id=_id(order_id),
        # The topic is about pickup; a method type other than pickup (should one ever come) is not ours.
        pickup=method_type in (None, "pickup", "PICK_UP", "pick_up"),
    )


def _order(payload: dict) -> ShopOrder:
    external_id = _id(payload.get("id"))
    if external_id is None:
        raise Unreadable("no order id")
    customer = _dict(payload.get("customer"))
    shipping, billing = _dict(payload.get("shipping_address")), _dict(payload.get("billing_address"))
    phones = tuple(
        p.strip()
        for p in (
            payload.get("phone"),
            shipping.get("phone"),
            billing.get("phone"),
            customer.get("phone"),
            _dict(customer.get("default_address")).get("phone"),
        )
        if isinstance(p, str) and p.strip()
    )
    return ShopOrder(
        external_id=external_id,
        number=_number(payload),
        updated_at=_when(payload.get("updated_at")),
        cancelled=bool(payload.get("cancelled_at")),
        pickup=is_pickup(payload.get("shipping_lines")),
        phones=phones,
        customer_name=_name(customer) or _name(billing) or _name(shipping),
        language=language_of(payload.get("customer_locale") or customer.get("locale")),
        items=_items(payload.get("line_items")),
    )


def is_pickup(shipping_lines: object) -> bool:
    """A pickup order: one of its shipping lines says pickup, and none says delivery. No shipping line at all (a sale
    at the till, a gift card) is not a pickup: nothing waits to be picked up."""
    if not isinstance(shipping_lines, list):
        return False
    said = [
        " ".join(str(line.get(k) or "") for k in ("delivery_category", "code", "title"))
        for line in shipping_lines
        if isinstance(line, dict)
    ]
    return any(_PICKUP.search(s) for s in said) and not any(_DELIVERY.search(s) and not _PICKUP.search(s) for s in said)


def language_of(locale: object) -> str | None:
    """Shopify's customer_locale ("fr-CA", "en") → "fr" / "en"; any other language → None (the store's)."""
    if not isinstance(locale, str):
        return None
    lang = locale.strip().lower()[:2]
    return lang if lang in ("en", "fr") else None


def _number(payload: dict) -> str | None:
    name = payload.get("name")
    if isinstance(name, str) and name.strip().lstrip("#").strip():
        return _clean(name.strip().lstrip("#").strip(), 40)
    number = payload.get("order_number")
    if isinstance(number, int) and not isinstance(number, bool) and number >= 0:
        return str(number)
    return None


def _name(who: dict) -> str | None:
    first, last = who.get("first_name"), who.get("last_name")
    joined = " ".join(p.strip() for p in (first, last) if isinstance(p, str) and p.strip())
    return _clean(joined, 120) if joined else None


def _items(lines: object) -> tuple[dict, ...]:
    if not isinstance(lines, list):
        return ()
    items = []
    for line in lines[:MAX_ITEMS]:
        if not isinstance(line, dict):
            continue
        title = line.get("name") or line.get("title")
        quantity = line.get("quantity")
        items.append(
            {
                "name": _clean(title, 200) if isinstance(title, str) else None,
                "quantity": quantity if isinstance(quantity, int) and not isinstance(quantity, bool) else None,
            }
        )
    return tuple(items)


def _clean(text: str, limit: int) -> str:
    return _CONTROL.sub(" ", text).strip()[:limit]


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _id(value: object) -> str | None:
    """Shopify ids come as numbers (REST) or GIDs ("gid://shopify/Order/450789469"): the number either way."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return str(value)
    if isinstance(value, str):
        tail = value.rsplit("/", 1)[-1].strip()
        return tail if tail.isdigit() and len(tail) <= 40 else None
    return None


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


# --- the generic webhook -------------------------------------------------------------------------------------------

GENERIC_EVENTS = ("created", "ready", "cancelled")
# The API's order fields (POST /api/v1/stores/{id}/orders): a created order carries them; ready and cancelled only
# the number.
ORDER_FIELDS = ("number", "customer_name", "customer_phone", "language", "items", "status")
TIMESTAMP_WINDOW_SECONDS = 300
_KEY = re.compile(r"[\x21-\x7e]{1,120}")


def usable_key(key: str | None) -> bool:
    """An Idempotency-Key: 1 to 120 printable ASCII characters, no spaces."""
    return bool(key) and bool(_KEY.fullmatch(key or ""))


def timestamp_fresh(timestamp: str | None, now: float, window: int = TIMESTAMP_WINDOW_SECONDS) -> bool:
    """Whole Unix seconds within `window` of now, either way."""
    if not timestamp or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs(now - int(timestamp)) <= window
