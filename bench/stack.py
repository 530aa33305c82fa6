"""Real processes for the benchmarks: a private redis-server, a database, gunicorn as the Procfile runs it,
`python worker.py` processes and the Twilio stand-in, all on 127.0.0.1 and all stopped by the bench itself."""

from __future__ import annotations

import json
import os
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import requests

# The harness the tests use too: ROOT and free_port are used from here by the other bench modules.
from tests.support.processes import ROOT, free_port, redis_argv

PY = sys.executable

# Fixed test credentials of the stand-in (tests/support/twilio_standin.py): never real ones.
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "fedcba9876543210" * 2


def wait_for(check, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except Exception as exc:  # noqa: BLE001 - not up yet
            last = exc
        time.sleep(interval)
    raise RuntimeError(f"{what} did not come up within {timeout}s ({last})")


def gunicorn_conf() -> dict:
    """The settings config/gunicorn.conf.py gives (worker_class, threads, workers...), read as gunicorn would."""
    env = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"}
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {
        "worker_class": conf.get("worker_class", "sync"),
        "threads": int(conf.get("threads", 1)),
        "workers": int(conf.get("workers", 1)),
        "preload_app": bool(conf.get("preload_app", False)),
        "accesslog": conf.get("accesslog"),
    }


class Procs:
    """Child processes, each with its log file; stopped (TERM, then KILL) in reverse order."""

    def __init__(self, logdir: Path):
        self.logdir = logdir
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def spawn(self, name: str, argv: list[str], env: dict, **kwargs) -> subprocess.Popen:
        log = open(self.logdir / f"{name}.log", "w")
        proc = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=kwargs.pop("stdout", log),
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )
        self.procs.append((name, proc))
        return proc

    def stop(self, proc: subprocess.Popen, timeout: float = 15) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: only what we started
                proc.wait(5)
        self.procs = [(n, p) for n, p in self.procs if p is not proc]

    def stop_all(self) -> None:
        for _name, proc in reversed(list(self.procs)):
            self.stop(proc)

    def log(self, name: str) -> str:
        path = self.logdir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


class Env:
    """Everything one benchmark section needs: a private Redis, a scratch directory, the stand-in."""

    def __init__(self, keep_logs: Path | None = None):
        self.tmp = Path(tempfile.mkdtemp(prefix="arrivee-bench-"))
        self.logdir = keep_logs or self.tmp
        self.logdir.mkdir(parents=True, exist_ok=True)
        self.procs = Procs(self.logdir)
        self.redis_port = free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.standin_url: str | None = None
        self._standin = None

    def start_redis(self) -> None:
        proc = self.procs.spawn("redis", redis_argv(self.redis_port, self.tmp), os.environ.copy())
        import redis

        client = redis.Redis.from_url(self.redis_url)
        wait_for(lambda: proc.poll() is None and client.ping(), 10, "redis-server")
        client.close()

    def start_standin(self) -> str:
        proc = self.procs.spawn(
            "standin",
            [PY, "-m", "tests.support.twilio_standin", "--port", "0"],
            {**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
        )
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("the Twilio stand-in did not start: " + self.procs.log("standin"))
        self._standin = proc
        self.standin_url = json.loads(line)["url"]
        return self.standin_url

    def standin_messages(self) -> tuple[list[dict], list[dict]]:
        """(accepted, rejected) requests the stand-in recorded, oldest first."""
        got = requests.get(self.standin_url + "/_standin/messages", timeout=60).json()
        return got["messages"], got["rejected"]

    def standin_reset(self) -> None:
        requests.post(self.standin_url + "/_standin/reset", timeout=10)

    def close(self) -> None:
        self.procs.stop_all()
        try:
            drop_templates()
        except Exception:  # noqa: BLE001 - PostgreSQL gone: nothing left to drop
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Env:
        self.start_redis()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- databases -------------------------------------------------------------------------------------
def pg_admin_url() -> str:
    return os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(pg_admin_url(), connect_timeout=3) as conn:
            conn.execute("select 1")
        return True
    except Exception:  # noqa: BLE001 - no PostgreSQL here: that row is skipped
        return False


_templates: dict[str, str] = {}


@contextmanager
def database(kind: str, tmp: Path):
    """A fresh, migrated database: ("sqlite" | "postgresql") -> DATABASE_URL; dropped afterwards. The schema is
    made once per run by `python -m bot init-db` (the migrations) and copied for each fresh database."""
    if kind == "sqlite":
        template = _templates.get(str(tmp))
        if template is None:
            template = str(tmp / "template.sqlite3")
            _migrate(f"sqlite:///{template}")
            _templates[str(tmp)] = template
        path = tmp / ("bench-" + uuid.uuid4().hex[:8] + ".sqlite3")
        shutil.copyfile(template, path)
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    admin = pg_admin_url()
    # the app reads postgresql:// as psycopg 3 (config/settings.py); the bench's own Database() needs it spelt out
    base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    template = _templates.get("postgresql")
    if template is None:
        template = "arrivee_bench_tmpl_" + uuid.uuid4().hex[:8]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {template}")
        _migrate(f"{base}/{template}")
        _templates["postgresql"] = template
    name = "arrivee_bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def drop_templates() -> None:
    template = _templates.pop("postgresql", None)
    if template:
        import psycopg

        with psycopg.connect(pg_admin_url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")


def _migrate(url: str) -> None:
    done = subprocess.run(
        [PY, "-m", "bot", "init-db"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DATABASE_URL": url},
    )
    if done.returncode != 0:
        raise RuntimeError("init-db failed: " + done.stderr[-2000:])


# --- the product's processes ------------------------------------------------------------------------
def app_env(env: Env, database_url: str, port: int, queue: str | None = None) -> dict:
    out = {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "PORT")}
    out.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": env.redis_url,
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "SMS_TRANSPORT": "twilio",
            "TWILIO_API_BASE_URL": env.standin_url or "http://127.0.0.1:9",
            "QUEUE_NAME": queue or "bench",
            "SECRET_KEY": "bench-" + uuid.uuid4().hex,
            "PYTHONUNBUFFERED": "1",
            "PORT": str(port),
        }
    )
    return out


class Web:
    """gunicorn with config/gunicorn.conf.py, as the Procfile's `web` runs it; worker class optionally forced."""

    def __init__(
        self,
        env: Env,
        app: str,
        app_environ: dict,
        port: int,
        worker_class: str | None = None,
        threads: int | None = None,
        name: str = "web",
        access_log: bool = True,
        conf: str | None = None,
    ):
        self.env, self.port, self.name = env, port, name
        self.url = f"http://127.0.0.1:{port}"
        if conf is None:
            conf = (
                "config/gunicorn.conf.py" if access_log else str(Path(__file__).with_name("gunicorn_noaccess.conf.py"))
            )
        argv = [PY, "-m", "gunicorn", "-c", conf, "-b", f"127.0.0.1:{port}"]
        if worker_class:
            argv += ["-k", worker_class, "--threads", str(threads or 1)]
        argv.append(app)
        self.proc = env.procs.spawn(name, argv, app_environ)

    def wait(self, path: str = "/healthz", timeout: float = 30) -> Web:
        def up():
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.env.procs.log(self.name))
            return requests.get(self.url + path, timeout=2).status_code < 500

        try:
            wait_for(up, timeout, f"gunicorn ({self.name})")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{self.env.procs.log(self.name)}") from None
        # every worker has forked and answers
        wait_for(lambda: len(self.worker_pids()) >= 1, 10, "gunicorn workers")
        return self

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid)

    def stop(self) -> None:
        self.env.procs.stop(self.proc)


def children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def start_workers(env: Env, app_environ: dict, count: int, patches: str = "") -> list[subprocess.Popen]:
    """`python worker.py` processes, as the Procfile's `worker`; with patches, bench/variants.py's patched one."""
    argv = [PY, "-m", "bench.variants", "worker"] if patches else [PY, "worker.py"]
    environ = {**app_environ, "BENCH_PATCHES": patches}
    return [env.procs.spawn(f"worker{i}-{uuid.uuid4().hex[:4]}", argv, environ) for i in range(count)]
