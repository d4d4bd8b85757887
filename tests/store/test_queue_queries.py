"""The booking queue: views, search, outbox badges, sorting and row updates by id."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.outbox import OutboxBadge
from csr_console.store.queries.queue import QueueSort, QueueView, queue_rows, queue_rows_by_ids
from tests.store import cache_rows as r
from tests.store.cache_rows import T0

MINUTE = timedelta(minutes=1)


@pytest.fixture
def queue(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(c, schema.job_type, r.job_type(1, "AC Repair"), r.job_type(2, "Unknown"))
        r.insert(
            c,
            schema.booking,
            r.booking(
                1,
                name="Jane Doe",
                source="Angi",
                job_type_id=1,
                street="12 Main St.",
                city="Springfield",
                zip="62704",
                start=T0 + timedelta(days=1),
                created_on=T0,
            ),
            r.booking(2, name="Bob Smith", source="Thumbtack", job_type_id=2, created_on=T0 + MINUTE),
            r.booking(3, name="alice Brown", source="Angi", created_on=T0 + 2 * MINUTE),
            r.booking(
                4, name="Carl Converted", status="Converted", job_id=40, job_type_id=1, created_on=T0 - MINUTE
            ),
            r.booking(5, name="Dora Accepted", status="Accepted", job_type_id=1, created_on=T0 - 2 * MINUTE),
            r.booking(6, name="Ed Dismissed", status="Dismissed", job_type_id=1, created_on=T0 - 3 * MINUTE),
            r.booking(7, name="Gone Deleted", active=False, created_on=T0 + 3 * MINUTE),
            r.booking(8, name="100% Real", job_type_id=1, created_on=T0 - 4 * MINUTE),
        )
        r.insert(c, schema.job, r.job(40, job_number="J-40"))
        r.insert(
            c,
            schema.booking_contact,
            r.booking_contact(11, 1, "Phone", "(212) 555-0142"),
            r.booking_contact(12, 1, "Email", "Jane.Doe@Example.com"),
            r.booking_contact(21, 2, "MobilePhone", "+1 646 555 0199"),
            r.booking_contact(31, 3, "Email", "alice555@example.org"),
        )
    return cache


def ids(rows: list[object]) -> list[int]:
    return [row.id for row in rows]  # type: ignore[attr-defined]


def rows(db: Engine, view: QueueView = QueueView.ALL, **options: object) -> list[int]:
    with db.connect() as c:
        return ids(queue_rows(c, view, **options))  # type: ignore[arg-type]


def test_views_filter_by_status_newest_first_and_leave_deleted_bookings_out(queue: Engine) -> None:
    assert rows(queue, QueueView.NEW) == [3, 2, 1, 8]
    assert rows(queue, QueueView.ACCEPTED) == [4, 5]
    assert rows(queue, QueueView.DISMISSED) == [6]
    assert rows(queue, QueueView.ALL) == [3, 2, 1, 4, 5, 6, 8]
    assert rows(queue, QueueView.ALL, source="Angi") == [3, 1, 4, 5, 6, 8]
    assert rows(queue, QueueView.NEW, limit=2) == [3, 2]


def test_row_carries_job_type_job_number_and_reclassification_flag(queue: Engine) -> None:
    with queue.connect() as c:
        by_id = {row.id: row for row in queue_rows(c, QueueView.ALL)}
    first = by_id[1]
    assert (first.name, first.source, first.city, first.zip) == ("Jane Doe", "Angi", "Springfield", "62704")
    assert first.created_on == T0 and first.start == T0 + timedelta(days=1)
    assert (first.job_type_id, first.job_type_name, first.needs_reclassification) == (1, "AC Repair", False)
    assert (by_id[2].job_type_name, by_id[2].needs_reclassification) == ("Unknown", True)
    assert (by_id[3].job_type_id, by_id[3].needs_reclassification) == (None, True)
    assert (by_id[4].status, by_id[4].job_number) == ("Converted", "J-40")
    assert by_id[5].job_number is None and by_id[1].badge is None


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("jane", [1]),  # name, any case
        ("ALICE", [3]),
        ("555-0142", [1]),  # phone by digits, whatever the punctuation
        ("(646) 555.0199", [2]),
        ("1-212-555-0142", [1]),  # a leading country code
        ("jane.doe@example", [1]),  # email, any case
        ("EXAMPLE.ORG", [3]),
        ("555", [3, 2, 1]),  # digits in a phone, and in an email
        ("main st", [1]),  # street
        ("springfield", [1]),  # city
        ("62704", [1]),  # zip
        ("100%", [8]),  # a LIKE wildcard is taken literally
        ("0%", [8]),
        ("nobody", []),
        ("   ", [3, 2, 1, 4, 5, 6, 8]),  # blank: no filter
    ],
)
def test_search_matches_name_phone_email_and_address(queue: Engine, search: str, expected: list[int]) -> None:
    assert rows(queue, QueueView.ALL, search=search) == expected


def test_search_combines_with_the_view(queue: Engine) -> None:
    assert rows(queue, QueueView.DISMISSED, search="jane") == []
    assert rows(queue, QueueView.NEW, search="bob", source="Thumbtack") == [2]
    assert rows(queue, QueueView.NEW, search="bob", source="Angi") == []


@pytest.mark.parametrize(
    ("sort", "ascending", "expected"),
    [
        (QueueSort.AGE, True, [3, 2, 1, 4, 5, 6, 8]),
        (QueueSort.AGE, False, [8, 6, 5, 4, 1, 2, 3]),
        (QueueSort.NAME, True, [8, 3, 2, 4, 5, 6, 1]),  # case-insensitive: "alice" between "100%" and "Bob"
        (QueueSort.NAME, False, [1, 6, 5, 4, 2, 3, 8]),
        (QueueSort.SOURCE, True, [3, 1, 4, 5, 6, 8, 2]),  # ties newest first
        (QueueSort.STATUS, True, [5, 4, 6, 3, 2, 1, 8]),
        (QueueSort.START, True, [1, 3, 2, 4, 5, 6, 8]),  # no preferred time last
        (QueueSort.START, False, [1, 3, 2, 4, 5, 6, 8]),
    ],
)
def test_sort_keys(queue: Engine, sort: QueueSort, ascending: bool, expected: list[int]) -> None:
    assert rows(queue, QueueView.ALL, sort=sort, ascending=ascending) == expected


def test_badge_shows_the_most_urgent_open_action_and_counts(queue: Engine) -> None:
    with queue.begin() as c:
        r.insert(
            c,
            schema.outbox_action,
            r.action("a-pending", 1, "pending", created_at=T0 + 5 * MINUTE),
            r.action(
                "a-failed", 1, "failed", kind="dismiss_booking", message="400: bad reason", created_at=T0
            ),
            r.action("a-running", 1, "running", created_at=T0 + MINUTE),
            r.action("a-done", 1, "done"),
            r.action("b-conflict", 2, "conflict", message="Converted by a colleague (job 1007)"),
            r.action("b-failed", 2, "failed", created_at=T0 + 9 * MINUTE),
            r.action("c-pending-1", 3, "pending", created_at=T0),
            r.action("c-pending-2", 3, "pending", kind="capture_lead", created_at=T0 + MINUTE),
            r.action("d-cancelled", 4, "cancelled"),
            r.action("lead-action", 5, "failed", target_kind="lead"),
        )
    with queue.connect() as c:
        badges = {row.id: row.badge for row in queue_rows(c, QueueView.ALL)}
    assert badges[1] == OutboxBadge("a-failed", "dismiss_booking", "failed", "400: bad reason", 2, 1, 0)
    assert badges[2] == OutboxBadge(
        "b-conflict", "accept_booking", "conflict", "Converted by a colleague (job 1007)", 0, 1, 1
    )
    assert badges[3] == OutboxBadge("c-pending-2", "capture_lead", "pending", None, 2, 0, 0)
    assert badges[4] is None, "finished actions leave no badge"
    assert badges[5] is None, "an action on a lead with the same id is not the booking's"


def test_rows_by_ids_apply_changes_within_the_model_view(queue: Engine) -> None:
    with queue.connect() as c:
        assert ids(queue_rows_by_ids(c, [])) == []
        assert sorted(ids(queue_rows_by_ids(c, [1, 4, 7, 999]))) == [1, 4], "deleted and unknown: remove"
        assert ids(queue_rows_by_ids(c, [1, 4], view=QueueView.NEW)) == [1], "converted: leaves New"
        assert ids(queue_rows_by_ids(c, [1, 3], view=QueueView.NEW, search="brown")) == [3]
        assert ids(queue_rows_by_ids(c, [2, 3], source="Thumbtack")) == [2]
        many = list(range(1, 2000))  # more than one chunk of ids
        assert sorted(ids(queue_rows_by_ids(c, many))) == [1, 2, 3, 4, 5, 6, 8]
        (row,) = queue_rows_by_ids(c, [4])
    assert row.job_number == "J-40"
