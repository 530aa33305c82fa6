"""The pure core stays pure wherever its modules sit: no framework, no I/O library, nothing outside bot/core."""

import ast
from pathlib import Path

CORE = Path(__file__).parents[2] / "bot/core"
FRAMEWORKS = {"flask", "werkzeug", "sqlalchemy", "alembic", "redis", "rq", "twilio", "requests", "psycopg", "bot"}


def _imports(path: Path) -> list[tuple[str, int]]:
    """Each import of a module as (absolute name or relative target, package depth left after going up)."""
    depth = len(path.relative_to(CORE.parent).parts) - 1  # bot/core/x.py: 1 (core), bot/core/pkg/x.py: 2
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, depth) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", depth - node.level + 1 if node.level else depth))
    return found


def test_no_core_module_imports_a_framework_or_leaves_the_core_even_in_its_packages():
    paths = sorted(CORE.rglob("*.py"))
    assert any(p.parent != CORE for p in paths)  # the packages (reading/, conversation/) are walked too
    for path in paths:
        for name, levels_left in _imports(path):
            assert name.split(".")[0] not in FRAMEWORKS, (path.relative_to(CORE), name)
            assert levels_left >= 1, (path.relative_to(CORE), name)  # a relative import that climbs out of bot/core
