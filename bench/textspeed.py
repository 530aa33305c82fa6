"""Text understanding speed, in a process of its own: texts per second over the labelled corpus.

.venv/bin/python -m bench.textspeed [SECONDS]     # prints one JSON object
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "customer_texts.jsonl"


def main(argv: list[str]) -> int:
    seconds = float(argv[0]) if argv else 3.0
    from bot.core.understanding import Context, understand

    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    context = Context(role="customer")
    for t in texts:  # warm: compiled patterns, caches
        understand(t, context)
    done, t0 = 0, time.perf_counter()
    cpu0 = time.process_time()
    while (elapsed := time.perf_counter() - t0) < seconds:
        for t in texts:
            understand(t, context)
        done += len(texts)
    cpu = time.process_time() - cpu0
    print(
        json.dumps(
            {
                "texts": done,
                "distinct": len(texts),
                "seconds": elapsed,
                "per_second": done / elapsed,
                "per_cpu_second": done / cpu if cpu else None,
                "us_per_text": elapsed / done * 1e6,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
