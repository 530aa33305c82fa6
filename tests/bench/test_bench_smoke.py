"""The benchmark harness's smoke mode (bench/, `python -m bench --smoke`): every section runs for a second or
two against real processes, so the harness cannot rot. It times nothing: benchmarks are not CI tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_mode_runs_every_section_and_writes_a_report(tmp_path):
    out, plot, raw = tmp_path / "performance.md", tmp_path / "scale.png", tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out), "--plot", str(plot), "--json", str(raw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads(raw.read_text())
    assert not {k: v for k, v in results["errors"].items() if k != "wrk"}

    # webhook: signed requests were all answered 200 and every one of them was stored and signalled
    rows = {r["app"]: r for r in results["webhook"]["rows"]}
    assert rows["bare"]["requests"] > 0 and rows["ours"]["requests"] > 0
    assert rows["ours"]["non200"] == 0
    assert rows["ours"]["stored"] == rows["ours"]["signalled"] >= rows["ours"]["answered_200"] > 0
    assert 0 < rows["ours"]["fraction"]

    # arrivals: every staff alert reached the stand-in and was matched to its arrival
    [latency] = results["latency"]["rows"]
    assert latency["lost"] == 0 and latency["webhook_non200"] == 0 and latency["alerts"] == latency["count"]
    assert 0 < latency["p50_ms"] <= latency["p99_ms"] <= latency["max_ms"]

    assert results["text"]["speed"]["per_second"] > 0 and results["text"]["startup"]["median_s"] > 0
    samples = results["memory"]["samples"]
    assert len(samples) == 3 and all(s["worker_rss_mb"] > 0 and s["web_rss_mb"] for s in samples)

    report = out.read_text()
    assert "<!-- bench:begin" in report and "### Targets" in report and "nproc" in report
    if results.get("plot"):
        assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:  # matplotlib is a dev requirement; without it the report is still written, and says why
        assert "plot" in results["errors"]


def test_report_keeps_what_is_written_outside_the_markers(tmp_path):
    from bench import report

    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\nintro\n\n{report.BEGIN}\nold numbers\n{report.END}\n\n## Analysis\n\nkept\n")
    results = {
        "mode": "smoke",
        "seconds": 1,
        "params": {},
        "errors": {},
        "load": [],
        "machine": {
            "date": "d",
            "nproc": "2",
            "cpu_model": "cpu",
            "memory_gib": 1,
            "kernel": "k",
            "python": "3.11",
            "versions": {},
        },
        "gunicorn": {"workers": 2, "worker_class": "sync", "threads": 1, "preload_app": True, "accesslog": "-"},
    }
    report.write(results, doc, None)
    text = doc.read_text()
    assert "old numbers" not in text and "intro" in text and "## Analysis\n\nkept" in text
    assert text.count(report.BEGIN) == 1 and text.count(report.END) == 1
