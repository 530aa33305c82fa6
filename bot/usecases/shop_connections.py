"""A store's connection to its shop: the Shopify and generic webhook secrets, the Shopify API access, and
what the admin pages show of the orders that came in (or could not)."""

from __future__ import annotations

import re
import secrets as random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..core.problems import Problem
from ..data.models import Order, OrderEvent, Store
from . import fields
from .errors import Invalid, NotFound
from .stores import get_store


def set_shopify_secret(db, store_id: int, secret) -> None:
    """The secret Shopify shows under Settings → Notifications → Webhooks ("signed with …"); blank disconnects."""
    value = fields.text_field(secret, "shopify_secret", 200, required=False)
    if value is not None and (" " in value or len(value) < 16):
        raise Invalid("shopify_secret", Problem("shopify_secret"))
    with db.write() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        store.shopify_secret = value


SHOP_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com")


def set_shopify_api(db, store_id: int, domain, token) -> None:
    """The shop's <shop>.myshopify.com address and an Admin API access token (a custom app's, with
    read_merchant_managed_fulfillment_orders), to learn which order a "prepared for pickup" is about. Both blank:
    forgotten."""
    domain = fields.text_field(domain, "shopify_domain", 80, required=False)
    token = fields.text_field(token, "shopify_token", 200, required=False)
    if domain is not None:
        domain = domain.lower().removeprefix("https://").rstrip("/")
        if not SHOP_DOMAIN.fullmatch(domain):
            raise Invalid("shopify_domain", Problem("shopify_domain"))
    if (domain is None) != (token is None):
        raise Invalid("shopify_token" if token is None else "shopify_domain", Problem("empty"))
    with db.write() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        store.shopify_domain, store.shopify_token = domain, token


def rotate_webhook_secret(db, store_id: int) -> str:
    """A new secret for the generic webhook, returned once; the old one stops working at once."""
    secret = "whsec_" + random.token_urlsafe(32)
    with db.write() as session:
        store = session.get(Store, store_id)
        if store is None:
            raise NotFound(f"no store {store_id}")
        store.webhook_secret = secret
    return secret


@dataclass(frozen=True)
class Connection:
    shopify_connected: bool
    webhook_secret: str | None
    shopify_domain: str | None = None  # set with its token: ready-for-pickup events can be matched


def connection(db, store_id: int) -> Connection:
    store = get_store(db, store_id)
    return Connection(bool(store.shopify_secret), store.webhook_secret, store.shopify_domain)


def secret_for(db, store_id: int, source: str) -> str | None:
    """The key `source`'s webhooks for this store are signed with; None for no such store or none set."""
    if not 0 < store_id < 2**31:
        return None
    with db.read() as session:
        column = Store.shopify_secret if source == "shopify" else Store.webhook_secret
        return session.scalars(select(column).where(Store.id == store_id)).first()


@dataclass(frozen=True)
class HeldOrder:
    number: str | None
    customer_name: str | None
    received_at: datetime
    source: str


def orders_without_phone(db, store_id: int, limit: int = 50) -> list[HeldOrder]:
    """Pickup orders that came in with no phone number we can text, and have not come in since with one: the
    Orders page flags them so someone calls the customer or adds the order by hand."""
    with db.read() as session:
        rows = session.execute(
            select(OrderEvent.number, OrderEvent.customer_name, OrderEvent.received_at, OrderEvent.source)
            .outerjoin(Order, (Order.store_id == OrderEvent.store_id) & (Order.number == OrderEvent.number))
            .where(OrderEvent.store_id == store_id, OrderEvent.status == "no_phone", Order.id.is_(None))
            .order_by(OrderEvent.received_at.desc())
            .limit(limit * 4)
        ).all()
    held, seen = [], set()
    for number, name, at, source in rows:
        if number in seen:
            continue
        seen.add(number)
        held.append(HeldOrder(number, name, at, source))
    return held[:limit]


@dataclass(frozen=True)
class Delivery:
    received_at: datetime
    source: str
    topic: str
    number: str | None
    status: str


def recent_deliveries(db, store_id: int, limit: int = 10) -> list[Delivery]:
    """The store's latest order webhooks and what became of each, newest first: how an owner sees that the
    connection works (or why an order did not come in)."""
    with db.read() as session:
        rows = session.execute(
            select(OrderEvent.received_at, OrderEvent.source, OrderEvent.topic, OrderEvent.number, OrderEvent.status)
            .where(OrderEvent.store_id == store_id)
            .order_by(OrderEvent.id.desc())
            .limit(limit)
        ).all()
    return [Delivery(*row) for row in rows]
