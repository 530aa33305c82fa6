"""Property-based fuzzing (Hypothesis): whatever arrives, the webhook answers without a 5xx, understanding
never raises, and the worker processes any stored text without an exception escaping."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from bot.core.understanding import CUSTOMER_INTENTS, STAFF_INTENTS, Context, understand
from bot.data.models import Message
from bot.jobs import drain
from bot.usecases.inbound import InboundText, process_inbound, record_inbound
from tests.support.conversation import Shop

STORE, JULIE, OWNER, MARIE, ALEX = "+15145550100", "+15145550111", "+15145550113", "+15145550123", "+15145550124"

FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# Words the bot knows, mixed with noise: random unicode alone rarely reaches past the first branch.
WORDS = (
    "here arrived rendu rendue chu ici spot place stationnement 4 12 A7 #1234 1234 5678 order commande omw "
    "j'arrive dans 10 min minutes trente-deux four red rouge Civic Tesla Model 3 door porte coffre trunk open "
    "STOP ARRET ARRÊT START UNSTOP YES HELP AIDE INFO cancel annuler ready prête OK DONE FAIT LIST LISTE "
    "still waiting? encore merci thanks 🚗 ü ß 中文 \u200b \t \n . , ! ?"
).split(" ")
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=25).map(" ".join),
    st.builds(lambda chunk, n: (chunk * n)[:10_240], st.text(min_size=1, max_size=8), st.integers(1, 10_240)),
)


# --- the webhook ------------------------------------------------------------------------------------------

known_senders = st.sampled_from(
    [
        MARIE,
        ALEX,
        JULIE,
        OWNER,
        MARIE,
        ALEX,
        "+15145550999",
        STORE,
        "22395",
        "whatsapp:" + MARIE,
        "+447911123456",
        "(514) 555-0199",
    ]
)
senders = st.one_of(known_senders, known_senders, known_senders, st.text(max_size=40))
receivers = st.one_of(
    st.just(STORE),
    st.just(STORE),
    st.just(STORE),
    st.sampled_from(["whatsapp:" + STORE, "+15145550999", "5145550100"]),
    st.text(max_size=40),
)
UNIQUE = "<a fresh SID>"  # replaced at send time: a repeated SID would be a (correctly ignored) retry
good_sids = st.one_of(st.just(UNIQUE), st.just(UNIQUE), st.builds(lambda n: f"SM{n:032x}", st.integers(0, 2**128 - 1)))
sids = st.one_of(good_sids, st.text(max_size=80))
odd_fields = st.lists(st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=200)), max_size=6)
extras = {
    "NumMedia": st.sampled_from(["0", "1", "-1", "x"]),
    "ErrorCode": st.text(max_size=12),
    "MessageStatus": st.one_of(st.sampled_from(["sent", "delivered", "failed", "undelivered"]), st.text(max_size=20)),
}
# Mostly complete messages (they reach storage and processing), sometimes anything goes.
complete = st.fixed_dictionaries(
    {"MessageSid": good_sids, "From": senders, "To": receivers, "Body": texts}, optional=extras
)
anything = st.fixed_dictionaries(
    {}, optional={"MessageSid": sids, "From": senders, "To": receivers, "Body": texts, **extras}
)
standard = st.one_of(complete, complete, anything)


def test_any_signed_webhook_request_gets_an_answer_never_a_5xx(svc):
    shop = Shop(svc, number=STORE, language="fr")
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Sophie Roy", OWNER, role="owner")
    shop.order("1234", MARIE, "Marie Lavoie")
    key = svc.webhook_token
    fresh = iter(range(10**9))

    @FUZZ
    @given(fields=standard, extra=odd_fields, path=st.sampled_from(["/twilio/sms", "/twilio/status"]))
    def post(fields, extra, path):
        if fields.get("MessageSid") == UNIQUE:
            fields["MessageSid"] = f"SM{next(fresh):032x}"
        form = MultiDict(list(fields.items()) + extra)
        signature = RequestValidator(key).compute_signature(svc.settings.public_base_url + path, form)
        response = shop.client.post(path, data=form, headers={"X-Twilio-Signature": signature})
        assert response.status_code in (200, 204, 400), (response.status_code, response.data[:300])
        assert svc.dispatcher.errors == []  # processing (run inline here) raised nothing either
        unsigned = shop.client.post(path, data=form)
        assert unsigned.status_code == 403

    post()


# --- understanding ----------------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    text=texts,
    role=st.sampled_from(["customer", "staff", "owner"]),
    awaiting=st.sampled_from([None, "spot", "order"]),
    language=st.sampled_from([None, "en", "fr"]),
)
def test_understanding_any_text_never_raises_and_answers_in_its_contract(text, role, awaiting, language):
    meaning = understand(text, Context(role=role, awaiting=awaiting, language=language))
    assert meaning.intent in (CUSTOMER_INTENTS if role == "customer" else STAFF_INTENTS)
    assert meaning.language in ("en", "fr")
    assert meaning.spot is None or isinstance(meaning.spot, str)
    assert meaning.order is None or isinstance(meaning.order, str)
    assert meaning.eta_minutes is None or isinstance(meaning.eta_minutes, int)
    json.dumps(meaning.as_public_dict(), ensure_ascii=False)


# --- the worker -------------------------------------------------------------------------------------------


def test_the_worker_processes_any_stored_text_without_an_exception_escaping(svc):
    shop = Shop(svc, number=STORE, language="fr")
    shop.staff("Julie Tremblay", JULIE)
    shop.staff("Sophie Roy", OWNER, role="owner")
    shop.order("1234", MARIE, "Marie Lavoie")
    shop.order("5678", ALEX, "Alex Martin", language="en", ready=False)
    sent = iter(range(10**9))

    @FUZZ
    @given(
        steps=st.lists(
            st.tuples(
                st.sampled_from([MARIE, ALEX, JULIE, OWNER, "+15145550999"]),
                texts.map(lambda t: t.replace("\x00", "")),  # the webhook drops NUL bytes
                st.sampled_from([0, 0, 0, 5, 95, 400]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def walk(steps):
        for phone, body, wait in steps:
            message_id = record_inbound(svc.db, InboundText(f"SM{next(sent):032x}", phone, STORE, body), svc.clock())
            process_inbound(svc, message_id)  # raises nothing: not even the drain's safety net is needed
            drain.handle(svc, message_id)  # a second delivery of the same id is a no-op
            with svc.db.read() as session:
                assert session.get(Message, message_id).status == "processed"
            if wait:
                shop.wait(wait)  # escalations and nudges run on whatever state the texts left

    walk()
    with svc.db.read() as session:
        assert not session.scalars(select(Message).where(Message.status == "failed")).all()
