"""When to try a failed action again, and which failures are worth trying again at all.

Transport failures (nothing sent, or no answer), 5xx, 429 and 408 are the network's or the server's
trouble: the action waits, exponentially longer with jitter, and stays pending. Any other 4xx is the
server refusing the request as it is: trying again cannot help, the action fails with its answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from csr_console.api.errors import ApiError, RateLimited, TransportError

_RETRYABLE_STATUSES = frozenset({408, 429})


def is_transient(error: Exception) -> bool:
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ApiError) and (error.status >= 500 or error.status in _RETRYABLE_STATUSES)


def is_refusal(error: Exception) -> bool:
    """A definite "no": the request was not applied."""
    return isinstance(error, ApiError) and not is_transient(error)


def server_message(error: ApiError) -> str:
    """The server's own words: its title and each field's messages."""
    parts = [error.title]
    parts += [f"{field}: {' '.join(messages)}" for field, messages in sorted(error.errors.items())]
    return " — ".join(parts)


@dataclass(frozen=True)
class Backoff:
    """Delay before attempt n+1 after n failed ones: base * 2**(n-1), capped, with equal jitter (half
    fixed, half random) so actions that failed together do not come back together."""

    base_s: float = 2.0
    cap_s: float = 60.0

    def delay(self, failures: int, rng: random.Random, error: Exception | None = None) -> float:
        raw = min(self.cap_s, self.base_s * 2.0 ** max(failures - 1, 0))
        delay = raw / 2 + rng.uniform(0, raw / 2)
        if isinstance(error, RateLimited) and error.retry_after:
            delay = max(delay, error.retry_after)
        return delay
