"""Logging hygiene: phone numbers and email addresses are redacted from every log line, and the log
file is private.

Customers' contact details reach log messages through server answers and exception texts; a log is
shared with support, so they never appear in it. `install_redaction()` puts the filter on the root
logger's handlers (a filter on a logger would miss the records propagated from its children).

`install_file_log()` adds a rotating log file in the user's log directory (platformdirs'
`user_log_dir("csr-console")`): the directory 0700, every file (the current one and each one a rollover
opens) created 0600 before a byte is written. It takes INFO and up; the console's stderr keeps the level
it had. httpx's line per request is left out of the file (a poll every 2 s would fill it).
"""

from __future__ import annotations

import io
import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

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


LOG_FILE = "csr-console.log"
LOG_FILE_BYTES = 5_000_000
LOG_FILE_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Libraries whose INFO lines are one per request: kept out of the file below WARNING.
_CHATTY = ("httpx", "httpcore")


def log_directory() -> Path:
    return Path(platformdirs.user_log_dir("csr-console", appauthor=False))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (a rollover opens a new file: so is that)."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # an older file, made before this rule, is made private too
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


class _QuietLibraries(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or not record.name.startswith(_CHATTY)


def current_log_file() -> Path | None:
    """The file `install_file_log` writes to, if it is installed."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def install_file_log(directory: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to `<user log dir>/csr-console.log` too (installing twice is harmless); None if the file
    cannot be made (a read-only home must not stop the console: said on stderr)."""
    directory = directory or log_directory()
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and Path(handler.baseFilename) == path.absolute():
            return path
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        directory.chmod(0o700)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger("csr_console.logs").warning("no log file in %s: %s", directory, error)
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(_QuietLibraries())
    # The handlers already there (stderr) keep the root's level; the root lets the file's level through.
    for existing in root.handlers:
        if existing.level == logging.NOTSET:
            existing.setLevel(root.level)
    root.setLevel(min(root.level, level))
    root.addHandler(handler)
    install_redaction(root)
    return path
