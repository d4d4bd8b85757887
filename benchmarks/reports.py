"""`python -m benchmarks reports`: every supervisor report on the `queries` benchmark's 100,000-booking
cache, for the last 30 and the last 365 days: the queries alone, then each report as its view computes
it in the worker (the queries and the tables shown and exported). Median seconds of warm repeats; the
goal is under 1 s each.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from benchmarks._support import report
from benchmarks.queries import NOW, filled_cache, timed
from csr_console.store.queries.lead_sources import lead_sources, lead_sources_tables
from csr_console.store.queries.report_tables import booking_summary, dismissed_table, speed_report
from csr_console.store.queries.reports import (
    dismissed_bookings,
    funnel_by_campaign,
    funnel_by_source,
    speed_to_lead,
)
from csr_console.store.queries.scheduling_pro import scheduler_summaries, scheduling_pro_tables, sessions

GOAL_S = 1.0


def reports(tz: ZoneInfo, start: datetime, end: datetime) -> dict[str, Callable[[Connection], Any]]:
    return {
        "funnel_by_source": lambda c: funnel_by_source(c, start, end),
        "funnel_by_campaign": lambda c: funnel_by_campaign(c, start, end),
        "speed_to_lead": lambda c: speed_to_lead(c, start, end, tz),
        "dismissed_bookings": lambda c: dismissed_bookings(c, start, end),
        # What the views run in their worker thread:
        "booking_summary_view": lambda c: booking_summary(c, start, end),
        "speed_to_lead_view": lambda c: speed_report(c, start, end, tz),
        "dismissed_view": lambda c: dismissed_table(dismissed_bookings(c, start, end)),
        # Scheduling Pro and lead sources. This cache has no sessions and no partner extra details:
        # the session queries answer nothing and the mapping gaps parse summaries that carry none.
        "scheduler_summaries": lambda c: scheduler_summaries(c, start, end),
        "scheduler_sessions": lambda c: sessions(c, start, end),
        "lead_sources": lambda c: lead_sources(c, start, end, tz),
        "scheduling_pro_view": lambda c: scheduling_pro_tables(c, start, end),
        "lead_sources_view": lambda c: lead_sources_tables(c, start, end, tz),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks reports")
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep (or reuse) the filled cache at this path")
    args = parser.parse_args(argv)

    tz = ZoneInfo("America/Chicago")
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        engine = filled_cache(args.cache or Path(folder) / "cache.db", args.bookings)
        with engine.connect() as connection:
            for days in (30, 365):
                for name, query in reports(tz, NOW - timedelta(days=days), NOW).items():
                    ms, rows = timed(connection, args.repeat, query)
                    key = f"{name}_{days}d"
                    print(f"{key:32} {ms:8.1f} ms  ({rows} rows)", flush=True)
                    seconds[key] = round(ms / 1000, 3)
        engine.dispose()
    slowest = max(seconds, key=seconds.__getitem__)
    verdict = "within" if seconds[slowest] < GOAL_S else "OVER"
    print(f"slowest: {slowest} {seconds[slowest]:.3f} s ({verdict} the {GOAL_S:.0f} s goal)", flush=True)
    report({"bookings": args.bookings, "max_report_s": seconds[slowest], "reports": seconds})
    return 0
