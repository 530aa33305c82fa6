"""Signing in to the admin pages: one-time links texted to an owner's or manager's registered phone (valid ten
minutes, usable once), and which stores a signed-in phone may run."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..data.models import LoginLink, Staff, Store
from ..phones import InvalidPhone, to_e164
from .errors import Invalid, NotFound

LINK_SECONDS = 600
ADMIN_ROLES = ("owner", "manager")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/admin/login/{token}"


def issue_link(session: Session, member: Staff, now: datetime) -> str:
    """Inside the caller's transaction: a new one-time token for `member`'s phone. Only the token's hash is kept;
    the link goes to the registered phone, so a forged sender gets nothing."""
    if member.role not in ADMIN_ROLES or member.removed_at is not None:
        raise Invalid("phone", "only an owner or a manager on the roster can sign in")
    token = secrets.token_urlsafe(24)
    session.add(
        LoginLink(
            phone=member.phone,
            staff_id=member.id,
            token_hash=_hash(token),
            created_at=now,
            expires_at=now + timedelta(seconds=LINK_SECONDS),
        )
    )
    return token


def link_for_phone(db, phone: str, now: datetime) -> tuple[str, Staff]:
    """The CLI's first sign-in: a token for the owner or manager with that phone (in any store)."""
    try:
        number = to_e164(phone, None if phone.strip().startswith("+") else "CA")
    except InvalidPhone as exc:
        raise Invalid("phone", str(exc)) from None
    with db.write() as session:
        member = session.scalars(
            select(Staff)
            .where(Staff.phone == number, Staff.role.in_(ADMIN_ROLES), Staff.removed_at.is_(None))
            .order_by(Staff.id)
        ).first()
        if member is None:
            raise NotFound(f"{number} is no store's owner or manager: {_how_to_admit(session, number)}")
        return issue_link(session, member, now), member


def _how_to_admit(session, number: str) -> str:
    """What would let that phone sign in. Texted STAFF ADD makes staff, who never sign in, so it is not the way."""
    staff = session.scalars(
        select(Staff).where(Staff.phone == number, Staff.removed_at.is_(None)).order_by(Staff.id)
    ).first()
    if staff is not None:
        return (
            f"{staff.name} is staff; make them a manager or owner on the admin Staff page, or with"
            f' PATCH /api/v1/stores/{staff.store_id}/staff/{staff.id} {{"role": "manager"}}'
        )
    return 'add them with POST /api/v1/stores/{id}/staff and "role": "owner" or "manager"'


def usable(db, token: str, now: datetime) -> bool:
    """Whether the link would sign in now (for the page that asks to confirm; reading it spends nothing)."""
    if not token or len(token) > 64:
        return False
    with db.read() as session:
        row = session.scalars(select(LoginLink).where(LoginLink.token_hash == _hash(token))).first()
        return row is not None and row.used_at is None and row.expires_at > now


def redeem(db, token: str, now: datetime) -> str | None:
    """Spend the link: the phone it signs in, or None (unknown, used, expired). Spent in one conditional UPDATE,
    so two clicks at once sign in once."""
    if not token or len(token) > 64:
        return None
    digest = _hash(token)
    with db.write() as session:
        spent = session.execute(
            update(LoginLink)
            .where(LoginLink.token_hash == digest, LoginLink.used_at.is_(None), LoginLink.expires_at > now)
            .values(used_at=now)
        ).rowcount
        if spent != 1:
            return None
        phone = session.scalars(select(LoginLink.phone).where(LoginLink.token_hash == digest)).first()
    return phone if admin_stores(db, phone) else None


def admin_stores(db, phone: str | None) -> list[dict]:
    """The stores this phone runs (as owner or manager, on the roster), by name."""
    if not phone:
        return []
    with db.read() as session:
        rows = session.execute(
            select(Store.id, Store.name, Staff.id, Staff.role, Staff.language, Staff.name)
            .join(Staff, Staff.store_id == Store.id)
            .where(Staff.phone == phone, Staff.role.in_(ADMIN_ROLES), Staff.removed_at.is_(None))
            .order_by(Store.name, Store.id)
        ).all()
    return [
        {"id": store_id, "name": name, "staff_id": staff_id, "role": role, "language": language, "person": person}
        for store_id, name, staff_id, role, language, person in rows
    ]
