"""`python -m bot <command>`: the same commands as `flask --app bot <command>`."""

import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "parse":
        # Understanding needs none of the app's clients; skipping the app keeps start-up fast.
        import click

        from .parsing import parse_lines

        @click.command()
        @click.option("--role", type=click.Choice(["customer", "staff", "owner"]), default="customer")
        @click.argument("text", required=False)
        def parse(role, text):
            parse_lines(role, text)

        parse(sys.argv[2:], prog_name="python -m bot parse")
        return
    if len(sys.argv) == 2 and sys.argv[1] == "doctor":
        # Without the app first: a setting that keeps the app from starting is itself doctor's first finding.
        from config.settings import SettingsError, load_settings

        from .doctor import run

        try:
            settings = load_settings()
        except SettingsError as exc:
            print(f"FAIL settings: {exc}")
            print("doctor: something needs fixing (FAIL lines above)")
            raise SystemExit(1) from None
        raise SystemExit(run(settings, print))
    from flask.cli import FlaskGroup

    from . import create_app

    FlaskGroup(create_app=lambda: create_app())(prog_name="python -m bot")


if __name__ == "__main__":
    main()
