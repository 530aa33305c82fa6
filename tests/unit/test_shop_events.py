"""Reading Shopify's payloads and the generic webhook's pieces (bot/core/shop_events.py): pure, no I/O."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from bot.core import shop_events
from bot.core.shop_events import READY_TOPIC, ReadyForPickup, ShopOrder, Unreadable, read_shopify
from tests.support.shopify import changed, fixture


def test_the_shopify_signature_is_base64_hmac_sha256_of_the_raw_body():
    body = b'{"id": 1}'
    expected = base64.b64encode(hmac.new(b"key", body, hashlib.sha256).digest()).decode()
    assert shop_events.shopify_signature("key", body) == expected
    assert shop_events.signature_matches(expected, expected)
    assert not shop_events.signature_matches(expected, None)
    assert not shop_events.signature_matches(expected, expected[:-2])


def test_the_generic_signature_covers_the_timestamp_and_the_body():
    one = shop_events.generic_signature("s", "1700000000", b"{}")
    assert one.startswith("sha256=") and len(one) == 7 + 64
    assert one != shop_events.generic_signature("s", "1700000001", b"{}")
    assert one != shop_events.generic_signature("s", "1700000000", b"{ }")


@pytest.mark.parametrize(
    ("timestamp", "fresh"),
    [
        ("1000", True),
        ("700", True),
        ("1300", True),
        ("699", False),
        ("1301", False),
        ("", False),
        ("-5", False),
        ("12.5", False),
        (None, False),
        ("9" * 13, False),
    ],
)
def test_a_timestamp_is_fresh_within_five_minutes_either_way(timestamp, fresh):
    assert shop_events.timestamp_fresh(timestamp, now=1000.0) is fresh


def test_the_documented_pickup_order_reads_as_a_pickup_with_its_number_phones_name_and_language():
    order = read_shopify("orders/create", fixture("order_pickup"))
    assert isinstance(order, ShopOrder)
    assert (order.external_id, order.number, order.pickup, order.cancelled) == ("5783206707309", "1234", True, False)
    assert order.phones == ("(514) 555-0123", "(514) 555-0123")  # billing, then the customer's default address
    assert (order.customer_name, order.language) == ("Marie Lavoie", "fr")
    assert order.updated_at is not None and order.updated_at.utcoffset().total_seconds() == -5 * 3600
    assert order.items[0] == {"name": "Tuque en laine - Rouge", "quantity": 1}


def test_a_shipping_order_is_not_a_pickup():
    assert read_shopify("orders/create", fixture("order_shipping")).pickup is False


@pytest.mark.parametrize(
    ("lines", "pickup"),
    [
        ([{"code": "Pickup in store", "title": "Pickup in store"}], True),
        ([{"code": "Cueillette en magasin", "title": "Cueillette"}], True),
        ([{"title": "Retrait en boutique"}], True),
        ([{"delivery_category": "pickup"}], True),
        ([{"code": "Local Delivery", "title": "Local Delivery"}], False),
        ([{"title": "Livraison locale"}], False),
        ([{"title": "Pickup"}, {"title": "Local delivery"}], False),
        ([{"code": "Standard", "title": "Standard Shipping"}], False),
        ([], False),
        (None, False),
    ],
)
def test_pickup_is_read_from_the_shipping_lines(lines, pickup):
    assert shop_events.is_pickup(lines) is pickup


@pytest.mark.parametrize(
    ("locale", "language"),
    [("fr-CA", "fr"), ("fr", "fr"), ("en", "en"), ("EN-us", "en"), ("es", None), (None, None), (3, None)],
)
def test_the_customer_locale_gives_the_language(locale, language):
    assert shop_events.language_of(locale) == language


def test_a_cancelled_order_and_a_number_from_order_number_when_name_is_missing():
    payload = changed(fixture("order_pickup"), name=None, cancelled_at="2026-12-05T10:00:00-05:00")
    order = read_shopify("orders/cancelled", payload)
    assert order.number == "1234" and order.cancelled


def test_prepared_for_pickup_names_the_order_by_its_id_or_gid():
    ready = read_shopify(READY_TOPIC, fixture("fulfillment_order_prepared_for_pickup"))
    assert ready == ReadyForPickup("6841237405805", "5783206707309", True)
    documented = read_shopify(READY_TOPIC, fixture("fulfillment_order_prepared_for_pickup_documented"))
    assert documented.external_id is None and documented.fulfillment_order_id == "1"
    gid = {"fulfillment_order": {"id": "gid://shopify/FulfillmentOrder/2", "order_id": "gid://shopify/Order/77"}}
    assert read_shopify(READY_TOPIC, gid).external_id == "77"


@pytest.mark.parametrize("payload", [[], "x", {"no": "id"}, {"id": True}, {"id": "gid://shopify/Order/abc"}])
def test_a_payload_without_an_order_id_is_unreadable(payload):
    with pytest.raises(Unreadable):
        read_shopify("orders/create", payload)


def test_control_characters_in_a_name_become_spaces():
    payload = fixture("order_pickup")
    payload["customer"]["first_name"] = "Ma\x00rie"
    assert read_shopify("orders/create", payload).customer_name == "Ma rie Lavoie"
