"""Who gets staff texts: staff on duty, or managers and owners when nobody is."""

from __future__ import annotations

from .views import StaffView


def on_duty(staff: list[StaffView], exclude: int | None = None) -> tuple[int, ...]:
    """Staff on duty; when nobody is, managers and owners, so that no customer goes unseen."""
    ids = tuple(s.id for s in staff if s.on_duty and s.reachable and s.id != exclude)
    if ids or exclude is not None:
        return ids
    return managers(staff)


def managers(staff: list[StaffView]) -> tuple[int, ...]:
    return tuple(s.id for s in staff if s.role in ("manager", "owner") and s.reachable)
