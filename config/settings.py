"""Typed settings, read once from the environment (and a `.env` file when present), failing fast."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

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
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def twilio_configured(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def normalise_database_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean PostgreSQL through psycopg 3 (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None


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
    )
