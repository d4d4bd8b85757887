"""The detail pane over a cache synced from the seeded sandbox: plain text everywhere, local times,
the partner's fields, the Scheduling Pro session, thumbnails loaded in the background, and contacts
fetched when the booking's were never fetched."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QToolButton
from sqlalchemy import delete, select, update

from csr_console.api import Environment, ServiceTitanClient
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.text import NO_PREFERRED_TIME
from csr_console.ui.detail_pane import DetailPane
from csr_console.ui.images import ThumbnailLoader
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import credentials
from tests.ui.queue_helpers import bridge_over

b = schema.booking.c


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def _pane(qtbot: Any, bridge: SyncBridge, tmp_path: Path, tasks: TaskRegistry | None = None) -> DetailPane:
    tasks = tasks or TaskRegistry()
    pane = DetailPane(bridge, tasks, thumbnails=ThumbnailLoader(tasks, cache_dir=tmp_path / "thumbs"))
    qtbot.addWidget(pane)
    return pane


def _label(pane: DetailPane, name: str) -> QLabel:
    found = pane.findChild(QLabel, name)
    assert found is not None, name
    return found


def _labels(pane: DetailPane, name: str) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel, name)]


def _first(bridge: SyncBridge, *where: Any) -> int:
    """The first booking matching `where` whose contacts are cached (the pane asks for them otherwise,
    and these bridges reach no server)."""
    fetched = b.contacts_synced_at.is_not(None)
    with bridge.reader.connect() as connection:
        found = connection.execute(
            select(b.id).where(b.active, fetched, *where).order_by(b.id).limit(1)
        ).scalar()
    assert found is not None
    return int(found)


def _change(bridge: SyncBridge, booking_id: int, **values: Any) -> None:
    with bridge.db.begin() as connection:
        connection.execute(update(schema.booking).where(b.id == booking_id).values(**values))
    bridge.service.changes.publish("booking", [booking_id])


def test_api_text_is_plain_and_markup_shows_as_typed(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    booking_id = _first(bridge, b.start.is_not(None))
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    markup = "<b>bold</b><script>alert(1)</script>"
    _change(bridge, booking_id, name=markup, summary=f"{markup} leak\n\nTask: <i>AC</i>")  # re-read on change

    assert _label(pane, "name").text() == markup
    assert _label(pane, "summary").text() == f"{markup} leak"
    labels = pane.findChildren(QLabel)
    assert labels and all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
    table = pane.findChild(QTableWidget)
    assert table is not None and table.item(0, 1).text() == "<i>AC</i>"


def test_fields_by_name_local_time_and_no_preferred_time(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    pane = _pane(qtbot, bridge, tmp_path)
    booking_id = _first(bridge, b.start.is_not(None), b.campaign_id.is_not(None))
    pane.show_booking(booking_id)
    detail = pane.detail
    assert detail is not None and detail.start is not None
    local = detail.start.astimezone()
    assert f"{local:%d %b %Y}" in _label(pane, "requested-start").text()
    assert _label(pane, "campaign").text() == detail.campaign_name
    assert _label(pane, "source").text() == detail.source
    assert _label(pane, "first-time").text() in ("Yes", "No", "Unknown")
    assert "after it was booked" in _label(pane, "lag").text()
    assert _labels(pane, "contact-value") == [c.value for c in detail.contacts]

    pane.show_booking(_first(bridge, b.start.is_(None)))
    assert _label(pane, "requested-start").text() == NO_PREFERRED_TIME

    pane.show_booking(None)
    assert pane.detail is None and "Select a booking" in _label(pane, "message").text()


def test_links_are_built_from_the_values(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    booking_id = _first(bridge, b.street.is_not(None))
    with bridge.db.begin() as connection:
        connection.execute(
            delete(schema.booking_contact).where(schema.booking_contact.c.booking_id == booking_id)
        )
        connection.execute(
            schema.booking_contact.insert(),
            [
                {
                    "id": 9_000_001,
                    "booking_id": booking_id,
                    "type": "MobilePhone",
                    "value": "(512) 555-0142",
                    "normalized": "5125550142",
                    "memo": "cell",
                    "modified_on": pane_time(),
                },
                {
                    "id": 9_000_002,
                    "booking_id": booking_id,
                    "type": "Email",
                    "value": "ann+lee@example.com",
                    "normalized": "ann+lee@example.com",
                    "memo": None,
                    "modified_on": pane_time(),
                },
            ],
        )
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    buttons = {button.text(): button for button in pane.findChildren(QToolButton)}
    buttons["Call"].click()
    buttons["Email"].click()
    buttons["Map"].click()
    assert [url.toString() for url in opened[:2]] == ["tel:+15125550142", "mailto:ann%2Blee@example.com"]
    assert opened[2].host() == "www.openstreetmap.org" and opened[2].path() == "/search"
    assert "query=" in opened[2].query()


def pane_time() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_extra_details_table_and_raw_toggle(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    booking_id = _first(bridge, b.summary.like("%Angi Lead ID: %"))
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    table = pane.findChild(QTableWidget)
    assert table is not None and table.isVisibleTo(pane)
    rows = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert {"Angi Lead ID", "Task", "Match type", "Lead fee"} <= set(rows)
    raw = pane.findChild(QPlainTextEdit, "raw-summary")
    assert raw is not None and not raw.isVisibleTo(pane)
    toggle = next(button for button in pane.findChildren(QToolButton) if button.text() == "Show raw text")
    toggle.click()
    assert raw.isVisibleTo(pane)
    assert pane.detail is not None and raw.toPlainText() == pane.detail.summary
    assert toggle.text() == "Hide raw text"


def test_scheduling_pro_session_shows_where_the_customer_stopped(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    s = schema.scheduler_session.c
    with bridge.reader.connect() as connection:
        # Joined: on the session's shared sandbox a session may name a booking made after the sync.
        booking_id = connection.execute(
            select(s.booking_id)
            .join(schema.booking, schema.booking.c.id == s.booking_id)
            .order_by(s.booking_id)
            .limit(1)
        ).scalar()
    assert booking_id is not None
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    session = pane.detail.session if pane.detail else None
    assert session is not None
    assert _label(pane, "session-last-step").text() == session.last_step
    assert _labels(pane, "session-answer") == list(session.customer_responses)
    assert _label(pane, "session-campaign").text() == (session.campaign_name or "Not attributed")
    utm = (session.source_tracking or {}).get("utmSource")
    if utm:
        assert _label(pane, "session-utmSource").text() == utm


# -- thumbnails --------------------------------------------------------------------------------------
def _png() -> bytes:
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def image_server() -> Iterator[str]:
    """A partner's upload server: /photo.png is an image, /notes.txt is not, anything else is 404."""
    png = _png()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = {"/photo.png": (png, "image/png"), "/notes.txt": (b"hello", "text/plain")}.get(
                self.path, (None, "")
            )
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_thumbnails_load_in_the_background_and_failures_show_a_placeholder(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path, image_server: str
) -> None:
    urls = [
        f"{image_server}/photo.png",
        f"{image_server}/gone.jpg",
        f"{image_server}/notes.txt",
        "file:///etc/passwd",
    ]
    booking_id = _first(bridge)
    _change(bridge, booking_id, uploaded_images=urls)
    tasks = TaskRegistry()
    failures: list[str] = []
    tasks.on_failure(lambda name, error: failures.append(name))
    pane = _pane(qtbot, bridge, tmp_path, tasks)
    pane.show_booking(booking_id)
    thumbnails = pane.findChildren(QLabel, "thumbnail")
    assert [label.text() for label in thumbnails] == ["Loading…"] * 4  # nothing blocked on a download

    qtbot.waitUntil(lambda: all(label.property("state") for label in thumbnails))
    assert [label.property("state") for label in thumbnails] == ["loaded", "failed", "failed", "failed"]
    pixmap = thumbnails[0].pixmap()
    assert max(pixmap.width(), pixmap.height()) == 160
    assert all(label.text() == "Image unavailable" for label in thumbnails[1:])
    assert failures == []

    # Cached on disk by URL: a new loader shows it with the partner's server gone.
    assert pane.thumbnails.cache_path(urls[0]).is_file()
    offline = ThumbnailLoader(TaskRegistry(), cache_dir=tmp_path / "thumbs", transport=_refusing())
    with qtbot.waitSignal(offline.loaded) as loaded:
        offline.request(urls[0])
    assert loaded.args[0] == urls[0]
    closing = asyncio.gather(pane.aclose(), offline.aclose())
    qtbot.waitUntil(closing.done)


def _refusing() -> Any:
    import httpx

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    return httpx.MockTransport(refuse)


# -- contacts never fetched --------------------------------------------------------------------------
def test_contacts_never_fetched_are_fetched_when_opened(
    qloop: Any, qtbot: Any, synced_cache: Path, sandbox: Any, tmp_path: Path
) -> None:
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    contact = schema.booking_contact.c
    with bridge.reader.connect() as connection:
        booking_id = connection.execute(
            select(contact.booking_id).order_by(contact.booking_id).limit(1)
        ).scalar()
    assert booking_id is not None
    with db.begin() as connection:
        connection.execute(delete(schema.booking_contact).where(contact.booking_id == booking_id))
        connection.execute(update(schema.booking).where(b.id == booking_id).values(contacts_synced_at=None))
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    assert _label(pane, "contacts-state").text() == "Fetching contacts…"
    qtbot.waitUntil(lambda: bool(_labels(pane, "contact-value")), timeout=20_000)
    assert pane.detail is not None and pane.detail.contacts_synced_at is not None
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done)
    bridge.reader.dispose()
    db.dispose()
