"""A staff member's text, decided: LIST, OK (claim), DONE, opting out and back in."""

from __future__ import annotations

from datetime import datetime

from ..handoff import AT_STORE, HandoffView, target_for_claim, target_for_done
from ..statuses import HandoffStatus
from ..understanding import Meaning
from .effects import ClaimHandoff, CompleteHandoff, Effect, Reply, TextCustomer, TextStaff, UpdateStaff
from .recipients import on_duty
from .variables import handoff_vars, order_list
from .views import StaffView, StoreView


def decide_staff(
    m: Meaning, store: StoreView, me: StaffView, handoffs: list[HandoffView], staff: list[StaffView], now: datetime
) -> list[Effect]:
    if m.intent == "stop":
        return [UpdateStaff({"opted_out": True})]
    if m.intent == "start":
        return [UpdateStaff({"opted_out": False}), Reply("staff_help")]
    if m.intent == "list":
        return [_list(handoffs, now)]
    if m.intent in ("claim", "done"):
        return _claim_or_done(m, me, handoffs, staff, now)
    return [Reply("staff_help")]


def _list(handoffs: list[HandoffView], now: datetime) -> Reply:
    at_store = [h for h in handoffs if h.status in AT_STORE]
    if not at_store:
        return Reply("staff_list_empty")
    lines: dict[str, list[str]] = {"en": [], "fr": []}
    for h in at_store:
        v = handoff_vars(h, now)
        who = f" ({h.claimed_by_name})" if h.status == HandoffStatus.CLAIMED else ""
        for lang, door in (("en", "door"), ("fr", "porte")):
            where = h.spot if h.location == "car" and h.spot else (door if h.location == "door" else "?")
            lines[lang].append(f"{v['orders']} {where} {h.customer_label} {v['minutes']} min{who}")
    return Reply("staff_list", {"lines": "; ".join(lines["en"]), "lines_fr": "; ".join(lines["fr"])})


def _claim_or_done(
    m: Meaning, me: StaffView, handoffs: list[HandoffView], staff: list[StaffView], now: datetime
) -> list[Effect]:
    claiming = m.intent == "claim"
    target = (
        target_for_claim(handoffs, m.order, m.spot) if claiming else target_for_done(handoffs, me.id, m.order, m.spot)
    )
    h = target.handoff
    if h is None:
        if len(target.choices) > 1:
            where = [(order_list(c.order_numbers), handoff_vars(c)) for c in target.choices]
            return [
                Reply(
                    "staff_which",
                    {
                        "choices": "; ".join(f"{orders} {v['where_en']}" for orders, v in where),
                        "choices_fr": "; ".join(f"{orders} {v['where_fr']}" for orders, v in where),
                        "command": "OK" if claiming else "DONE",
                        "command_fr": "OK" if claiming else "FAIT",
                    },
                )
            ]
        ref = m.order or m.spot
        if ref:
            return [Reply("staff_no_match", {"ref": ref})]
        return [Reply("staff_list_empty")]
    v = handoff_vars(h, now)
    if claiming:
        if h.status == HandoffStatus.CLAIMED:
            key = "staff_already_yours" if h.claimed_by_id == me.id else "staff_already_claimed"
            return [Reply(key, v)]
        mine = HandoffView(
            **{**h.__dict__, "status": HandoffStatus.CLAIMED, "claimed_by_id": me.id, "claimed_by_name": me.name}
        )
        v = handoff_vars(mine, now)
        return [
            ClaimHandoff(h.id, me.id),
            Reply("staff_claimed_you", v),
            TextCustomer(h.customer_id, "claimed", {**v, "staff": me.name}),
            TextStaff(
                tuple(s for s in on_duty(staff, exclude=me.id)) if h.alerted else (),
                "staff_claimed_other",
                {**v, "staff": me.name},
                handoff_id=h.id,
            ),
        ]
    return [CompleteHandoff(h.id, me.id), Reply("staff_done", v), TextCustomer(h.customer_id, "handed_off", v)]
