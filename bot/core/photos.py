"""A customer's picture of their car: which attachments count, and which sending numbers can carry it as MMS."""

from __future__ import annotations

# Twilio passes on what the phone sent; only pictures are kept (a voice note or a contact card is not the car).
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif")


def is_photo(content_type: str) -> bool:
    return content_type.lower() in PHOTO_TYPES


def mms_from(number: str) -> bool:
    """Twilio sends MMS only from US and Canadian numbers (+1); elsewhere the alert goes as a plain text and the
    photo is on the board."""
    return number.startswith("+1")
