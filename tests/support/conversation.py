"""A conversation harness: people text the store through the signed webhook and read what they got back."""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot import create_app
from bot.data.db import Database
from bot.data.models import Message, Store
from bot.usecases import board, orders, replies, roster, stores
from bot.wiring import Services
from config.settings import load_settings
from tests.support.fakes import FakeSender, InlineDispatcher

_sids = itertools.count(1)


@contextmanager
def app_with(database_url: str, **env: str):
    """A test client of the app under other settings than the tests' own (real Twilio credentials, production)."""
    settings = load_settings({"DATABASE_URL": database_url, **env})
    db = Database(settings.database_url)
    db.create_all()
    try:
        yield create_app(
            services=Services(settings=settings, db=db, dispatcher=InlineDispatcher(), sender=FakeSender())
        ).test_client()
    finally:
        db.dispose()


class Phone:
    def __init__(self, shop: Shop, number: str, channel: str = "sms"):
        self.shop, self.number, self.channel = shop, number, channel
        self._seen = 0

    @property
    def address(self) -> str:
        return f"whatsapp:{self.number}" if self.channel == "whatsapp" else self.number

    def texts(self, body: str, sid: str | None = None) -> list[str]:
        """Send a text to the store; returns every text anyone got as a result, for this phone only."""
        self.shop.post_sms(self.address, body, sid=sid)
        return self.new()

    def new(self) -> list[str]:
        """Texts this phone received since it last looked."""
        got = self.received()
        fresh = got[self._seen :]
        self._seen = len(got)
        return fresh

    def received(self) -> list[str]:
        return [m.body for m in self.shop.svc.sender.outbox if m.to == self.address]


class Shop:
    """A store with its staff, driven through the real Flask app and the signed Twilio webhook."""

    def __init__(
        self,
        svc,
        number="+15145550100",
        language="fr",
        escalation_seconds=300,
        handoff_mode="both",
        hours=None,
        name="Plein Air Laurier",
    ):
        self.svc = svc
        self.app = create_app(services=svc)
        self.client = self.app.test_client()
        self.store = stores.create_store(
            svc.db,
            name,
            number,
            "America/Toronto",
            language,
            escalation_seconds=escalation_seconds,
            handoff_mode=handoff_mode,
            hours=hours,
        )
        self.number = number

    @classmethod
    def existing(cls, svc, number: str) -> Shop:
        """The harness on a store that is already there (the demo's), rather than a new one."""
        shop = cls.__new__(cls)
        shop.svc, shop.number = svc, number
        shop.app = create_app(services=svc)
        shop.client = shop.app.test_client()
        with svc.db.read() as session:
            shop.store = session.scalars(select(Store).where(Store.sms_number == number)).one()
        return shop

    def staff(self, name: str, phone: str, role="staff", language="fr", on_duty=True) -> Phone:
        roster.add_staff(self.svc.db, self.store.id, name, phone, role, language, on_duty)
        return Phone(self, phone)

    def customer(self, phone: str, channel="sms") -> Phone:
        return Phone(self, phone, channel)

    def order(self, number: str, phone: Phone | str, name="Marie Tremblay", language=None, ready=True):
        to = phone.number if isinstance(phone, Phone) else phone
        return orders.create_order(
            self.svc, self.store.id, number, to, name, language=language, status="ready" if ready else "pending"
        )

    def ready(self, number: str):
        return orders.mark_ready(self.svc, self.store.id, number)

    def order_state(self, number: str) -> dict:
        return orders.get_order(self.svc.db, self.store.id, number)

    # What the store holds now, as the owner's commands left it.
    def settings(self):
        return stores.get_store(self.svc.db, self.store.id)

    def roster(self) -> dict[str, tuple[str, str, bool]]:
        """Phone → (name, role, on duty), for the staff on the roster."""
        return {s.phone: (s.name, s.role, s.on_duty) for s in roster.roster(self.svc.db, self.store.id)}

    def auto_replies(self) -> dict[str, dict[str, str | None]]:
        return replies.auto_replies(self.svc.db, self.store.id)

    def keyword_replies(self) -> dict[str, dict[str, str | None]]:
        return {r.keyword: {"en": r.en, "fr": r.fr} for r in replies.keyword_replies(self.svc.db, self.store.id)}

    def board(self) -> dict:
        """What the staff board shows now."""
        return board.board_state(self.svc.db, self.store.id, self.svc.clock())

    def texts_written_to(self, phone: Phone) -> list[str]:
        """Every text the bot wrote to this phone, sent or not (an opted-out number's would be held back)."""
        with self.svc.db.read() as session:
            return list(
                session.scalars(
                    select(Message.body)
                    .where(Message.direction == "out", Message.to_addr == phone.address)
                    .order_by(Message.id)
                )
            )

    def post_sms(self, from_addr: str, body: str, sid: str | None = None, signature: str | None = None):
        to = f"whatsapp:{self.number}" if from_addr.startswith("whatsapp:") else self.number
        form = {
            "MessageSid": sid or f"SM{next(_sids):032x}",
            "From": from_addr,
            "To": to,
            "Body": body,
            "AccountSid": "AC" + "0" * 32,
            "NumMedia": "0",
        }
        url = self.svc.settings.public_base_url + "/twilio/sms"
        if signature is None:
            signature = RequestValidator(self.svc.webhook_token).compute_signature(url, form)
        response = self.client.post("/twilio/sms", data=form, headers={"X-Twilio-Signature": signature})
        assert response.status_code == 200, response.data
        if self.svc.dispatcher.errors:
            raise self.svc.dispatcher.errors.pop(0)
        return response

    def wait(self, seconds: float) -> None:
        """Let time pass and run the timers that fall due (escalations, nudges)."""
        self.svc.clock.advance(seconds)
        self.svc.dispatcher.run_due()


def demo_team(svc, language="fr", escalation_seconds=300) -> Shop:
    """The demo's store and team: Julie Tremblay (French) and Sam Wilson (English) on duty, Sophie Roy the owner off
    duty, as `shop.julie`, `shop.sam` and `shop.owner`."""
    shop = Shop(svc, language=language, escalation_seconds=escalation_seconds)
    shop.julie = shop.staff("Julie Tremblay", "+15145550111", language="fr")
    shop.sam = shop.staff("Sam Wilson", "+15145550112", language="en")
    shop.owner = shop.staff("Sophie Roy", "+15145550113", role="owner", on_duty=False)
    return shop
