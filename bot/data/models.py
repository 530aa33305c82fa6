"""SQLAlchemy 2 models: stores, staff, customers, orders, handoffs, the message log, owner settings, sign-ins and the
order events that shops' systems send.

Over 300 lines, kept whole: one schema, whose tables refer to one another, read beside migrations/."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from ..core.statuses import HandoffStatus, OrderStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on both SQLite (which stores naive) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    sms_number: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    timezone: Mapped[str] = mapped_column(String(64), default="America/Toronto")
    language: Mapped[str] = mapped_column(String(2), default="fr")
    escalation_seconds: Mapped[int] = mapped_column(Integer, default=300)
    hours: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    handoff_mode: Mapped[str] = mapped_column(String(8), default="both")  # car | door | both
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    board_token: Mapped[str] = mapped_column(String(64), unique=True)
    # The keys order webhooks are signed with: the one Shopify shows the shop (pasted in), and the one Arrivée
    # makes for any other system. Kept as given, since checking a signature needs the key itself.
    shopify_secret: Mapped[str | None] = mapped_column(String(200), nullable=True)
    webhook_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Shopify's Admin API, asked only which order a fulfillment order "prepared for pickup" belongs to.
    shopify_domain: Mapped[str | None] = mapped_column(String(80), nullable=True)  # <shop>.myshopify.com
    shopify_token: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # E.164: called (voice, Twilio) when an arrival is still unclaimed after the last text escalation.
    landline: Mapped[str | None] = mapped_column(String(20), nullable=True)

    staff: Mapped[list[Staff]] = relationship(back_populates="store", order_by="Staff.id")


class AutoReply(Base):
    """An owner's override of one bot text, in each language."""

    __tablename__ = "auto_replies"
    __table_args__ = (UniqueConstraint("store_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    en: Mapped[str | None] = mapped_column(Text, nullable=True)
    fr: Mapped[str | None] = mapped_column(Text, nullable=True)


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("store_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20))  # E.164
    role: Mapped[str] = mapped_column(String(8), default="staff")  # staff | manager | owner
    language: Mapped[str] = mapped_column(String(2), default="fr")
    on_duty: Mapped[bool] = mapped_column(Boolean, default=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    # Taken off the roster: kept so that the handoffs they claimed still name them; re-adding the phone
    # brings the row back.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    store: Mapped[Store] = relationship(back_populates="staff")


class KeywordReply(Base):
    """An owner's answer to a one-word customer text ("HOURS" → "Open 9 to 5"), in each language."""

    __tablename__ = "keyword_replies"
    __table_args__ = (UniqueConstraint("store_id", "keyword"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    keyword: Mapped[str] = mapped_column(String(20))  # folded: lower case, no accents
    en: Mapped[str | None] = mapped_column(Text, nullable=True)
    fr: Mapped[str | None] = mapped_column(Text, nullable=True)


class Customer(Base):
    """A phone that texted or was texted by one store; opt-out is per store number, as carriers apply it."""

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("store_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    phone: Mapped[str] = mapped_column(String(20))  # E.164
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    # The channel they last wrote on ("sms" or "whatsapp"), so replies use the same one.
    channel: Mapped[str] = mapped_column(String(10), default="sms")
    # What the bot last asked them ("spot" or "order"), and what their text said meanwhile.
    awaiting: Mapped[str | None] = mapped_column(String(10), nullable=True)
    pending: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("store_id", "number"),
        # Every arrival reads its customer's open orders; claims and the board read a handoff's orders.
        Index("ix_orders_customer_status", "customer_id", "status"),
        Index("ix_orders_handoff", "handoff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    items: Mapped[list | None] = mapped_column(JSON, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default=OrderStatus.PENDING)  # an OrderStatus
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # SHA-256 of the order's one-tap check-in link (bot/usecases/checkin.py): the link itself is never kept.
    checkin_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True, index=True)

    customer: Mapped[Customer] = relationship()
    handoff: Mapped[Handoff | None] = relationship(back_populates="orders")


class Handoff(Base):
    """One customer's pickup of one or more orders: on the way, waiting, claimed, done."""

    __tablename__ = "handoffs"
    __table_args__ = (
        Index("ix_handoffs_store_status", "store_id", "status"),
        # Every text from a customer reads their open handoff.
        Index("ix_handoffs_customer_status", "customer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[str] = mapped_column(String(12), default=HandoffStatus.WAITING)  # a HandoffStatus
    location: Mapped[str] = mapped_column(String(6), default="car")  # car | door
    spot: Mapped[str | None] = mapped_column(String(20), nullable=True)
    vehicle: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    eta_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    # The phone was not on file: staff check the name at handoff.
    unverified_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    # Staff were alerted (orders ready); False while waiting for an order not yet ready.
    alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    # The wait the customer was told at arrival, in minutes (bot/core/wait.py); none when the data was too thin.
    wait_low: Mapped[int | None] = mapped_column(Integer, nullable=True)
    wait_high: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The customer's latest photo of their car (photos.id; no foreign key: the retention run deletes photos and
    # clears this in one go). Read with the handoff, so an alert carries it without another query.
    photo_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    store: Mapped[Store] = relationship()
    customer: Mapped[Customer] = relationship()
    claimed_by: Mapped[Staff | None] = relationship()
    orders: Mapped[list[Order]] = relationship(back_populates="handoff", order_by="Order.id")


class Message(Base):
    """Every inbound and outbound text, with its Twilio SID and delivery status."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_direction_status", "direction", "status"),
        Index("ix_messages_store_phone", "store_id", "phone"),
        # Per-store counts over the last hour (abuse limits) and the board's recent activity.
        Index("ix_messages_store_created", "store_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="SET NULL"), nullable=True)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    channel: Mapped[str] = mapped_column(String(10), default="sms")  # sms | whatsapp
    from_addr: Mapped[str] = mapped_column(String(40))  # as Twilio addresses it (whatsapp:+1...)
    to_addr: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)  # the other party, E.164
    body: Mapped[str] = mapped_column(Text)
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    # in: received|processed|ignored ; out: queued|sending|sent|delivered|undelivered|failed|skipped
    status: Mapped[str] = mapped_column(String(12))
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # out: who it is for and why, so a failed staff alert can be re-routed.
    audience: Mapped[str | None] = mapped_column(String(10), nullable=True)  # customer | staff
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"), nullable=True)
    template: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Higher goes first: staff alerts before customer notices.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # in: the media Twilio holds for an MMS/WhatsApp message, [{"url", "type"}], as the webhook gave them.
    media: Mapped[list | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    # out: the photo (photos.id) sent with the text as MMS.
    photo_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Photo(Base):
    """A customer's picture of their car, held at Twilio (its media URL) and shown to staff through a signed link
    (bot/web/photos.py) until the retention run deletes it here and at Twilio."""

    __tablename__ = "photos"
    __table_args__ = (Index("ix_photos_created", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id"), nullable=True)
    message_sid: Mapped[str] = mapped_column(String(64))  # the inbound MMS that carried it
    url: Mapped[str] = mapped_column(Text)  # Twilio's media URL (fetching it needs the account's credentials)
    content_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Call(Base):
    """The voice call to the store's landline about one unclaimed handoff: at most one per handoff (unique)."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id"), unique=True)
    to_number: Mapped[str] = mapped_column(String(20))  # the landline called, E.164
    # placing → placed (Twilio took it) | failed; then answered (a key other than 1, or none) | claimed. skipped:
    # due outside store hours or while paused, so never placed.
    status: Mapped[str] = mapped_column(String(12), default="placing")
    twilio_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    digits: Mapped[str | None] = mapped_column(String(8), nullable=True)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginLink(Base):
    """A one-time sign-in link to the admin pages, texted to an owner's or manager's registered phone."""

    __tablename__ = "login_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20))  # E.164: the link signs in this phone, for its stores
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; the token itself is never kept
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OrderEvent(Base):
    """One order webhook as received (Shopify's or the generic one), stored before it is answered and applied by a
    worker: its key (Shopify's webhook id, or the sender's Idempotency-Key) makes a repeat a no-op."""

    __tablename__ = "order_events"
    __table_args__ = (
        UniqueConstraint("store_id", "source", "key"),
        Index("ix_order_events_status_received", "status", "received_at"),
        Index("ix_order_events_store_external", "store_id", "source", "external_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(10))  # shopify | generic
    key: Mapped[str] = mapped_column(String(120))
    topic: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)  # the raw JSON, as signed
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # received | applying | applied | ignored | stale | no_phone | unmatched | failed
    status: Mapped[str] = mapped_column(String(12), default="received")
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # Filled when applied: the shop's own id for the order, its number here, and the shop's updated_at.
    external_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    customer_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    source_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
