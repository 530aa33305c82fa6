"""Errors the use cases raise for callers to turn into HTTP answers, pages, texts or CLI messages."""

from __future__ import annotations

from ..core.problems import Problem, describe


class Invalid(ValueError):
    """Bad input; names the field. With a `problem`, each door can say it in its reader's language."""

    def __init__(self, field: str, message: str | Problem):
        self.problem = message if isinstance(message, Problem) else None
        self.field = field
        self.message = describe(message) if self.problem else message
        super().__init__(f"{field}: {self.message}")

    def describe(self, lang: str = "en") -> str:
        return describe(self.problem, lang) if self.problem else self.message


class NotFound(LookupError):
    pass


class Conflict(ValueError):
    """The request clashes with what is there (a duplicate, the last owner); `problem` as for Invalid."""

    def __init__(self, message: str | Problem):
        self.problem = message if isinstance(message, Problem) else None
        super().__init__(describe(message) if self.problem else message)

    def describe(self, lang: str = "en") -> str:
        return describe(self.problem, lang) if self.problem else str(self)


class Refused(ValueError):
    """A file refused whole (nothing of it applied): `problems` are its bad lines, each a SheetProblem (line,
    column, Problem) that each door tells in its reader's language."""

    def __init__(self, problems: list):
        self.problems = list(problems)
        super().__init__("; ".join(f"line {p.line}: {describe(p.problem)}" for p in self.problems))


class Gone(LookupError):
    """It was there and is over for good (a check-in link whose order was handed off or cancelled): HTTP 410."""
