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
                    text = inbound.InboundText(f"SMwarm{i:028d}", phone, store, f"here spot {i % 60 + 1}")
                    mid = inbound.record_inbound(svc.db, text, svc.clock(), svc.store_numbers)
                    if mid:
                        inbound.process_inbound(svc, mid)
                event.listen(svc.db.engine, "before_cursor_execute", capture)
                for i, (phone, store, _o) in enumerate(pop.customers[10 : 10 + n]):
                    text = inbound.InboundText(f"SMexpl{i:028d}", phone, store, f"here spot {i % 60 + 1}")
                    mid = inbound.record_inbound(svc.db, text, svc.clock(), svc.store_numbers)
                    if mid:
                        inbound.process_inbound(svc, mid)
                event.remove(svc.db.engine, "before_cursor_execute", capture)
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
    return {"customers": customers, "arrivals": n, "statements_per_arrival": sum(counts.values()) / n, "rows": rows}


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
