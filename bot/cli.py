"""Command line: `flask --app bot <command>` or `python -m bot <command>`."""
from __future__ import annotations

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
        from .demo import base_url
        from .usecases.board import rotate_token
        from .usecases.errors import NotFound

        try:
            token = rotate_token(_svc().db, store_id)
        except NotFound as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"board: {base_url(_svc().settings)}/board/{token}")

    @app.cli.command("text")
    @click.option("--from", "from_", required=True, help="the phone texting the store, e.g. +15145550123")
    @click.option("--to", default=None, help="the store's number (default: the first store's)")
    @click.option("--url", default="http://127.0.0.1:5000", show_default=True, help="where the web app runs")
    @click.argument("body")
    def text(from_, to, url, body):
        """Text the running bot as FROM, through the signed webhook, exactly as Twilio would."""
        import requests
        from sqlalchemy import select
        from twilio.request_validator import RequestValidator

        from .data.models import Store

        svc = _svc()
        if to is None:
            with svc.db.read() as session:
                to = session.scalars(select(Store.sms_number).order_by(Store.id)).first()
            if to is None:
                raise click.ClickException("no store yet: run the demo command or create one through the API")
        endpoint = url.rstrip("/") + "/twilio/sms"
        signed = (svc.settings.public_base_url + "/twilio/sms") if svc.settings.public_base_url else endpoint
        form = {"MessageSid": "SM" + uuid.uuid4().hex, "From": from_, "To": to, "Body": body,
                "AccountSid": svc.settings.twilio_account_sid or "AC" + "0" * 32, "NumMedia": "0"}
        signature = RequestValidator(svc.webhook_token).compute_signature(signed, form)
        response = requests.post(endpoint, data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
        click.echo(f"{response.status_code} {response.text.strip()}")
