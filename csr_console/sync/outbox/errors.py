"""What the outbox raises: refusals to queue or change an action, and the outcomes of a step that end
an action other than by success."""

from __future__ import annotations

from typing import Any

from csr_console.api.models.common import ApiModel
from csr_console.domain.words import Phrase


class OutboxError(Exception):
    """Base of the outbox's own exceptions."""


class InvalidAction(OutboxError, ValueError):
    """An action's payload breaks a rule the console can check before anything is sent."""


class ActionRefused(OutboxError):
    """The queue will not take or change this action now (another one holds its target, it is running,
    its state does not allow it); the message says why in the CSR's words."""


class TargetClosed(OutboxError):
    """The booking or lead was converted or dismissed by someone else: the action ends as a conflict.

    `details` is stored as the action's `conflict` (e.g. {"status": "Converted", "job_id": 7,
    "job_number": "1007"}), with the message's template and values under "words" when it is a Phrase (so
    the console can say it in the CSR's language: store.queries.outbox.said); `fresh` are the records read
    while finding out, for the cache.
    """

    def __init__(self, message: str, details: dict[str, Any], fresh: list[ApiModel]) -> None:
        super().__init__(message)
        if isinstance(message, Phrase):
            details = {**details, "words": {"template": message.template, "values": message.values}}
        self.details = details
        self.fresh = fresh
