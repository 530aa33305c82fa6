"""Score the text reader on a batch of labelled texts it was not tuned on (issue 22's hold-out batches).

.venv/bin/python -m bench.holdout FILE.jsonl [FILE.jsonl ...]

Each file is in the corpus format (tests/corpus/customer_texts.jsonl: text, intent, spot, order, eta, vehicle,
lang, and optionally role and awaiting). Prints whole-text accuracy, per-field accuracy and every miss with what
was expected and what the reader gave, compared exactly as tests/unit/test_understanding.py compares
(tests/support/corpus.py). Exits 0 whatever the score: a measure, not a gate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.support import corpus

_LABEL_KEYS = ("intent", "spot", "order", "eta", "vehicle", "lang")


def report(path: Path) -> str:
    labelled = corpus.rows(path)
    result = corpus.score(labelled)
    lines = [
        f"{path}: {result.texts - len(result.misses)}/{result.texts} whole-text ({result.whole:.1%})",
        "per field: " + ", ".join(f"{name} {result.field(name):.1%}" for name in corpus.FIELDS),
        f"misses: {len(result.misses)}",
    ]
    for miss in result.misses:
        got = miss.meaning.as_public_dict()
        got_labelled = {
            "intent": got["intent"],
            "spot": got["spot"],
            "order": got["order"],
            "eta": got["eta_minutes"],
            "vehicle": got["vehicle"],
            "lang": got["language"],
        }
        asked = f" (asked for {miss.context.awaiting})" if miss.context.awaiting else ""
        role = f" [{miss.context.role}]" if miss.context.role != "customer" else ""
        lines += [
            "",
            f"- {miss.row['text']!r}{asked}{role}   wrong: {', '.join(miss.wrong)}",
            f"  expected {json.dumps({k: miss.row[k] for k in _LABEL_KEYS}, ensure_ascii=False)}",
            f"  got      {json.dumps(got_labelled, ensure_ascii=False)}",
        ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print("\n\n".join(report(Path(name)) for name in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
