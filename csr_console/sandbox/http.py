"""Request plumbing shared by every route module: the RFC 7807 error, the handler context, the route
registry, and parsing of query parameters and JSON bodies into clear 400 answers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csr_console.sandbox.store import Store, format_time, parse_time

if TYPE_CHECKING:
    from csr_console.sandbox.server import Sandbox

_ERROR_TYPES = {
    400: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    401: "https://tools.ietf.org/html/rfc7235#section-3.1",
    403: "https://tools.ietf.org/html/rfc7231#section-6.5.3",
    404: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
    405: "https://tools.ietf.org/html/rfc7231#section-6.5.5",
    409: "https://tools.ietf.org/html/rfc7231#section-6.5.8",
    422: "https://tools.ietf.org/html/rfc4918#section-11.2",
    429: "https://tools.ietf.org/html/rfc6585#section-4",
    500: "https://tools.ietf.org/html/rfc7231#section-6.6.1",
    502: "https://tools.ietf.org/html/rfc7231#section-6.6.3",
    503: "https://tools.ietf.org/html/rfc7231#section-6.6.4",
}


class ApiError(Exception):
    """An answer other than success, rendered as ServiceTitan's error body."""

    def __init__(
        self,
        status: int,
        title: str,
        errors: dict[str, list[str]] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.errors = errors or {}
        self.headers = headers or {}

    def response(self) -> Response:
        return error_response(self.status, self.title, self.errors, self.headers)


def error_response(
    status: int, title: str, errors: dict[str, list[str]] | None = None, headers: dict[str, str] | None = None
) -> Response:
    body = {
        "type": _ERROR_TYPES.get(status, "about:blank"),
        "title": title,
        "status": status,
        "traceId": uuid.uuid4().hex,
        "errors": errors or {},
        "data": {},
    }
    return JSONResponse(body, status_code=status, headers=headers)


def bad_request(field_name: str, message: str) -> ApiError:
    return ApiError(400, "One or more validation errors occurred.", {field_name: [message]})


def not_found(what: str, record_id: object) -> ApiError:
    return ApiError(404, f"{what} with id {record_id} was not found.", {"id": [f"{what} not found."]})


@dataclass(frozen=True)
class Principal:
    """Who a token was issued to: the tenant itself, or one booking provider."""

    client_id: str
    tenant: int
    provider_id: int | None = None
    #: The OAuth scopes of the app (None: every scope).
    scopes: tuple[str, ...] | None = None


@dataclass
class Ctx:
    request: Request
    sandbox: Sandbox
    principal: Principal
    path: dict[str, str]
    query: QueryParams
    body: Any = None
    now: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def store(self) -> Store:
        return self.sandbox.store

    @property
    def stamp(self) -> str:
        """This request's moment, in the API's timestamp format."""
        return format_time(self.now)

    # -- path -----------------------------------------------------------------------------------------
    def path_int(self, name: str) -> int:
        raw = self.path[name]
        try:
            return int(raw)
        except ValueError:
            raise bad_request(name, f"The value '{raw}' is not valid.") from None

    # -- query ----------------------------------------------------------------------------------------
    def q_str(self, name: str) -> str | None:
        value = self.query.get(name)
        return value if value not in (None, "") else None

    def q_int(self, name: str) -> int | None:
        raw = self.q_str(name)
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            raise bad_request(name, f"The value '{raw}' is not valid.") from None

    def q_float(self, name: str) -> float | None:
        raw = self.q_str(name)
        if raw is None:
            return None
        try:
            return float(raw)
        except ValueError:
            raise bad_request(name, f"The value '{raw}' is not valid.") from None

    def q_bool(self, name: str) -> bool | None:
        raw = self.q_str(name)
        if raw is None:
            return None
        lowered = raw.lower()
        if lowered not in ("true", "false"):
            raise bad_request(name, f"The value '{raw}' is not valid.")
        return lowered == "true"

    def q_time(self, name: str) -> str | None:
        """A date-time filter, normalised to the stored timestamp format for comparison."""
        raw = self.q_str(name)
        if raw is None:
            return None
        try:
            return format_time(parse_time(raw))
        except ValueError:
            raise bad_request(name, f"The value '{raw}' is not a valid date-time.") from None

    def q_ids(self, name: str = "ids") -> list[int] | None:
        raw = self.q_str(name)
        if raw is None:
            return None
        try:
            ids = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise bad_request(name, f"The value '{raw}' is not a comma-separated list of ids.") from None
        if len(ids) > 50:
            raise bad_request(name, "At most 50 ids may be requested at once.")
        return ids

    def q_enum(self, name: str, allowed: tuple[str, ...]) -> str | None:
        raw = self.q_str(name)
        if raw is None:
            return None
        for value in allowed:
            if value.lower() == raw.lower():
                return value
        raise bad_request(name, f"The value '{raw}' is not valid; expected one of {', '.join(allowed)}.")

    # -- body -----------------------------------------------------------------------------------------
    def json_body(self) -> Body:
        if not isinstance(self.body, dict):
            raise ApiError(
                400, "One or more validation errors occurred.", {"request": ["A JSON object is required."]}
            )
        return Body(self.body)


_MISSING = object()


class Body:
    """Reads a JSON request body field by field, collecting every problem before answering 400."""

    def __init__(self, data: dict[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.errors: dict[str, list[str]] = {}

    def has(self, name: str) -> bool:
        return name in self.data

    def _fail(self, name: str, message: str) -> None:
        self.errors.setdefault(self.prefix + name, []).append(message)

    def _get(self, name: str, required: bool) -> Any:
        value = self.data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self._fail(name, f"The {name} field is required.")
            return _MISSING
        return value

    def str(self, name: str, *, required: bool = False, allow_empty: bool = True, max_len: int = 4000) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self._fail(name, f"The {name} field must be a string.")
            return None
        if not allow_empty and not value.strip():
            self._fail(name, f"The {name} field is required.")
            return None
        if len(value) > max_len:
            self._fail(name, f"The {name} field must be at most {max_len} characters.")
            return None
        return value

    def int(self, name: str, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(name, f"The {name} field must be an integer.")
            return None
        return value

    def number(self, name: str, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._fail(name, f"The {name} field must be a number.")
            return None
        return value

    def bool(self, name: str, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self._fail(name, f"The {name} field must be true or false.")
            return None
        return value

    def time(self, name: str, *, required: bool = False) -> Any:
        """A date-time field, returned in the stored format."""
        value = self.str(name, required=required)
        if value is None:
            return None
        try:
            return format_time(parse_time(value))
        except ValueError:
            self._fail(name, f"The {name} field must be a date-time.")
            return None

    def enum(self, name: str, allowed: tuple[str, ...], *, required: bool = False) -> Any:
        value = self.str(name, required=required)
        if value is None:
            return None
        for candidate in allowed:
            if candidate.lower() == value.lower():
                return candidate
        self._fail(
            name, f"The value '{value}' is not valid for {name}; expected one of {', '.join(allowed)}."
        )
        return None

    def int_list(self, name: str, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in value):
            self._fail(name, f"The {name} field must be a list of integers.")
            return None
        return value

    def str_list(self, name: str, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, list) or any(not isinstance(v, str) for v in value):
            self._fail(name, f"The {name} field must be a list of strings.")
            return None
        return value

    def obj(self, name: str, *, required: bool = False) -> Body | None:
        """A nested object, read with its own Body whose errors join this one's (``done()`` collects)."""
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self._fail(name, f"The {name} field must be an object.")
            return None
        child = Body(value, prefix=f"{self.prefix}{name}.")
        child.errors = self.errors
        return child

    def objs(self, name: str, *, required: bool = False) -> list[Body] | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, list) or any(not isinstance(v, dict) for v in value):
            self._fail(name, f"The {name} field must be a list of objects.")
            return None
        children = []
        for index, item in enumerate(value):
            child = Body(item, prefix=f"{self.prefix}{name}[{index}].")
            child.errors = self.errors
            children.append(child)
        return children

    def fail(self, name: str, message: str) -> None:
        """Record a rule broken by a field (beyond its type), answered with the others at ``done()``."""
        self._fail(name, message)

    def done(self) -> None:
        if self.errors:
            raise ApiError(400, "One or more validation errors occurred.", self.errors)


Handler = Callable[[Ctx], Any]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    handler: Handler
    # Provider credentials may call this operation (the booking-provider paths only).
    provider_scope: bool = False


@dataclass
class Registry:
    """The operations one route module serves; `server.py` mounts every module's registry."""

    operations: list[Operation] = field(default_factory=list)

    def route(self, method: str, path: str, *, provider_scope: bool = False) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.operations.append(Operation(method.upper(), path, handler, provider_scope))
            return handler

        return register


def ok(body: Any) -> Response:
    """200 with a JSON body (ServiceTitan answers writes with 200, never 201)."""
    return JSONResponse(body)


def ok_empty() -> Response:
    """200 with no body, as dismiss/cancel/delete answer."""
    return Response(status_code=200)
