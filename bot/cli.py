"""Command line: `flask --app bot <command>` or `python -m bot <command>`."""

from __future__ import annotations

import time
import uuid

import click
from flask import Flask, current_app
from flask.cli import AppGroup


def _svc():
    return current_app.extensions["arrivee"]


def migrate(database_url: str, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    from config.settings import ROOT

    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    command.upgrade(cfg, revision)


def register_commands(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db():
        """Create or migrate the schema to the latest version."""
        migrate(_svc().settings.database_url)
        click.echo("database ready")

    db_group = AppGroup("db", help="Database schema commands.")

    @db_group.command("upgrade")
    @click.argument("revision", default="head")
    def db_upgrade(revision):
        """Migrate the schema (Alembic) to REVISION, the latest by default."""
        migrate(_svc().settings.database_url, revision)
        click.echo(f"database at {revision}")

    app.cli.add_command(db_group)

    @app.cli.command("doctor")
    def doctor():
        """Check settings, database (migrated to head), Redis, Twilio credentials and each store's webhook URL: one
        line per check, ok or what to do; exits 1 when one fails."""
        from .doctor import run

        raise SystemExit(run(_svc().settings, click.echo))

    @app.cli.command("create-token")
    @click.argument("name")
    @click.option("--store", "store_id", type=int, default=None, help="limit the token to this store")
    def create_token(name, store_id):
        """Print a new API token once (only its hash is stored)."""
        from .usecases.errors import Invalid, NotFound
        from .usecases.stores import create_token as make

        try:
            click.echo(make(_svc().db, name, store_id))
        except (NotFound, Invalid) as exc:
            raise click.ClickException(str(exc)) from None

    @app.cli.command("revoke-token")
    @click.argument("name_or_token")
    def revoke_token(name_or_token):
        """Revoke a token at once: the token itself (arv_...), or every live token with that NAME."""
        from .usecases.stores import revoke_token as revoke

        svc = _svc()
        count = revoke(svc.db, name_or_token, svc.clock())
        if not count:
            raise click.ClickException(f"no live token matches {name_or_token!r}")
        click.echo(f"revoked {count} token{'s' if count > 1 else ''}")

    @app.cli.command("parse")
    @click.option("--role", type=click.Choice(["customer", "staff", "owner"]), default="customer")
    @click.argument("text", required=False)
    def parse(role, text):
        """Print what the bot understands of TEXT (or of each stdin line), as JSON."""
        from .parsing import parse_lines

        parse_lines(role, text)

    @app.cli.command("demo")
    @click.option("--reset", is_flag=True, help="first empty the demo store back to its first state, to replay it")
    def demo(reset):
        """Load a demo store, staff and orders (idempotent), and print how to try it."""
        from .demo import load_demo

        for line in load_demo(_svc(), reset=reset):
            click.echo(line)

    @app.cli.command("rotate-board-token")
    @click.argument("store_id", type=int)
    def rotate_board_token(store_id):
        """Give STORE_ID a new staff board link; the old link stops working at once."""
        from .usecases.board import rotate_token
        from .usecases.errors import NotFound
        from .wiring import base_url

        try:
            token = rotate_token(_svc().db, store_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"board: {base_url(_svc().settings)}/board/{token}")

    @app.cli.command("connect-shopify")
    @click.argument("store_id", type=int)
    @click.option("--secret", default=None, help="the key Shopify signs webhooks with (asked for when not given)")
    @click.option("--disconnect", is_flag=True, help="forget the key: Shopify's deliveries are refused from now on")
    @click.option("--domain", default=None, help="the shop's <shop>.myshopify.com, to match ready-for-pickup events")
    @click.option("--token", default=None, help="with --domain: a custom app's Admin API access token")
    def connect_shopify(store_id, secret, disconnect, domain, token):
        """Connect STORE_ID to its Shopify shop: print the webhook address to give Shopify and keep the key it signs
        with (docs/integrations.md)."""
        from .usecases.errors import Invalid, NotFound
        from .usecases.order_events import set_shopify_api, set_shopify_secret

        svc = _svc()
        if not disconnect and secret is None:
            secret = click.prompt("Shopify signing key", hide_input=True)
        try:
            set_shopify_secret(svc.db, store_id, "" if disconnect else secret)
            if disconnect or domain is not None or token is not None:
                set_shopify_api(svc.db, store_id, None if disconnect else domain, None if disconnect else token)
        except (Invalid, NotFound) as exc:
            raise click.ClickException(str(exc)) from None
        if disconnect:
            click.echo(f"store {store_id}: Shopify disconnected")
            return
        click.echo(f"shopify webhook: {svc.base_url}/webhooks/shopify/{store_id}")
        click.echo(
            "topics: orders/create, orders/updated, orders/cancelled, "
            "fulfillment_orders/line_items_prepared_for_pickup (JSON)",
            err=True,
        )

    @app.cli.command("rotate-webhook-secret")
    @click.argument("store_id", type=int)
    def rotate_webhook_secret(store_id):
        """Make a new secret for STORE_ID's generic order webhook and print it once; the old one stops working."""
        from .usecases.errors import NotFound
        from .usecases.order_events import rotate_webhook_secret as rotate

        svc = _svc()
        try:
            secret = rotate(svc.db, store_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"order webhook: {svc.base_url}/webhooks/orders/{store_id}")
        click.echo(f"secret: {secret}")

    @app.cli.command("login-link")
    @click.argument("phone")
    def login_link(phone):
        """Print a one-time sign-in link to the admin pages for the owner or manager with PHONE (valid 10 minutes,
        usable once): the first sign-in, before anyone can text LOGIN."""
        from .usecases.errors import Invalid, NotFound
        from .usecases.logins import LINK_SECONDS, link_for_phone, login_url

        svc = _svc()
        try:
            token, member = link_for_phone(svc.db, phone, svc.clock())
        except (Invalid, NotFound) as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(login_url(svc.base_url, token))
        click.echo(f"for {member.name} ({member.role}); valid {LINK_SECONDS // 60} minutes, once", err=True)

    @app.cli.command("text")
    @click.option("--from", "from_", required=True, help="the phone texting the store, e.g. +15145550123")
    @click.option("--to", default=None, help="the store's number (default: the first store's)")
    @click.option(
        "--url",
        default=None,
        help="where the web app runs  [default: http://127.0.0.1:$PORT, as scripts/dev serves it; PORT else 5000]",
    )
    @click.option("--wait", default=5.0, show_default=True, help="seconds to wait for the bot's answer")
    @click.option(
        "--photo",
        "photos",
        multiple=True,
        metavar="URL",
        help="send it as an MMS with this picture (of the car), as Twilio would; BODY may then be empty",
    )
    @click.argument("body")
    def text(from_, to, url, body, wait, photos):
        """Text the running bot as FROM, through the signed webhook, exactly as Twilio would, and print who got
        what because of it."""
        import mimetypes

        import requests
        from twilio.request_validator import RequestValidator

        from config.settings import local_port

        from .usecases import simulator
        from .usecases.errors import Invalid, NotFound

        svc = _svc()
        try:
            store = simulator.store_at(svc.db, to)
            phone = simulator.phone_number(from_, store)
        except (Invalid, NotFound) as exc:
            raise click.ClickException(str(exc)) from None
        # Where scripts/dev serves: it binds PORT (the environment's, else .env's), found here the same way.
        url = url or f"http://127.0.0.1:{local_port()}"
        endpoint = url.rstrip("/") + "/twilio/sms"
        signed = (svc.settings.public_base_url + "/twilio/sms") if svc.settings.public_base_url else endpoint
        sid = "SM" + uuid.uuid4().hex
        form = {
            "MessageSid": sid,
            "From": phone,
            "To": store["sms_number"],
            "Body": body,
            "AccountSid": svc.settings.twilio_account_sid or "AC" + "0" * 32,
            "NumMedia": str(len(photos)),
        }
        for i, photo in enumerate(photos):
            if not photo.startswith(("https://", "http://")):
                raise click.BadParameter(f"{photo!r} is not an http(s) URL", param_hint="--photo")
            form[f"MediaUrl{i}"] = photo
            form[f"MediaContentType{i}"] = mimetypes.guess_type(photo.split("?")[0])[0] or "image/jpeg"
        signature = RequestValidator(svc.webhook_token).compute_signature(signed, form)
        try:
            response = requests.post(endpoint, data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
        except requests.RequestException as exc:
            raise click.ClickException(
                f"nothing answers at {url} ({type(exc).__name__}): is the bot running? Start it with scripts/dev"
                " (on another port: give --url, or export the same PORT here)"
            ) from None
        if response.status_code != 200:
            hint = " (a SECRET_KEY other than the server's?)" if response.status_code == 403 else ""
            raise click.ClickException(f"{endpoint} answered {response.status_code}{hint}")
        click.echo(f"{phone} → {store['name']} {store['sms_number']}: {body}" + " [photo]" * len(photos))
        _print_outcome(svc.db, sid, wait)

    def _print_outcome(db, sid: str, wait: float) -> None:
        from .usecases.simulator import outcome

        deadline = time.monotonic() + wait
        status, texts = outcome(db, sid)
        while status not in ("processed", "ignored") and time.monotonic() < deadline:
            time.sleep(0.2)
            status, texts = outcome(db, sid)
        if status == "ignored":
            click.echo("ignored: the bot never answers this number (a short code, or a store's own number)")
        elif status != "processed":
            click.echo(f"not handled within {wait:g} s: is a worker running? (scripts/dev starts one)")
        elif not texts:
            click.echo("no text sent in answer")
        for sent in texts:
            # An MMS: the car's photo goes with the text (through /photos/..., which the console transport cannot
            # fill, having no carrier that holds the picture).
            click.echo(f"→ {sent['to']}: {sent['body']}" + (" [photo]" if sent.get("photo") else ""))
