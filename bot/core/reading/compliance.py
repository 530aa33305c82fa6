"""The compliance keywords (STOP, START, HELP and their kin), which count only alone or with politeness."""

from __future__ import annotations

from .normalising import _MARKS
from .vocabulary import _POLITE, _words

_GREETINGS = _words("hi hello hey bonjour allo salut bonsoir yo")

_KEYWORDS = {
    **dict.fromkeys(
        ("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout", "arret", "arrete", "arretez"),
        "stop",
    ),
    **dict.fromkeys(("start", "unstop", "yes"), "start"),
    **dict.fromkeys(("help", "info", "aide"), "help"),
}
#: The compliance keywords (opt-out, opt-in, help), folded: an owner's keyword reply may never be one of them.
COMPLIANCE_KEYWORDS: frozenset[str] = frozenset(_KEYWORDS)
# Words that may ride along with a keyword and keep it a keyword ("STOP please", "aide svp").
# Not for CANCEL or YES: "cancel please" is about the order, "yes please" is an answer.
_KEYWORD_ALONE_ONLY = frozenset(("cancel", "yes"))


def _keyword(words: list[str]) -> str | None:
    """STOP, START, HELP and their kin, alone or with only politeness around ("stop svp arrêtez")."""
    if _KEYWORDS.keys().isdisjoint(words):
        return None  # the common case, decided without building sets
    core = set(words) - _MARKS
    if len(core) > 1:
        core -= _POLITE | _GREETINGS  # "hi, STOP", "bonjour, ARRÊT svp"
        if not core or not core.isdisjoint(_KEYWORD_ALONE_ONLY):
            return None
    found = {_KEYWORDS.get(w) for w in core}
    return found.pop() if len(found) == 1 else None
