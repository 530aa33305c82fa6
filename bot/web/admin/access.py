"""Signing in and out of the admin pages, the session's expiry, and the guard that scopes every page to the
stores the signed-in phone runs. Pages find who is signed in, their stores and their language in `g`."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from ...usecases import logins
from .. import services
from ..pages import check_csrf, secure_headers
from . import NAV, bp
from .strings import STRINGS

SESSION_KEY = "admin"
# A signed-in browser stays signed in this long at most, whatever it does; then a new link is needed.
SESSION_SECONDS = 12 * 3600
# Pages anyone may open: the sign-in explanations and the link itself.
PUBLIC = {"admin.signin", "admin.link", "admin.redeem", "admin.switch_language"}


def _now() -> float:
    return services().clock().timestamp()


def signed_in_phone() -> str | None:
    """The phone this browser signed in, while its session lasts."""
    who = session.get(SESSION_KEY)
    if (
        not isinstance(who, dict)
        or not isinstance(who.get("phone"), str)
        or not isinstance(who.get("at"), (int, float))
    ):
        return None
    if not 0 <= _now() - who["at"] <= SESSION_SECONDS:
        session.pop(SESSION_KEY, None)
        return None
    return who["phone"]


def language() -> str:
    """The language chosen on the pages, else the person's own in their first store, else French."""
    chosen = session.get("admin_lang")
    if chosen in STRINGS:
        return chosen
    stores = getattr(g, "admin_stores", None) or []
    return stores[0]["language"] if stores and stores[0]["language"] in STRINGS else "fr"


@bp.before_request
def _guard():
    check_csrf()
    if request.endpoint in PUBLIC:
        g.admin_stores = []
        return None
    had_session = SESSION_KEY in session  # read first: signed_in_phone() drops a session that ran out
    phone = signed_in_phone()
    if phone is None:
        return redirect(url_for("admin.signin", expired=1 if had_session else None), code=303)
    # Read afresh on every request: a phone taken off the roster, or made staff, loses access at once.
    g.admin_phone = phone
    g.admin_stores = logins.admin_stores(services().db, phone)
    if not g.admin_stores:
        session.pop(SESSION_KEY, None)
        return redirect(url_for("admin.signin", gone=1), code=303)
    store_id = (request.view_args or {}).get("store_id")
    if store_id is not None:
        g.store = next((s for s in g.admin_stores if s["id"] == store_id), None)
        if g.store is None:
            abort(404)  # not 403: another store's pages don't exist for this person
    return None


bp.after_request(secure_headers)


@bp.app_context_processor
def _page_words():
    if request.blueprint != bp.name:
        return {}
    lang = language()
    return {
        "t": STRINGS[lang],
        "lang": lang,
        "admin_stores": getattr(g, "admin_stores", []),
        "current_store": getattr(g, "store", None),
        "admin_nav": [(e, label) for e, label in NAV if e in current_app.view_functions],
    }


@bp.get("/")
def home():
    return redirect(url_for("admin.overview", store_id=g.admin_stores[0]["id"]), code=303)


@bp.get("/signin")
def signin():
    return render_template(
        "admin/signin.html",
        expired=request.args.get("expired"),
        gone=request.args.get("gone"),
        bad=request.args.get("bad"),
    )


@bp.get("/login/<token>")
def link(token: str):
    """The texted link only asks to confirm: messaging apps open links to preview them, and a GET that signed in
    would spend the one-time link before its owner tapped it."""
    if not logins.usable(services().db, token, services().clock()):
        return render_template("admin/link.html", token=None), 410
    return render_template("admin/link.html", token=token)


@bp.post("/login/<token>")
def redeem(token: str):
    phone = logins.redeem(services().db, token, services().clock())
    if phone is None:
        return render_template("admin/link.html", token=None), 410
    lang = session.get("admin_lang")
    session.clear()  # a fresh session (and CSRF token) for the signed-in browser: no fixation
    session[SESSION_KEY] = {"phone": phone, "at": _now()}
    if lang in STRINGS:
        session["admin_lang"] = lang
    return redirect(url_for("admin.home"), code=303)


@bp.post("/logout")
def logout():
    session.pop(SESSION_KEY, None)
    return redirect(url_for("admin.signin"), code=303)


@bp.post("/language")
def switch_language():
    wanted = request.form.get("lang")
    if wanted in STRINGS:
        session["admin_lang"] = wanted
    back = request.form.get("next") or ""
    # Only a path of ours: never an open redirect.
    return redirect(
        back if back.startswith("/admin") and not back.startswith("//") else url_for("admin.home"), code=303
    )
