"""Every SQL statement an arrival runs, with PostgreSQL's plan for it: the webhook's insert and the worker's decision
and sends, in this process, on a fresh PostgreSQL database filled like bench/arrivals.py's (500 stores, a customer
with a ready order per arrival). A statement whose plan reads a table from end to end (Seq Scan) is flagged: on a
chain's tables, that is the query that breaks first.

    .venv/bin/python -m bench.explain [--customers 4000] [--arrivals 200]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
from collections import Counter

from . import arrivals, stack


def run(customers: int, n: int) -> dict:
    from sqlalchemy import event

    with stack.Env() as env:
        env.start_standin()
        with stack.database("postgresql", env.tmp) as url:
            pop = arrivals.populate(url, customers)
            saved = dict(os.environ)
            os.environ.update(stack.app_env(env, url, stack.free_port(), "explain"))
            logging.getLogger().setLevel(logging.WARNING)
            try:
                import bot.usecases.inbound as inbound
                import bot.usecases.receiving as receiving
                from bot.wiring import build
                from config.settings import load_settings

                svc = build(load_settings(), role="worker")
                seen: dict[str, tuple] = {}
                counts: Counter[str] = Counter()

                def capture(conn, cursor, statement, parameters, context, executemany):
                    counts[statement] += 1
                    if statement not in seen and not executemany:
                        seen[statement] = parameters

                for i, (phone, store, _o) in enumerate(pop.customers[:10]):  # warm: caches, compiled statements
                    text = receiving.InboundText(f"SMwarm{i:028d}", phone, store, f"here spot {i % 60 + 1}")
                    mid = receiving.record_inbound(svc.db, text, svc.clock(), svc.store_numbers)
                    if mid:
                        inbound.process_inbound(svc, mid)
                event.listen(svc.db.engine, "before_cursor_execute", capture)
                for i, (phone, store, _o) in enumerate(pop.customers[10 : 10 + n]):
                    text = receiving.InboundText(f"SMexpl{i:028d}", phone, store, f"here spot {i % 60 + 1}")
                    mid = receiving.record_inbound(svc.db, text, svc.clock(), svc.store_numbers)
                    if mid:
                        inbound.process_inbound(svc, mid)
                event.remove(svc.db.engine, "before_cursor_execute", capture)
                board_poll = _board_poll(svc, seen, event, capture_into=Counter())
                status = _status_callbacks(svc, seen, event, capture_into=Counter())
                rows = []
                with svc.db.engine.connect() as conn:
                    conn.exec_driver_sql("ANALYZE")
                    for statement, params in seen.items():
                        if not re.match(r"\s*(SELECT|UPDATE|DELETE|INSERT)", statement, re.I):
                            continue
                        try:
                            plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params)]
                        except Exception as exc:  # noqa: BLE001 - a statement EXPLAIN cannot take: say so
                            plan = [f"(no plan: {type(exc).__name__})"]
                            conn.rollback()
                        seq = sorted(set(re.findall(r"Seq Scan on (\w+)", "\n".join(plan))))
                        # A small table is read whole whatever its indexes: does the plan change when PostgreSQL is
                        # told to avoid that? If not, no index serves the statement and a big table would be read.
                        without: list[str] = []
                        if seq:
                            conn.exec_driver_sql("SET enable_seqscan = off")
                            without = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params)]
                            conn.exec_driver_sql("SET enable_seqscan = on")
                        rows.append(
                            {
                                "per_arrival": counts[statement] / n,
                                "statement": " ".join(statement.split())[:400],
                                "seq_scans": seq,
                                "no_index": sorted(set(re.findall(r"Seq Scan on (\w+)", "\n".join(without)))),
                                "plan": plan,
                                "plan_without_seqscan": without,
                            }
                        )
                svc.db.dispose()
            finally:
                os.environ.clear()
                os.environ.update(saved)
    return {
        "customers": customers,
        "arrivals": n,
        "statements_per_arrival": sum(counts.values()) / n,
        "rows": rows,
        "board_poll": board_poll,
        "status_callback": status,
    }


def _status_callbacks(svc, seen: dict, event, capture_into: Counter) -> dict:
    """What a delivery status callback costs past the webhook's front (signature, form): record_status for each
    text the arrivals sent, as "delivered"."""
    import time

    from sqlalchemy import select

    from bot.data.models import Message
    from bot.usecases.outbox import record_status

    with svc.db.read() as session:
        sids = list(
            session.scalars(
                select(Message.twilio_sid).where(Message.direction == "out", Message.twilio_sid.isnot(None))
            )
        )

    def capture(conn, cursor, statement, parameters, context, executemany):
        capture_into[statement] += 1
        seen.setdefault(statement, parameters)

    event.listen(svc.db.engine, "before_cursor_execute", capture)
    t, c = time.perf_counter(), time.process_time()
    for sid in sids:
        record_status(svc, sid, "delivered", None)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    event.remove(svc.db.engine, "before_cursor_execute", capture)
    n = max(1, len(sids))
    return {
        "callbacks": len(sids),
        "ms_wall": wall / n * 1000,
        "ms_cpu": cpu / n * 1000,
        "statements": sum(capture_into.values()) / n,
    }


def _board_poll(svc, seen: dict, event, capture_into: Counter, polls: int = 300) -> dict:
    """What one live board's poll costs (board_version: the board's whole state, hashed), over the stores that
    had arrivals; its statements join `seen` so that they are EXPLAINed too."""
    import time

    from sqlalchemy import select

    from bot.data.models import Handoff
    from bot.usecases.board import board_version

    with svc.db.read() as session:
        stores = list(session.scalars(select(Handoff.store_id).distinct()))
    stores = (stores * (polls // max(1, len(stores)) + 1))[:polls]

    def capture(conn, cursor, statement, parameters, context, executemany):
        capture_into[statement] += 1
        seen.setdefault(statement, parameters)

    for store_id in stores[:20]:
        board_version(svc.db, store_id, svc.clock())
    event.listen(svc.db.engine, "before_cursor_execute", capture)
    t, c = time.perf_counter(), time.process_time()
    for store_id in stores:
        board_version(svc.db, store_id, svc.clock())
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    event.remove(svc.db.engine, "before_cursor_execute", capture)
    return {
        "polls": len(stores),
        "ms_wall": wall / len(stores) * 1000,
        "ms_cpu": cpu / len(stores) * 1000,
        "statements": sum(capture_into.values()) / len(stores),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("--customers", type=int, default=4000)
    parser.add_argument("--arrivals", type=int, default=200)
    args = parser.parse_args(argv)
    out = run(args.customers, args.arrivals)
    print(
        f"{out['statements_per_arrival']:.1f} statements per arrival ({args.arrivals} arrivals, "
        f"{args.customers} customers and orders, {arrivals.STORES} stores)"
    )
    bp = out["board_poll"]
    print(
        f"a board's poll: {bp['ms_cpu']:.2f} ms CPU ({bp['ms_wall']:.2f} ms wall) in this process, "
        f"{bp['statements']:.1f} statements ({bp['polls']} polls); its statements are listed below at 0.00/arrival"
    )
    sc = out["status_callback"]
    print(
        f"a status callback past the webhook's front: {sc['ms_cpu']:.2f} ms CPU ({sc['ms_wall']:.2f} ms wall), "
        f"{sc['statements']:.1f} statements ({sc['callbacks']} callbacks)"
    )
    for r in sorted(out["rows"], key=lambda r: -r["per_arrival"]):
        flag = "ok"
        if r["seq_scans"]:
            flag = "SEQ SCAN " + ",".join(r["seq_scans"])
            flag += " (NO INDEX: " + ",".join(r["no_index"]) + ")" if r["no_index"] else " (small table; indexed)"
        print(f"{r['per_arrival']:5.2f}/arrival  {flag:30s} {r['statement'][:300]}")
        if r["no_index"]:
            print("      " + "\n      ".join(r["plan"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
