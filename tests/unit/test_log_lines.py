"""Log lines: one JSON object per line in production (or LOG_FORMAT=json), text in development, each carrying the
trace id of the inbound text it is about, with phone numbers masked either way."""

from __future__ import annotations

import io
import json
import logging

from bot.logs import TEXT_FORMAT, JsonLines, MaskNumbers, TextLines, current_trace, log_format, traced


def logger_writing_to(stream: io.StringIO, formatter: logging.Formatter) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(MaskNumbers())
    logger = logging.getLogger(f"test.lines.{id(stream)}")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    return logger


def test_json_lines_carry_the_trace_id_and_mask_numbers():
    stream = io.StringIO()
    log = logger_writing_to(stream, JsonLines())
    with traced("SM" + "a" * 32):
        log.info("text received from %s", "+15145550123")
    log.warning("no trace here")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["trace"] == "SM" + "a" * 32 and first["level"] == "info" and first["logger"] == log.name
    assert first["msg"] == "text received from …0123" and first["ts"].endswith("+00:00")
    assert "trace" not in second and second["level"] == "warning"


def test_a_traceback_stays_inside_its_one_json_line():
    stream = io.StringIO()
    log = logger_writing_to(stream, JsonLines())
    try:
        raise RuntimeError("send to +15145550123 failed")
    except RuntimeError:
        log.exception("boom")
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert "RuntimeError" in record["exc"] and "+15145550123" not in line


def test_text_lines_show_the_trace_after_the_level():
    stream = io.StringIO()
    log = logger_writing_to(stream, TextLines(TEXT_FORMAT))
    with traced("SM123"):
        log.info("hello")
    assert " INFO [SM123] test.lines." in stream.getvalue()


def test_the_trace_ends_with_its_block_whatever_was_set_inside():
    from bot.logs import TRACE

    with traced(None):
        TRACE.set("SMinner")
        assert current_trace() == "SMinner"
    assert current_trace() is None


def test_json_in_production_or_when_asked_text_otherwise():
    assert log_format({"ARRIVEE_ENV": "production"}) == "json"
    assert log_format({"ARRIVEE_ENV": "production", "LOG_FORMAT": "text"}) == "text"
    assert log_format({"LOG_FORMAT": "JSON"}) == "json"
    assert log_format({}) == "text"


def test_alembics_plugin_roll_call_is_kept_out_of_the_info_lines():
    from bot.logs import configure_logging

    configure_logging()
    assert not logging.getLogger("alembic.runtime.plugins").isEnabledFor(logging.INFO)
    assert logging.getLogger("alembic.runtime.migration").level == logging.NOTSET  # "Running upgrade …" stays


def test_a_lines_fields_are_keys_of_their_own_in_json_and_name_value_pairs_in_text():
    fields = {"method": "POST", "path": "/twilio/sms", "status": 200, "ms": 2.41, "remote": "10.0.0.5"}
    as_json, as_text = io.StringIO(), io.StringIO()
    logger_writing_to(as_json, JsonLines()).info("text received from %s", "…0123", extra={"fields": fields})
    logger_writing_to(as_text, TextLines(TEXT_FORMAT)).info("text received from %s", "…0123", extra={"fields": fields})
    line = json.loads(as_json.getvalue())
    assert line["msg"] == "text received from …0123" and {k: line[k] for k in fields} == fields
    assert (
        as_text.getvalue()
        .rstrip()
        .endswith("text received from …0123 method=POST path=/twilio/sms status=200 ms=2.41 remote=10.0.0.5")
    )
