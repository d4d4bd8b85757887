"""Logging hygiene: phone numbers and email addresses are redacted from every log line.

Customers' contact details reach log messages through server answers and exception texts; a log is
shared with support, so they never appear in it. `install_redaction()` puts the filter on the root
logger's handlers (a filter on a logger would miss the records propagated from its children).
"""

from __future__ import annotations

import logging
import re

PHONE = re.compile(r"(?<![\w])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\w])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    """`text` with phone-like numbers and email addresses replaced by placeholders."""
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactContacts(logging.Filter):
    """Rewrites a record's message, exception text and stack in place; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Redact on every handler of `logger` (the root logger by default); installing twice is harmless."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactContacts) for f in handler.filters):
            handler.addFilter(RedactContacts())
