"""The queue held in memory: every active booking's queue row with what a search looks in, kept in the
queue's order, so a view, a source filter, a search keystroke or a sort is a pass over a list in Python.

The SQL equivalent (`queue_rows`) scans the bookings and their contacts with LIKE on every keystroke
(100–330 ms at 100,000 bookings); a pass over the rows here takes a few tens of milliseconds. The
search means the same thing in both: text anywhere in the name, the address or an email (ignoring
case), or a phone-looking query's digits anywhere in a phone number.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from operator import attrgetter
from typing import NamedTuple

from sqlalchemy import Connection, select

from csr_console.domain.contacts import PHONE_TYPES
from csr_console.domain.enums import ContactType
from csr_console.store.queries.ids import id_chunks
from csr_console.store.queries.outbox import open_badges
from csr_console.store.queries.queue import (
    VIEW_STATUSES,
    QueueRow,
    QueueSort,
    QueueView,
    queue_row,
    queue_select,
)
from csr_console.store.queries.queue_order import (
    NULLABLE_SORTS,
    comparator,
    position,
    sort_key,
    sorted_by_key,
)
from csr_console.store.queries.search import SearchTerm
from csr_console.store.schema import booking, booking_contact

#: Booking columns a search looks in besides the name and the city and zip a queue row has already.
_ADDRESS = (booking.c.street, booking.c.unit, booking.c.state, booking.c.country)


class QueueEntry(NamedTuple):
    """A queue row and its search text: name, address and emails lower-cased, phones as digits; and its
    sort keys, computed once (a key computed per comparison made a sort of 100,000 bookings take half a
    second)."""

    row: QueueRow
    text: str
    phones: str
    age: tuple[datetime, int]
    name_key: str


def queue_entry(row: QueueRow, text: str, phones: str) -> QueueEntry:
    return QueueEntry(row, text, phones, (row.created_on, row.id), sort_key(QueueSort.NAME)(row))


def _row_of(entry: QueueEntry) -> QueueRow:
    return entry.row


_by_age = attrgetter("age")


#: An entry's sort key as `queue_order.sort_key` gives it for its row, read by C (attrgetter): a Python
#: key function per entry made each sort of 100,000 bookings 30 ms slower.
_ENTRY_KEYS = {
    QueueSort.NAME: attrgetter("name_key"),
    QueueSort.SOURCE: attrgetter("row.source"),
    QueueSort.STATUS: attrgetter("row.status"),
    QueueSort.START: attrgetter("row.start"),
}


class QueueFilter:
    """What the CSR has chosen to see: a view, a source (None: all) and a search (blank: none)."""

    __slots__ = ("source", "statuses", "term", "view")

    def __init__(self, view: QueueView = QueueView.ALL, source: str | None = None, search: str = "") -> None:
        self.view = view
        self.source = source
        self.statuses = frozenset(VIEW_STATUSES.get(view, ()))  # empty: every status
        self.term = SearchTerm.parse(search)

    def admits(self, entry: QueueEntry) -> bool:
        row, term = entry.row, self.term
        if self.statuses and row.status not in self.statuses:
            return False
        if self.source is not None and row.source != self.source:
            return False
        if term is None or term.text in entry.text:
            return True
        return term.digits is not None and term.digits in entry.phones


def _entries(connection: Connection, ids: list[int] | None) -> Iterator[QueueEntry]:
    """The entries of the active bookings among `ids` (None: of every active booking)."""
    rows = queue_select(*_ADDRESS)
    contacts = select(booking_contact.c.booking_id, booking_contact.c.type, booking_contact.c.normalized)
    if ids is not None:
        rows = rows.where(booking.c.id.in_(ids))
        contacts = contacts.where(booking_contact.c.booking_id.in_(ids))
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    for booking_id, type_, normalized in connection.execute(contacts):
        if type_ == ContactType.EMAIL.value:
            emails[booking_id].append(normalized)
        elif type_ in PHONE_TYPES:
            phones[booking_id].append(normalized)
    badges = open_badges(connection, "booking")
    for row in connection.execute(rows):
        parts = (row.name, row.street, row.unit, row.city, row.state, row.zip, row.country)
        text = "\n".join([*(part for part in parts if part), *emails.get(row.id, ())]).lower()
        yield queue_entry(queue_row(row, badges), text, "\n".join(phones.get(row.id, ())))


def queue_entries(connection: Connection) -> list[QueueEntry]:
    """Every active booking's entry."""
    return list(_entries(connection, None))


def queue_ids_among(
    connection: Connection, ids: Iterable[int], statuses: Iterable[str] = (), source: str | None = None
) -> list[int]:
    """The active bookings among `ids` with one of `statuses` (none given: any) and from `source` (None:
    any): which of thousands of changed bookings a view can show, found without reading their rows."""
    found: list[int] = []
    wanted = sorted(statuses)
    for chunk in id_chunks(ids):
        statement = select(booking.c.id).where(booking.c.active, booking.c.id.in_(chunk))
        if wanted:
            statement = statement.where(booking.c.status.in_(wanted))
        if source is not None:
            statement = statement.where(booking.c.source == source)
        found += connection.scalars(statement)
    return found


def queue_entries_by_ids(connection: Connection, ids: Iterable[int]) -> dict[int, QueueEntry | None]:
    """The entries of changed bookings by id; None for one that is gone (deleted, or unknown)."""
    found: dict[int, QueueEntry | None] = {}
    for chunk in id_chunks(ids):
        found.update(dict.fromkeys(chunk))
        found.update((entry.row.id, entry) for entry in _entries(connection, chunk))
    return found


#: From this many changes on, `QueueIndex.apply` merges them in one pass rather than one by one.
BULK_CHANGES = 64


class QueueIndex:
    """Every active booking's entry, in the order of one sort; updated entry by entry, or many at once."""

    def __init__(
        self, entries: Iterable[QueueEntry], sort: QueueSort = QueueSort.AGE, ascending: bool = True
    ):
        self._by_id = {entry.row.id: entry for entry in entries}
        # Oldest first, kept through every change: each sort starts from it (ties go newest first).
        self._oldest_first = sorted(self._by_id.values(), key=_by_age)
        self._sort, self._ascending = sort, ascending
        self._compare = comparator(sort, ascending)
        # In the chosen sort's order (sorted here: loading runs in a worker thread); None after a bulk
        # change or a new sort, until it is next needed.
        self._sorted_order: list[QueueEntry] | None = self._sorted()

    @classmethod
    def load(
        cls, connection: Connection, sort: QueueSort = QueueSort.AGE, ascending: bool = True
    ) -> QueueIndex:
        return cls(queue_entries(connection), sort, ascending)

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def sort(self) -> QueueSort:
        return self._sort

    @property
    def ascending(self) -> bool:
        return self._ascending

    def get(self, booking_id: int) -> QueueEntry | None:
        return self._by_id.get(booking_id)

    def order_by(self, sort: QueueSort, ascending: bool) -> None:
        if (sort, ascending) != (self._sort, self._ascending):
            self._sort, self._ascending = sort, ascending
            self._compare = comparator(sort, ascending)
            self._sorted_order = None

    @property
    def _order(self) -> list[QueueEntry]:
        if self._sorted_order is None:
            self._sorted_order = self._sorted()
        return self._sorted_order

    def _sorted(self) -> list[QueueEntry]:
        if self._sort is QueueSort.AGE:  # ascending age: the youngest first
            return self._oldest_first[::-1] if self._ascending else list(self._oldest_first)
        return sorted_by_key(
            self._oldest_first[::-1],
            _ENTRY_KEYS[self._sort],
            self._ascending,
            nullable=self._sort in NULLABLE_SORTS,
        )

    def select(self, wanted: QueueFilter) -> list[QueueRow]:
        """The rows `wanted` admits, in the index's order."""
        entries: Iterable[QueueEntry] = self._order
        # One cheap pass per condition chosen, rather than one call of `admits` per booking.
        if wanted.statuses:
            statuses = wanted.statuses
            entries = [entry for entry in entries if entry.row.status in statuses]
        if wanted.source is not None:
            source = wanted.source
            entries = [entry for entry in entries if entry.row.source == source]
        term = wanted.term
        if term is not None:
            text, digits = term.text, term.digits
            if digits is None:
                entries = [entry for entry in entries if text in entry.text]
            else:
                entries = [entry for entry in entries if text in entry.text or digits in entry.phones]
        return [entry.row for entry in entries]

    def apply(self, changes: Mapping[int, QueueEntry | None]) -> None:
        """Each booking's new entry, or None for a booking no longer active.

        Many at once (a sync's page: thousands) are merged in one pass: one by one, each insertion
        moves half the list, and at 100,000 bookings a page of 5,000 kept the GUI thread busy for
        about 400 ms. The chosen sort's order is then rebuilt only when next needed."""
        if len(changes) < BULK_CHANGES:
            for booking_id, entry in changes.items():
                if entry is None:
                    self.drop(booking_id)
                else:
                    self.put(entry)
            return
        gone = {booking_id for booking_id in changes if booking_id in self._by_id}
        if gone:
            for booking_id in gone:
                del self._by_id[booking_id]
            self._oldest_first = [entry for entry in self._oldest_first if entry.row.id not in gone]
        fresh = sorted((entry for entry in changes.values() if entry is not None), key=_by_age)
        self._by_id.update((entry.row.id, entry) for entry in fresh)
        # Two sorted runs: the sort merges them in one pass.
        self._oldest_first += fresh
        self._oldest_first.sort(key=_by_age)
        self._sorted_order = None

    def put(self, entry: QueueEntry) -> None:
        """Add a booking's entry, or replace its older one."""
        self.drop(entry.row.id)
        self._by_id[entry.row.id] = entry
        insort(self._oldest_first, entry, key=_by_age)
        if self._sorted_order is not None:
            order = self._sorted_order
            order.insert(position(order, entry.row, self._compare, _row_of), entry)

    def drop(self, booking_id: int) -> None:
        old = self._by_id.pop(booking_id, None)
        if old is not None:
            del self._oldest_first[
                self._found(bisect_left(self._oldest_first, old.age, key=_by_age), old, self._oldest_first)
            ]
            if self._sorted_order is not None:
                order = self._sorted_order
                del order[self._found(position(order, old.row, self._compare, _row_of), old, order)]

    @staticmethod
    def _found(at: int, entry: QueueEntry, entries: list[QueueEntry]) -> int:
        if at < len(entries) and entries[at] is entry:
            return at
        return entries.index(entry)  # not where the order says: found the slow way
