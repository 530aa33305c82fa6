"""decide(): given what a text means and the state it lands in, the effects to apply. Pure.

One module per kind of decision (customer, arrival, ready, alerts, staff), beside the views they read, the
effects they return, the text variables and who gets staff texts; importers take every name from here.
"""

from .alerts import CALL_LEVEL, decide_escalation, decide_nudge
from .arrival import SPOT_GRACE_SECONDS
from .customer import decide_customer
from .effects import (
    NEW_HANDOFF,
    AttachPhoto,
    ClaimHandoff,
    CompleteHandoff,
    Effect,
    LinkOrder,
    OpenHandoff,
    Reply,
    Schedule,
    TextCustomer,
    TextStaff,
    UpdateCustomer,
    UpdateHandoff,
    UpdateStaff,
)
from .ready import decide_order_ready
from .recipients import managers, on_duty
from .staff import decide_staff
from .variables import checkin_vars, handoff_vars, note_vars, order_list
from .views import CustomerView, OrderView, StaffView, StoreView

__all__ = [
    "CALL_LEVEL",
    "NEW_HANDOFF",
    "AttachPhoto",
    "SPOT_GRACE_SECONDS",
    "ClaimHandoff",
    "CompleteHandoff",
    "CustomerView",
    "Effect",
    "LinkOrder",
    "OpenHandoff",
    "OrderView",
    "Reply",
    "Schedule",
    "StaffView",
    "StoreView",
    "TextCustomer",
    "TextStaff",
    "UpdateCustomer",
    "UpdateHandoff",
    "UpdateStaff",
    "checkin_vars",
    "decide_customer",
    "decide_escalation",
    "decide_nudge",
    "decide_order_ready",
    "decide_staff",
    "handoff_vars",
    "managers",
    "note_vars",
    "on_duty",
    "order_list",
]
