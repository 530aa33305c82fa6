"""Labelled texts (tests/corpus/*.jsonl, the hold-out batches) and how the reader is scored against them:
the one comparison the corpus test and bench/holdout.py both use."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.understanding import Context, Meaning, understand

FIELDS = ("intent", "spot", "order", "eta", "vehicle", "lang")


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def context_of(row: dict) -> Context:
    return Context(role=row.get("role", "customer"), awaiting=row.get("awaiting"), handoff=row.get("handoff"))


def vehicle_ok(got: str | None, wanted: list[str] | None) -> bool:
    """A vehicle label lists the words it must hold, in any case and order; the reader may quote more."""
    if wanted is None:
        return got is None
    return got is not None and set(wanted) <= set(re.findall(r"[\w-]+", got.lower()))


def checks(row: dict, meaning: Meaning) -> dict[str, bool]:
    """Field by field, whether the reader's meaning agrees with the row's label."""
    return {
        "intent": meaning.intent == row["intent"],
        "spot": meaning.spot == row["spot"],
        "order": meaning.order == row["order"],
        "eta": meaning.eta_minutes == row["eta"],
        "vehicle": vehicle_ok(meaning.vehicle, row["vehicle"]),
        "lang": meaning.language == row["lang"],
    }


@dataclass
class Miss:
    row: dict
    context: Context
    meaning: Meaning
    wrong: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.row['text']!r} ({self.context}): {self.meaning.as_public_dict()}"


@dataclass
class Score:
    texts: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[Miss] = field(default_factory=list)

    @property
    def whole(self) -> float:
        """Whole-text accuracy: the share of texts with every field right."""
        return (self.texts - len(self.misses)) / self.texts if self.texts else 0.0

    def field(self, name: str) -> float:
        return self.right[name] / self.texts if self.texts else 0.0

    def summary(self, name: str) -> str:
        return f"{name}: {self.texts} texts, whole-text {self.whole:.1%}; " + ", ".join(
            f"{f} {self.field(f):.1%}" for f in FIELDS
        )


def score(labelled: list[dict]) -> Score:
    result = Score(texts=len(labelled))
    for row in labelled:
        context = context_of(row)
        meaning = understand(row["text"], context)
        verdict = checks(row, meaning)
        for name, ok in verdict.items():
            result.right[name] += ok
        if not all(verdict.values()):
            result.misses.append(Miss(row, context, meaning, tuple(n for n, ok in verdict.items() if not ok)))
    return result
