"""The statuses an order and a handoff go through, as StrEnums: equal to the strings stored in their columns.

A status read back from the database is a plain str; it still compares equal to these members (and hashes alike).
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    """pending → ready → handed_off; cancelled from pending or ready."""

    PENDING = "pending"
    READY = "ready"
    HANDED_OFF = "handed_off"
    CANCELLED = "cancelled"


class HandoffStatus(StrEnum):
    """on_the_way → waiting → claimed → done; cancelled from any open state."""

    ON_THE_WAY = "on_the_way"
    WAITING = "waiting"
    CLAIMED = "claimed"
    DONE = "done"
    CANCELLED = "cancelled"


#: An order not yet handed off nor cancelled: it may still be linked, marked ready or cancelled.
OPEN_ORDER = (OrderStatus.PENDING, OrderStatus.READY)
