"""The queue in memory answers what the queue query answers: every view, source, search and sort, before
and after entries are replaced, added and dropped one by one."""

from __future__ import annotations

import random
from datetime import timedelta
from itertools import product

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.queue import QueueSort, QueueView, queue_rows
from csr_console.store.queries.queue_index import (
    BULK_CHANGES,
    QueueFilter,
    QueueIndex,
    queue_entries_by_ids,
)
from tests.store import cache_rows as r
from tests.store.cache_rows import T0

NAMES = ["Maria Garcia", "maria lopez", "John Smith", "Bob O'Neil", "Ann 100% Lee", "Li_Wei", "Zed"]
CITIES = ["Austin", "Denver", None, "Springfield"]
SOURCES = ["Angi", "Thumbtack", "The Home Depot"]
STATUSES = ["New", "New", "Dismissed", "Converted", "Accepted"]
SEARCHES = [
    "",
    "maria",
    "MARIA",
    "smith",
    "aust",
    "787",
    "555-0142",
    "(646) 555",
    "example.org",
    "100%",
    "li_",
    "zz",
]


def _fill(cache: Engine, seed: int, count: int) -> random.Random:
    rng = random.Random(seed)
    bookings, contacts = [], []
    for i in range(1, count + 1):
        bookings.append(
            r.booking(
                i,
                name=rng.choice(NAMES),
                source=rng.choice(SOURCES),
                status=rng.choice(STATUSES),
                city=rng.choice(CITIES),
                zip=rng.choice(["78701", "80202", None]),
                street=rng.choice(["12 Main St.", "9 Elm Ave", None]),
                start=rng.choice([None, T0 + timedelta(hours=rng.randint(1, 9))]),
                created_on=T0 - timedelta(minutes=rng.choice([1, 2, 2, 3, 5])),
                active=rng.random() > 0.05,
            )
        )
        if rng.random() < 0.5:
            contacts.append(
                r.booking_contact(i * 10, i, "Phone", rng.choice(["(212) 555-0142", "646.555.0199"]))
            )
        if rng.random() < 0.5:
            contacts.append(
                r.booking_contact(i * 10 + 1, i, "Email", rng.choice(["a@example.org", "B@x.com"]))
            )
    with cache.begin() as c:
        r.insert(c, schema.booking, *bookings)
        r.insert(c, schema.booking_contact, *contacts)
    return rng


def _assert_same_as_the_query(cache: Engine, index: QueueIndex) -> None:
    with cache.connect() as c:
        for view, source, search in product(QueueView, [None, "Angi"], SEARCHES):
            expected = queue_rows(
                c, view, source=source, search=search, sort=index.sort, ascending=index.ascending
            )
            wanted = QueueFilter(view, source, search)
            got = index.select(wanted)
            assert [row.id for row in got] == [row.id for row in expected], (view, source, search)
            assert got == expected
            # One entry at a time (a live change) the filter admits the same bookings.
            admitted = {row.id for row in index.select(QueueFilter()) if wanted.admits(index.get(row.id))}  # type: ignore[arg-type]
            assert admitted == {row.id for row in expected}, (view, source, search)


def test_the_index_answers_what_the_query_answers(cache: Engine) -> None:
    _fill(cache, seed=5, count=160)
    with cache.connect() as c:
        index = QueueIndex.load(c)
    for sort, ascending in product(QueueSort, (True, False)):
        index.order_by(sort, ascending)
        _assert_same_as_the_query(cache, index)


@pytest.mark.parametrize("at_once", [False, True], ids=["one by one", "at once"])
def test_changed_entries_keep_the_index_in_the_querys_order(cache: Engine, at_once: bool) -> None:
    rng = _fill(cache, seed=8, count=120)
    with cache.connect() as c:
        index = QueueIndex.load(c, QueueSort.NAME, ascending=False)
    with cache.begin() as c:
        for i in rng.sample(range(1, 121), 40):  # renamed, moved on, deleted, aged
            c.execute(
                schema.booking.update()
                .where(schema.booking.c.id == i)
                .values(
                    name=rng.choice(NAMES),
                    status=rng.choice(STATUSES),
                    active=rng.random() > 0.2,
                    created_on=T0 - timedelta(minutes=rng.choice([1, 4])),
                )
            )
        r.insert(c, schema.booking, *(r.booking(i, name=rng.choice(NAMES)) for i in range(121, 131)))
        c.execute(schema.booking.delete().where(schema.booking.c.id == 7))
    with cache.connect() as c:
        changes = queue_entries_by_ids(c, range(1, 140))
    assert len(changes) >= BULK_CHANGES  # `apply` merges them in one pass
    if at_once:
        index.apply(changes)
    else:
        for booking_id, entry in changes.items():
            if entry is None:
                index.drop(booking_id)
            else:
                index.put(entry)
    with cache.connect() as c:
        assert len(index) == len(queue_rows(c, QueueView.ALL))
    _assert_same_as_the_query(cache, index)
    for sort, ascending in product(QueueSort, (True, False)):  # every order rebuilt from the changed index
        index.order_by(sort, ascending)
        _assert_same_as_the_query(cache, index)
    with cache.begin() as c:  # and a change after a bulk one, into the rebuilt order
        c.execute(schema.booking.update().where(schema.booking.c.id == 2).values(name="Aaron Aardvark"))
        index.apply(queue_entries_by_ids(c, [2, 130]))
    _assert_same_as_the_query(cache, index)


def test_entries_by_id_say_which_are_gone(cache: Engine) -> None:
    _fill(cache, seed=2, count=10)
    with cache.begin() as c:
        c.execute(schema.booking.update().where(schema.booking.c.id == 3).values(active=False))
        found = queue_entries_by_ids(c, [1, 3, 999])
    assert set(found) == {1, 3, 999}
    assert found[1] is not None and found[1].row.id == 1
    assert found[3] is None and found[999] is None
