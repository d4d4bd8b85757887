"""Ids bound into a query in chunks: a change set (a first sync's holds every record) can carry more
ids than SQLite takes bound parameters in one statement."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

IDS_PER_QUERY = 500


def id_chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """The distinct ids, ascending, in lists of at most IDS_PER_QUERY."""
    wanted = sorted(set(ids))
    for first in range(0, len(wanted), IDS_PER_QUERY):
        yield wanted[first : first + IDS_PER_QUERY]
