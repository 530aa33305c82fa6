"""Send failures sorted into permanent (never retried) and transient (retried with backoff)."""
from __future__ import annotations

# Twilio error codes that no retry can fix, and what they say about the recipient.
OPTED_OUT_CODES = {21610}  # the recipient replied STOP to this sender
UNREACHABLE_CODES = {21211, 21214, 21217, 21612, 21614, 30003, 30005, 30006, 63003}
PERMANENT_CODES = OPTED_OUT_CODES | UNREACHABLE_CODES | {21408, 21606, 21608, 21659, 30004, 30007}


class SendError(Exception):
    def __init__(self, message: str, code: int | None = None, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.status = status


class PermanentSendError(SendError):
    """Do not retry; the recipient may need marking opted out or unreachable."""

    @property
    def opted_out(self) -> bool:
        return self.code in OPTED_OUT_CODES

    @property
    def unreachable(self) -> bool:
        return self.code in UNREACHABLE_CODES


class TransientSendError(SendError):
    """Retry later: 5xx, 429, timeouts, connection errors."""


def classify(status: int | None, code: int | None, message: str) -> SendError:
    if code in PERMANENT_CODES:
        return PermanentSendError(message, code, status)
    if status is None or status == 429 or status >= 500:
        return TransientSendError(message, code, status)
    # Any other 4xx means the request itself is wrong: repeating it cannot succeed.
    return PermanentSendError(message, code, status)
