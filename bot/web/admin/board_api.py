"""The Board & API page: the staff board's link (to copy onto the tablet at the door, or to replace after a
confirmation when it got out) and the store's API tokens (create one, shown once; list; revoke after a confirmation)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import abort, render_template, url_for

from ...usecases import board, stores
from ...usecases.errors import Invalid
from .. import services
from ..api import board_url
from . import bp
from .forms import confirmation, done, refusal, text, words


def _when(moment, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def _tokens(store) -> list[dict]:
    return [
        {
            "id": row.id,
            "name": row.name,
            "created": _when(row.created_at, store.timezone),
            "revoked": _when(row.revoked_at, store.timezone) if row.revoked_at else None,
        }
        for row in stores.store_tokens(services().db, store.id)
    ]


def _page(
    store_id: int,
    new_token: dict | None = None,
    typed_name: str = "",
    errors: dict | None = None,
    error: str | None = None,
    status: int = 200,
):
    """The page; `new_token` ({name, token}) is shown this once, right after it was made."""
    store = stores.get_store(services().db, store_id)
    return render_template(
        "admin/access.html",
        store=store,
        board_url=board_url(store),
        tokens=_tokens(store),
        new_token=new_token,
        typed_name=typed_name,
        errors=errors or {},
        error=error,
    ), status


def _token(store_id: int, token_id: int) -> dict:
    store = stores.get_store(services().db, store_id)
    found = next((row for row in _tokens(store) if row["id"] == token_id), None)
    if found is None:
        abort(404)
    return found


@bp.get("/stores/<int:store_id>/access")
def access(store_id: int):
    return _page(store_id)


@bp.get("/stores/<int:store_id>/access/board")
def confirm_rotate_board(store_id: int):
    t = words()
    return confirmation(
        t["rotate_q"],
        t["rotate_detail"],
        t["rotate"],
        url_for("admin.rotate_board", store_id=store_id),
        url_for("admin.access", store_id=store_id),
    )


@bp.post("/stores/<int:store_id>/access/board")
def rotate_board(store_id: int):
    board.rotate_token(services().db, store_id)
    return done(words()["rotated"], "admin.access", anchor="board", store_id=store_id)


@bp.post("/stores/<int:store_id>/access/tokens")
def create_token(store_id: int):
    """Not a redirect: the token is shown in this answer only. Carried over a redirect it would have to sit in the
    session cookie, and only its hash is kept anywhere."""
    name = text("name")
    try:
        token = stores.create_token(services().db, name, store_id)
    except Invalid as exc:
        fields, message = refusal(exc, {"name": words()["token_name"]})
        return _page(store_id, typed_name=name, errors=fields, error=message, status=422)
    return _page(store_id, new_token={"name": name.strip(), "token": token}, status=201)


@bp.get("/stores/<int:store_id>/access/tokens/<int:token_id>/revoke")
def confirm_revoke_token(store_id: int, token_id: int):
    t = words()
    token = _token(store_id, token_id)
    return confirmation(
        t["revoke_q"].format(name=token["name"]),
        t["revoke_detail"],
        t["revoke"],
        url_for("admin.revoke_token", store_id=store_id, token_id=token_id),
        url_for("admin.access", store_id=store_id),
    )


@bp.post("/stores/<int:store_id>/access/tokens/<int:token_id>/revoke")
def revoke_token(store_id: int, token_id: int):
    token = _token(store_id, token_id)
    stores.revoke_store_token(services().db, store_id, token_id, services().clock())
    return done(words()["revoked_done"].format(name=token["name"]), "admin.access", anchor="tokens", store_id=store_id)
