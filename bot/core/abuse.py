"""Abuse rules: when the bot stays silent to protect the store's phone bill. Pure; the counts come in.

Two attacks cost a store money without any customer being served:

- SMS pumping: someone scripts texts from many (often premium-rate) numbers so that every reply is billed
  to the store. A number with no order gets only a few replies per hour, and a store only so many such
  replies per hour in total; beyond that the bot reads but does not answer.
- Bot loops: an auto-responder ("I'm driving", another shop's bot) answers every reply with a text, and
  the two bots ping-pong forever. No person texts more than a handful of times a minute, so more than
  `loop_texts_per_minute` texts from one number within a minute mutes every text that number's messages
  would trigger, for `loop_pause_seconds` after the last such burst.

A silenced text is still understood and its state changes still apply (a STOP still opts out, a claim
still counts); only the texts it would have caused are dropped. Short codes and the stores' own numbers
never get this far: the webhook stores them as ignored.

A command from someone on the roster (an owner's PAUSE or STATUS, a staff member's OK, DONE, LIST, ON/OFF, HELP)
is always answered, even from a number the loop rule is muting: an owner whose phone's auto-reply tripped it, or
who typed a dozen commands in a minute, must not be left unanswered for a quarter of an hour. The rule still cuts
a real loop through such a number: an auto-responder repeats itself (and its fixed reply may read as a command:
"Thanks for your message! I'll get back to you" reads as OK), so while the rule is on for a number, a command
that is word for word a text the number sent in the last minute, or one the rule silenced during the pause, is
muted like any other text; and more than MACHINE_FACTOR times the loop limit in a minute is no person at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .conversation import LinkOrder, Reply, TextStaff

# A staff member's texts that are commands (bot/core/conversation/staff.py); an owner's are read as a Command.
STAFF_COMMAND_INTENTS = ("claim", "done", "list", "help", "start")
# Commands from the roster are muted past this many times the loop limit a minute: no person types that fast.
MACHINE_FACTOR = 3
# The notes of texts the loop rule silenced (Verdict.note): a command repeating one of them is the loop again.
LOOP_REASONS = ("loop", "loop_pause")

# Replies that a number with no order can get: these, and only these, count against the hourly limits.
NO_ORDER_REPLIES = ("ask_order", "order_not_found", "help", "opted_in", "opted_out")


@dataclass(frozen=True)
class Limits:
    per_number_hour: int = 5  # replies per rolling hour to one number with no order
    per_store_hour: int = 200  # replies per rolling hour to all numbers with no order, per store
    loop_texts_per_minute: int = 10  # more texts than this from one number within 60 s is a bot
    loop_pause_seconds: int = 900  # how long a detected loop stays muted after its last burst


@dataclass(frozen=True)
class Traffic:
    """What the message log says about the sender, counted by the adapter (bot/usecases/abuse.py)."""

    texts_last_minute: int  # texts from this number to this store in the last 60 s, this one included
    last_burst_at: datetime | None  # when a text from this number last tripped the loop rule
    replies_to_number_last_hour: int  # NO_ORDER_REPLIES this store sent this number in the last hour
    replies_to_unknown_last_hour: int | None  # the same for every number; None: not counted (not needed)
    # A command only, while the loop rule is on for the number: the text is word for word one it sent in the last
    # minute, or one the loop rule silenced within the pause (counted only then: needs_repeat_count).
    repeats: bool = False


@dataclass(frozen=True)
class Verdict:
    texts_allowed: bool
    reason: str | None = None  # loop | loop_pause | number_limit | store_limit
    burst: bool = False  # this very text tripped the loop rule: the adapter records it, starting the pause

    @property
    def note(self) -> str | None:
        """What the adapter writes on the inbound text, so the log explains the silence."""
        return f"silenced: {self.reason}" if self.reason else None


ALLOWED = Verdict(True)


def loop_verdict(t: Traffic, now: datetime, limits: Limits) -> Verdict | None:
    """The loop rule alone (it applies to everyone, staff included); None when it does not apply."""
    if t.texts_last_minute > limits.loop_texts_per_minute:
        return Verdict(False, "loop", burst=True)
    if t.last_burst_at is not None and now - t.last_burst_at < timedelta(seconds=limits.loop_pause_seconds):
        return Verdict(False, "loop_pause")
    return None


def judge(t: Traffic, known: bool, now: datetime, limits: Limits) -> Verdict:
    """May the texts this message causes go out? `known`: staff, or a customer with an open order or handoff."""
    looping = loop_verdict(t, now, limits)
    if looping is not None:
        return looping
    if known:
        return ALLOWED
    if t.replies_to_number_last_hour >= limits.per_number_hour:
        return Verdict(False, "number_limit")
    if t.replies_to_unknown_last_hour is not None and t.replies_to_unknown_last_hour >= limits.per_store_hour:
        return Verdict(False, "store_limit")
    return ALLOWED


def is_command(intent: str, owner_command: bool) -> bool:
    """Whether a roster member's text is a command (always answered, judge_command): an owner's command, or one of
    the staff's."""
    return owner_command or intent in STAFF_COMMAND_INTENTS


def judge_command(t: Traffic, now: datetime, limits: Limits) -> Verdict:
    """May the answer to a command from someone on the roster go out? Yes, even while the loop rule mutes the
    number, unless the command repeats the loop (`t.repeats`) or comes faster than any person types."""
    looping = loop_verdict(t, now, limits)
    if looping is None:
        return ALLOWED
    if _machine_rate(t, limits):
        return Verdict(False, "loop", burst=True)
    return looping if t.repeats else ALLOWED


def needs_repeat_count(t: Traffic, now: datetime, limits: Limits) -> bool:
    """Whether a command's repeats can change judge_command's verdict: only while the loop rule is on for the number
    and below the machine rate."""
    return loop_verdict(t, now, limits) is not None and not _machine_rate(t, limits)


def _machine_rate(t: Traffic, limits: Limits) -> bool:
    """More texts in the last minute than any person types: MACHINE_FACTOR times the loop limit."""
    return t.texts_last_minute > limits.loop_texts_per_minute * MACHINE_FACTOR


def needs_store_count(t: Traffic, known: bool, now: datetime, limits: Limits) -> bool:
    """Whether the (costlier) per-store count can change the verdict: only for an unknown number that is
    not already silenced by a cheaper rule."""
    return not known and judge(t, known, now, limits).texts_allowed


def screen(effects: list, verdict: Verdict) -> list:
    """The effects that still apply: every state change; no reply to the sender, no staff alert it caused.
    A text to another person (the customer told that staff claimed their pickup) follows a real state
    change that happens once per handoff, so it stays."""
    if verdict.texts_allowed:
        return effects
    return [e for e in effects if not isinstance(e, (Reply, TextStaff))]


def known_customer(view, effects: list) -> bool:
    """A customer with an open order or handoff, or one whose text just linked a valid order number."""
    return bool(view.orders or view.handoff) or any(isinstance(e, LinkOrder) for e in effects)
