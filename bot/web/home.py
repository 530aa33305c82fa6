"""The front page at /: what Arrivée is and where its pages are, in French and English side by side."""

from __future__ import annotations

from flask import Blueprint, render_template

from . import services, simulator
from .pages import secure_headers

bp = Blueprint("home", __name__, template_folder="templates")
bp.after_request(secure_headers)


@bp.get("/")
def index():
    # The board's link carries its store's secret, so this public page can only say where to find it.
    return render_template("home.html", lang="fr", simulator=simulator.available(services().settings))
