"""The Meaning of a text and the Context it is read in: what understand() returns and takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..commands import NAMES as COMMAND_NAMES
from ..commands import Command

CUSTOMER_INTENTS = ("arrived", "on_the_way", "status", "cancel", "help", "stop", "start", "other")
# Staff texts are also read as an owner's or manager's commands (bot/core/commands.py: "pause", "set", "status"...),
# to be carried out for an owner and refused to anyone else, and as ON / OFF ("duty").
STAFF_INTENTS = ("claim", "done", "list", "help", "stop", "start", "other", *(n for n in COMMAND_NAMES if n != "help"))


@dataclass(frozen=True)
class Context:
    role: str = "customer"  # "customer" | "staff" | "owner" (an owner or a manager)
    awaiting: str | None = None  # what the bot last asked this person: None | "spot" | "order"
    language: str | None = None  # the person's stored language ("en"/"fr"), tie-breaker for ambiguous texts
    # The customer's open handoff: None (none), "on_the_way", or "waiting" (here, in the lot or at the door, claimed
    # or not). A question with no other meaning from a customer waiting here asks for news.
    handoff: str | None = None


class Meaning(NamedTuple):
    """What a text says. A NamedTuple rather than a frozen dataclass: one is built per text, and a frozen
    dataclass's __init__ cost a twentieth of understand()'s time (bench/textspeed.py)."""

    intent: str
    spot: str | None = None
    vehicle: str | None = None
    order: str | None = None
    eta_minutes: int | None = None
    language: str = "en"
    language_confident: bool = False
    door: bool = False
    note: str | None = None
    command: Command | None = None  # a staff member's ON/OFF, an owner's PAUSE, SET, STATUS...

    def as_public_dict(self) -> dict:
        """The `parse` command's output: exactly these six fields."""
        return {
            "intent": self.intent,
            "spot": self.spot,
            "vehicle": self.vehicle,
            "order": self.order,
            "eta_minutes": self.eta_minutes,
            "language": self.language,
        }
