"""The hold-out scorer (bench/holdout.py) counts a text right only when every field is, and names each miss."""

from __future__ import annotations

import json

from bench import holdout


def _batch(tmp_path, *rows):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _row(text, intent, spot=None, eta=None, lang="en", **more):
    row = {"text": text, "intent": intent, "spot": spot, "order": None, "eta": eta, "vehicle": None, "lang": lang}
    return row | more


def test_a_batch_read_right_scores_whole_and_lists_no_miss(tmp_path):
    out = holdout.report(
        _batch(tmp_path, _row("here spot 4", "arrived", "4"), _row("7", "arrived", "7", awaiting="spot"))
    )
    assert "2/2 whole-text (100.0%)" in out and "misses: 0" in out


def test_one_wrong_field_makes_the_text_a_miss_shown_with_what_was_expected_and_got(tmp_path):
    out = holdout.report(_batch(tmp_path, _row("here spot 4", "arrived", "4"), _row("omw 10", "on_the_way", eta=15)))
    assert "1/2 whole-text (50.0%)" in out and "eta 50.0%" in out and "intent 100.0%" in out
    assert "- 'omw 10'   wrong: eta" in out
    assert '"eta": 15' in out.split("expected", 1)[1] and '"eta": 10' in out.split("got", 1)[1]
