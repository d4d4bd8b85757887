"""Where a changed booking goes among the rows already loaded: the queue query's SQL order, in Python.

The model applies change notifications as row inserts and moves, so it must place a row exactly where
the query would have put it; otherwise the next page, read from the query, would repeat or skip rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cmp_to_key
from typing import Any

from csr_console.store.queries.queue import QueueRow, QueueSort

#: SQLite's lower() folds ASCII letters only; folding more here would order names differently.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_KEYS: dict[QueueSort, Callable[[QueueRow], Any]] = {
    QueueSort.NAME: lambda row: row.name.translate(_ASCII_LOWER),
    QueueSort.SOURCE: lambda row: row.source,
    QueueSort.STATUS: lambda row: row.status,
    QueueSort.START: lambda row: row.start,
}


def _sign(a: Any, b: Any) -> int:
    return int(a > b) - int(a < b)


def _newest_first(a: QueueRow, b: QueueRow) -> int:
    return _sign((b.created_on, b.id), (a.created_on, a.id))


def comparator(sort: QueueSort, ascending: bool) -> Callable[[QueueRow, QueueRow], int]:
    """cmp(a, b) < 0 when the query lists a before b (see store.queries.queue._ordered)."""
    if sort is QueueSort.AGE:
        return _newest_first if ascending else lambda a, b: _newest_first(b, a)
    key = _KEYS[sort]

    def compare(a: QueueRow, b: QueueRow) -> int:
        ka, kb = key(a), key(b)
        if ka is None or kb is None:  # nulls last both ways
            first = _sign(ka is None, kb is None)
        else:
            first = _sign(ka, kb) if ascending else _sign(kb, ka)
        return first or _newest_first(a, b)

    return compare


def position(rows: Sequence[QueueRow], row: QueueRow, compare: Callable[[QueueRow, QueueRow], int]) -> int:
    """The index at which `row` goes in `rows` (already in `compare` order)."""
    key = cmp_to_key(compare)
    return bisect_left(rows, key(row), key=key)
