"""The package's exceptions: HTTP problems, transport failures and malformed payloads.

Every message is built from status, title, field errors, trace id, method and path only: never from
headers or request bodies, so a token or a client secret cannot leak through an exception or a log line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ServiceTitanError(Exception):
    """Base of everything this package raises."""


# -- HTTP answers ----------------------------------------------------------------------------------
class ApiError(ServiceTitanError):
    """The server answered with an error status.

    Carries the RFC 7807 body's parts when there is one (`title`, `errors`, `trace_id`, `type`, `data`);
    otherwise `title` holds a short excerpt of whatever came back. `is_write` tells the outbox that a
    failed POST/PATCH/PUT/DELETE answered 5xx may still have been applied.
    """

    def __init__(
        self,
        status: int,
        title: str,
        *,
        method: str = "",
        path: str = "",
        errors: Mapping[str, list[str]] | None = None,
        trace_id: str | None = None,
        error_type: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.method = method.upper()
        self.path = path
        self.errors: dict[str, list[str]] = dict(errors or {})
        self.trace_id = trace_id
        self.type = error_type
        self.data: dict[str, Any] = dict(data or {})
        super().__init__(self._message())

    @property
    def is_write(self) -> bool:
        return bool(self.method) and self.method not in _SAFE_METHODS

    def _message(self) -> str:
        where = f"{self.method} {self.path}: " if self.method else ""
        text = f"{where}{self.status} {self.title}"
        if self.errors:
            fields = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in sorted(self.errors.items()))
            text += f" ({fields})"
        if self.trace_id:
            text += f" [traceId {self.trace_id}]"
        return text


class BadRequest(ApiError):
    """400: the request broke a validation rule; `errors` names the fields."""


class Unauthorized(ApiError):
    """401: the token was refused even after one renewal."""


class AuthenticationError(Unauthorized):
    """The token endpoint refused the client id / secret (or answered something unusable)."""


class Forbidden(ApiError):
    """403: a missing OAuth scope, or a booking provider reaching outside its own paths."""


class NotFound(ApiError):
    """404: no such record, or one outside the caller's reach."""


class Conflict(ApiError):
    """409: e.g. a second job for a booking that already has one."""


class Unprocessable(ApiError):
    """422: well-formed but refused (e.g. POST /jobs without campaignId)."""


class RateLimited(ApiError):
    """429 still answered after the allowed number of waits."""

    retry_after: float | None = None


class ServerError(ApiError):
    """5xx. For a write (`is_write`) the change may or may not have been applied."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: Unprocessable,
    429: RateLimited,
}


def error_class(status: int) -> type[ApiError]:
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, ApiError)


def error_from_response(response: httpx.Response, *, cls: type[ApiError] | None = None) -> ApiError:
    """Build the typed error for an error answer, whatever its body looks like."""
    request = response.request
    status = response.status_code
    kind = cls or error_class(status)
    reason = response.reason_phrase or "error"
    body: Any = None
    try:
        body = json.loads(response.content) if response.content else None
    except ValueError:
        body = None
    common: dict[str, Any] = {"method": request.method, "path": request.url.path}
    if isinstance(body, dict) and ("title" in body or "errors" in body or "traceId" in body):
        errors = _field_errors(body.get("errors"))
        data = body.get("data")
        return kind(
            status,
            str(body.get("title") or reason),
            errors=errors,
            trace_id=_opt_str(body.get("traceId")),
            error_type=_opt_str(body.get("type")),
            data=data if isinstance(data, dict) else None,
            **common,
        )
    if isinstance(body, dict) and "error" in body:
        # OAuth token endpoint style: {"error": "invalid_client", "error_description": "..."}
        title = str(body["error"])
        if body.get("error_description"):
            title += f": {body['error_description']}"
        return kind(status, title, **common)
    excerpt = " ".join(response.text.split())[:200] if response.content else ""
    title = f"{reason} (non-JSON body: {excerpt!r})" if excerpt else f"{reason} (empty body)"
    return kind(status, title, **common)


def _field_errors(raw: Any) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        return {}
    out: dict[str, list[str]] = {}
    for name, msgs in raw.items():
        if isinstance(msgs, list):
            out[str(name)] = [str(m) for m in msgs]
        elif msgs is not None:
            out[str(name)] = [str(msgs)]
    return out


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


# -- transport -------------------------------------------------------------------------------------
class TransportError(ServiceTitanError):
    """No usable HTTP answer came back."""

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        self.method = method.upper()
        self.path = path
        super().__init__(f"{self.method} {self.path}: {message}" if self.method else message)


class NetworkError(TransportError):
    """The request could not be carried out (connection refused, DNS, timeouts on a read-only call).

    Safe to try again later: either nothing was sent, or the call changes nothing.
    """


class OutcomeUnknown(TransportError):
    """A WRITE may have reached the server but no answer came back (timeout after sending, connection
    dropped). Never retried here: look the operation's externalData tag up before trying again."""


# -- payloads --------------------------------------------------------------------------------------
class PayloadError(ServiceTitanError):
    """A 2xx answer whose body does not match the model: names the resource kind, record id and field."""

    def __init__(
        self,
        kind: str,
        problem: str,
        *,
        record_id: object | None = None,
        field: str | None = None,
        problems: list[str] | None = None,
    ) -> None:
        self.kind = kind
        self.record_id = record_id
        self.field = field
        self.problem = problem
        self.problems = problems or [problem]
        what = kind if record_id is None else f"{kind} {record_id}"
        where = f" field {field!r}" if field else ""
        more = f" (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"malformed {what}:{where} {problem}{more}")
