"""`doctor`: checks a deployment from the inside (settings, database and its migrations, Redis, Twilio credentials,
each store's number's webhook) and says, one plain line per check, ok or what to do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from twilio.base.exceptions import TwilioRestException

if TYPE_CHECKING:
    from config.settings import Settings

OK, NOTE, FAIL = "ok", "note", "FAIL"


@dataclass(frozen=True)
class Finding:
    check: str
    level: str  # ok | note | FAIL
    text: str

    def line(self) -> str:
        return f"{self.level:<4} {self.check}: {self.text}"


def redacted(url: str) -> str:
    """A URL with its password replaced: doctor's lines end up in chat messages and tickets."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _why(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:200] if first else type(exc).__name__


def examine(settings: Settings, twilio_client: Callable[[Settings], Any] | None = None) -> Iterator[Finding]:
    """Every check, in the order an operator fixes things. `twilio_client` builds the SDK client (tests: the same
    builder the sender uses, pointed at a stand-in through TWILIO_API_BASE_URL)."""
    yield from _settings(settings)
    stores: list[tuple[str, str]] | None = None
    database = list(_database(settings))
    yield from database
    if all(f.level != FAIL for f in database):
        stores = _stores(settings)
    yield from _redis(settings)
    yield from _twilio(settings, stores, twilio_client or _client)


def _settings(settings: Settings) -> Iterator[Finding]:
    yield Finding("settings", OK, f"valid (ARRIVEE_ENV={settings.env}, SMS_TRANSPORT={settings.sms_transport})")
    if settings.env == "production" and settings.is_sqlite:
        yield Finding(
            "settings",
            NOTE,
            "DATABASE_URL is SQLite: fine for one small machine, use PostgreSQL for several processes or machines",
        )
    if settings.twilio_configured and not settings.public_base_url:
        yield Finding(
            "settings",
            FAIL,
            "PUBLIC_BASE_URL is not set: set it to the https address Twilio calls (e.g. https://pickup.example.com), "
            "or status callbacks are never asked for and webhook signatures may not match behind a proxy",
        )
    elif settings.public_base_url and settings.env == "production" and settings.public_base_url.startswith("http:"):
        yield Finding("settings", FAIL, f"PUBLIC_BASE_URL {settings.public_base_url} is not https: serve it over TLS")


def _database(settings: Settings) -> Iterator[Finding]:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from config.settings import ROOT

    where = redacted(settings.database_url)
    args = {} if settings.is_sqlite else {"connect_timeout": 5}
    engine = create_engine(settings.database_url, connect_args=args)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = MigrationContext.configure(conn).get_current_heads()
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the finding
        yield Finding(
            "database", FAIL, f"cannot connect to {where} ({_why(exc)}): check DATABASE_URL and that the server is up"
        )
        return
    finally:
        engine.dispose()
    heads = set(ScriptDirectory(str(ROOT / "migrations")).get_heads())
    if not current:
        yield Finding("database", FAIL, f"{where} has no schema: run `python -m bot init-db` (creates it)")
    elif set(current) != heads:
        yield Finding(
            "database",
            FAIL,
            f"schema at {', '.join(sorted(current))}, this code needs {', '.join(sorted(heads))}: "
            "run `python -m bot db upgrade` (the release step does it)",
        )
    else:
        yield Finding("database", OK, f"reachable, migrated to head ({', '.join(sorted(heads))})")


def _stores(settings: Settings) -> list[tuple[str, str]] | None:
    from sqlalchemy import create_engine, select

    from .data.models import Store

    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            return [
                (r.name, r.sms_number) for r in conn.execute(select(Store.name, Store.sms_number).order_by(Store.id))
            ]
    except Exception:  # noqa: BLE001 - the database check said what is wrong
        return None
    finally:
        engine.dispose()


def _redis(settings: Settings) -> Iterator[Finding]:
    from redis import Redis

    client = Redis.from_url(settings.redis_url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001
        yield Finding(
            "redis",
            FAIL,
            f"cannot reach {redacted(settings.redis_url)} ({_why(exc)}): check REDIS_URL and that Redis runs",
        )
        return
    finally:
        client.close()
    yield Finding("redis", OK, f"reachable at {redacted(settings.redis_url)}")


def _client(settings: Settings) -> Any:
    from twilio.rest import Client

    from .messaging.twilio_http import twilio_http_client

    http = twilio_http_client(
        settings.twilio_api_base_url, timeout=min(settings.twilio_timeout_seconds, 10), concurrency=1
    )
    return Client(settings.twilio_account_sid, settings.twilio_auth_token, http_client=http)


def sms_webhook_url(settings: Settings) -> str:
    return f"{settings.public_base_url}/twilio/sms"


def _twilio(
    settings: Settings, stores: list[tuple[str, str]] | None, build: Callable[[Settings], Any]
) -> Iterator[Finding]:
    if not settings.twilio_configured:
        yield Finding(
            "twilio",
            NOTE,
            "no credentials: texts are printed, not sent; set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to send them",
        )
        return
    client = build(settings)
    try:
        account = client.api.v2010.accounts(settings.twilio_account_sid).fetch()
    except TwilioRestException as exc:
        if exc.status in (401, 403):
            yield Finding(
                "twilio",
                FAIL,
                f"credentials refused ({exc.status}, code {exc.code}): TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is "
                "wrong or was rotated: copy both from the Twilio console (Account info), then restart web and worker",
            )
        else:
            yield Finding(
                "twilio", FAIL, f"Twilio answered {exc.status} (code {exc.code}): try again, then see status.twilio.com"
            )
        return
    except Exception as exc:  # noqa: BLE001 - DNS, TLS, a proxy: the finding
        yield Finding("twilio", FAIL, f"cannot reach Twilio ({_why(exc)}): check outbound HTTPS and any proxy settings")
        return
    if (account.status or "active") != "active":
        yield Finding("twilio", FAIL, f"account {account.sid} is {account.status}: reactivate it in the Twilio console")
        return
    yield Finding("twilio", OK, f"credentials valid (account {account.sid}, {account.status})")
    if not settings.public_base_url:
        return  # the settings check said so
    if stores is None:
        yield Finding("webhooks", FAIL, "not checked: the database is unreachable (see above)")
        return
    if not stores:
        yield Finding("webhooks", NOTE, "no store yet: nothing to compare")
        return
    expected = sms_webhook_url(settings)
    for name, number in stores:
        yield _webhook(client, name, number, expected)


def _webhook(client: Any, name: str, number: str, expected: str) -> Finding:
    check = f"webhook {name} {number}"
    try:
        found = client.incoming_phone_numbers.list(phone_number=number, limit=1)
    except TwilioRestException as exc:
        return Finding(check, FAIL, f"could not list the account's numbers ({exc.status}, code {exc.code})")
    except Exception as exc:  # noqa: BLE001
        return Finding(check, FAIL, f"could not list the account's numbers ({_why(exc)})")
    if not found:
        return Finding(
            check,
            FAIL,
            "this number is not on this Twilio account: buy or port it there, or correct the store's number",
        )
    incoming = found[0]
    if getattr(incoming, "sms_application_sid", None):
        return Finding(
            check,
            NOTE,
            "texts go to a TwiML app or Messaging Service: set its inbound request URL to " + expected,
        )
    url, method = (incoming.sms_url or "").strip(), (incoming.sms_method or "POST").upper()
    if url != expected:
        now = f"Twilio posts its texts to {url}" if url else "Twilio has no webhook for its texts"
        return Finding(
            check,
            FAIL,
            f"{now}: in the console (Phone Numbers → {number} → Messaging), set 'A message comes in' to "
            f"Webhook {expected} (HTTP POST)",
        )
    if method != "POST":
        return Finding(check, FAIL, f"the webhook is called with HTTP {method}: set it to HTTP POST")
    return Finding(check, OK, f"texts come to {expected}")


def run(settings: Settings, echo: Callable[[str], None], twilio_client: Callable[[Settings], Any] | None = None) -> int:
    """Print every finding; the exit status is 1 when any check failed."""
    failed = False
    for finding in examine(settings, twilio_client):
        echo(finding.line())
        failed = failed or finding.level == FAIL
    echo("doctor: something needs fixing (FAIL lines above)" if failed else "doctor: all good")
    return 1 if failed else 0
