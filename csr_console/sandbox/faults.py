"""Injected faults: latency, 5xx answers, 429 with Retry-After, connections dropped after commit, and
timeouts.

A drop runs the request to completion (its change is committed) and then closes the connection without
an answer: the case that makes a naive retry create a second record. A timeout also runs the request to
completion, then holds the answer for `hold` (default 35 s: past a client's usual 30 s timeout), so the
client gives up first, as when a server is slow to answer.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from dataclasses import dataclass, field
from typing import Any

Scope = dict[str, Any]
ASGIApp = Any


@dataclass
class FaultSpec:
    latency_s: float = 0.0
    error: float = 0.0
    throttle: float = 0.0
    drop: float = 0.0
    timeout: float = 0.0
    hold_s: float = 35.0
    retry_after_s: int = 1
    rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    @classmethod
    def parse(cls, text: str | None) -> FaultSpec:
        """``latency=50ms,error=0.05,throttle=0.05,drop=0.02,timeout=0.02[,hold=35s][,retry_after=1]``;
        raises ValueError."""
        spec = cls()
        if not text:
            return spec
        for part in text.split(","):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            name, value = name.strip().lower(), value.strip()
            if not sep:
                raise ValueError(f"fault '{part}' has no value (expected name=value)")
            if name in ("latency", "hold"):
                match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s)?", value)
                if not match:
                    raise ValueError(f"{name} '{value}' is not a duration like 50ms or 0.2s")
                amount = float(match.group(1))
                setattr(spec, f"{name}_s", amount / 1000 if (match.group(2) or "ms") == "ms" else amount)
            elif name in ("error", "throttle", "drop", "timeout"):
                probability = float(value)
                if not 0 <= probability <= 1:
                    raise ValueError(f"{name} must be a probability between 0 and 1, not {value}")
                setattr(spec, name, probability)
            elif name == "retry_after":
                spec.retry_after_s = int(value)
            else:
                raise ValueError(
                    f"unknown fault '{name}' "
                    "(known: latency, error, throttle, drop, timeout, hold, retry_after)"
                )
        return spec

    def describe(self) -> dict[str, float]:
        return {
            "latency_ms": self.latency_s * 1000,
            "error": self.error,
            "throttle": self.throttle,
            "drop": self.drop,
            "timeout": self.timeout,
            "hold_s": self.hold_s,
        }


class FaultInjector:
    """Pure ASGI middleware in front of the whole sandbox; only API paths are affected."""

    def __init__(self, app: ASGIApp, spec: FaultSpec) -> None:
        self.app = app
        self.spec = spec

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_sandbox"):
            await self.app(scope, receive, send)
            return
        spec = self.spec
        if spec.latency_s:
            await asyncio.sleep(spec.latency_s * (0.5 + spec.rng.random()))
        roll = spec.rng.random()
        if roll < spec.throttle:
            await _send_error(send, 429, "Too many requests.", {"Retry-After": str(spec.retry_after_s)})
            return
        if roll < spec.throttle + spec.error:
            status = spec.rng.choice((500, 502, 503))
            await _send_error(send, status, "The service failed to answer (injected fault).", {})
            return
        dropped = roll < spec.throttle + spec.error + spec.drop
        # The token endpoint has nothing to commit, so a drop there would only be an error.
        if dropped and scope["path"] != "/connect/token":
            await self.app(scope, receive, _swallow)
            _abort_connection(receive)
            return
        if not dropped and roll < spec.throttle + spec.error + spec.drop + spec.timeout:
            held: list[Any] = []
            await self.app(scope, receive, _collect(held))
            await asyncio.sleep(spec.hold_s)
            for message in held:  # the client has most likely gone: what it missed goes nowhere
                await send(message)
            return
        await self.app(scope, receive, send)


async def _swallow(_message: Any) -> None:
    return None


def _collect(into: list[Any]) -> Any:
    async def send(message: Any) -> None:
        into.append(message)

    return send


def _abort_connection(receive: Any) -> None:
    # uvicorn hands the app bound methods of its request cycle, which holds the transport.
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise RuntimeError("cannot drop the connection: the server does not expose its transport")
    transport.abort()


async def _send_error(send: Any, status: int, title: str, headers: dict[str, str]) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "traceId": f"fault-{status}",
            "errors": {},
            "data": {},
        }
    ).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})
