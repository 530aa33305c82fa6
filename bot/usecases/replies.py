"""What the bot says, as the owner words it: overrides of the bot's texts (auto-replies), and keyword replies
("HOURS" → "Open 9 to 5"), through any door (text, admin page, API)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..core.keywords import REPLY_MAX, keyword_of, keyword_problem
from ..core.problems import Problem
from ..core.texts import CUSTOMER_KEYS, OVERRIDABLE, override_problem
from ..data.models import AutoReply, KeywordReply
from . import fields
from .errors import Invalid
from .stores import get_store

LANGUAGES = ("en", "fr")
_KEEP = object()  # a language left as it is


def check_key(key) -> str:
    if not isinstance(key, str) or key not in OVERRIDABLE:
        shown = key[:40] if isinstance(key, str) else repr(key)[:40]
        raise Invalid("key", Problem("unknown_key", {"key": shown, "keys": ", ".join(OVERRIDABLE)}))
    return key


def _check_wording(key: str, lang: str, value) -> str | None:
    if value is None:
        return None
    problem = override_problem(key, lang, value)
    if problem is not None:
        raise Invalid(lang, problem)
    return value


def put_override(session: Session, store_id: int, key: str, en=_KEEP, fr=_KEEP) -> AutoReply | None:
    """Inside the caller's transaction: the owner's wording of one text, in the languages given (None: back to
    the default). Returns the row, or None once neither language is overridden."""
    check_key(key)
    given = {lang: _check_wording(key, lang, value) for lang, value in (("en", en), ("fr", fr)) if value is not _KEEP}
    row = session.scalars(select(AutoReply).where(AutoReply.store_id == store_id, AutoReply.key == key)).first()
    return _put_languages(session, row or AutoReply(store_id=store_id, key=key), given)


def _put_languages(session: Session, row, given: dict):
    """Write the checked wording of each language given into `row` (new or loaded); a row left with no wording
    at all is not kept. Returns the row, or None."""
    for lang, value in given.items():
        setattr(row, lang, value)
    if row.en is not None or row.fr is not None:
        session.add(row)
        return row
    if row.id is not None:
        session.delete(row)
    return None


def set_auto_reply(db, store_id: int, key: str, en, fr) -> dict:
    """Both languages at once (None: the default), as PUT /auto-replies/{key} does."""
    get_store(db, store_id)
    check_key(key)
    with db.write() as session:
        put_override(session, store_id, key, en=en, fr=fr)
    return {"key": key, "en": en, "fr": fr}


def auto_replies(db, store_id: int) -> dict[str, dict[str, str | None]]:
    """The store's overrides by key (keys without one are absent)."""
    with db.read() as session:
        return {
            r.key: {"en": r.en, "fr": r.fr}
            for r in session.scalars(select(AutoReply).where(AutoReply.store_id == store_id))
        }


def customer_keys() -> tuple[str, ...]:
    """The texts customers get that SET lists first (the public contract's keys)."""
    return CUSTOMER_KEYS


# --- keyword replies ----------------------------------------------------------------------------

_KEYWORD = select(KeywordReply).where(
    KeywordReply.store_id == bindparam("store_id"), KeywordReply.keyword == bindparam("keyword")
)


def check_keyword(word) -> str:
    if not isinstance(word, str):
        raise Invalid("keyword", Problem("keyword_form"))
    problem = keyword_problem(word)
    if problem is not None:
        raise Invalid("keyword", problem)
    return keyword_of(word)


def put_keyword_reply(session: Session, store_id: int, word, en=_KEEP, fr=_KEEP) -> KeywordReply | None:
    """Inside the caller's transaction: add or change a keyword reply in the languages given (None clears one).
    Returns the row, or None once it has no text left (then it is removed)."""
    keyword = check_keyword(word)
    given = {
        lang: fields.text_field(value, lang, REPLY_MAX, required=False)
        for lang, value in (("en", en), ("fr", fr))
        if value is not _KEEP
    }
    row = session.scalars(_KEYWORD, {"store_id": store_id, "keyword": keyword}).first()
    return _put_languages(session, row or KeywordReply(store_id=store_id, keyword=keyword), given)


def remove_keyword_reply(session: Session, store_id: int, word: str) -> bool:
    """Inside the caller's transaction. Returns whether there was one."""
    keyword = keyword_of(word or "")
    row = session.scalars(_KEYWORD, {"store_id": store_id, "keyword": keyword}).first() if keyword else None
    if row is None:
        return False
    session.delete(row)
    return True


def set_keyword_reply(db, store_id: int, word, en, fr) -> KeywordReply | None:
    get_store(db, store_id)
    with db.write() as session:
        return put_keyword_reply(session, store_id, word, en=en, fr=fr)


def delete_keyword_reply(db, store_id: int, word: str) -> bool:
    get_store(db, store_id)
    with db.write() as session:
        return remove_keyword_reply(session, store_id, word)


def keywords_in(session: Session, store_id: int) -> list[KeywordReply]:
    return list(
        session.scalars(select(KeywordReply).where(KeywordReply.store_id == store_id).order_by(KeywordReply.keyword))
    )


def keyword_replies(db, store_id: int) -> list[KeywordReply]:
    with db.read() as session:
        return keywords_in(session, store_id)


def keyword_reply_for(session: Session, store_id: int, text: str) -> dict | None:
    """The owner's reply to this customer text when it is one of the store's keywords: {"text_en", "text_fr"},
    each falling back on the other language."""
    keyword = keyword_of(text)
    if keyword is None:
        return None
    row = session.scalars(_KEYWORD, {"store_id": store_id, "keyword": keyword}).first()
    if row is None:
        return None
    return {"text_en": row.en or row.fr, "text_fr": row.fr or row.en}
