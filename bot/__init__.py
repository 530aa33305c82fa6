"""Arrivée: a text-message bot for curbside pickup. `create_app(settings)` builds the Flask app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(settings=None, services=None) -> Flask:
    """The app factory. Pass Settings (or ready-built Services, as tests do); nothing connects here."""
    # Flask is imported here, not at module level, so `python -m bot parse` starts without it.
    from flask import Flask

    from config.settings import DEFAULT_SECRET, SettingsError, load_settings

    from .logs import configure_logging
    from .web import register
    from .wiring import build

    if services is None:
        settings = settings or load_settings()
        services = build(settings, role="web")
    settings = services.settings
    if settings.env == "production" and settings.secret_key == DEFAULT_SECRET:
        # load_settings refuses this too; Settings built by hand must not slip past it.
        raise SettingsError("SECRET_KEY must be set to a random value when ARRIVEE_ENV=production")
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(SECRET_KEY=settings.secret_key, JSON_SORT_KEYS=False, MAX_CONTENT_LENGTH=256 * 1024)
    app.extensions["arrivee"] = services
    configure_logging()
    from .web.twilio import InboundSmsFront

    # The inbound-text webhook is answered in front of Flask (bot/web/twilio.py), inside ProxyFix below.
    app.wsgi_app = InboundSmsFront(app.wsgi_app, services, app.config["MAX_CONTENT_LENGTH"])  # type: ignore[method-assign]
    if settings.trusted_proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Believe X-Forwarded-* only from the proxies we run behind, so request.url (and the URL Twilio
        # signatures are checked against, without PUBLIC_BASE_URL) is the one the client really called.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)
    app.after_request(_security_headers)
    register(app)
    from .cli import register_commands

    register_commands(app)
    return app


# Every response, whatever blueprint made it: the browser pages set a stricter policy of their own first
# (bot/web/pages.py), and these only fill what is missing. JSON and webhook answers never embed anything.
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = tuple(
    (name.lower(), name, value)
    for name, value in (
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", DEFAULT_CSP),
    )
)


def _security_headers(response):
    from flask import request

    # One pass over the headers there are, not a Headers.setdefault (two scans) per header: this runs on every
    # webhook, where it was a few percent of the request.
    headers = response.headers
    present = {name.lower() for name, _value in headers}
    headers.extend([(name, value) for lowered, name, value in SECURITY_HEADERS if lowered not in present])
    if request.is_secure and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if "cache-control" not in present and request.path.startswith("/api/"):
        headers.add("Cache-Control", "no-store")
    return response
