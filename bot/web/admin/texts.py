"""The Texts page: the owner's wording of every text the bot sends (the customer texts of the public contract first),
English and French side by side, each with its default, a preview filled with a sample customer, its SMS count and
what would send it as UCS-2; and the store's keyword replies (add, change, remove).

The preview is bot/core/texts.py's own rendering, French typography, elision and all: admin.js asks this module for
it as the owner types (`preview_text`) rather than redoing it in the browser, so the page can never promise a text
the bot would not send."""

from __future__ import annotations

from flask import abort, jsonify, render_template, request, url_for

from ...core import texts as wording
from ...core.problems import describe
from ...core.texts import CUSTOMER_KEYS, OVERRIDABLE, TEMPLATES
from ...usecases import replies, stores
from ...usecases.errors import Invalid
from .. import services
from . import bp
from .access import language
from .forms import done, optional, refusal, text, words

LANGUAGES = ("en", "fr")
# The page's order: the texts of the public contract, then every other one as texts.py lists it.
OTHER_KEYS = tuple(key for key in OVERRIDABLE if key not in CUSTOMER_KEYS)


def character_names(chars: list[str], quoted: str) -> str:
    """« ê », « ’ » (U+2019), each in the page's quotes (`quoted`: "« {ch} »"): a letter is plain enough, anything
    else also gets its code point (a curly apostrophe or a no-break space looks like the plain one)."""
    return ", ".join(quoted.format(ch=ch) + ("" if ch.isalnum() else f" (U+{ord(ch):04X})") for ch in chars)


def _shown(key: str, lang: str, store_name: str, value: str | None) -> dict:
    """The text as the sample customer gets it from `value` (None: the default), with its size in the page's words:
    characters and SMS segments, and which characters, if any, send it as UCS-2."""
    t = words()
    sent = wording.preview(key, lang, store_name, value)
    n, odd = wording.segments(sent), wording.ucs2_characters(sent)
    warnings = [t["ucs2_warning"].format(chars=character_names(odd, t["quoted"]))] if odd else []
    # A wording Save would refuse ({nom} for {name}) previews without its unknown part: say so as the owner types,
    # not only once they save.
    problem = wording.override_problem(key, lang, value) if value else None
    if problem is not None:
        warnings.insert(0, t["unusable_wording"].format(problem=describe(problem, language())))
    return {
        "preview": sent,
        "count": t["sms_one"].format(units=len(sent)) if n == 1 else t["sms_many"].format(units=len(sent), n=n),
        "warning": " ".join(warnings),
    }


def _wording(key: str, lang: str, store_name: str, value: str | None) -> dict:
    return {
        "default": TEMPLATES[key][lang],
        "value": value or "",
        **_shown(key, lang, store_name, value),
        "allowed": ", ".join(f"{{{name}}}" for name in sorted(wording.allowed_placeholders(key, lang))),
    }


def _title(key: str) -> str:
    """A text's name on the page; its key until strings.py has one (a text added to texts.py later)."""
    return words().get("key_" + key, key)


def _card(key: str, store_name: str, values: dict) -> dict:
    return {
        "key": key,
        "title": _title(key),
        "staff": key.startswith("staff_"),
        "languages": {lang: _wording(key, lang, store_name, values.get(lang)) for lang in LANGUAGES},
    }


def _page(
    store_id: int, typed: dict | None = None, errors: dict | None = None, error: str | None = None, status: int = 200
):
    """The page; after a refusal, the form that was refused shows what was typed (`typed`: {form: values}) and the
    problem at its field (`errors`: {form: {field: problem}})."""
    db = services().db
    typed, errors = typed or {}, errors or {}
    store = stores.get_store(db, store_id)
    overrides = replies.auto_replies(db, store_id)
    cards = {key: _card(key, store.name, typed.get(key) or overrides.get(key) or {}) for key in OVERRIDABLE}
    keywords = [
        {"word": row.keyword.upper(), "en": row.en or "", "fr": row.fr or ""}
        for row in replies.keyword_replies(db, store_id)
    ]
    for row in keywords:
        row.update(typed.get("keyword:" + row["word"], {}))
    config = {"preview_urls": {key: url_for("admin.preview_text", store_id=store_id, key=key) for key in OVERRIDABLE}}
    return render_template(
        "admin/texts.html",
        store=store,
        customer=[cards[k] for k in CUSTOMER_KEYS],
        others=[cards[k] for k in OTHER_KEYS],
        keywords=keywords,
        new_keyword=typed.get("keyword:", {}),
        errors=errors,
        error=error,
        config=config,
        open_others=any(key in errors for key in OTHER_KEYS),
    ), status


@bp.get("/stores/<int:store_id>/texts")
def texts(store_id: int):
    return _page(store_id)


@bp.get("/stores/<int:store_id>/texts/<key>/preview")
def preview_text(store_id: int, key: str):
    """What the page shows under a box as the owner types in it: ?lang=fr&text=... (empty: the default)."""
    lang, typed = request.args.get("lang"), request.args.get("text", "")
    if key not in OVERRIDABLE or lang not in LANGUAGES:
        abort(404)
    store = stores.get_store(services().db, store_id)
    return jsonify(_shown(key, lang, store.name, typed if typed.strip() else None))


@bp.post("/stores/<int:store_id>/texts/<key>")
def save_text(store_id: int, key: str):
    if key not in OVERRIDABLE:
        abort(404)
    t = words()
    typed = {lang: optional(lang) for lang in LANGUAGES}
    try:
        replies.set_auto_reply(services().db, store_id, key, typed["en"], typed["fr"])
    except Invalid as exc:
        fields, message = refusal(exc, {lang: f"{_title(key)} ({t['lang_' + lang]})" for lang in LANGUAGES})
        return _page(store_id, typed={key: typed}, errors={key: fields}, error=message, status=422)
    saved = "text_saved" if typed["en"] or typed["fr"] else "text_default"
    return done(t[saved].format(title=_title(key)), "admin.texts", anchor=f"text-{key}", store_id=store_id)


@bp.post("/stores/<int:store_id>/keywords")
def save_keyword(store_id: int):
    """Adds a keyword reply, or changes one (the same keyword again)."""
    t = words()
    word, en, fr = text("keyword"), optional("en"), optional("fr")
    try:
        row = replies.set_keyword_reply(services().db, store_id, word, en, fr)
    except Invalid as exc:
        # Which form was refused: a listed keyword's own, or the one that adds.
        form = "keyword:" + word.upper() if text("form") == "change" else "keyword:"
        fields, message = refusal(exc, {"keyword": t["keyword"], "en": t["reply_en"], "fr": t["reply_fr"]})
        return _page(
            store_id,
            typed={form: {"word": word, "en": en or "", "fr": fr or ""}},
            errors={form: fields},
            error=message,
            status=422,
        )
    said = "keyword_saved" if row is not None else "keyword_cleared"
    return done(t[said].format(word=word.strip().upper()), "admin.texts", anchor="keywords", store_id=store_id)


@bp.post("/stores/<int:store_id>/keywords/remove")
def remove_keyword(store_id: int):
    word = text("keyword")
    replies.delete_keyword_reply(services().db, store_id, word)
    return done(
        words()["keyword_removed"].format(word=word.strip().upper()),
        "admin.texts",
        anchor="keywords",
        store_id=store_id,
    )
