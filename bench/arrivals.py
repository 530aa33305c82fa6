"""Arrival-to-alert latency: a paced load of "here spot N" webhooks from customers with ready orders, timed
from the sender's clock when posting to the Twilio stand-in's clock when the staff alert reaches it."""

from __future__ import annotations

import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from sqlalchemy import func, insert, select

from . import stack
from .webhook import sign, twilio_form

# The arrivals are spread over a chain's stores, each with a number of its own, as the "500 stores at once".
# A number sends SEND_RATE_PER_SECOND texts a second (10 by default) and an arrival takes two (the staff alert and the
# customer's acknowledgement), so one store's number caps it at 5 arrivals a second: over 10 stores, every rate from
# 50/s up would measure that cap rather than the machine.
STORES = 500
ORDER_BASE = 900_000  # order numbers 900000..: easy to find again in the staff alert's text
ORDER_RE = re.compile(r"\b(9\d{5,6})\b")


@dataclass
class Population:
    stores: list[tuple[int, str]]  # (id, sms_number)
    customers: list[tuple[str, str, str]] = field(default_factory=list)  # (phone, store number, order number)


def populate(db_url: str, count: int, stores: int = STORES, staff_per_store: int = 1) -> Population:
    """Stores with on-duty staff (through the use cases), then `count` customers each with one ready order
    (bulk SQL: marking orders ready through the use case would text every customer first)."""
    from bot.data.db import Database
    from bot.data.models import Customer, Order
    from bot.usecases.roster import add_staff
    from bot.usecases.stores import create_store

    db = Database(db_url)
    pop = Population(stores=[])
    for s in range(stores):
        number = f"+1514555{1000 + s:04d}"
        store = create_store(db, f"Bench Store {s}", number, language="en", escalation_seconds=3600)
        for k in range(staff_per_store):
            add_staff(db, store.id, f"Staff {s}-{k}", f"+1514666{s * 10 + k:04d}", language="en")
        pop.stores.append((store.id, number))
    now = datetime.now(UTC)
    with db.write() as session:
        phones = [f"+1438{2000000 + i:07d}" for i in range(count)]
        session.execute(
            insert(Customer),
            [
                {
                    "store_id": pop.stores[i % stores][0],
                    "phone": p,
                    "name": f"Client{i} Bench",
                    "channel": "sms",
                    "opted_out": False,
                    "unreachable": False,
                }
                for i, p in enumerate(phones)
            ],
        )
        ids = dict(session.execute(select(Customer.phone, Customer.id)).all())
        session.execute(
            insert(Order),
            [
                {
                    "store_id": pop.stores[i % stores][0],
                    "number": str(ORDER_BASE + i),
                    "customer_id": ids[p],
                    "customer_name": f"Client{i} Bench",
                    "language": "en",
                    "status": "ready",
                    "created_at": now,
                    "ready_at": now,
                }
                for i, p in enumerate(phones)
            ],
        )
    pop.customers = [(p, pop.stores[i % stores][1], str(ORDER_BASE + i)) for i, p in enumerate(phones)]
    db.dispose()
    return pop


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


class Load:
    """Posts signed webhooks at a steady rate from a bounded thread pool; records each one's send time."""

    def __init__(self, url: str, forms: list[tuple[dict, str]], rate: float, pool: int = 32):
        self.url, self.forms, self.rate, self.pool = url, forms, rate, pool
        self.sent_at = [0.0] * len(forms)  # wall clock, as the stand-in's received_at
        self.answered = [0.0] * len(forms)
        self.status = [0] * len(forms)
        self.max_lag = 0.0
        self._local = threading.local()

    def _session(self) -> requests.Session:
        s = getattr(self._local, "s", None)
        if s is None:
            s = self._local.s = requests.Session()
        return s

    def _post(self, i: int) -> None:
        form, sig = self.forms[i]
        session = self._session()
        self.sent_at[i] = time.time()
        t = time.perf_counter()
        try:
            r = session.post(self.url, data=form, headers={"X-Twilio-Signature": sig}, timeout=10)
            self.status[i] = r.status_code
        except requests.RequestException:
            self.status[i] = -1
        self.answered[i] = time.perf_counter() - t

    def run(self) -> float:
        """Blocks until every request was answered; returns the sending time in seconds."""
        t0 = time.monotonic()
        with ThreadPoolExecutor(self.pool, thread_name_prefix="load") as pool:
            for i in range(len(self.forms)):
                due = t0 + i / self.rate
                now = time.monotonic()
                if due > now:
                    time.sleep(due - now)
                else:
                    self.max_lag = max(self.max_lag, now - due)
                pool.submit(self._post, i)
        return time.monotonic() - t0


def _alerts_sent(db, since_id: int) -> int:
    from bot.data.models import Message

    with db.read() as s:
        return s.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.id > since_id,
                Message.direction == "out",
                Message.audience == "staff",
                Message.status.in_(("sent", "delivered")),
            )
        )


def run_case(
    env: stack.Env,
    db_kind: str,
    workers: int,
    rate: float,
    count: int,
    warmup: int = 20,
    drain_timeout: float = 120.0,
    patches: str = "",
    twilio_delay: float = 0.0,
    log=print,
    costs: bool = False,
) -> dict:
    """One stack (web as the Procfile runs it + `workers` worker processes), `count` arrivals at `rate`/s. With
    `costs`, what the measured arrivals cost each process and server (bench/costs.py) is in result["costs"]."""
    from bot.data.db import Database
    from bot.data.models import Message

    result = {
        "database": db_kind,
        "workers": workers,
        "rate": rate,
        "count": count,
        "patches": patches,
        "twilio_delay": twilio_delay,
        "stores": STORES,
    }
    port = stack.free_port()
    with stack.database(db_kind, env.tmp) as db_url:
        pop = populate(db_url, count + warmup)
        environ = stack.app_env(env, db_url, port, "bench-" + uuid.uuid4().hex[:6])
        web = stack.Web(env, "bot:create_app()", environ, port, name=f"web-lat-{db_kind}-{workers}-{rate}")
        procs = stack.start_workers(env, environ, workers, patches)
        db = Database(db_url)
        try:
            web.wait()
            url = web.url + "/twilio/sms"
            forms = []
            for i, (phone, store_number, _order) in enumerate(pop.customers):
                form = twilio_form(i, f"here spot {i % 60 + 1}", to=store_number, from_=phone)
                forms.append((form, sign(url, form)))
            # warm-up: every worker process up, connections open; not measured
            env.standin_reset()
            warm = Load(url, forms[:warmup], rate=min(rate, 50))
            warm.run()
            stack.wait_for(lambda: _alerts_sent(db, 0) >= warmup, 60, "warm-up alerts", interval=0.2)
            with db.read() as s:
                last_id = s.scalar(select(func.max(Message.id)))
            env.standin_reset()
            if twilio_delay:  # every message accepted, answered after Twilio's usual round trip
                requests.post(
                    env.standin_url + "/_standin/fail",
                    json={"times": 10 * count + 1000, "accept": True, "delay": twilio_delay},
                    timeout=10,
                ).raise_for_status()
            load = Load(url, forms[warmup:], rate=rate)
            if costs:
                from . import costs as cost_probe

                probe = cost_probe.Probe(env, db_url, web, procs)
            t_send = load.run()
            # wait for the alerts: done, or no progress for 30 s, or the overall cap
            t_end = time.monotonic() + drain_timeout
            seen, progress_at = -1, time.monotonic()
            while time.monotonic() < t_end:
                n = _alerts_sent(db, last_id)
                if n >= count:
                    break
                if n != seen:
                    seen, progress_at = n, time.monotonic()
                elif time.monotonic() - progress_at > 30:
                    break
                time.sleep(0.25)
            if costs:
                result["costs"] = probe.per(count)
            accepted, _rejected = env.standin_messages()
            env.standin_reset()
            alive = [p for p in procs if p.poll() is None]
            rss_worker = [stack.rss_mb(p.pid) for p in alive]
            result["workers_exited"] = len(procs) - len(alive)
        finally:
            for p in procs:
                env.procs.stop(p)
            web.stop()
            db.dispose()
    staff_numbers = set()
    index = {order: i for i, (_p, _s, order) in enumerate(pop.customers[warmup:])}
    first_alert: dict[int, float] = {}
    customer_ack: dict[int, float] = {}
    by_phone = {phone: i for i, (phone, _s, _o) in enumerate(pop.customers[warmup:])}
    for m in accepted:
        to = m.get("to") or ""
        if to.startswith("+1514666"):
            staff_numbers.add(to)
            match = ORDER_RE.search(m.get("body") or "")
            i = index.get(match.group(1)) if match else None
            if i is not None and i not in first_alert:
                first_alert[i] = m["received_at"]
        elif to in by_phone and by_phone[to] not in customer_ack:
            customer_ack[by_phone[to]] = m["received_at"]
    ok = [i for i in range(count) if load.status[i] == 200]
    lat = [(first_alert[i] - load.sent_at[i]) * 1000 for i in ok if i in first_alert]
    ack = [(customer_ack[i] - load.sent_at[i]) * 1000 for i in ok if i in customer_ack]
    web_ms = [load.answered[i] * 1000 for i in ok]
    span = (max(first_alert.values()) - min(load.sent_at)) if first_alert else float("nan")
    result.update(
        {
            "webhook_non200": count - len(ok),
            "alerts": len(lat),
            "lost": len(ok) - len(lat),
            "p50_ms": percentile(lat, 50),
            "p90_ms": percentile(lat, 90),
            "p99_ms": percentile(lat, 99),
            "max_ms": max(lat) if lat else float("nan"),
            "ack_p50_ms": percentile(ack, 50),
            "ack_p99_ms": percentile(ack, 99),
            "webhook_p50_ms": percentile(web_ms, 50),
            "webhook_p99_ms": percentile(web_ms, 99),
            "send_seconds": t_send,
            "offered_rate": count / t_send,
            "achieved_rate": len(lat) / span if lat and span > 0 else float("nan"),
            "send_lag_ms": load.max_lag * 1000,
            "worker_rss_mb": max(rss_worker) if rss_worker else None,
        }
    )
    log(
        f"  {db_kind}, {workers} worker(s){' +' + patches if patches else ''}"
        f"{f', Twilio answering in {twilio_delay * 1000:.0f} ms' if twilio_delay else ''}, {rate:g}/s x {count}: p50 {result['p50_ms']:.0f} ms, "
        f"p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms, lost {result['lost']}, "
        f"non-200 {result['webhook_non200']}, alerts/s {result['achieved_rate']:.0f}"
        + (f", WORKERS EXITED: {result['workers_exited']}" if result["workers_exited"] else "")
    )
    return result
