"""The Shopify Admin API adapter calls only a shop's own *.myshopify.com host: anything else is refused before any
request is made."""

from __future__ import annotations

import pytest

from bot.shopify_admin import ShopifyAdmin
from bot.usecases.ports import ShopLookupError


@pytest.mark.parametrize(
    ("domain", "fulfillment_order_id"),
    [
        ("127.0.0.1", "1"),
        ("shop.myshopify.com.evil.io", "1"),
        ("shop.myshopify.com/../x", "1"),
        ("shop.myshopify.com", "1/../2"),
    ],
)
def test_a_host_other_than_a_shops_own_or_a_crafted_id_is_refused_without_a_request(domain, fulfillment_order_id):
    with pytest.raises(ShopLookupError) as refused:
        ShopifyAdmin(timeout=0.01).order_of(domain, "shpat_x", fulfillment_order_id)
    assert refused.value.transient is False
