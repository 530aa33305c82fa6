"""What the admin pages' forms share: reading a posted field as the use cases expect it, telling a use case's refusal
in the page's language at the field it names, the page that asks before what can't be undone, and the redirect
that follows a successful POST."""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound as PageNotFound

from ...usecases.errors import Conflict, Invalid, NotFound
from . import bp
from .access import language
from .strings import STRINGS

_WHOLE = re.compile(r"[+-]?\d{1,9}")


def words() -> dict[str, str]:
    """The page's words, in the signed-in person's language."""
    return STRINGS[language()]


def text(name: str) -> str:
    return request.form.get(name, "")


def optional(name: str) -> str | None:
    """A box left empty is None: the default, or no value."""
    value = request.form.get(name, "")
    return value if value.strip() else None


def checked(name: str) -> bool:
    return request.form.get(name) == "1"


def number(name: str):
    """A whole number as an int; anything else as typed, for the use case to refuse with its own words."""
    value = request.form.get(name, "").strip()
    return int(value) if _WHOLE.fullmatch(value) else value


def done(message: str, endpoint: str, anchor: str | None = None, **values):
    """Post/Redirect/Get: the notice shows once on the page the browser is sent back to."""
    flash(message)
    return redirect(url_for(endpoint, _anchor=anchor, **values), code=303)


def confirmation(question: str, detail: str, button: str, action: str, back: str) -> str:
    """The confirmation step (admin/confirm.html): its danger button posts to `action`; backing out goes to `back`."""
    return render_template(
        "admin/confirm.html", question=question, detail=detail, button=button, danger=True, action=action, back=back
    )


def refusal(exc: Invalid | Conflict, labels: dict[str, str]) -> tuple[dict[str, str], str]:
    """A refusal as ({field: problem} for the field it names, "Field: problem" for the top of the page), in the
    page's language. `labels` names the form's fields; a field outside it is shown as the use case named it."""
    t, lang = words(), language()
    problem = exc.describe(lang)
    field = getattr(exc, "field", None)
    if field is None:
        return {}, problem
    return {field: problem}, t["field_problem"].format(field=labels.get(field, field), problem=problem)


@bp.errorhandler(NotFound)
def _not_found(exc: NotFound):
    # A staff member, token or text that isn't this store's: the same 404 as another store's pages.
    return PageNotFound().get_response()
