"""What one arrival costs each part of the stack, measured across real processes: CPU of the gunicorn workers, of
the `python worker.py` processes, of the PostgreSQL backends serving the bench's database and of redis-server; Redis
commands by name; PostgreSQL transactions, rows written and scans by table (a sequential scan of a big table on the
arrival path shows here). A Probe snapshots all of it when made; `per(n)` is the difference divided by n.

Used by bench/arrivals.py (run_case(costs=True)) and `python -m bench.scaleout`."""

from __future__ import annotations

import os
import time
from urllib.parse import urlparse

from . import stack


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pg_dbname(db_url: str) -> str | None:
    return urlparse(db_url).path.lstrip("/") if db_url.startswith("postgresql") else None


class Probe:
    def __init__(self, env: stack.Env, db_url: str, web: stack.Web, workers: list):
        import redis

        self.env, self.db_url, self.web, self.workers = env, db_url, web, workers
        self.redis = redis.Redis.from_url(env.redis_url)
        self.dbname = _pg_dbname(db_url)
        self.before = self._snapshot()

    def _pg(self) -> dict:
        if not self.dbname:
            return {}
        import psycopg

        with psycopg.connect(stack.pg_admin_url(), autocommit=True) as conn:
            xact, ins, upd, fetched = conn.execute(
                "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database "
                "WHERE datname = %s",
                (self.dbname,),
            ).fetchone()
            backends = [
                pid for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (self.dbname,))
            ]
        with psycopg.connect(stack.pg_admin_url().rsplit("/", 1)[0] + "/" + self.dbname, autocommit=True) as conn:
            conn.execute("SELECT pg_stat_force_next_flush()")
            tables = {
                name: {"seq_scan": seq or 0, "seq_tup_read": seq_read or 0, "idx_scan": idx or 0, "rows": live or 0}
                for name, seq, seq_read, idx, live in conn.execute(
                    "SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup FROM pg_stat_user_tables"
                )
            }
        return {
            "transactions": xact,
            "rows_inserted": ins,
            "rows_updated": upd,
            "rows_fetched": fetched,
            "backend_cpu_s": {pid: _cpu_s(pid) for pid in backends},
            "tables": tables,
        }

    def _snapshot(self, settle: float = 0.0) -> dict:
        info = self.redis.info("commandstats")
        cpu = self.redis.info("cpu")
        out = {
            "web_cpu_s": sum(_cpu_s(p) for p in self.web.worker_pids()),
            "worker_cpu_s": sum(_cpu_s(p.pid) for p in self.workers),
            "redis_cpu_s": cpu["used_cpu_sys"] + cpu["used_cpu_user"],
            "redis_calls": {k.removeprefix("cmdstat_"): v["calls"] for k, v in info.items()},
        }
        if settle and self.dbname:
            # An idle PostgreSQL backend reports its table counts up to 10 s late (PGSTAT_IDLE_INTERVAL).
            time.sleep(settle)
        out["pg"] = self._pg()
        return out

    def per(self, n: int) -> dict:
        """Per arrival (n of them) since the probe was made."""
        after = self._snapshot(settle=11)
        b = self.before
        calls = {
            name: (after["redis_calls"].get(name, 0) - b["redis_calls"].get(name, 0)) / n
            for name in after["redis_calls"]
            if name not in ("info", "ping")
        }
        out = {
            "arrivals": n,
            "web_cpu_ms": (after["web_cpu_s"] - b["web_cpu_s"]) / n * 1000,
            "worker_cpu_ms": (after["worker_cpu_s"] - b["worker_cpu_s"]) / n * 1000,
            "redis_cpu_ms": (after["redis_cpu_s"] - b["redis_cpu_s"]) / n * 1000,
            "redis_commands": sum(calls.values()),
            "redis_by_command": {k: round(v, 2) for k, v in sorted(calls.items(), key=lambda kv: -kv[1]) if v},
        }
        pa, pb = after["pg"], b["pg"]
        if pa:
            backend = sum(
                cpu - pb["backend_cpu_s"].get(pid, 0.0) for pid, cpu in pa["backend_cpu_s"].items()
            )  # a backend new since the start counts from zero
            out.update(
                {
                    "pg_backend_cpu_ms": backend / n * 1000,
                    "pg_transactions": (pa["transactions"] - pb["transactions"]) / n,
                    "pg_rows_inserted": (pa["rows_inserted"] - pb["rows_inserted"]) / n,
                    "pg_rows_updated": (pa["rows_updated"] - pb["rows_updated"]) / n,
                    "pg_rows_fetched": (pa["rows_fetched"] - pb["rows_fetched"]) / n,
                    "pg_tables": {
                        name: {
                            "seq_scan": (t["seq_scan"] - pb["tables"].get(name, {}).get("seq_scan", 0)) / n,
                            "seq_rows_read": (t["seq_tup_read"] - pb["tables"].get(name, {}).get("seq_tup_read", 0))
                            / n,
                            "idx_scan": (t["idx_scan"] - pb["tables"].get(name, {}).get("idx_scan", 0)) / n,
                            "rows": t["rows"],
                        }
                        for name, t in pa["tables"].items()
                    },
                }
            )
        self.redis.close()
        return out
