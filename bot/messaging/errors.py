"""Send failures sorted into permanent (never retried) and transient (retried with backoff), and what a
failure code says about the person it was for."""

from __future__ import annotations

# Twilio error codes that no retry can fix, and what they say about the recipient.
OPTED_OUT_CODES = {21610}  # the recipient replied STOP to this sender
UNREACHABLE_CODES = {21211, 21214, 21217, 21612, 21614, 30003, 30005, 30006, 63003}
PERMANENT_CODES = OPTED_OUT_CODES | UNREACHABLE_CODES | {21408, 21606, 21608, 21659, 30004, 30007}

# Codes a status callback reports (ErrorCode) for a text Twilio took but could not deliver. Only those that say
# the number itself can never get a text mark the person: 30003 (handset off or out of coverage) and 30008
# (unknown) pass with time, so they re-route that one alert but leave the person reachable.
DELIVERY_OPTED_OUT_CODES = {21610}
DELIVERY_UNREACHABLE_CODES = {21211, 21614, 30005, 30006}


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
    """Retry later: 5xx, 429, timeouts, connection errors. Twilio may or may not have sent the text (a timeout
    or a dropped connection after the request went out): a retry asks Twilio's message log first."""


class CredentialsRefused(TransientSendError):
    """Twilio refused our credentials (HTTP 401/403): nothing is wrong with the text or its recipient, so it waits
    (retried with backoff) while someone fixes TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN; it is logged at error level."""


def classify(status: int | None, code: int | None, message: str) -> SendError:
    if status in (401, 403):
        return CredentialsRefused(message, code, status)
    if code in PERMANENT_CODES:
        return PermanentSendError(message, code, status)
    if status is None or status == 429 or status >= 500:
        return TransientSendError(message, code, status)
    # Any other 4xx means the request itself is wrong: repeating it cannot succeed.
    return PermanentSendError(message, code, status)


def delivery_verdict(code: int | None) -> str | None:
    """What a failed or undelivered status callback's ErrorCode says about the person: 'opted_out',
    'unreachable', or None when it may pass."""
    if code in DELIVERY_OPTED_OUT_CODES:
        return "opted_out"
    if code in DELIVERY_UNREACHABLE_CODES:
        return "unreachable"
    return None
