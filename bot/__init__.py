"""Arrivée: a text-message bot for curbside pickup. `create_app(settings)` builds the Flask app."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(settings=None, services=None) -> "Flask":
    """The app factory. Pass Settings (or ready-built Services, as tests do); nothing connects here."""
    # Flask is imported here, not at module level, so `python -m bot parse` starts without it.
    from flask import Flask

    from config.settings import load_settings

    from .web import register
    from .wiring import build

    if services is None:
        settings = settings or load_settings()
        services = build(settings, role="web")
    settings = services.settings
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(SECRET_KEY=settings.secret_key, JSON_SORT_KEYS=False,
                      MAX_CONTENT_LENGTH=256 * 1024)
    app.extensions["arrivee"] = services
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    register(app)
    from .cli import register_commands

    register_commands(app)
    return app
