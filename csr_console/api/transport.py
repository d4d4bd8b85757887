"""One httpx.AsyncClient per connection: the token, the rate limit, retries and error mapping.

Retry rules (API-NOTES.md "Limits and errors"):
- 401: renew the token once (callers racing on an expired token share one fetch) and retry once.
- 429: wait `Retry-After` (capped) and retry, for reads and writes alike: a throttled call was not
  processed. The token is checked again after the wait, so it is renewed if it expired meanwhile. The
  limiter is held as long: the budget is the tenant's, and other consoles spent it too.
- Reads (GET): 5xx, timeouts and connection errors retry with jittered exponential backoff.
- Writes: never retried blindly. Only failures raised before the request left (ConnectError,
  ConnectTimeout, PoolTimeout) are retried; anything that may have reached the server raises
  OutcomeUnknown, and a 5xx raises ServerError with `is_write` set.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import logging
import random
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from csr_console.api import decoding
from csr_console.api.credentials import Credentials
from csr_console.api.environments import Environment, Module
from csr_console.api.errors import (
    AuthenticationError,
    NetworkError,
    OutcomeUnknown,
    PayloadError,
    RateLimited,
    error_from_response,
)
from csr_console.api.limiter import RateLimiter

log = logging.getLogger("csr_console.api")

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Raised before a single byte of the request left: safe to retry even a write.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Our own mistakes (bad URL, bad header): retrying cannot help, and nothing was sent.
_NEVER_SENT_FATAL = (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL)


def _loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse_unverified(transport: httpx.AsyncBaseTransport | None, environment: Environment) -> None:
    """TLS certificates are always verified: an httpx transport built with `verify=False` (or without
    hostname checking) is refused unless every server of the environment is on this machine."""
    context = getattr(getattr(transport, "_pool", None), "_ssl_context", None)
    if not isinstance(context, ssl.SSLContext):
        return  # no network transport of its own (httpx's default, or a MockTransport)
    if context.verify_mode != ssl.CERT_NONE and context.check_hostname:
        return
    hosts = {httpx.URL(environment.api_base).host, httpx.URL(environment.token_url).host}
    if not all(_loopback_host(host) for host in hosts):
        raise ValueError(
            f"TLS certificate verification cannot be turned off for {environment.api_base}: "
            "only a server on this machine may be reached without it"
        )


def certificate_problem(error: BaseException) -> str | None:
    """Why the server's TLS certificate was refused, when that is why `error` (a ConnectError) happened."""
    seen: BaseException | None = error
    for _ in range(8):  # the httpx -> httpcore -> ssl chain is three deep
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return str(seen.verify_message or seen.reason or "certificate verify failed")
        seen = seen.__cause__ or seen.__context__
    return None


def _untrusted(error: BaseException, url: httpx.URL, method: str) -> NetworkError | None:
    """The clear error for a server whose certificate failed verification (never retried: it will not
    become trusted by trying again)."""
    problem = certificate_problem(error)
    if problem is None:
        return None
    log.warning("%s %s: the TLS certificate of %s is not trusted (%s)", method, url.path, url.host, problem)
    return NetworkError(
        f"the TLS certificate of {url.host} is not trusted ({problem}): the connection was refused",
        method=method,
        path=url.path,
    )


def json_of(response: httpx.Response, kind: str) -> Any:
    """The decoded body of an answer (safe in a worker thread); PayloadError if it is not JSON."""
    try:
        return decoding.loads(response.content)
    except ValueError:
        request = response.request
        raise PayloadError(kind, f"{request.method} {request.url.path} answered a non-JSON body") from None


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Defaults are small: the sync engine has its own slower back-off on top."""

    attempts: int = 3  # tries in all, for reads failing on 5xx/network and writes failing before send
    backoff_base: float = 0.5  # seconds before the 2nd try; doubles each time, with jitter
    backoff_max: float = 8.0
    rate_limit_waits: int = 5  # 429 answers waited out per call before giving up
    retry_after_cap: float = 60.0
    retry_after_default: float = 1.0  # when a 429 has no usable Retry-After
    token_renew_margin: float = 60.0  # renew this long before the token expires

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Equal jitter: half fixed, half random, so concurrent pollers do not retry in step."""
        delay: float = min(self.backoff_max, self.backoff_base * 2.0 ** max(attempt - 1, 0))
        return delay / 2 + rng.uniform(0, delay / 2)


@dataclass
class _Token:
    value: str
    expires_at: float  # on the transport's clock


class Transport:
    """Sends authenticated calls to `{base}/{module}/v2/tenant/{tenant}{path}`."""

    def __init__(
        self,
        environment: Environment,
        credentials: Credentials,
        *,
        limiter: RateLimiter,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.environment = environment
        self._credentials = credentials
        self._limiter = limiter
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._token: _Token | None = None
        # Serialises token fetches: callers that find the token stale wait for one shared fetch.
        self._token_lock = asyncio.Lock()
        _refuse_unverified(transport, environment)
        self.http = httpx.AsyncClient(
            verify=True,  # always: TLS certificates and host names are checked (issue 7)
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout, connect=10.0),
            transport=transport,
            event_hooks=dict(event_hooks) if event_hooks else None,
            headers={"User-Agent": "csr-console (httpx)"},
            follow_redirects=False,
        )

    @property
    def tenant(self) -> int:
        return self._credentials.tenant

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- token --------------------------------------------------------------------------------------
    def _valid(self, token: _Token | None) -> bool:
        return token is not None and self._clock() < token.expires_at - self.retry.token_renew_margin

    async def access_token(self) -> str:
        token = self._token
        if token is not None and self._valid(token):
            return token.value
        return await self._renew(stale=token.value if token else None)

    async def _renew(self, stale: str | None) -> str:
        async with self._token_lock:
            current = self._token
            # Someone else renewed while we waited for the lock: use theirs.
            if current is not None and current.value != stale and self._valid(current):
                return current.value
            self._token = await self._fetch_token()
            return self._token.value

    async def _fetch_token(self) -> _Token:
        url = self.environment.token_url
        form = {
            "grant_type": "client_credentials",
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
        }
        attempt = 0
        rate_waits = 0
        while True:
            attempt += 1
            started = self._clock()
            try:
                response = await self.http.post(url, data=form, headers={"Accept": "application/json"})
            except _NEVER_SENT_FATAL as exc:
                raise NetworkError(
                    f"token request impossible: {type(exc).__name__}", method="POST", path=httpx.URL(url).path
                ) from None
            except httpx.HTTPError as exc:  # timeouts, drops, undecodable answers
                untrusted = _untrusted(exc, httpx.URL(url), "POST")
                if untrusted is not None:
                    raise untrusted from None
                # Fetching a token changes nothing on the server: retry like a read.
                if attempt < self.retry.attempts:
                    await self._backoff(attempt, "POST", httpx.URL(url).path, type(exc).__name__)
                    continue
                raise NetworkError(
                    f"token request failed: {type(exc).__name__}", method="POST", path=httpx.URL(url).path
                ) from exc
            if response.status_code == 429 and rate_waits < self.retry.rate_limit_waits:
                rate_waits += 1
                await self._sleep(self._throttled(response))
                continue
            if response.status_code >= 500 and attempt < self.retry.attempts:
                await self._backoff(attempt, "POST", response.request.url.path, str(response.status_code))
                continue
            if response.status_code >= 400:
                # 400 invalid_client is how OAuth servers refuse a bad secret: one class for it.
                cls = AuthenticationError if response.status_code in (400, 401, 403) else None
                error = error_from_response(response, cls=cls)
                log.warning("token request refused: %s", error)
                raise error
            try:
                body = response.json()
                value = str(body["access_token"])
                lifetime = float(body.get("expires_in") or 900)
            except (ValueError, KeyError, TypeError):
                raise AuthenticationError(
                    response.status_code,
                    "token endpoint answered without a usable access_token",
                    method="POST",
                    path=response.request.url.path,
                ) from None
            log.debug("token fetched, valid %.0f s", lifetime)
            return _Token(value, started + lifetime)

    # -- calls --------------------------------------------------------------------------------------
    def url(self, module: Module, path: str) -> str:
        return self.environment.tenant_url(module, self._credentials.tenant) + path

    async def request(
        self,
        method: str,
        module: Module,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> httpx.Response:
        """One API call with the retry rules above; answers the 2xx response or raises."""
        method = method.upper()
        url = self.url(module, path)
        safe = method in _SAFE_METHODS
        attempt = 0
        rate_waits = 0
        renewed = False
        while True:
            attempt += 1
            token = await self.access_token()
            await self._limiter.acquire()
            request = self.http.build_request(
                method,
                url,
                params=params,
                json=json_body,
                headers={
                    "Authorization": f"Bearer {token}",
                    "ST-App-Key": self._credentials.app_key,
                    "Accept": "application/json",
                },
            )
            path_only = request.url.path
            started = time.perf_counter()
            try:
                response = await self.http.send(request)
            except _NEVER_SENT_FATAL as exc:
                # Not chained, and no str(exc): h11 quotes an illegal header's value, i.e. maybe the token.
                raise NetworkError(
                    f"request impossible: {type(exc).__name__}", method=method, path=path_only
                ) from None
            except _NOT_SENT as exc:
                untrusted = _untrusted(exc, request.url, method)
                if untrusted is not None:
                    raise untrusted from None
                if attempt < self.retry.attempts:
                    await self._backoff(attempt, method, path_only, type(exc).__name__)
                    continue
                raise NetworkError(
                    f"could not connect: {type(exc).__name__}", method=method, path=path_only
                ) from exc
            except httpx.HTTPError as exc:  # timeouts, drops, undecodable answers
                if not safe:
                    # The request may have been written and processed: only a lookup can tell.
                    log.warning("%s %s: outcome unknown after %s", method, path_only, type(exc).__name__)
                    raise OutcomeUnknown(
                        f"no answer after sending ({type(exc).__name__}); the change may have been applied",
                        method=method,
                        path=path_only,
                    ) from exc
                if attempt < self.retry.attempts:
                    await self._backoff(attempt, method, path_only, type(exc).__name__)
                    continue
                raise NetworkError(
                    f"no answer ({type(exc).__name__})", method=method, path=path_only
                ) from exc
            status = response.status_code
            log.debug(
                "%s %s -> %d in %.0f ms", method, path_only, status, (time.perf_counter() - started) * 1e3
            )
            if status == 401 and not renewed:
                renewed = True
                await self._renew(stale=token)
                attempt -= 1  # a renewal is not a failed try
                continue
            if status == 429:
                wait = self._throttled(response)
                if rate_waits < self.retry.rate_limit_waits:
                    rate_waits += 1
                    log.info("%s %s throttled (429): waiting %.1f s", method, path_only, wait)
                    await self._sleep(wait)
                    attempt -= 1
                    continue
                error = error_from_response(response)
                if isinstance(error, RateLimited):
                    error.retry_after = wait
                raise error
            if status >= 500 and safe and attempt < self.retry.attempts:
                await self._backoff(attempt, method, path_only, str(status))
                continue
            if status >= 400:
                raise error_from_response(response)
            return response

    async def request_json(
        self,
        method: str,
        module: Module,
        path: str,
        *,
        kind: str,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
    ) -> Any:
        response = await self.request(method, module, path, params=params, json_body=json_body)
        return json_of(response, kind)

    # -- helpers ------------------------------------------------------------------------------------
    async def _backoff(self, attempt: int, method: str, path: str, why: str) -> None:
        delay = self.retry.backoff(attempt, self._rng)
        log.info("%s %s failed (%s), try %d: retrying in %.2f s", method, path, why, attempt, delay)
        await self._sleep(delay)

    def _throttled(self, response: httpx.Response) -> float:
        """A 429's wait, which every call of this process sharing the limiter waits out too."""
        wait = self._retry_after(response)
        self._limiter.hold(wait)
        return wait

    def _retry_after(self, response: httpx.Response) -> float:
        """Retry-After as seconds (or an HTTP date), capped; a default when absent or garbled."""
        raw = response.headers.get("Retry-After", "").strip()
        seconds: float | None = None
        if raw:
            try:
                seconds = float(raw)
            except ValueError:
                try:
                    when = email.utils.parsedate_to_datetime(raw)
                    if when.tzinfo is None:
                        when = when.replace(tzinfo=UTC)
                    seconds = (when - datetime.now(UTC)).total_seconds()
                except (TypeError, ValueError):
                    seconds = None
        if seconds is None or seconds != seconds:  # absent, garbled or NaN
            seconds = self.retry.retry_after_default
        return min(max(seconds, 0.0), self.retry.retry_after_cap)
