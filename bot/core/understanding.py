"""Text + context → Meaning: what a customer's or staff member's text says, in English or Québec French.

Pure and fast: regexes are compiled at import and per-word work is cached; no I/O, no framework. The reading
itself lives in bot/core/reading/ (one module per piece: words, ETAs, spots, orders, vehicles, intents); this
module is its one public entry, and what other modules import from.
"""

from __future__ import annotations

import unicodedata
from itertools import chain

from .commands import read_command
from .language import detect, has_french_accent
from .reading.compliance import COMPLIANCE_KEYWORDS
from .reading.customer import _customer
from .reading.meaning import CUSTOMER_INTENTS, STAFF_INTENTS, Context, Meaning
from .reading.normalising import _APOSTROPHES, _TOKEN, DICTATION, _normalise, dictated_marks
from .reading.staff import _staff

__all__ = ["COMPLIANCE_KEYWORDS", "CUSTOMER_INTENTS", "STAFF_INTENTS", "Context", "Meaning", "understand"]

_DEFAULT_CONTEXT = Context()


def understand(text: str, context: Context = _DEFAULT_CONTEXT) -> Meaning:
    """What this text says, read against who sent it and what the bot last asked them.

    Choices worth knowing (each has a test):
    - A bare "6" with no question pending is an arrival at spot 6 (the order-ready text asks for
      "HERE and your spot number"); a bare 4+ digit number or "B552" is an order number, intent "other".
    - After the bot asked for the spot, a bare number, number word, "#7", "A3" or a vehicle
      ("the red one") is an arrival; after it asked for the order, a bare "7" or "B552" is the order.
    - Anything about coming (an ETA, "on my way", "presque rendu", "not there yet") outranks arrival
      words; arrival words outrank status questions ("here spot 4, is it ready?" is an arrival).
    - The opt-out keywords count only alone (with "please"/"svp" allowed, but not for CANCEL):
      "cancel my order" is a cancel, "stop texting me" is a stop.
    """
    text = text or ""
    raw = (text if text.isascii() else unicodedata.normalize("NFC", text)).strip()  # ASCII is NFC already
    # Symbols (emoji, arrows, °) need no stripping: no token pattern takes them in, so they part words as a
    # space would. Apostrophes have variants outside ASCII only.
    low = (raw if raw.isascii() else raw.translate(_APOSTROPHES)).lower()
    if len(low) != len(raw):  # a few capitals lowercase to two characters; quote the lowercased text then
        raw = low
    words = list(chain.from_iterable(map(_normalise, _TOKEN.findall(low))))

    lean, confident = detect(words, has_french_accent(low), "-" in low)
    language = lean if confident and lean else (context.language or lean or "en")  # confident: lean is set
    if not DICTATION.isdisjoint(words):
        words = dictated_marks(words)  # "spot seven comma white Lexus period": read as the marks, after the language

    if context.role in ("staff", "owner"):
        command = read_command(raw)
        # HELP from staff is the staff help; from an owner, the owner's. Owner commands from staff are read as
        # such, to be told they are for owners.
        if command is not None and (context.role == "owner" or command.name != "help"):
            return Meaning(command.name, language=language, language_confident=confident, command=command)
        return _staff(raw, low, words, language, confident)
    return _customer(text, raw, low, words, context, language, confident)
