"""Shopify's Admin REST API, for the one question an order webhook leaves open: which order a fulfillment order
"prepared for pickup" belongs to. The use cases reach it through ports.ShopifyOrders."""

from __future__ import annotations

import re

import requests

from .usecases.ports import ShopLookupError

API_VERSION = "2025-01"
# Only a shop's own *.myshopify.com host is ever called: a store setting must not point the worker anywhere else.
SHOP_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com")


class ShopifyAdmin:
    def __init__(self, timeout: float = 10.0):
        self.timeout = timeout

    def order_of(self, shop_domain: str, access_token: str, fulfillment_order_id: str) -> str | None:
        if not SHOP_DOMAIN.fullmatch(shop_domain) or not fulfillment_order_id.isdigit():
            raise ShopLookupError(f"not a Shopify shop or fulfillment order: {shop_domain!r}", transient=False)
        url = f"https://{shop_domain}/admin/api/{API_VERSION}/fulfillment_orders/{fulfillment_order_id}.json"
        try:
            response = requests.get(
                url, headers={"X-Shopify-Access-Token": access_token}, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise ShopLookupError(f"Shopify unreachable ({type(exc).__name__})", transient=True) from None
        if response.status_code == 404:
            return None
        if response.status_code == 429 or response.status_code >= 500:
            raise ShopLookupError(f"Shopify answered {response.status_code}", transient=True)
        if response.status_code != 200:
            raise ShopLookupError(f"Shopify answered {response.status_code}", transient=False)
        try:
            order_id = response.json()["fulfillment_order"]["order_id"]
        except (ValueError, KeyError, TypeError):
            raise ShopLookupError("Shopify's answer names no order", transient=False) from None
        return str(order_id) if isinstance(order_id, int) and not isinstance(order_id, bool) else None
