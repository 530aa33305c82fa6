"""The call to the store's phone: when it rings, who a "1" makes the pickup's, and what it says."""

from __future__ import annotations

from bot.core import calls
from bot.core import conversation as c
from tests.unit.test_conversation import NOW, STORE, TEAM, waiting


def test_the_last_escalation_arms_the_call_when_the_store_has_a_landline():
    store = c.StoreView(id=1, name="Plein Air", escalation_seconds=300, has_landline=True)
    effects = c.decide_escalation(store, waiting(escalation_level=1), 2, TEAM, NOW)
    assert c.Schedule("call", 300, level=c.CALL_LEVEL, handoff_id=5) in effects


def test_without_a_landline_the_last_escalation_is_the_last_step():
    effects = c.decide_escalation(STORE, waiting(escalation_level=1), 2, TEAM, NOW)
    assert not any(isinstance(e, c.Schedule) for e in effects)


def test_the_first_escalation_never_calls():
    store = c.StoreView(id=1, name="Plein Air", has_landline=True)
    effects = c.decide_escalation(store, waiting(), 1, TEAM, NOW)
    assert [e.job for e in effects if isinstance(e, c.Schedule)] == ["escalate"]


def test_only_a_waiting_alerted_customer_in_open_hours_gets_a_call():
    assert calls.should_call(True, True, False, waiting())
    assert not calls.should_call(False, True, False, waiting())
    assert not calls.should_call(True, False, False, waiting())  # outside store hours
    assert not calls.should_call(True, True, True, waiting())  # paused
    assert not calls.should_call(True, True, False, waiting(status="claimed"))
    assert not calls.should_call(True, True, False, waiting(alerted=False))


def test_the_lead_is_the_owner_or_manager_on_duty_else_the_first_on_duty():
    manager_on = [c.StaffView(1, "Julie"), c.StaffView(2, "Luc", role="manager"), c.StaffView(3, "Sophie", "owner")]
    assert calls.lead(manager_on) == 2
    assert calls.lead(TEAM) == 1  # Sophie the owner is off duty: Julie, first on duty
    nobody = [c.StaffView(1, "Julie", on_duty=False), c.StaffView(3, "Sophie", role="owner", on_duty=False)]
    assert calls.lead(nobody) == 3
    assert calls.lead([]) is None


def test_the_call_says_where_and_which_order_digit_by_digit_in_the_stores_language():
    fr = calls.prompt(waiting(), "fr", "Plein Air")
    assert "Un client attend à la place 4 pour la commande 1 2 3 4" in fr and "Appuyez sur 1" in fr
    en = calls.prompt(waiting(location="door", spot=None), "en", "Plein Air")
    assert "A customer is waiting at the door for order 1 2 3 4" in en and "Press 1 to take it" in en
    assert "dans le stationnement" in calls.prompt(waiting(spot=None), "fr", "Plein Air")


def test_after_the_key_the_call_says_what_happened():
    assert calls.after_key("claimed", "fr", "Julie Tremblay").startswith("Merci. C'est noté pour Julie;")
    assert calls.after_key("taken", "en") == "Thanks, someone already took it. Goodbye!"
    assert calls.after_key("declined", "fr") == "D'accord. Au revoir!"
