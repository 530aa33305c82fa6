"""The webhook's signal to the workers: ids of stored texts pushed on the inbound list, over a connection of its own."""

from __future__ import annotations

import os
import uuid

import pytest

from bot.jobs.dispatch import RQDispatcher


@pytest.fixture
def dispatcher(redis):
    d = RQDispatcher(redis, "test-" + uuid.uuid4().hex[:8])
    yield d
    redis.delete(d.inbound_list)


def test_texts_stored_together_are_signalled_in_one_push_oldest_popped_first(dispatcher):
    dispatcher.process_inbound_many([7, 8, 9])
    assert [int(dispatcher.redis.rpop(dispatcher.inbound_list)) for _ in range(3)] == [7, 8, 9]


def test_signals_reuse_one_connection_kept_apart_from_the_shared_pool(dispatcher):
    dispatcher.process_inbound_many([1])
    client = dispatcher._signal_client()
    dispatcher.process_inbound_many([2])
    assert dispatcher._signal_client() is client
    assert client.connection is not None  # held by the client, not checked out of the pool per push
    assert dispatcher.redis.llen(dispatcher.inbound_list) == 2


def test_a_process_forked_after_the_first_signal_makes_a_connection_of_its_own(dispatcher):
    dispatcher.process_inbound_many([1])
    parents = dispatcher._signal_client()
    dispatcher._signaller = (os.getpid() + 1, parents)  # as a child of a gunicorn preload sees it
    dispatcher.process_inbound_many([2])
    assert dispatcher._signal_client() is not parents
    assert dispatcher.redis.llen(dispatcher.inbound_list) == 2


def test_a_signal_after_redis_dropped_the_connection_goes_through_on_a_new_one(dispatcher):
    dispatcher.process_inbound_many([1])
    client = dispatcher._signal_client()
    dispatcher.redis.client_kill_filter(_id=client.client_id())
    dispatcher.process_inbound_many([2])
    assert dispatcher.redis.llen(dispatcher.inbound_list) == 2
