"""Liveness and readiness: the database and Redis are reachable."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from . import services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    svc = services()
    checks = {}
    try:
        with svc.db.read() as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - report, don't crash, whatever the driver raises
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        svc.redis.ping()
        checks["redis"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = f"error: {type(exc).__name__}"
    ok = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ok else "degraded", checks=checks), 200 if ok else 503
