"""The sandbox's storage: every API resource as a JSON document plus the columns its lists filter on.

One table holds every kind of record (booking, customer, lead, ...). A record keeps the exact JSON the
API answers (``doc``) next to a few indexed columns; multi-valued search keys (a customer's phones, a
location's street) live in ``record_term``, and the externalData each application attached lives in
``external_data``, private to its application GUID. The SQL is portable: SQLite by default, PostgreSQL
through a SQLAlchemy URL for a shared training tenant.

The server runs on one asyncio loop, so every request and simulator tick does its work inside one
``transaction()`` without interleaving; nothing here awaits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

metadata = MetaData()

record = Table(
    "record",
    metadata,
    Column("kind", String(40), primary_key=True),
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("parent_id", BigInteger, nullable=True),
    Column("provider_id", BigInteger, nullable=True),
    Column("status", String(40), nullable=True),
    Column("name", String(300), nullable=True),
    Column("created_on", String(32), nullable=False),
    Column("modified_on", String(32), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("doc", Text, nullable=False),
    Index("ix_record_kind_modified", "kind", "modified_on", "id"),
    Index("ix_record_kind_created", "kind", "created_on"),
    Index("ix_record_kind_parent", "kind", "parent_id", "id"),  # children in id order, without a sort
    Index("ix_record_kind_provider", "kind", "provider_id", "id"),
)

# Multi-valued, normalised search keys: (kind, id) has `field` equal to `value`.
record_term = Table(
    "record_term",
    metadata,
    Column("kind", String(40), nullable=False),
    Column("id", BigInteger, nullable=False),
    Column("field", String(40), nullable=False),
    Column("value", String(300), nullable=False),
    Index("ix_term_lookup", "kind", "field", "value"),
    Index("ix_term_owner", "kind", "id"),
)

external_data = Table(
    "external_data",
    metadata,
    Column("kind", String(40), nullable=False),
    Column("id", BigInteger, nullable=False),
    Column("application_guid", String(36), nullable=False),
    Column("key", String(200), nullable=False),
    Column("value", String(1000), nullable=False),
    Index("ix_external_lookup", "kind", "application_guid", "key", "value"),
    Index("ix_external_owner", "kind", "id", "application_guid"),
)

counter = Table(
    "counter",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Credentials and other server settings, so a restarted sandbox keeps its tenant and keys.
setting = Table(
    "setting",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("value", Text, nullable=False),
)

FIRST_ID = 10_000_000

# Built once: building a statement per call costs several times what SQLite takes to answer it.
_GET_DOC = select(record.c.doc).where(record.c.kind == bindparam("kind"), record.c.id == bindparam("id"))


def format_time(moment: datetime) -> str:
    """UTC ISO-8601 with seven fractional digits and a Z, as ServiceTitan writes it.

    Fixed width, so the stored strings sort and compare as the instants they name.
    """
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}0Z"


def parse_time(text: str) -> datetime:
    """Parse an ISO-8601 instant; naive values are taken as UTC. Raises ValueError."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    if "." in value:
        # Python takes at most 6 fractional digits; ServiceTitan sends 7.
        head, _, rest = value.partition(".")
        digits = ""
        while rest and rest[0].isdigit():
            digits, rest = digits + rest[0], rest[1:]
        value = f"{head}.{(digits + '000000')[:6]}{rest}"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Page:
    docs: list[dict[str, Any]]
    has_more: bool
    total: int | None


@dataclass(frozen=True)
class Scanned:
    modified_on: str
    id: int
    active: bool
    doc: dict[str, Any]


class Store:
    """Record access for the route handlers, the seed and the simulator."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        self._conn: Connection | None = None
        self._bulk: _Bulk | None = None

    # -- transactions -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._conn is not None:  # nested: join the outer transaction
            yield
            return
        with self.engine.begin() as conn:
            self._conn = conn
            try:
                yield
            finally:
                self._conn = None

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("store used outside a transaction")
        if self._bulk is not None and self._bulk.pending():
            self._bulk.flush(self._conn)  # whatever reads or writes next sees every insert before it
        return self._conn

    @property
    def _row_conn(self) -> Connection:
        """The connection for reading or changing one record that is not pending in ``bulk``: rows pending
        for other records cannot change the answer, so they stay buffered."""
        if self._conn is None:
            raise RuntimeError("store used outside a transaction")
        return self._conn

    def _pending(self, kind: str, record_id: int) -> dict[str, Any] | None:
        return self._bulk.records.get((kind, record_id)) if self._bulk is not None else None

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Inside a transaction, for the seed: ``insert`` buffers its rows and ``next_id`` counts in memory;
        ``get`` and ``save`` of a buffered record work on the buffer, and anything else that touches the
        database writes the buffer first, as does the end of the block. Lifecycle functions insert row by
        row; this makes thousands of them fast without changing what they see."""
        if self._bulk is not None:
            yield
            return
        conn = self.conn
        self._bulk = _Bulk()
        try:
            yield
            bulk, self._bulk = self._bulk, None
            bulk.flush(conn)
            for name, value in bulk.ids.items():
                conn.execute(update(counter).where(counter.c.name == name).values(value=value))
        finally:
            self._bulk = None

    def close(self) -> None:
        self.engine.dispose()

    # -- settings and ids ---------------------------------------------------------------------------
    def get_setting(self, name: str) -> str | None:
        return self.conn.execute(select(setting.c.value).where(setting.c.name == name)).scalar()

    def set_setting(self, name: str, value: str) -> None:
        if self.get_setting(name) is None:
            self.conn.execute(insert(setting).values(name=name, value=value))
        else:
            self.conn.execute(update(setting).where(setting.c.name == name).values(value=value))

    def next_id(self, name: str = "id") -> int:
        if self._bulk is not None:
            if name not in self._bulk.ids:
                self._bulk.ids[name] = self._next_id(name)  # reserves it in the table too
                return self._bulk.ids[name]
            self._bulk.ids[name] += 1
            return self._bulk.ids[name]
        return self._next_id(name)

    def _next_id(self, name: str) -> int:
        current = self.conn.execute(select(counter.c.value).where(counter.c.name == name)).scalar()
        if current is None:
            self.conn.execute(insert(counter).values(name=name, value=FIRST_ID))
            return FIRST_ID
        self.conn.execute(update(counter).where(counter.c.name == name).values(value=current + 1))
        return int(current) + 1

    # -- records ------------------------------------------------------------------------------------
    def insert(
        self,
        kind: str,
        doc: dict[str, Any],
        *,
        parent_id: int | None = None,
        provider_id: int | None = None,
        status: str | None = None,
        name: str | None = None,
        active: bool = True,
        terms: Iterable[tuple[str, str]] = (),
        record_id: int | None = None,
    ) -> dict[str, Any]:
        """Store a new record. ``doc`` must carry ``modifiedOn`` (and ``createdOn`` where the API has it)
        and an integer ``id``, unless ``record_id`` is given (kinds whose API ids are strings)."""
        key = doc["id"] if record_id is None else record_id
        values = {
            "kind": kind,
            "id": key,
            "parent_id": parent_id,
            "provider_id": provider_id,
            "status": status,
            "name": name.lower() if name else None,
            "created_on": doc.get("createdOn") or doc["modifiedOn"],
            "modified_on": doc["modifiedOn"],
            "active": active,
            "doc": json.dumps(doc, separators=(",", ":")),
        }
        term_values = [{"kind": kind, "id": key, "field": f, "value": v} for f, v in terms if v]
        if self._bulk is not None:
            self._bulk.records[(kind, key)] = values
            self._bulk.terms[(kind, key)] = term_values
            return doc
        self.conn.execute(insert(record).values(**values))
        if term_values:  # a new record has no terms to replace
            self.conn.execute(insert(record_term), term_values)
        return doc

    def insert_many(self, kind: str, rows: Sequence[dict[str, Any]]) -> None:
        """Bulk insert for the seed: rows of ``doc`` plus optional columns, ``terms`` and ``record_id``."""
        if not rows:
            return
        values = []
        term_values = []
        for row in rows:
            doc = row["doc"]
            key = row.get("record_id", doc.get("id"))
            values.append(
                {
                    "kind": kind,
                    "id": key,
                    "parent_id": row.get("parent_id"),
                    "provider_id": row.get("provider_id"),
                    "status": row.get("status"),
                    "name": (row.get("name") or "").lower() or None,
                    "created_on": doc.get("createdOn") or doc["modifiedOn"],
                    "modified_on": doc["modifiedOn"],
                    "active": row.get("active", True),
                    "doc": json.dumps(doc, separators=(",", ":")),
                }
            )
            term_values.extend(
                {"kind": kind, "id": key, "field": f, "value": v} for f, v in row.get("terms", ()) if v
            )
        self.conn.execute(insert(record), values)
        if term_values:
            self.conn.execute(insert(record_term), term_values)

    def get(self, kind: str, record_id: int) -> dict[str, Any] | None:
        pending = self._pending(kind, record_id)
        if pending is not None:
            return json.loads(pending["doc"])
        text = self._row_conn.execute(_GET_DOC, {"kind": kind, "id": record_id}).scalar()
        return json.loads(text) if text is not None else None

    def get_row(self, kind: str, record_id: int) -> Any:
        return self.conn.execute(
            select(record).where(record.c.kind == kind, record.c.id == record_id)
        ).first()

    def save(
        self,
        kind: str,
        doc: dict[str, Any],
        *,
        touch: bool = True,
        terms: Iterable[tuple[str, str]] | None = None,
        record_id: int | None = None,
        **columns: Any,
    ) -> dict[str, Any]:
        """Write back a changed record; ``touch`` moves its ``modifiedOn`` to now."""
        key = doc["id"] if record_id is None else record_id
        if touch:
            doc["modifiedOn"] = format_time(now())
        values: dict[str, Any] = {
            "modified_on": doc["modifiedOn"],
            "doc": json.dumps(doc, separators=(",", ":")),
        }
        if "active" in doc and isinstance(doc["active"], bool):
            values["active"] = doc["active"]
        for column, value in columns.items():
            values[column] = value.lower() if column == "name" and value else value
        pending = self._pending(kind, key)
        if pending is not None:
            pending.update(values)
        else:
            self._row_conn.execute(
                update(record).where(record.c.kind == kind, record.c.id == key).values(**values)
            )
        if terms is not None:
            self.set_terms(kind, key, terms)
        return doc

    def remove(self, kind: str, record_id: int) -> None:
        self.conn.execute(delete(record).where(record.c.kind == kind, record.c.id == record_id))
        self.conn.execute(
            delete(record_term).where(record_term.c.kind == kind, record_term.c.id == record_id)
        )

    def set_terms(self, kind: str, record_id: int, terms: Iterable[tuple[str, str]]) -> None:
        rows = [{"kind": kind, "id": record_id, "field": f, "value": v} for f, v in terms if v]
        if self._bulk is not None and self._pending(kind, record_id) is not None:
            self._bulk.terms[(kind, record_id)] = rows
            return
        conn = self._row_conn
        conn.execute(delete(record_term).where(record_term.c.kind == kind, record_term.c.id == record_id))
        if rows:
            conn.execute(insert(record_term), rows)

    def children(self, kind: str, parent_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            select(record.c.doc)
            .where(record.c.kind == kind, record.c.parent_id == parent_id)
            .order_by(record.c.id)
        ).scalars()
        return [json.loads(text) for text in rows]

    def child_ids(self, kind: str, parent_id: int) -> list[int]:
        """The record ids of a parent's children, for kinds whose documents do not carry their record id."""
        rows = self.conn.execute(
            select(record.c.id).where(record.c.kind == kind, record.c.parent_id == parent_id)
        ).scalars()
        return [int(i) for i in rows]

    def count(self, kind: str, *where: ColumnElement[bool]) -> int:
        return int(
            self.conn.execute(
                select(func.count()).select_from(record).where(record.c.kind == kind, *where)
            ).scalar()
            or 0
        )

    # -- search helpers -----------------------------------------------------------------------------
    @staticmethod
    def term_equals(kind: str, field: str, value: str) -> ColumnElement[bool]:
        ids = select(record_term.c.id).where(
            record_term.c.kind == kind, record_term.c.field == field, record_term.c.value == value
        )
        return record.c.id.in_(ids)

    @staticmethod
    def term_contains(kind: str, field: str, fragment: str) -> ColumnElement[bool]:
        escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        ids = select(record_term.c.id).where(
            record_term.c.kind == kind,
            record_term.c.field == field,
            record_term.c.value.like(f"%{escaped}%", escape="\\"),
        )
        return record.c.id.in_(ids)

    @staticmethod
    def term_prefix(kind: str, field: str, fragment: str) -> ColumnElement[bool]:
        escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        ids = select(record_term.c.id).where(
            record_term.c.kind == kind,
            record_term.c.field == field,
            record_term.c.value.like(f"{escaped}%", escape="\\"),
        )
        return record.c.id.in_(ids)

    @staticmethod
    def term_ids(kind: str, field: str, value: str, *, contains: bool = False) -> Select[Any]:
        """The ids of ``kind`` records whose ``field`` term equals (or contains) ``value``: for conditions
        that reach across records (a customer whose location's street matches)."""
        stmt = select(record_term.c.id).where(record_term.c.kind == kind, record_term.c.field == field)
        if not contains:
            return stmt.where(record_term.c.value == value)
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return stmt.where(record_term.c.value.like(f"%{escaped}%", escape="\\"))

    @staticmethod
    def term_in(kind: str, field: str, values: Sequence[str]) -> ColumnElement[bool]:
        """Records with a ``field`` term equal to any of ``values``."""
        ids = select(record_term.c.id).where(
            record_term.c.kind == kind, record_term.c.field == field, record_term.c.value.in_(list(values))
        )
        return record.c.id.in_(ids)

    @staticmethod
    def term_between(kind: str, field: str, lower: str | None, upper: str | None) -> ColumnElement[bool]:
        """Records with a ``field`` term in [lower, upper): date bounds on fixed-width timestamps."""
        stmt = select(record_term.c.id).where(record_term.c.kind == kind, record_term.c.field == field)
        if lower is not None:
            stmt = stmt.where(record_term.c.value >= lower)
        if upper is not None:
            stmt = stmt.where(record_term.c.value < upper)
        return record.c.id.in_(stmt)

    def query(
        self,
        kind: str,
        where: Sequence[ColumnElement[bool]] = (),
        *,
        order_by: Sequence[Any] = (),
        page: int = 1,
        page_size: int = 50,
        include_total: bool = False,
    ) -> Page:
        """One page of a list, newest rule of the API: 1-based pages, ``hasMore`` by peeking one row."""
        conditions = and_(record.c.kind == kind, *where)
        ordering = list(order_by) or [record.c.id]
        stmt = (
            select(record.c.doc)
            .where(conditions)
            .order_by(*ordering)
            .offset((page - 1) * page_size)
            .limit(page_size + 1)
        )
        texts = list(self.conn.execute(stmt).scalars())
        has_more = len(texts) > page_size
        docs = [json.loads(t) for t in texts[:page_size]]
        total = None
        if include_total:
            total = int(
                self.conn.execute(select(func.count()).select_from(record).where(conditions)).scalar() or 0
            )
        return Page(docs, has_more, total)

    def scan_after(
        self, kind: str, after: tuple[str, int] | None, limit: int, where: Sequence[ColumnElement[bool]] = ()
    ) -> list[Scanned]:
        """Rows ordered by (modifiedOn, id) strictly after ``after``: the export feeds' cursor walk."""
        conditions: list[ColumnElement[bool]] = [record.c.kind == kind, *where]
        if after is not None:
            stamp, last_id = after
            conditions.append(
                (record.c.modified_on > stamp) | ((record.c.modified_on == stamp) & (record.c.id > last_id))
            )
        stmt = (
            select(record.c.modified_on, record.c.id, record.c.active, record.c.doc)
            .where(*conditions)
            .order_by(record.c.modified_on, record.c.id)
            .limit(limit)
        )
        return [
            Scanned(r.modified_on, r.id, bool(r.active), json.loads(r.doc)) for r in self.conn.execute(stmt)
        ]

    # -- externalData -------------------------------------------------------------------------------
    def set_external_data(
        self, kind: str, record_id: int, application_guid: str, items: list[dict[str, str]]
    ) -> None:
        guid = application_guid.lower()
        self.conn.execute(
            delete(external_data).where(
                external_data.c.kind == kind,
                external_data.c.id == record_id,
                external_data.c.application_guid == guid,
            )
        )
        if items:
            self.conn.execute(
                insert(external_data),
                [
                    {
                        "kind": kind,
                        "id": record_id,
                        "application_guid": guid,
                        "key": i["key"],
                        "value": i["value"],
                    }
                    for i in items
                ],
            )

    def external_data_of(
        self, kind: str, record_ids: Sequence[int], application_guid: str | None
    ) -> dict[int, list[dict[str, str]]]:
        """The externalData each record holds for one application; other applications' data stays hidden."""
        found: dict[int, list[dict[str, str]]] = {}
        if not application_guid or not record_ids:
            return found
        stmt = select(external_data.c.id, external_data.c.key, external_data.c.value).where(
            external_data.c.kind == kind,
            external_data.c.application_guid == application_guid.lower(),
            external_data.c.id.in_(list(record_ids)),
        )
        for row in self.conn.execute(stmt):
            found.setdefault(row.id, []).append({"key": row.key, "value": row.value})
        return found

    @staticmethod
    def external_data_match(
        kind: str, application_guid: str, key: str | None, values: Sequence[str] | None
    ) -> ColumnElement[bool]:
        stmt = select(external_data.c.id).where(
            external_data.c.kind == kind, external_data.c.application_guid == application_guid.lower()
        )
        if key:
            stmt = stmt.where(external_data.c.key == key)
        if values:
            stmt = stmt.where(external_data.c.value.in_(list(values)))
        return record.c.id.in_(stmt)


class _Bulk:
    """What ``Store.bulk`` holds back: rows not yet inserted (by kind and id, in insertion order) with their
    terms, and each counter's last id handed out."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, int], dict[str, Any]] = {}
        self.terms: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self.ids: dict[str, int] = {}

    def pending(self) -> bool:
        return bool(self.records)

    def flush(self, conn: Connection) -> None:
        records = list(self.records.values())
        terms = [row for rows in self.terms.values() for row in rows]
        self.records, self.terms = {}, {}
        if records:
            conn.execute(insert(record), records)
        if terms:
            conn.execute(insert(record_term), terms)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
