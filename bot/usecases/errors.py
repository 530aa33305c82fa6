"""Errors the use cases raise for callers to turn into HTTP answers or CLI messages."""


class Invalid(ValueError):
    """Bad input; names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    pass


class Conflict(ValueError):
    pass
