"""Customers' pictures of their car: the signed, expiring links staff phones and the board open them by, and their
deletion, here and at Twilio, once the retention period has passed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, null, select, update

from ..data.models import Handoff, Message, Photo
from ..messaging.errors import SendError
from .ports import MediaGone

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)

# A link works this long after the picture came: long enough for any open pickup, never past a day's retention run
# by much. Deleting the picture (retention) ends it sooner.
LINK_LIFETIME = timedelta(days=2)
BATCH = 200


def _signature(secret: str, photo_id: int, expires: int) -> str:
    mac = hmac.new(secret.encode(), f"arrivee-photo:{photo_id}:{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode()


def token(secret: str, photo_id: int, created_at: datetime) -> str:
    """The same photo always gets the same token (the board's version and the phones' caches stay put)."""
    expires = int((created_at + LINK_LIFETIME).timestamp())
    return f"{photo_id}.{expires}.{_signature(secret, photo_id, expires)}"


def photo_for_token(secret: str, value: str, now: datetime) -> int | None:
    """The photo id a token names, if it is ours and not expired."""
    parts = value.split(".")
    if len(parts) != 3 or not all(p.isascii() for p in parts) or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    photo_id, expires = int(parts[0]), int(parts[1])
    if not hmac.compare_digest(parts[2], _signature(secret, photo_id, expires)):
        return None
    return photo_id if now.timestamp() < expires else None


def links(svc: Services, photo_ids: list[int]) -> dict[int, str]:
    """Absolute links (PUBLIC_BASE_URL) to these photos, for an MMS Twilio fetches; those gone are left out."""
    with svc.db.read() as session:
        rows = session.execute(select(Photo.id, Photo.created_at).where(Photo.id.in_(photo_ids))).all()
    return {i: f"{svc.base_url}/photos/{token(svc.settings.secret_key, i, at)}" for i, at in rows}


def paths(session, secret: str, photo_ids: list[int]) -> dict[int, str]:
    """Links to these photos on this site (the board's cards)."""
    if not photo_ids:
        return {}
    rows = session.execute(select(Photo.id, Photo.created_at).where(Photo.id.in_(photo_ids))).all()
    return {i: f"/photos/{token(secret, i, at)}" for i, at in rows}


def open_photo(svc: Services, value: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of the photo a link names, fetched from Twilio; None once expired or deleted. Raises
    SendError when Twilio cannot be asked now."""
    photo_id = photo_for_token(svc.settings.secret_key, value, svc.clock())
    if photo_id is None:
        return None
    with svc.db.read() as session:
        photo = session.get(Photo, photo_id)
        url, kind = (photo.url, photo.content_type) if photo else (None, None)
    if url is None or kind is None:
        return None
    try:
        fetched_kind, data = svc.media.fetch(url)
    except MediaGone:
        return None
    return (fetched_kind if fetched_kind.startswith("image/") else kind), data


def expire(svc: Services, retention_days: int, now: datetime) -> dict[str, int]:
    """Delete, at Twilio then here, the media of messages older than the retention period: the pictures (and any
    other attachment) and our references to them. A deletion Twilio cannot do now is left for the next run, with
    our reference, so nothing is forgotten while Twilio still holds it. Running twice changes nothing."""
    cutoff = now - timedelta(days=retention_days)
    counts = {"messages": 0, "deleted": 0, "left": 0}
    while True:
        with svc.db.read() as session:
            rows = session.execute(
                select(Message.id, Message.twilio_sid, Message.media)
                .where(Message.direction == "in", Message.created_at < cutoff, Message.media.is_not(None))
                .order_by(Message.id)
                .limit(BATCH)
            ).all()
        rows = [r for r in rows if r.media]
        done = []
        for message_id, sid, media in rows:
            try:
                for item in media:
                    svc.media.delete(item["url"])
                    counts["deleted"] += 1
            except SendError as exc:
                counts["left"] += 1
                log.warning("could not delete the media of message %s at Twilio (%s): next run", message_id, exc)
                continue
            done.append((message_id, sid))
        if done:
            _forget(svc, done)
            counts["messages"] += len(done)
        if len(rows) < BATCH or not done:
            break
    if any(counts.values()):
        log.info("retention (%s days): media %s", retention_days, counts)
    return counts


def _forget(svc: Services, messages: list[tuple[int, str | None]]) -> None:
    ids = [i for i, _sid in messages]
    sids = [sid for _i, sid in messages if sid]
    with svc.db.write() as session:
        photo_ids = list(session.scalars(select(Photo.id).where(Photo.message_sid.in_(sids)))) if sids else []
        if photo_ids:
            session.execute(update(Handoff).where(Handoff.photo_id.in_(photo_ids)).values(photo_id=None))
            session.execute(update(Message).where(Message.photo_id.in_(photo_ids)).values(photo_id=None))
            session.execute(delete(Photo).where(Photo.id.in_(photo_ids)))
        session.execute(update(Message).where(Message.id.in_(ids)).values(media=null()))
