"""Typed settings, read once from the environment (and a `.env` file when present), failing fast."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET = "dev-only-secret-change-me"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_api_base_url: str | None = None
    sms_transport: str = "console"
    public_base_url: str | None = None
    secret_key: str = DEFAULT_SECRET
    env: str = "development"
    # Seconds a stored inbound text may sit unprocessed before the sweeper re-enqueues it.
    sweep_after_seconds: int = 30
    # Seconds a Twilio REST call may take before it counts as a (transient) timeout.
    twilio_timeout_seconds: float = 10.0
    send_max_attempts: int = 6
    queue_name: str = "arrivee"
    # --- delivery guarantees (see docs/reliability.md) ---
    # How often each worker sweeps for texts stored but never processed or sent, and re-arms lost timers.
    sweep_every_seconds: float = 5.0
    # Texts per second per sending number, shared by all workers through Redis: Twilio queues what a number
    # cannot send at once and refuses past its queue limit. 0 turns the limit off.
    send_rate_per_second: float = 10.0
    # Inbound drain threads per worker process. Each sends its decision's texts itself and waits on Twilio
    # (~100-300 ms a call), so threads, not CPU, cap a worker when Twilio is slow: with 4 a worker kept up with
    # about 12 arrivals/s at 150 ms a call, with 16 it kept up with 20/s at ~20 ms (docs/performance.md).
    drain_threads: int = 16
    # First wait before re-sending after a transient Twilio error; doubled each time, with jitter, capped at 5 min.
    send_backoff_seconds: float = 2.0
    # --- security, abuse resistance, privacy (see SECURITY.md) ---
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host/-Port (werkzeug's
    # ProxyFix): 0 trusts none of these headers, so a client can't fake the URL webhooks are checked against.
    trusted_proxies: int = 0
    # Replies per rolling hour to numbers with no order (SMS pumping): per number, and per store overall.
    unknown_replies_per_number_hour: int = 5
    unknown_replies_per_store_hour: int = 200
    # More texts than this from one number within a minute is no human: another bot. Texts stop for a pause.
    loop_texts_per_minute: int = 10
    loop_pause_seconds: int = 900
    # Message bodies, customer names and handoff notes are erased after this many days (timings stay).
    retention_days: int = 90
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def twilio_configured(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def local_port(dotenv: Path | None = None) -> str:
    """The port `scripts/dev` serves on: PORT from the environment, else from `.env` (as scripts/dev reads it), else
    5000. For the links and the `text` command of a local run, where no PUBLIC_BASE_URL says the address."""
    return os.environ.get("PORT") or _read_dotenv(dotenv or ROOT / ".env").get("PORT") or "5000"


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def normalise_database_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean PostgreSQL through psycopg 3 (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None


def _at_least(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    value = _int(env, name, default)
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None


def _float_at_least(env: Mapping[str, str], name: str, default: float, minimum: float, strictly: bool = False) -> float:
    value = _float(env, name, default)
    if value < minimum or (strictly and value == minimum):
        raise SettingsError(f"{name} must be {'more than' if strictly else 'at least'} {minimum:g}, got {value:g}")
    return value


def load_settings(environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
    """Build Settings from the environment; the process environment wins over `.env`."""
    env: dict[str, str] = {}
    if environ is None:
        env.update(_read_dotenv(dotenv or ROOT / ".env"))
        env.update(os.environ)
    else:
        env.update(environ)

    database_url = env.get("DATABASE_URL") or f"sqlite:///{ROOT / 'instance' / 'arrivee.sqlite3'}"
    database_url = normalise_database_url(database_url)
    if not (database_url.startswith("sqlite") or database_url.startswith("postgresql")):
        raise SettingsError(f"DATABASE_URL must be a sqlite:// or postgresql:// URL, got {database_url!r}")

    redis_url = env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise SettingsError(f"REDIS_URL must start with redis://, rediss:// or unix://, got {redis_url!r}")

    sid = env.get("TWILIO_ACCOUNT_SID") or None
    token = env.get("TWILIO_AUTH_TOKEN") or None
    if bool(sid) != bool(token):
        raise SettingsError("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set together")
    if sid and not (sid.startswith("AC") and len(sid) == 34):
        raise SettingsError("TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits")

    transport = (env.get("SMS_TRANSPORT") or ("twilio" if sid else "console")).lower()
    if transport not in ("twilio", "console"):
        raise SettingsError(f"SMS_TRANSPORT must be 'twilio' or 'console', got {transport!r}")
    if transport == "twilio" and not sid:
        raise SettingsError("SMS_TRANSPORT=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")

    public_base_url = (env.get("PUBLIC_BASE_URL") or "").rstrip("/") or None
    if public_base_url and not public_base_url.startswith(("http://", "https://")):
        raise SettingsError(f"PUBLIC_BASE_URL must be an http(s) URL, got {public_base_url!r}")
    api_base = (env.get("TWILIO_API_BASE_URL") or "").rstrip("/") or None
    if api_base and not api_base.startswith(("http://", "https://")):
        raise SettingsError(f"TWILIO_API_BASE_URL must be an http(s) URL, got {api_base!r}")

    app_env = (env.get("ARRIVEE_ENV") or "development").lower()
    secret = env.get("SECRET_KEY") or DEFAULT_SECRET
    if app_env == "production" and secret == DEFAULT_SECRET:
        raise SettingsError("SECRET_KEY must be set to a random value when ARRIVEE_ENV=production")
    if app_env == "production" and len(secret) < 32:
        # It signs sessions and, without Twilio credentials, webhooks: it must not be guessable.
        raise SettingsError(
            "SECRET_KEY must be at least 32 characters when ARRIVEE_ENV=production "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )

    return Settings(
        database_url=database_url,
        redis_url=redis_url,
        twilio_account_sid=sid,
        twilio_auth_token=token,
        twilio_api_base_url=api_base,
        sms_transport=transport,
        public_base_url=public_base_url,
        secret_key=secret,
        env=app_env,
        sweep_after_seconds=_int(env, "SWEEP_AFTER_SECONDS", 30),
        twilio_timeout_seconds=_float(env, "TWILIO_TIMEOUT_SECONDS", 10.0),
        send_max_attempts=_int(env, "SEND_MAX_ATTEMPTS", 6),
        queue_name=env.get("QUEUE_NAME") or "arrivee",
        sweep_every_seconds=_float_at_least(env, "SWEEP_EVERY_SECONDS", 5.0, 0, strictly=True),
        send_rate_per_second=_float_at_least(env, "SEND_RATE_PER_SECOND", 10.0, 0),
        drain_threads=_at_least(env, "DRAIN_THREADS", 16, 1),
        send_backoff_seconds=_float_at_least(env, "SEND_BACKOFF_SECONDS", 2.0, 0, strictly=True),
        trusted_proxies=_at_least(env, "TRUSTED_PROXIES", 0, 0),
        unknown_replies_per_number_hour=_at_least(env, "UNKNOWN_REPLIES_PER_NUMBER_HOUR", 5, 0),
        unknown_replies_per_store_hour=_at_least(env, "UNKNOWN_REPLIES_PER_STORE_HOUR", 200, 0),
        loop_texts_per_minute=_at_least(env, "LOOP_TEXTS_PER_MINUTE", 10, 1),
        loop_pause_seconds=_at_least(env, "LOOP_PAUSE_SECONDS", 900, 0),
        retention_days=_at_least(env, "RETENTION_DAYS", 90, 1),
    )
