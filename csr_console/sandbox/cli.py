"""`csr-sandbox`: run the ServiceTitan-compatible sandbox standalone.

Prints ONE line of JSON (base URL, token URL, tenant, app key, tenant client credentials and each
booking provider's credentials) once the server accepts connections, then serves until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import socket
import sys
from pathlib import Path

import uvicorn

from csr_console.sandbox.faults import FaultSpec
from csr_console.sandbox.seed import open_or_seed
from csr_console.sandbox.seed.population import ensure_extra_bookings
from csr_console.sandbox.server import Sandbox, create_app
from csr_console.sandbox.store import Store


def database_url(db: str) -> str:
    """A SQLAlchemy URL as given, or a file path turned into a SQLite URL."""
    if "://" in db:
        return db
    path = Path(db).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csr-sandbox", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port; 0 picks a free one (default 8765)")
    parser.add_argument("--db", required=True, help="SQLite file path or SQLAlchemy URL (postgresql://...)")
    parser.add_argument("--seed", type=int, default=1, help="seed of a new database's company (default 1)")
    parser.add_argument(
        "--lead-rate",
        type=float,
        default=1.0,
        help="simulated bookings per minute; 0 turns the simulator off",
    )
    parser.add_argument(
        "--faults",
        default="",
        help='injected faults, e.g. "latency=50ms,error=0.05,throttle=0.05,drop=0.02,timeout=0.02,hold=35s"',
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=60,
        help="calls per second per app per tenant before 429 (0: no limit)",
    )
    # Benchmarks only: top a database up to N historical bookings (dismissed) before serving.
    parser.add_argument("--extra-bookings", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    return parser


async def serve(args: argparse.Namespace) -> int:
    faults = FaultSpec.parse(args.faults)
    store = Store(database_url(args.db))
    credentials = open_or_seed(store, args.seed)
    if args.extra_bookings > 0:
        ensure_extra_bookings(store, args.extra_bookings, args.seed)
    sandbox = Sandbox(store, credentials, faults, rate_limit=args.rate_limit)

    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it, Nagle and delayed ACKs add ~40 ms to every
    # request on a kept-alive connection (uvicorn does not set it).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((args.host, args.port))
    host, port = sock.getsockname()[:2]
    shown_host = f"[{host}]" if ":" in host else host
    sandbox.base_url = f"http://{shown_host}:{port}"

    config = uvicorn.Config(create_app(sandbox), log_level=args.log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    # uvicorn's own handlers would stop the loop abruptly; ours ask the server to finish in-flight requests.
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, lambda: setattr(server, "should_exit", True))

    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not serving.done():
        await asyncio.sleep(0.01)
    if serving.done():
        await serving
        return 1
    if args.lead_rate > 0:
        from csr_console.sandbox.simulator import Simulator

        sandbox.spawn(Simulator(sandbox, rate_per_min=args.lead_rate, seed=args.seed).run(), "simulator")
    print(json.dumps(sandbox.announcement()), flush=True)
    await serving
    await sandbox.stop_background()
    store.close()
    return 0


class _InjectedDropFilter(logging.Filter):
    """uvicorn reports a dropped connection as an app error; when faults drop it on purpose, that is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "returned without starting response" not in record.getMessage()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("uvicorn.error").addFilter(_InjectedDropFilter())
    try:
        FaultSpec.parse(args.faults)
    except ValueError as error:
        print(f"csr-sandbox: --faults: {error}", file=sys.stderr)
        return 2
    return asyncio.run(serve(args))


if __name__ == "__main__":
    sys.exit(main())
