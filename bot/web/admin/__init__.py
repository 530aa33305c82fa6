"""The owner's and manager's admin pages under /admin: one blueprint, a module per page group. Server-rendered,
in the signed-in person's language; every page is scoped to the stores that person runs."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="../templates")

# The store menu, in order: (endpoint, word in strings.py). A page group's entry shows once its module exists.
NAV = (
    ("admin.overview", "nav_overview"),
    ("admin.texts", "nav_texts"),
    ("admin.settings", "nav_settings"),
    ("admin.staff", "nav_staff"),
    ("admin.orders", "nav_orders"),
    ("admin.connections", "nav_connections"),
    ("admin.report", "nav_report"),
    ("admin.access", "nav_access"),
)

# The page groups register their routes on `bp` (imported for that effect, after bp exists).
from . import access, board_api, connections, home, orders_page, report_page, settings, staff, texts  # noqa: E402,F401
