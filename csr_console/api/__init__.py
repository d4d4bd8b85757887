"""Async client for ServiceTitan's public v2 API: auth, rate limit, retries, paging, exports, models.

No Qt here: the sync engine, benchmarks and the CLI use it headless. Models live in
`csr_console.api.models.<module>` (crm, jpm, settings, marketing, jbce, dispatch, scheduling_pro).
"""

from csr_console.api.client import ServiceTitanClient
from csr_console.api.credentials import Credentials
from csr_console.api.environments import INTEGRATION, PRODUCTION, Environment
from csr_console.api.errors import (
    ApiError,
    AuthenticationError,
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    NotFound,
    OutcomeUnknown,
    PayloadError,
    RateLimited,
    ServerError,
    ServiceTitanError,
    TransportError,
    Unauthorized,
    Unprocessable,
)
from csr_console.api.limiter import RateLimiter, shared_limiter
from csr_console.api.models.common import ExportBatch, Page, Rejected
from csr_console.api.parsing import ParsedItems, parse_items, parse_model
from csr_console.api.transport import RetryPolicy

__all__ = [
    "INTEGRATION",
    "PRODUCTION",
    "ApiError",
    "AuthenticationError",
    "BadRequest",
    "Conflict",
    "Credentials",
    "Environment",
    "ExportBatch",
    "Forbidden",
    "NetworkError",
    "NotFound",
    "OutcomeUnknown",
    "Page",
    "ParsedItems",
    "PayloadError",
    "RateLimited",
    "RateLimiter",
    "Rejected",
    "RetryPolicy",
    "ServerError",
    "ServiceTitanClient",
    "ServiceTitanError",
    "TransportError",
    "Unauthorized",
    "Unprocessable",
    "parse_items",
    "parse_model",
    "shared_limiter",
]
