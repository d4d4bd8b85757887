"""The sandbox application: a ServiceTitan-compatible HTTP API on the store, with auth, the tenant's
rate limit, fault injection and the booking simulator."""

from __future__ import annotations

import asyncio
import collections
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from csr_console.sandbox.auth import Credentials, scope_of
from csr_console.sandbox.faults import FaultInjector, FaultSpec
from csr_console.sandbox.http import ApiError, Ctx, Operation, Principal, error_response
from csr_console.sandbox.routes import all_operations
from csr_console.sandbox.seed.company import Company
from csr_console.sandbox.seed.job_type_mapping import job_type_mapping
from csr_console.sandbox.store import Store

log = logging.getLogger(__name__)

RATE_LIMIT_PER_S = 60


@dataclass
class ProviderInfo:
    name: str
    booking_provider: int
    client_id: str
    client_secret: str


class RateLimiter:
    """60 calls per second per app per tenant, as ServiceTitan counts them (a sliding one-second window)."""

    def __init__(self, per_second: int = RATE_LIMIT_PER_S) -> None:
        self.per_second = per_second
        self.calls: collections.deque[float] = collections.deque()

    def admit(self, now: float) -> float:
        """0 when the call may go ahead, else the seconds until it may."""
        while self.calls and self.calls[0] <= now - 1.0:
            self.calls.popleft()
        if len(self.calls) >= self.per_second:
            return max(0.001, self.calls[0] + 1.0 - now)
        self.calls.append(now)
        return 0.0


class RequestCounter:
    """The API calls the tenant's clients made, as the sandbox answered them (any status, 429s too), in
    BUCKET_S buckets of wall-clock time, so a drill can measure a tenant's request rate at the server
    (`GET /_sandbox/stats`). Token requests, `/_sandbox` paths and answers made by injected faults are
    not counted. Buckets older than `keep_s` are forgotten."""

    BUCKET_S = 0.1

    def __init__(self, keep_s: float = 3600.0) -> None:
        self.keep_s = keep_s
        self.requests = 0
        self.throttled = 0
        # bucket number (wall-clock seconds / BUCKET_S) -> [requests, throttled]
        self.buckets: collections.OrderedDict[int, list[int]] = collections.OrderedDict()

    def count(self, now: float, status: int) -> None:
        self.requests += 1
        self.throttled += status == 429
        key = int(now / self.BUCKET_S)
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = [0, 0]
            oldest = key - int(self.keep_s / self.BUCKET_S)
            while next(iter(self.buckets)) < oldest:
                self.buckets.popitem(last=False)
        bucket[0] += 1
        bucket[1] += status == 429

    def snapshot(self, since: float | None = None) -> dict[str, Any]:
        """Totals since the start, and the buckets from `since` (wall-clock seconds) on, each as
        [start in wall-clock seconds, requests, throttled]."""
        first = int(since / self.BUCKET_S) if since is not None else None
        return {
            "requests": self.requests,
            "throttled": self.throttled,
            "bucket_s": self.BUCKET_S,
            "buckets": [
                [round(key * self.BUCKET_S, 3), requests, throttled]
                for key, (requests, throttled) in self.buckets.items()
                if first is None or key >= first
            ],
        }


class Sandbox:
    """One tenant's server state: the store, its credentials, faults and the simulator."""

    def __init__(
        self,
        store: Store,
        credentials: Credentials,
        faults: FaultSpec | None = None,
        rate_limit: int = RATE_LIMIT_PER_S,
    ) -> None:
        self.store = store
        self.credentials = credentials
        self.faults = faults or FaultSpec()
        self.limiter = RateLimiter(rate_limit) if rate_limit > 0 else None
        self.requests = RequestCounter()
        self.base_url = ""
        self.background: set[asyncio.Task[Any]] = set()

    @property
    def tenant(self) -> int:
        return self.credentials.tenant

    def providers(self) -> list[ProviderInfo]:
        """Each booking-provider tag with the credentials that reach only its paths."""
        with self.store.transaction():
            tags = {int(c.provider_id): c for c in self.credentials.clients if c.provider_id is not None}
            found = []
            for provider_id, client in sorted(tags.items()):
                tag = self.store.get("booking_provider_tag", provider_id)
                name = tag["tagName"] if tag else client.name
                found.append(ProviderInfo(name, provider_id, client.client_id, client.client_secret))
        return found

    def announcement(self) -> dict[str, Any]:
        """The one JSON line `csr-sandbox` prints: everything a client needs to connect."""
        client = self.credentials.tenant_client
        return {
            "base_url": self.base_url,
            "token_url": f"{self.base_url}/connect/token",
            "tenant": self.tenant,
            "app_key": self.credentials.app_key,
            "client_id": client.client_id,
            "client_secret": client.client_secret,
            "providers": [p.__dict__ for p in self.providers()],
            "limited_client": _limited_client(self.credentials),
        }

    def spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self.background.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self.background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sandbox task %s failed", task.get_name(), exc_info=task.exception())

    async def stop_background(self) -> None:
        for task in list(self.background):
            task.cancel()
        await asyncio.gather(*self.background, return_exceptions=True)


def _limited_client(credentials: Credentials) -> dict[str, Any] | None:
    """The CRM-only app's credentials and scopes (for trying a missing scope), if this tenant has one."""
    client = credentials.limited_client
    if client is None:
        return None
    return {"client_id": client.client_id, "client_secret": client.client_secret, "scopes": client.scopes}


def create_app(sandbox: Sandbox) -> Any:
    """The ASGI application: every API operation, the token endpoint, admin endpoints, faults."""
    routes = [Route("/connect/token", _token_endpoint(sandbox), methods=["POST"])]
    by_path: dict[str, list[Operation]] = collections.defaultdict(list)
    for operation in all_operations():
        by_path[operation.path].append(operation)
    for path, operations in by_path.items():
        routes.append(Route(path, _dispatcher(sandbox, operations), methods=[o.method for o in operations]))
    routes.append(Route("/_sandbox/health", _health(sandbox), methods=["GET"]))
    routes.append(Route("/_sandbox/faults", _faults_endpoint(sandbox), methods=["GET", "PUT"]))
    routes.append(Route("/_sandbox/job-type-mapping", _job_type_mapping(sandbox), methods=["GET"]))
    routes.append(Route("/_sandbox/stats", _stats(sandbox), methods=["GET"]))

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(404, f"No operation at {request.url.path}.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error_response(405, f"{request.method} is not allowed on {request.url.path}.")

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    return FaultInjector(app, sandbox.faults)


def _token_endpoint(sandbox: Sandbox) -> Any:
    async def token(request: Request) -> Response:
        # Form-encoded as OAuth wants; parsed here so the sandbox needs no multipart library.
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        client = sandbox.credentials.authenticate(
            str(form.get("client_id", "")), str(form.get("client_secret", ""))
        )
        if client is None:
            return JSONResponse({"error": "invalid_client"}, status_code=400)
        return JSONResponse(
            {
                "access_token": sandbox.credentials.issue_token(client),
                "expires_in": 900,
                "token_type": "Bearer",
            },
            headers={"Cache-Control": "no-store"},
        )

    return token


def _authorise(sandbox: Sandbox, request: Request, operation: Operation) -> Principal:
    if request.headers.get("st-app-key") != sandbox.credentials.app_key:
        raise ApiError(
            401, "The ST-App-Key header is missing or not valid.", headers={"WWW-Authenticate": "Bearer"}
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    principal = sandbox.credentials.verify_token(token.strip()) if scheme.lower() == "bearer" else None
    if principal is None:
        raise ApiError(
            401,
            "The access token is missing, expired or not valid.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    tenant = request.path_params.get("tenant")
    if tenant is not None and tenant != str(principal.tenant):
        raise ApiError(403, f"These credentials do not reach tenant {tenant}.")
    needed = scope_of(operation.method, operation.path)
    if principal.scopes is not None and needed not in principal.scopes:
        raise ApiError(403, f"The app is not granted the scope {needed} this operation needs.")
    if principal.provider_id is not None:
        provider = request.path_params.get("booking_provider")
        if not operation.provider_scope or provider != str(principal.provider_id):
            raise ApiError(403, "A booking provider's credentials reach only its own booking-provider paths.")
    return principal


def _dispatcher(sandbox: Sandbox, operations: list[Operation]) -> Any:
    by_method = {o.method: o for o in operations}

    async def endpoint(request: Request) -> Response:
        operation = by_method[request.method]
        try:
            principal = _authorise(sandbox, request, operation)
            wait = sandbox.limiter.admit(time.monotonic()) if sandbox.limiter else 0.0
            if wait:
                raise ApiError(
                    429,
                    "Too many requests: 60 calls per second per app per tenant.",
                    headers={"Retry-After": str(max(1, round(wait)))},
                )
            body = None
            if request.method in ("POST", "PUT", "PATCH"):
                raw = await request.body()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        raise ApiError(
                            400, "The request body is not valid JSON.", {"request": ["Malformed JSON."]}
                        ) from None
            ctx = Ctx(request, sandbox, principal, dict(request.path_params), request.query_params, body)
            with sandbox.store.transaction():
                return operation.handler(ctx)
        except ApiError as error:
            return error.response()
        except Exception:
            log.exception("sandbox handler failed: %s %s", request.method, request.url.path)
            return error_response(500, "The sandbox failed to handle this request.")

    async def counted(request: Request) -> Response:
        response = await endpoint(request)
        sandbox.requests.count(time.time(), response.status_code)
        return response

    return counted


def _health(sandbox: Sandbox) -> Any:
    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "ok", "tenant": sandbox.tenant})

    return health


def _is_tenant(sandbox: Sandbox, request: Request) -> bool:
    """The request carries a token of the tenant's own client (not a booking provider's)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    principal = sandbox.credentials.verify_token(token.strip()) if scheme.lower() == "bearer" else None
    return principal is not None and principal.provider_id is None


def _faults_endpoint(sandbox: Sandbox) -> Any:
    """Drills change the faults of a running sandbox; only the tenant's own client may."""

    async def faults(request: Request) -> Response:
        if not _is_tenant(sandbox, request):
            return error_response(401, "Tenant credentials are required.")
        if request.method == "PUT":
            try:
                spec = FaultSpec.parse((await request.body()).decode())
            except ValueError as error:
                return error_response(400, str(error))
            for name in ("latency_s", "error", "throttle", "drop", "timeout", "hold_s", "retry_after_s"):
                setattr(sandbox.faults, name, getattr(spec, name))
        return JSONResponse(sandbox.faults.describe())

    return faults


def _stats(sandbox: Sandbox) -> Any:
    """``GET /_sandbox/stats[?since=SECONDS]`` (sandbox only, tenant credentials): the API calls answered
    for the tenant (`RequestCounter.snapshot`), for drills measuring request rates at the server."""

    async def stats(request: Request) -> Response:
        if not _is_tenant(sandbox, request):
            return error_response(401, "Tenant credentials are required.")
        raw = request.query_params.get("since")
        try:
            since = float(raw) if raw else None
        except ValueError:
            return error_response(400, f"since '{raw}' is not a number of seconds.")
        return JSONResponse({"tenant": sandbox.tenant, **sandbox.requests.snapshot(since)})

    return stats


def _job_type_mapping(sandbox: Sandbox) -> Any:
    """``GET /_sandbox/job-type-mapping`` (sandbox only, tenant credentials): the mapping from each
    partner source's standard job types to the company's job types and business units that a console
    connected to the sandbox starts from, as ``{"data": [{"source", "standardJobType", "jobTypeIds",
    "businessUnitIds"}]}``; how it is made: ``seed.job_type_mapping``."""

    async def mapping(request: Request) -> Response:
        if not _is_tenant(sandbox, request):
            return error_response(401, "Tenant credentials are required.")
        with sandbox.store.transaction():
            company = Company.load(sandbox.store)
        return JSONResponse({"data": job_type_mapping(company.job_types)})

    return mapping
