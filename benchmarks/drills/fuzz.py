"""Drill `fuzz`: hypothesis-made booking payloads and their contacts, through the console's real path.

The payloads are derived from the official documents (`Crm.V2.ExportBookingResponse` and
`Crm.V2.BookingContactResponse` in ../shared/servicetitan-openapi, read through tests/contract/openapi.py):
each field's documented type, then mutations: nulls where a field is required, required fields left out,
wrong types (numbers as text, objects, floats, integers past int64), unknown enum values, timestamps with
7 fractional digits, without a zone or at the ends of the calendar with an offset. Text fields draw from
HTML and <script>, right-to-left text (Arabic, Hebrew, U+202E), emoji, control characters, hypothesis's
own text, and a few 1 MB strings.

The route: the sandbox cannot serve them (it validates what it stores, and it has no route to store raw
records), so an `httpx.MockTransport` answers `GET /export/bookings` (20 payloads a page) and
`GET /bookings/{id}/contacts`; everything past the transport is the console's own: ServiceTitanClient,
the sync engine's bookings and contacts feeds (`FeedEngine.sync_once`), the parser with its quarantine,
the page write into a real SQLite cache file; then, on a qasync loop with the offscreen Qt platform, the
DetailPane shows every booking that reached the cache and the QueueModel lists them.

Figures:
- payloads: bookings and contacts served (booking_payloads + contact_payloads); actions = payloads.
- crashes: exceptions escaping anywhere (a feed left behind, an exception out of the engine, the pane,
  the model, a Qt slot or a task): 0.
- quarantined: payloads kept in the quarantine table, each with its reason; reasons_missing: those
  without one (0).
- accepted: payloads parsed into the cache.
- lost: payloads valid by the official schema that did not reach the cache; unaccounted: payloads in
  neither the cache nor the quarantine (0 both).
- duplicated: rows stored twice (cache rows beyond the accepted ids, quarantine copies): 0.
- rich_text_labels: detail-pane QLabels whose textFormat is not PlainText or whose text() is not the
  payload's text, and queue cells whose display text is not the stored text: 0.
- rich_tooltips: queue tooltips that would not show the stored text as it is (Qt renders a tooltip
  that looks like markup as rich text; what it renders to must be the text, whitespace aside): 0.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from csr_console.api import Credentials, Environment, RateLimiter, ServiceTitanClient, ServiceTitanError
from csr_console.domain.extra_details import parse_extra_details

BOOKINGS_FULL = 2000
BOOKINGS_QUICK = 100
PAGE = 20
TENANT = 4242
ID_BASE = 7_000_000_000  # far from anything a mutation makes (True -> 1, 5.0 -> 5)
MEGABYTE = 1_000_000
BIG_FULL = 20
BIG_QUICK = 2
EXAMPLES_SHOWN = 5

BOOKING_SCHEMA = "Crm.V2.ExportBookingResponse"
CONTACT_SCHEMA = "Crm.V2.BookingContactResponse"
DOCUMENT = "crm-v2.json"

NASTY = [
    "<b>bold</b>",
    "<script>alert(1)</script>",
    '<img src="https://example.invalid/x.png" onerror="alert(1)">',
    '<a href="https://evil.example">call now</a>',
    "<h1>URGENT</h1><p>paragraph</p>",
    "&lt;escaped&gt; &amp; &#x202E;",
    "<!-- comment -->",
    "<qt>rich</qt>",
    "مرحبا بالعالم",  # Arabic
    "שלום עולם",  # Hebrew
    "\u202eevil\u202c.exe",  # right-to-left override
    "abc\u200f\u200edef",
    "😀🔥👩‍👩‍👧‍👦🇺🇸",
    "Zalgo: Z̵̡̢̛̗a̷l̶g̸o̴",
    "tab\tnew\nline\r\nreturn",
    "\x00nul\x07bell\x1bescape",
    "Task: <i>AC</i>\nUrgency: <b>high</b>",
    "free text\n\nTask: <i>AC</i>\nUrgency: ASAP",
    "   ",
    "",
    "Robert'); DROP TABLE booking;--",
    "%s %d {0} ${x}",
    "(214) 555-0199 jo@example.com",
]
HUGE_INT = 2**64
WRONG_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([HUGE_INT, -(2**63) - 1, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
STAMPS = st.sampled_from(
    [
        "2024-05-01T10:00:00",  # no zone
        "2024-05-01T10:00:00.1234567Z",  # .NET's 7 fractional digits
        "2024-05-01T10:00:00.1234567",  # both
        "2024-05-01T10:00:00.1234567+05:30",
        "0001-01-01T00:00:00Z",  # DateTime.MinValue
        "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
        "9999-12-31T23:59:59.9999999Z",
        "9999-12-31T23:59:59-05:00",  # past year 9999 in UTC
        "2024-02-30T10:00:00Z",
        "yesterday",
        "",
        "2024-05-01 10:00:00Z",
        "2024-05-01T10:00:00.000000000000001Z",
    ]
)


def _text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY), st.text(max_size=40), st.text(alphabet="<>&;/\"' abc", max_size=30)
    )


def _valid_stamp() -> st.SearchStrategy[str]:
    """A documented date-time: a zone, 0-7 fractional digits, any year .NET writes."""
    moments = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31))
    digits = st.sampled_from(["", ".1", ".123", ".1234567"])
    return st.builds(lambda moment, tail: f"{moment.isoformat(timespec='seconds')}{tail}Z", moments, digits)


class _Schemas:
    """The two documented shapes, resolved from the official crm document."""

    def __init__(self) -> None:
        from tests.contract.openapi import OPENAPI_DIR, Contract, _tolerate_null_address_parts

        if not OPENAPI_DIR.is_dir():
            raise RuntimeError(f"the official OpenAPI documents are not at {OPENAPI_DIR}")
        self.contract = Contract()
        self.document = self.contract.documents[DOCUMENT]
        self._tolerate = _tolerate_null_address_parts
        self._validators: dict[str, Any] = {}

    def schema(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self.document["components"]["schemas"][name]
        return found

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.schema(node["$ref"].rsplit("/", 1)[1])
        return node

    def valid(self, name: str, payload: Any) -> bool:
        """The payload keeps the documented schema (address parts may be null: API-NOTES.md)."""
        from tests.contract.openapi import _validator

        if name not in self._validators:
            uri = f"urn:servicetitan:{DOCUMENT}"
            schema = {"$ref": f"{uri}#/components/schemas/{name}"}
            self._validators[name] = _validator(self.contract, DOCUMENT, json.dumps(schema))
        try:
            return not any(True for _ in self._validators[name].iter_errors(self._tolerate(payload)))
        except Exception:  # a format checker choking on a value (a date past 9999 in UTC)
            return False

    def strategy(self, node: dict[str, Any]) -> st.SearchStrategy[Any]:
        """Values of a documented (sub)schema."""
        node = self.resolve(node)
        for key in ("oneOf", "anyOf"):
            if key in node:
                return st.one_of([self.strategy(option) for option in node[key]])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if isinstance(kind, list):
            return st.one_of([self.strategy({**node, "type": k}) for k in kind])
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            if node.get("format") == "int32":
                return st.integers(min_value=-(2**31), max_value=2**31 - 1)
            return st.integers(min_value=-(2**63), max_value=2**63 - 1)
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "string":
            return _valid_stamp() if node.get("format") == "date-time" else _text()
        if kind == "array":
            return st.lists(self.strategy(node.get("items", {})), max_size=3)
        if kind == "object":
            properties = node.get("properties", {})
            required = set(node.get("required", []))
            return st.fixed_dictionaries(
                {k: self.strategy(v) for k, v in properties.items() if k in required},
                optional={k: self.strategy(v) for k, v in properties.items() if k not in required},
            )
        return st.none()

    def enum_fields(self, name: str) -> list[str]:
        schema = self.schema(name)
        return [k for k, v in schema["properties"].items() if self._has_enum(v)]

    def _has_enum(self, node: dict[str, Any]) -> bool:
        node = self.resolve(node)
        options = node.get("oneOf") or node.get("anyOf") or []
        return "enum" in node or any(self._has_enum(option) for option in options)

    def date_fields(self, name: str) -> list[str]:
        return [k for k, v in self.schema(name)["properties"].items() if v.get("format") == "date-time"]


@st.composite
def _mutated(draw: st.DrawFn, schemas: _Schemas, name: str) -> dict[str, Any]:
    """A documented record of `name`, then 0-3 mutations."""
    schema = schemas.schema(name)
    payload: dict[str, Any] = draw(schemas.strategy(schema))
    required = list(schema.get("required", []))
    fields = list(schema["properties"])
    enums = schemas.enum_fields(name)
    dates = schemas.date_fields(name)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        kind = draw(st.sampled_from(["null", "drop", "wrong", "enum", "stamp", "text"]))
        if kind == "null":
            payload[draw(st.sampled_from(required))] = None
        elif kind == "drop":
            payload.pop(draw(st.sampled_from(required)), None)
        elif kind == "wrong":
            payload[draw(st.sampled_from(fields))] = draw(WRONG_VALUES)
        elif kind == "enum" and enums:
            payload[draw(st.sampled_from(enums))] = draw(st.sampled_from(["Teleported", "new", "", "NEW "]))
        elif kind == "stamp" and dates:
            payload[draw(st.sampled_from(dates))] = draw(STAMPS)
        elif kind == "text":
            payload[draw(st.sampled_from(fields))] = draw(_text())
    return payload


@dataclass
class Payloads:
    bookings: list[dict[str, Any]] = field(default_factory=list)
    contacts: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # booking id -> its contacts


def generate(count: int, *, big: int, seed: int = 0) -> Payloads:
    """`count` booking payloads (each with 0-3 contact payloads), `big` of them carrying a 1 MB string."""
    schemas = _Schemas()
    made = Payloads()
    rng = random.Random(seed)
    contact_ids = iter(range(ID_BASE * 2, ID_BASE * 3))

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        _mutated(schemas, BOOKING_SCHEMA),
        st.lists(_mutated(schemas, CONTACT_SCHEMA), max_size=3),
        st.booleans(),
    )
    def collect(booking: dict[str, Any], contacts: list[dict[str, Any]], keep_id: bool) -> None:
        if len(made.bookings) >= count:
            return
        booking_id = ID_BASE + len(made.bookings)
        # A documented id is made unique (else the upsert would merge payloads); a mutated one (null,
        # left out, text, past int64) is kept as made. Contacts are served by the booking's own id.
        if _in_int64(booking.get("id")) or not keep_id:
            booking["id"] = booking_id
        for contact in contacts:
            if _in_int64(contact.get("id")):
                contact["id"] = next(contact_ids)
        made.bookings.append(booking)
        made.contacts[booking_id] = contacts

    collect()
    for booking in rng.sample(made.bookings, min(big, len(made.bookings))):
        where = rng.choice(["name", "summary", "source"])
        booking[where] = rng.choice(NASTY[:3] + NASTY[8:13]) + "x" * MEGABYTE
    return made


def _in_int64(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


# -- the server: an export feed of the payloads and their contacts ---------------------------------
class FakeServer:
    def __init__(self, payloads: Payloads) -> None:
        self.payloads = payloads
        self.pages = [payloads.bookings[at : at + PAGE] for at in range(0, len(payloads.bookings), PAGE)]
        self.skipped: set[int] = set()
        self.contacts_served: dict[int, list[dict[str, Any]]] = {}

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/connect/token"):
            return httpx.Response(200, json={"access_token": "fuzz-token", "expires_in": 3600})
        if path.endswith("/export/bookings"):
            query = parse_qs(urlsplit(str(request.url)).query)
            start = int((query.get("from") or ["0"])[0] or 0)
            index = next((i for i in range(start, len(self.pages)) if i not in self.skipped), len(self.pages))
            data = self.pages[index] if index < len(self.pages) else []
            following = min(index + 1, len(self.pages))
            return self._json(
                {"hasMore": following < len(self.pages), "continueFrom": str(following), "data": data}
            )
        if "/bookings/" in path and path.endswith("/contacts"):
            booking_id = int(path.rsplit("/", 2)[1])
            contacts = self.payloads.contacts.get(booking_id, [])
            self.contacts_served[booking_id] = contacts
            return self._json(
                {"page": 1, "pageSize": 50, "hasMore": False, "totalCount": len(contacts), "data": contacts}
            )
        return httpx.Response(404, json={"title": "not in this drill", "status": 404})

    @staticmethod
    def _json(body: Any) -> httpx.Response:
        return httpx.Response(
            200, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )


# -- counting --------------------------------------------------------------------------------------
@dataclass
class Tally:
    crashes: list[str] = field(default_factory=list)
    rich: list[str] = field(default_factory=list)
    rich_tooltips: int = 0
    labels_checked: int = 0
    cells_checked: int = 0

    def crash(self, where: str, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else f"{type(error).__name__}: {str(error)[:200]}"
        self.crashes.append(f"{where}: {text}")


class _ErrorLog(logging.Handler):
    def __init__(self, tally: Tally) -> None:
        super().__init__(logging.ERROR)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        self.tally.crash(f"logged by {record.name}", record.getMessage()[:200])


@contextmanager
def _watching(tally: Tally) -> Iterator[None]:
    """Count what escapes into sys.excepthook (Qt slots) and ERROR log records (engine, tasks)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        tally.crash("excepthook", error)

    handler = _ErrorLog(tally)
    root = logging.getLogger()
    sys.excepthook = hook
    root.addHandler(handler)
    try:
        yield
    finally:
        sys.excepthook = previous
        root.removeHandler(handler)


def fuzz(quick: bool) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    count = BOOKINGS_QUICK if quick else BOOKINGS_FULL
    started = time.perf_counter()
    payloads = generate(count, big=BIG_QUICK if quick else BIG_FULL)
    generated = time.perf_counter()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="drill-fuzz-") as folder, _watching(tally):
        import qasync

        _qt_application()
        server = FakeServer(payloads)
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            figures = runner.run(_drill(Path(folder), server, tally))
    seconds = time.perf_counter() - started
    return {
        "drill": "fuzz",
        **figures,
        "generate_seconds": round(generated - started, 2),
        "seconds": round(seconds, 2),
    }


def _qt_application() -> Any:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(["fuzz-drill"])


async def _drill(folder: Path, server: FakeServer, tally: Tally) -> dict[str, Any]:
    from csr_console.store.database import open_cache
    from csr_console.sync.service import SyncService

    db = open_cache(folder / "cache.db")
    client = ServiceTitanClient(
        Credentials(TENANT, "fuzz-app-key", "fuzz-client", "fuzz-secret"),
        Environment.custom("https://fuzz.invalid"),
        limiter=RateLimiter(100_000),
        transport=httpx.MockTransport(server.handler),
    )
    service = SyncService(client, db)
    try:
        await _sync(service, db, server, tally)
        await _show(service, db, folder, server, tally)
        return _count(db, server, tally)
    finally:
        await client.aclose()
        db.dispose()


async def _sync(service: Any, db: Any, server: FakeServer, tally: Tally) -> None:
    """The queue lane's feeds until caught up; a page whose payload makes a feed fail is skipped."""
    for _ in range(len(server.pages) + 2):
        try:
            failed = await service.feeds.sync_once({"bookings", "booking_contacts"})
        except Exception as raised:
            failed = {"bookings": raised}
        if not failed:
            return
        for feed, error in failed.items():
            tally.crash(f"feed {feed}", error)
        cursor = _cursor(db)
        if cursor is None or cursor >= len(server.pages):
            return
        server.skipped.add(cursor)


def _cursor(db: Any) -> int | None:
    from sqlalchemy import select

    from csr_console.store.schema import sync_cursor

    with db.connect() as connection:
        row = connection.execute(select(sync_cursor).where(sync_cursor.c.feed == "bookings")).first()
    value = None if row is None else row._mapping.get("cursor")
    return int(value) if value not in (None, "") else 0


async def _show(service: Any, db: Any, folder: Path, server: FakeServer, tally: Tally) -> None:
    from PySide6 import QtGui
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QLabel
    from sqlalchemy import select

    from csr_console.store.queries.queue import QueueView
    from csr_console.store.schema import booking
    from csr_console.ui.bridge import SyncBridge
    from csr_console.ui.detail_pane import DetailPane
    from csr_console.ui.images import ThumbnailLoader
    from csr_console.ui.queue.model import Column, QueueModel
    from csr_console.ui.tasks import TaskRegistry

    bridge = SyncBridge(service, db, actor="csr:fuzz")
    tasks = TaskRegistry()
    tasks.on_failure(lambda name, error: tally.crash(f"task {name}", error))
    no_images = httpx.MockTransport(lambda request: httpx.Response(404))
    pane = DetailPane(
        bridge, tasks, thumbnails=ThumbnailLoader(tasks, cache_dir=folder / "thumbs", transport=no_images)
    )
    pane.resize(600, 900)
    pane.show()
    with bridge.reader.connect() as connection:
        ids = list(connection.execute(select(booking.c.id).order_by(booking.c.id)).scalars())
    by_id = {b.get("id"): b for b in server.payloads.bookings}
    for booking_id in ids:
        try:
            pane.show_booking(booking_id)
            while tasks.running:
                await asyncio.sleep(0.001)
            await asyncio.sleep(0)
            _check_pane(pane, by_id.get(booking_id), tally, QLabel, Qt)
        except Exception as error:
            tally.crash(f"detail pane of booking {booking_id}", error)
    pane.show_booking(None)
    await pane.aclose()
    pane.deleteLater()

    model = QueueModel(bridge.reader, view=QueueView.ALL, page_size=1_000_000, index_delay_ms=None)
    try:
        with bridge.reader.connect() as connection:
            stored = {row.id: row for row in connection.execute(select(booking))}
        for row in range(model.rowCount()):
            booking_id = model.booking_id_at(row)
            record = stored.get(booking_id) if booking_id is not None else None
            if record is None:
                continue
            for column, expected in (
                (Column.CUSTOMER, record.name),
                (Column.SOURCE, record.source),
                (Column.STATUS, record.status),
            ):
                index = model.index(row, column, QModelIndex())
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                tally.cells_checked += 1
                if shown != expected:
                    tally.rich.append(f"queue cell {column.name} of {booking_id}: {str(shown)[:60]!r}")
                model.data(index, Qt.ItemDataRole.DecorationRole)  # the source's mark, found by name
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and _words(_tooltip_shows(tip, QtGui)) != _words(expected):
                    tally.rich_tooltips += 1
    except Exception as error:
        tally.crash("queue model", error)
    finally:
        model.close()
    bridge.reader.dispose()


def _words(text: str | None) -> list[str]:
    """Text as a reader sees it: a tooltip lays out its spaces and line breaks its own way."""
    return (text or "").split()


def _tooltip_shows(tip: str, QtGui: Any) -> str:
    """The text a tooltip shows: itself when Qt takes it as plain, else what its rich text renders to."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    document = QtGui.QTextDocument()
    document.setHtml(tip)
    return str(document.toPlainText())


def _check_pane(pane: Any, payload: dict[str, Any] | None, tally: Tally, QLabel: Any, Qt: Any) -> None:
    labels = pane.findChildren(QLabel)
    for label in labels:
        tally.labels_checked += 1
        if label.textFormat() is not Qt.TextFormat.PlainText:
            tally.rich.append(f"label {label.objectName() or '?'} is {label.textFormat()}")
    detail = pane.detail
    if payload is None or detail is None:
        return
    expected = {
        "name": payload.get("name"),
        "source": payload.get("source"),
        "status": payload.get("status"),
        "summary": parse_extra_details(payload.get("summary")).free_text or "No summary",
    }
    for name, text in expected.items():
        found = pane.findChild(QLabel, name)
        if found is None or found.text() != text:
            shown = None if found is None else found.text()[:60]
            tally.rich.append(f"label {name} of {payload.get('id')}: {shown!r} is not {str(text)[:60]!r}")
    values = sorted(label.text() for label in pane.findChildren(QLabel, "contact-value"))
    if values != sorted(contact.value for contact in detail.contacts):
        tally.rich.append(f"contact values of {payload.get('id')}")


def _count(db: Any, server: FakeServer, tally: Tally) -> dict[str, Any]:
    from sqlalchemy import func, select

    from csr_console.store.schema import booking, booking_contact, quarantine

    schemas = _Schemas()
    with db.connect() as connection:
        booking_ids = set(connection.execute(select(booking.c.id)).scalars())
        contact_ids = set(connection.execute(select(booking_contact.c.id)).scalars())
        stored_bookings = connection.execute(select(func.count()).select_from(booking)).scalar_one()
        kept = connection.execute(select(quarantine.c.feed, quarantine.c.payload, quarantine.c.reason)).all()
    quarantined = Counter((row.feed, row.payload) for row in kept)
    reasons_missing = sum(1 for row in kept if not (row.reason or "").strip())
    figures: Counter[str] = Counter()
    lost: list[str] = []

    def account(kind: str, feed: str, payload: dict[str, Any], stored: set[int], schema: str) -> None:
        figures[f"{kind}_payloads"] += 1
        key = (feed, json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=str))
        record_id = payload.get("id")
        if isinstance(record_id, bool | float) and float(record_id).is_integer():
            record_id = int(record_id)  # pydantic takes 5.0 and true as integers: so does the count
        if quarantined.get(key):
            figures["quarantined"] += 1
            if isinstance(record_id, int) and record_id in stored:
                figures["duplicated"] += 1  # both quarantined and stored
        elif isinstance(record_id, int) and record_id in stored:
            figures["accepted"] += 1
        else:
            figures["unaccounted"] += 1
            if schemas.valid(schema, payload):
                lost.append(f"{kind} {str(record_id)[:20]}")
        if schemas.valid(schema, payload):
            figures[f"{kind}_valid"] += 1

    for page_number, page in enumerate(server.pages):
        for payload in page:
            if page_number in server.skipped:
                figures["in_skipped_pages"] += 1
            account("booking", "bookings", payload, booking_ids, BOOKING_SCHEMA)
    for contacts in server.contacts_served.values():
        for payload in contacts:
            account("contact", "booking_contacts", payload, contact_ids, CONTACT_SCHEMA)
    duplicated = figures["duplicated"] + sum(n - 1 for n in quarantined.values() if n > 1)
    duplicated += max(0, stored_bookings - len(booking_ids))
    payload_count = figures["booking_payloads"] + figures["contact_payloads"]
    return {
        "payloads": payload_count,
        "actions": payload_count,
        "booking_payloads": figures["booking_payloads"],
        "contact_payloads": figures["contact_payloads"],
        "valid_payloads": figures["booking_valid"] + figures["contact_valid"],
        "crashes": len(tally.crashes),
        "quarantined": figures["quarantined"],
        "reasons_missing": reasons_missing,
        "accepted": figures["accepted"],
        "lost": len(lost),
        "unaccounted": figures["unaccounted"],
        "duplicated": duplicated,
        "rich_text_labels": len(tally.rich),
        "rich_tooltips": tally.rich_tooltips,
        "labels_checked": tally.labels_checked,
        "cells_checked": tally.cells_checked,
        "examples": {
            "crashes": tally.crashes[:EXAMPLES_SHOWN],
            "rich_text": tally.rich[:EXAMPLES_SHOWN],
            "lost": lost[:EXAMPLES_SHOWN],
        },
    }


__all__ = ["ServiceTitanError", "fuzz", "generate"]
