"""`python -m benchmarks sandbox`: how fast the sandbox starts and answers, and how fast the client reads.

Figures:
- startup_s: a fresh database, seeded, until `csr-sandbox --port 0` prints its JSON line;
- list500_rps / list500_p50_ms: GET /bookings?pageSize=500 on one kept-alive connection (the
  sandbox's rate limit is lifted for this run so the server, not the limit, is measured);
- read_50k_s / read_50k_bookings_per_s: the client walking 50,000 bookings with pageSize 5000.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks._support import client_for, report, running_sandbox


async def _list500(info: dict[str, Any], seconds: float) -> tuple[float, float, int]:
    token = httpx.post(
        info["token_url"],
        data={
            "grant_type": "client_credentials",
            "client_id": info["client_id"],
            "client_secret": info["client_secret"],
        },
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "ST-App-Key": info["app_key"]}
    path = f"/crm/v2/tenant/{info['tenant']}/bookings"
    timings: list[float] = []
    async with httpx.AsyncClient(base_url=info["base_url"], headers=headers, timeout=60) as client:
        first = await client.get(path, params={"pageSize": 500})
        rows = len(first.json()["data"])
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            answer = await client.get(path, params={"pageSize": 500})
            answer.raise_for_status()
            timings.append(time.perf_counter() - started)
    return len(timings) / sum(timings), statistics.median(timings) * 1000, rows


async def _read_all(info: dict[str, Any], page_size: int) -> tuple[int, float]:
    async with client_for(info) as client:
        await client.warm_up()
        started = time.perf_counter()
        count = 0
        async for page in client.crm.bookings.pages(page_size=page_size):
            count += len(page.items)
        return count, time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks sandbox")
    parser.add_argument("--bookings", type=int, default=50_000, help="bookings to read through the client")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to time the list of 500")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        with running_sandbox(Path(folder) / "startup.db", "--lead-rate", "0") as (_info, startup_s):
            print(f"startup (fresh db, seeded): {startup_s:.2f} s", flush=True)

        db = Path(folder) / "big.db"
        print(f"preparing a sandbox with {args.bookings} bookings ...", flush=True)
        extra = ("--lead-rate", "0", "--rate-limit", "0", "--extra-bookings", str(args.bookings))
        with running_sandbox(db, *extra, timeout=600) as (info, _prepared):
            rps, p50_ms, rows = asyncio.run(_list500(info, args.seconds))
            print(f"list of {rows}: {rps:.1f} requests/s, p50 {p50_ms:.1f} ms", flush=True)
            count, read_s = asyncio.run(_read_all(info, 5000))
            print(f"client read {count} bookings in {read_s:.2f} s", flush=True)

    report(
        {
            "startup_s": round(startup_s, 2),
            "list500_rps": round(rps, 1),
            "list500_p50_ms": round(p50_ms, 1),
            "read_bookings": count,
            "read_50k_s": round(read_s, 2),
            "read_bookings_per_s": round(count / read_s),
        }
    )
    return 0
