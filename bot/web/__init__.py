"""The web adapter: blueprints for Twilio webhooks, order webhooks, the JSON API and health, and their shared
plumbing."""

from __future__ import annotations

from flask import Flask, current_app


def services():
    """The wiring built by create_app; only views call this, and pass what they need on as arguments."""
    return current_app.extensions["arrivee"]


def register(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .board import bp as board_bp
    from .checkin import bp as checkin_bp
    from .health import bp as health_bp
    from .home import bp as home_bp
    from .metrics import bp as metrics_bp
    from .order_hooks import bp as order_hooks_bp
    from .pages import init_app as init_pages
    from .photos import bp as photos_bp
    from .simulator import bp as simulator_bp
    from .twilio import bp as twilio_bp

    app.register_blueprint(twilio_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(order_hooks_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(metrics_bp)
    init_pages(app)  # session cookie, CSRF token, static files for the browser pages
    app.register_blueprint(board_bp)
    app.register_blueprint(checkin_bp)
    app.register_blueprint(simulator_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(photos_bp)
