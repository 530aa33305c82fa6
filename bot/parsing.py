"""The `parse` command's work: texts in, one JSON meaning per line out. Imports nothing of the web app,
so `python -m bot parse` starts in a fraction of a second."""

from __future__ import annotations

import json
import sys


def parse_lines(role: str, text: str | None, out=None) -> None:
    from .core.understanding import Context, understand

    out = out or sys.stdout
    lines = [text] if text is not None else (line.rstrip("\n") for line in sys.stdin)
    context = Context(role=role)
    for line in lines:
        out.write(json.dumps(understand(line, context).as_public_dict(), ensure_ascii=False) + "\n")
