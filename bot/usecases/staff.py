"""Staff actions from a screen (the board): the same decisions and texts as the SMS commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from ..core.conversation import decide_staff
from ..core.understanding import Meaning
from ..data.models import Handoff, Order, Staff
from . import state
from .apply import Sender, apply, until_claim_holds
from .errors import Invalid, NotFound
from .orders import mark_ready
from .outbox import after_commit

if TYPE_CHECKING:
    from ..wiring import Services

ACTIONS = ("claim", "done")


def act(
    svc: Services, store_id: int, staff_id: int, action: str, handoff_id: int, reply_by_text: bool = False
) -> list[str]:
    """Claim or close a handoff as if the staff member had texted "OK 1234" / "DONE 1234".
    Returns the replies they would have been texted, to show on screen; with `reply_by_text` (a "1" pressed on the
    store's phone in their name), they are texted those replies instead, exactly as for a text."""
    if action not in ACTIONS:
        raise Invalid("action", f"must be one of {', '.join(ACTIONS)}")
    applied = until_claim_holds(
        lambda: _act(svc, store_id, staff_id, action, handoff_id, reply_by_text), f"handoff {handoff_id}"
    )
    after_commit(svc, applied)
    return applied.replies


def _act(svc: Services, store_id, staff_id, action, handoff_id, reply_by_text=False):
    now = svc.clock()
    with svc.db.write() as session:
        store = state.lock_store(session, store_id)
        member = session.get(Staff, staff_id)
        if member is None or member.store_id != store_id:
            raise NotFound(f"no staff member {staff_id} in store {store_id}")
        handoff = session.get(Handoff, handoff_id)
        if handoff is None or handoff.store_id != store_id:
            raise NotFound(f"no handoff {handoff_id} in store {store_id}")
        number = session.scalars(select(Order.number).where(Order.handoff_id == handoff.id).order_by(Order.id)).first()
        team = state.staff_views(session, store_id)
        me = next(s for s in team if s.id == staff_id)
        # Name the handoff by its order, exactly as a texted "OK 1234" would.
        meaning = Meaning(action, order=number)
        effects = decide_staff(
            meaning, state.store_view(store, now), me, state.store_handoffs(session, store_id), team, now
        )
        sender = (
            Sender(member.phone, store.sms_number, staff=member) if reply_by_text else Sender(None, None, staff=member)
        )
        return apply(session, store, effects, now, sender=sender)


def ready(svc: Services, store_id: int, number: str):
    """The board's "mark ready" is the API's."""
    return mark_ready(svc, store_id, number)
