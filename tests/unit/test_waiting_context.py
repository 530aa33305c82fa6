"""The reader knows whether the customer is waiting here: a question or a hail with no other meaning from someone
waiting in the lot asks for news; the same text from anyone else keeps its own meaning."""

from __future__ import annotations

import pytest

from bot.core.understanding import Context, understand

WAITING = Context(handoff="waiting")
COMING = Context(handoff="on_the_way")
NONE = Context()


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "bonjour",
        "yo",
        "allo?",
        "??",
        "c'est quoi la suite?",
        "tu sors quand?",
        "excusez-moi?",
        "is it cold out there lol?",
        "so what now?",
        "euh, c'est normal?",
        "do I need to do anything else?",
    ],
)
def test_a_question_or_a_hail_from_a_customer_waiting_here_asks_for_news(text):
    assert understand(text, WAITING).intent == "status"


@pytest.mark.parametrize("text", ["hello", "bonjour", "yo", "c'est quoi la suite?", "is it cold out there lol?"])
def test_the_same_text_from_a_customer_not_waiting_keeps_its_own_meaning(text):
    assert understand(text, NONE).intent == "other"
    assert understand(text, COMING).intent == "other"


@pytest.mark.parametrize("text", ["tu sors quand?", "how close r u on the bird seed", "le gâteau est-tu glacé?"])
def test_a_question_about_the_order_asks_for_news_whoever_asks_it(text):
    # Reading round 9: a customer's question nothing else claims, and not about the store, asks for news.
    assert understand(text, NONE).intent == "status"
    assert understand(text, WAITING).intent == "status"


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "thanks",
        "merci!",
        "what time do you close?",
        "do you sell gift cards?",
        "vous fermez à quelle heure?",
        "c'est où l'entrée?",
    ],
)
def test_thanks_and_store_questions_from_a_waiting_customer_stay_other(text):
    assert understand(text, WAITING).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("spot 7 now, moved", "arrived"),
        ("STOP", "stop"),
        ("aide", "help"),
        ("cancel my order", "cancel"),
        ("je suis parti, de retour dans 10 min", "on_the_way"),
    ],
)
def test_a_waiting_customer_s_text_with_its_own_meaning_keeps_it(text, intent):
    assert understand(text, WAITING).intent == intent


def test_the_default_context_has_no_open_handoff():
    assert Context().handoff is None
