"""The call to the store's landline when nobody takes a waiting customer: placed once per handoff by a timer (after
the last text escalation, within store hours), and answered through the signed voice webhook, where a "1" claims
the pickup for the store's lead through the same use case as a claim by text (bot/usecases/staff.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core import calls as rules
from ..data.models import Call, Handoff, Staff, Store
from ..messaging.errors import SendError
from ..phones import mask
from . import staff, state

if TYPE_CHECKING:
    from ..wiring import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spoken:
    """What the call says: `text` in `language` ("fr" or "en"); `gather`: then wait for one key."""

    text: str
    language: str
    gather: bool = False


def place(svc: Services, handoff_id: int) -> str:
    """The timer's job: call the landline about this handoff if it still needs it, at most once (a unique row per
    handoff, written before the call; 'skipped' when it came due outside store hours or during a pause). Returns
    what happened: placed, failed, called_already, not_needed."""
    now = svc.clock()
    try:
        with svc.db.write() as session:
            handoff = session.get(Handoff, handoff_id)
            if handoff is None:
                return "not_needed"
            store = state.lock_store(session, handoff.store_id)
            session.refresh(handoff)
            if session.scalar(select(Call.id).where(Call.handoff_id == handoff_id)) is not None:
                return "called_already"
            view = state.store_view(store, now)
            h = state.handoff_view(handoff)
            if not rules.should_call(view.has_landline, view.open_now, view.paused, h):
                if store.landline and h.status == "waiting" and h.alerted:
                    # Closed or paused when it came due: decided once, so the sweeper stops asking.
                    session.add(
                        Call(
                            store_id=store.id,
                            handoff_id=handoff_id,
                            to_number=store.landline,
                            status="skipped",
                            created_at=now,
                        )
                    )
                return "not_needed"
            call = Call(store_id=store.id, handoff_id=handoff_id, to_number=store.landline, created_at=now)
            session.add(call)
            session.flush()
            call_id, to, from_ = call.id, store.landline or "", store.sms_number
    except IntegrityError:
        return "called_already"  # another worker's job wrote the row first
    try:
        sid = svc.caller.call(to, from_, svc.voice_url(call_id))
    except SendError as exc:
        # Not tried again: the texts went to everyone already, and two calls would be worse than none.
        log.warning("call %s to %s for handoff %s failed: %s", call_id, mask(to), handoff_id, exc)
        _finish(svc, call_id, status="failed")
        return "failed"
    _finish(svc, call_id, status="placed", twilio_sid=sid)
    log.info("call %s placed to %s for handoff %s", call_id, mask(to), handoff_id)
    return "placed"


def _finish(svc: Services, call_id: int, **changes) -> None:
    with svc.db.write() as session:
        call = session.get_one(Call, call_id)
        for key, value in changes.items():
            setattr(call, key, value)


def _load(session, call_id: int, call_sid: str) -> tuple[Call, Store, Handoff] | None:
    call = session.get(Call, call_id)
    # Twilio may ask before the SID is written (it calls while we record it); once written, it must match.
    if call is None or call.twilio_sid not in (None, call_sid):
        return None
    return call, session.get_one(Store, call.store_id), session.get_one(Handoff, call.handoff_id)


def script(svc: Services, call_id: int, call_sid: str) -> Spoken | None:
    """What the call says once answered; None for a call that is not ours."""
    with svc.db.read() as session:
        found = _load(session, call_id, call_sid)
        if found is None:
            return None
        _call, store, handoff = found
        lang = store.language
        if handoff.status != "waiting":
            return Spoken(rules.after_key("taken" if handoff.status == "claimed" else "gone", lang), lang)
        return Spoken(rules.prompt(state.handoff_view(handoff), lang, store.name), lang, gather=True)


def press(svc: Services, call_id: int, call_sid: str, digits: str) -> Spoken | None:
    """The key pressed on the store's phone. "1" claims the pickup for the store's lead, as their "OK 1234" text
    would: the customer and the other staff get the same texts, and the lead gets "it's yours"."""
    now = svc.clock()
    with svc.db.write() as session:
        found = _load(session, call_id, call_sid)
        if found is None:
            return None
        call, store, handoff = found
        lang, store_id, handoff_id = store.language, store.id, handoff.id
        call.digits, call.answered_at = digits[:8], call.answered_at or now
        if call.status == "claimed":  # Twilio asked twice: say it again, claim nothing more
            lead = session.get(Staff, call.claimed_by_id) if call.claimed_by_id else None
            return Spoken(rules.after_key("claimed", lang, lead.name if lead else None), lang)
        if digits != "1":
            call.status = "answered"
            return Spoken(rules.after_key("declined", lang), lang)
        if handoff.status != "waiting":
            call.status = "answered"
            return Spoken(rules.after_key("taken" if handoff.status == "claimed" else "gone", lang), lang)
        lead_id = rules.lead(state.staff_views(session, store_id))
    if lead_id is None:
        return Spoken(rules.after_key("declined", lang), lang)
    staff.act(svc, store_id, lead_id, "claim", handoff_id, reply_by_text=True)
    with svc.db.write() as session:
        handoff = session.get_one(Handoff, handoff_id)
        if handoff.status != "claimed" or handoff.claimed_by_id != lead_id:
            session.get_one(Call, call_id).status = "answered"
            return Spoken(rules.after_key("taken", lang), lang)
        call = session.get_one(Call, call_id)
        call.status, call.claimed_by_id = "claimed", lead_id
        name = session.get_one(Staff, lead_id).name
    log.info("call %s: handoff %s claimed for staff %s", call_id, handoff_id, lead_id)
    return Spoken(rules.after_key("claimed", lang, name), lang)
