"""The Online store page: connecting the shop's own systems. Shopify's webhook URL and the key Shopify signs with
(pasted in, or cleared by the Disconnect button); the generic order webhook's URL and its secret (made anew after a
confirmation, shown once). Each form calls one use case of bot/usecases/order_events.py."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import render_template, request, url_for

from ...core.problems import Problem
from ...usecases import order_events, stores
from ...usecases.errors import Invalid
from .. import services
from . import bp
from .forms import confirmation, done, refusal, text, words


def webhook_urls(store_id: int) -> dict[str, str]:
    base = services().base_url
    return {"shopify": f"{base}/webhooks/shopify/{store_id}", "generic": f"{base}/webhooks/orders/{store_id}"}


def _page(store_id: int, new_secret: str | None = None, errors=None, error=None, status: int = 200):
    """`new_secret` is shown this once, right after it was made."""
    link = order_events.connection(services().db, store_id)
    secret = link.webhook_secret
    store = stores.get_store(services().db, store_id)
    zone = ZoneInfo(store.timezone)
    return render_template(
        "admin/connections.html",
        store=store,
        deliveries=[
            (d.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), d.source, d.topic, d.number, d.status)
            for d in order_events.recent_deliveries(services().db, store_id)
        ],
        urls=webhook_urls(store_id),
        shopify_connected=link.shopify_connected,
        shopify_domain=link.shopify_domain,
        secret_tail=secret[-4:] if secret else None,
        new_secret=new_secret,
        errors=errors or {},
        error=error,
    ), status


@bp.get("/stores/<int:store_id>/connections")
def connections(store_id: int):
    return _page(store_id)


@bp.post("/stores/<int:store_id>/connections/shopify")
def shopify_secret(store_id: int):
    # Only the Disconnect button disconnects: Save with the box left empty (its placeholder says a key is kept) must
    # not quietly stop the shop's orders.
    disconnect = request.form.get("disconnect") == "1"
    secret = "" if disconnect else text("shopify_secret")
    try:
        if not disconnect and not secret.strip():
            raise Invalid("shopify_secret", Problem("empty"))
        order_events.set_shopify_secret(services().db, store_id, secret)
    except Invalid as exc:
        fields, message = refusal(exc, {"shopify_secret": words()["shopify_secret"]})
        return _page(store_id, errors=fields, error=message, status=422)
    said = "shopify_saved" if secret.strip() else "shopify_disconnected"
    return done(words()[said], "admin.connections", anchor="shopify", store_id=store_id)


@bp.post("/stores/<int:store_id>/connections/shopify-api")
def shopify_api(store_id: int):
    domain, token = text("shopify_domain"), text("shopify_token")
    try:
        order_events.set_shopify_api(services().db, store_id, domain, token)
    except Invalid as exc:
        t = words()
        fields, message = refusal(exc, {"shopify_domain": t["shopify_domain"], "shopify_token": t["shopify_token"]})
        return _page(store_id, errors=fields, error=message, status=422)
    said = "shopify_api_saved" if domain.strip() else "shopify_api_forgotten"
    return done(words()[said], "admin.connections", anchor="shopify-api", store_id=store_id)


@bp.get("/stores/<int:store_id>/connections/secret")
def confirm_rotate_secret(store_id: int):
    t = words()
    return confirmation(
        t["webhook_rotate_q"],
        t["webhook_rotate_detail"],
        t["webhook_rotate"],
        url_for("admin.rotate_secret", store_id=store_id),
        url_for("admin.connections", store_id=store_id),
    )


@bp.post("/stores/<int:store_id>/connections/secret")
def rotate_secret(store_id: int):
    """Not a redirect: the secret is shown in this answer only, never carried in the session cookie."""
    return _page(store_id, new_secret=order_events.rotate_webhook_secret(services().db, store_id), status=201)
