"""The store's staff roster: who gets the alerts and who may run the store; added, changed, put on or off duty,
and taken off the roster, through any door (text, admin page, API)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ..core.conversation import TextStaff
from ..core.problems import Problem
from ..core.roster import decide_release
from ..data.models import Staff, Store
from ..phones import display, region_of
from . import fields, state
from .apply import Applied, Sender, apply
from .errors import Conflict, Invalid, NotFound
from .outbox import after_commit
from .stores import get_store

if TYPE_CHECKING:
    from ..wiring import Services

# What PATCH /stores/{id}/staff/{staff_id} and the admin page may change.
MEMBER_FIELDS = ("name", "role", "language", "on_duty")

_BY_PHONE = select(Staff).where(Staff.store_id == bindparam("store_id"), Staff.phone == bindparam("phone"))


def roster(db, store_id: int) -> list[Staff]:
    """The store's staff on the roster, by name."""
    get_store(db, store_id)
    with db.read() as session:
        return list(
            session.scalars(
                select(Staff)
                .where(Staff.store_id == store_id, Staff.removed_at.is_(None))
                .order_by(Staff.name, Staff.id)
            )
        )


def member_by_phone(session: Session, store_id: int, phone: str) -> Staff | None:
    """The staff member on the roster with that E.164 phone, or None."""
    member = session.scalars(_BY_PHONE, {"store_id": store_id, "phone": phone}).first()
    return member if member is not None and member.removed_at is None else None


def staff_phone(store: Store, value, field: str = "phone") -> str:
    number = fields.phone(value, field, region_of(store.sms_number))
    if number == store.sms_number:  # the bot would text itself: each alert would come back as an inbound text
        raise Invalid(field, Problem("staff_is_store_number", {"phone": display(number)}))
    return number


def check_member(changes: dict) -> dict:
    unknown = sorted(set(changes) - set(MEMBER_FIELDS))
    if unknown:
        raise Invalid(unknown[0], f"unknown field; a staff member has {', '.join(MEMBER_FIELDS)}")
    checks = {
        "name": lambda v: fields.text_field(v, "name", 120),
        "role": lambda v: fields.choice(v, "role", fields.ROLES),
        "language": fields.language,
        "on_duty": lambda v: fields.boolean(v, "on_duty"),
    }
    return {name: checks[name](value) for name, value in changes.items()}


def add_member(session: Session, store: Store, name, phone, role="staff", language=None, on_duty=True) -> Staff:
    """Inside the caller's transaction. A phone taken off the roster earlier comes back with the new details."""
    number = staff_phone(store, phone)
    clean = check_member(
        {"name": name, "role": role, "on_duty": on_duty, "language": store.language if language is None else language}
    )
    member = session.scalars(_BY_PHONE, {"store_id": store.id, "phone": number}).first()
    if member is not None and member.removed_at is None:
        raise Conflict(Problem("staff_exists", {"phone": display(number)}))
    if member is None:
        member = Staff(store_id=store.id, phone=number)
        session.add(member)
    for key, value in clean.items():
        setattr(member, key, value)
    member.removed_at = None
    member.opted_out = member.unreachable = False
    session.flush()
    return member


def add_staff(db, store_id: int, name, phone, role="staff", language=None, on_duty=True) -> Staff:
    get_store(db, store_id)
    with db.write() as session:
        store = state.lock_store(session, store_id)
        return add_member(session, store, name, phone, role, language, on_duty)


def enlist(
    svc: Services, store_id: int, name, phone, role="staff", language=None, on_duty=True, by: str | None = None
) -> Staff:
    """add_staff for the API and the admin pages, as STAFF ADD by text does it: the new member is texted a
    welcome (what the texts they will get are, and how to answer them). `by`: the role of who adds them."""
    get_store(svc.db, store_id)
    _owners_only(by, role)
    now = svc.clock()
    with svc.db.write() as session:
        store = state.lock_store(session, store_id)
        member = add_member(session, store, name, phone, role, language, on_duty)
        applied = apply(session, store, [TextStaff((member.id,), "staff_welcome")], now, sender=Sender(None, None))
    after_commit(svc, applied)
    return member


def _the_only_owner(session: Session, member: Staff) -> bool:
    if member.role != "owner":
        return False
    others = session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(
            Staff.store_id == member.store_id, Staff.role == "owner", Staff.removed_at.is_(None), Staff.id != member.id
        )
    )
    return others == 0


def _owners_only(by: str | None, role: str, new_role: str | None = None) -> None:
    """A manager runs the store but can't make, change or remove an owner (nor become one): only an owner, or
    an integrator's token (`by` None), can."""
    if by == "manager" and "owner" in (role, new_role):
        raise Conflict(Problem("owners_only"))


def change_member(session: Session, member: Staff, changes: dict, by: str | None = None) -> dict:
    """Inside the caller's transaction: checked changes, all or none. The store's only owner stays an owner;
    `by`: the role of the person making the change (None: an API token)."""
    clean = check_member(changes)
    if "role" in clean and clean["role"] != member.role:
        _owners_only(by, member.role, clean["role"])
    if clean.get("role", "owner") != "owner" and _the_only_owner(session, member):
        raise Conflict(Problem("last_owner", {"name": member.name}))
    for key, value in clean.items():
        setattr(member, key, value)
    return clean


def _member(session: Session, store_id: int, staff_id) -> Staff:
    member = session.get(Staff, staff_id) if isinstance(staff_id, int) and 0 < staff_id <= 2**31 - 1 else None
    if member is None or member.store_id != store_id or member.removed_at is not None:
        raise NotFound(f"no staff member {staff_id} in store {store_id}")
    return member


def update_staff(db, store_id: int, staff_id: int, changes: dict, by: str | None = None) -> Staff:
    get_store(db, store_id)
    with db.write() as session:
        state.lock_store(session, store_id)
        member = _member(session, store_id, staff_id)
        change_member(session, member, changes, by)
        return member


def remove_member(session: Session, store: Store, member: Staff, now: datetime, by: str | None = None) -> list:
    """Inside the caller's transaction, under the store lock: off the roster, and the effects that hand the
    pickups they had taken back to the team (for the caller to apply). The store's only owner stays; a manager
    can't remove an owner."""
    _owners_only(by, member.role)
    if _the_only_owner(session, member):
        raise Conflict(Problem("last_owner", {"name": member.name}))
    member.removed_at = now
    member.on_duty = False
    team = [s for s in state.staff_views(session, store.id) if s.id != member.id]
    return decide_release(state.store_view(store, now), member.id, state.store_handoffs(session, store.id), team, now)


def remove_staff(svc: Services, store_id: int, staff_id: int, by: str | None = None) -> Applied:
    get_store(svc.db, store_id)
    now = svc.clock()
    with svc.db.write() as session:
        store = state.lock_store(session, store_id)
        member = _member(session, store_id, staff_id)
        effects = remove_member(session, store, member, now, by)
        applied = apply(session, store, effects, now, sender=Sender(None, None))
    after_commit(svc, applied)
    return applied
