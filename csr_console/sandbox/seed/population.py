"""The seeded company's people and sixty days of history, and ``bulk_bookings`` for large databases.

Counts (fixed, so a seed number always gives the same data): 520 customers on file before the history
starts; over 60 days 750 bookings from the booking sources (plus 30 in the last hours, most still New,
and 3 more per source: 2 New, 1 Accepted), 240 Scheduling Pro sessions (plus 8 recent), 150 jobs booked
by phone and 60 leads logged by phone. Booked bookings and sessions add the customers they bring.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from csr_console.domain.enums import BookingStatus
from csr_console.sandbox.routes.crm_bookings import dismiss_booking
from csr_console.sandbox.seed import names
from csr_console.sandbox.seed.company import Company, create_reference_data
from csr_console.sandbox.seed.drafts import draft, pick_source
from csr_console.sandbox.seed.history import Outcomes
from csr_console.sandbox.seed.people import Known, known_from_records, prospect
from csr_console.sandbox.seed.sources import SCHEDULING_PRO, SOURCES, Source
from csr_console.sandbox.store import Store, format_time, record
from csr_console.sandbox.store import now as clock_now

CUSTOMERS = 520
HISTORY_DAYS = 60
BOOKINGS = 750
RECENT_BOOKINGS = 30
RECENT_HOURS = 10
SESSIONS = 240
RECENT_SESSIONS = 8
PHONE_JOBS = 150
PHONE_LEADS = 60
# The statuses of the recent bookings each source is sure to have (beside its random ones).
QUEUED = (BookingStatus.NEW.value, BookingStatus.NEW.value, BookingStatus.ACCEPTED.value)
EXTRA_BOOKINGS_SETTING = "extra_bookings"
BULK_CHUNK = 2000
ALL_ROWS = 1_000_000


def populate(store: Store, rng: random.Random, now: datetime) -> None:
    """Reference data, customers, then the history in time order (each step through lifecycle functions)."""
    create_reference_data(store, rng, format_time(now))
    outcomes = Outcomes(store, Company.load(store), rng, [])
    for age_days in sorted((rng.uniform(HISTORY_DAYS, 1500) for _ in range(CUSTOMERS)), reverse=True):
        person = prospect(rng)
        extra = [
            names.address(rng, commercial=person.business is not None)
            for _ in range(rng.choices((0, 1, 2), weights=(80, 15, 5))[0])
        ]
        outcomes.add_customer(person, now - timedelta(days=age_days), extra)

    def booking(when: datetime, source: Source | None = None, status: str | None = None) -> None:
        item = draft(rng, outcomes.company, source or pick_source(rng), when, outcomes.pool)
        outcomes.settle_booking(item, outcomes.store_booking(item, when), when, now, status=status)

    plan: list[tuple[datetime, int, Callable[[datetime], None]]] = []

    def schedule(count: int, step: Callable[[datetime], None], *, recent: bool = False) -> None:
        for _ in range(count):
            when = _recent_moment(rng, now) if recent else _moment(rng, now)
            plan.append((when, len(plan), step))

    schedule(BOOKINGS, booking)
    schedule(RECENT_BOOKINGS, booking, recent=True)
    schedule(SESSIONS, lambda when: outcomes.session(when, now))
    schedule(RECENT_SESSIONS, lambda when: outcomes.session(when, now), recent=True)
    schedule(PHONE_JOBS, lambda when: outcomes.phone_job(when, now))
    schedule(PHONE_LEADS, lambda when: outcomes.phone_lead(when, now))
    for source in SOURCES:  # every source has bookings waiting in the queue, New and Accepted
        for status in QUEUED:
            if source.key == SCHEDULING_PRO:
                schedule(1, partial(outcomes.session, now=now, status=status), recent=True)
            else:
                schedule(1, partial(booking, source=source, status=status), recent=True)
    for when, _order, step in sorted(plan, key=lambda entry: entry[:2]):
        step(when)


def _moment(rng: random.Random, now: datetime) -> datetime:
    """A moment of the last HISTORY_DAYS days. Only an offset from ``now``: were it a local hour of day, the
    order of events and their ages (hence what happened to them) would depend on when the seed ran."""
    return now - timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400))


def _recent_moment(rng: random.Random, now: datetime) -> datetime:
    return now - timedelta(seconds=rng.uniform(60, RECENT_HOURS * 3600))


# -- existing customers, read back ---------------------------------------------------------------------------
def load_pool(store: Store, limit: int = 5000) -> list[Known]:
    """Customers on file as returning-customer material (the most recent ``limit``), from their records."""
    customers = store.query(
        "customer", [record.c.active.is_(True)], order_by=[record.c.id.desc()], page_size=limit
    ).docs
    ids = [c["id"] for c in customers]
    locations: dict[int, list[dict[str, Any]]] = {}
    for doc in store.query("location", [record.c.parent_id.in_(ids)], page_size=ALL_ROWS).docs:
        locations.setdefault(doc["customerId"], []).append(doc)
    contacts: dict[int, list[dict[str, Any]]] = {}
    active_contacts = [record.c.parent_id.in_(ids), record.c.active.is_(True)]
    for doc in store.query("customer_contact", active_contacts, page_size=ALL_ROWS).docs:
        contacts.setdefault(doc["customerId"], []).append(doc)
    pool = [
        known_from_records(c, locations.get(c["id"], []), contacts.get(c["id"], []))
        for c in reversed(customers)
    ]
    return [k for k in pool if k is not None]


# -- many more bookings ------------------------------------------------------------------------------------
def bulk_bookings(
    store: Store, count: int, rng: random.Random, *, days: int = 365, until: datetime | None = None
) -> None:
    """``count`` more historical bookings over the ``days`` days before ``until`` (default now), each
    dismissed with a call reason after a few hours (they fill the feeds, not the queue); ~15% are existing
    customers' duplicates (recorded). Made with ``create_booking``/``dismiss_booking`` in buffered chunks:
    50,000 take seconds, not minutes. Call inside a transaction on a seeded database."""
    moment = until or clock_now()
    outcomes = Outcomes(store, Company.load(store), rng, load_pool(store))
    reasons = [r["id"] for r in outcomes.company.call_reasons]
    created = sorted(moment - timedelta(seconds=rng.uniform(0, days * 86400)) for _ in range(count))
    for start in range(0, count, BULK_CHUNK):
        with store.bulk():
            for when in created[start : start + BULK_CHUNK]:
                item = draft(rng, outcomes.company, pick_source(rng), when, outcomes.pool)
                booking = outcomes.store_booking(item, when)
                closed = format_time(min(when + timedelta(minutes=rng.randint(5, 600)), moment))
                dismiss_booking(store, booking["id"], rng.choice(reasons), None, closed)


def ensure_extra_bookings(store: Store, count: int, seed: int) -> int:
    """Top the database up to ``count`` bulk bookings (``--extra-bookings``); answers how many were added."""
    with store.transaction():
        done = int(store.get_setting(EXTRA_BOOKINGS_SETTING) or 0)
        missing = max(0, count - done)
        if missing:
            bulk_bookings(store, missing, random.Random(seed * 7919 + done))
            store.set_setting(EXTRA_BOOKINGS_SETTING, str(done + missing))
        return missing
