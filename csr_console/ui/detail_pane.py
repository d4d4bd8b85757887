"""DetailPane: one booking, read from the cache and read again when the engine says it changed.

The pane is rebuilt from a fresh BookingDetail on every change of its booking (a handful of widgets:
cheaper and simpler than patching each), keeping the scroll position. Contacts never fetched are asked
for once when the booking is opened; images load in the background (images.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from csr_console.api import ServiceTitanError
from csr_console.domain.enums import BookingStatus
from csr_console.domain.extra_details import parse_extra_details
from csr_console.store.queries.booking_detail import BookingDetail, booking_detail
from csr_console.sync.changes import ChangeSet
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.sections import (
    ExtraDetailsView,
    actions_box,
    contact_row,
    facts_form,
    session_box,
)
from csr_console.ui.detail.text import (
    action_button,
    delivery_lag,
    local_time,
    map_url,
    one_line_address,
    open_url,
    plain,
    requested_start,
)
from csr_console.ui.images import THUMBNAIL_SIZE, ThumbnailLoader
from csr_console.ui.queue.marks import mark_icon
from csr_console.ui.reclassify_dialog import ReclassifyDialog
from csr_console.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)

MARK_SIZE = 32


class DetailPane(QWidget):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self._booking_id: int | None = None
        self._detail: BookingDetail | None = None
        #: Bookings whose contacts were asked for (once per pane: a booking with none stays without).
        self._contacts_asked: set[int] = set()
        self._contacts_problem: dict[int, str] = {}
        self._thumbnail_labels: dict[str, QLabel] = {}
        self.thumbnails = thumbnails or ThumbnailLoader(tasks, parent=self)
        self.thumbnails.loaded.connect(self._thumbnail_loaded)
        self.thumbnails.failed.connect(self._thumbnail_failed)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setAccessibleName(self.tr("Booking details"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        bridge.changed.connect(self._on_changed)
        self._show_message(self.tr("Select a booking to see its details."))

    @property
    def booking_id(self) -> int | None:
        return self._booking_id

    @property
    def detail(self) -> BookingDetail | None:
        """What the pane shows now (None: nothing, or a booking no longer in the cache)."""
        return self._detail

    def open_reclassify(self) -> ReclassifyDialog | None:
        """The reclassify dialog of the booking shown, opened (not run: QT-NOTES trap 2)."""
        if self._detail is None:
            return None
        dialog = ReclassifyDialog(self._bridge, self._detail.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _reclassify_clicked(self) -> None:
        self.open_reclassify()

    def show_booking(self, booking_id: int | None) -> None:
        scroll_to_top = booking_id != self._booking_id
        self._booking_id = booking_id
        self._refresh(keep_scroll=not scroll_to_top)

    async def aclose(self) -> None:
        """Close the thumbnail loader's HTTP client (on shutdown, while the loop runs)."""
        await self.thumbnails.aclose()

    # -- reading -------------------------------------------------------------------------------------
    def _on_changed(self, changes: ChangeSet) -> None:
        if self._booking_id is None:
            return
        session = self._detail.session if self._detail else None
        if (
            self._booking_id in changes.of("booking")
            or changes.of("reference")  # a renamed campaign, job type...
            or (session is not None and session.id in changes.of("session"))
        ):
            self._refresh(keep_scroll=True)

    def _refresh(self, *, keep_scroll: bool) -> None:
        if self._booking_id is None:
            self._detail = None
            self._show_message(self.tr("Select a booking to see its details."))
            return
        with self._bridge.reader.connect() as connection:
            self._detail = booking_detail(connection, self._booking_id)
        if self._detail is None:
            self._show_message(self.tr("This booking is no longer in the cache."))
            return
        position = self._scroll.verticalScrollBar().value()
        self._scroll.setWidget(self._build(self._detail))
        self._scroll.verticalScrollBar().setValue(position if keep_scroll else 0)
        self._ask_for_contacts(self._detail)

    def _ask_for_contacts(self, detail: BookingDetail) -> None:
        if detail.contacts or detail.contacts_synced_at is not None or detail.id in self._contacts_asked:
            return
        self._contacts_asked.add(detail.id)
        self._tasks.spawn(self._fetch_contacts(detail.id), name=f"contacts of booking {detail.id}")

    async def _fetch_contacts(self, booking_id: int) -> None:
        try:
            await self._bridge.service.fetch_booking_contacts(booking_id)
        except ServiceTitanError as error:  # the engine logged it and updated connectivity
            self._contacts_problem[booking_id] = self.tr("Contacts could not be fetched: {error}").format(
                error=error
            )
        if booking_id == self._booking_id:
            self._refresh(keep_scroll=True)

    # -- building ------------------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self._thumbnail_labels = {}
        message = plain(text, name="message")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scroll.setWidget(message)

    def _build(self, detail: BookingDetail) -> QWidget:
        self._thumbnail_labels = {}
        content = QWidget()
        layout = QVBoxLayout(content)

        header = QHBoxLayout()
        mark = plain("")
        mark.setPixmap(mark_icon(detail.source).pixmap(MARK_SIZE, MARK_SIZE))
        mark.setAccessibleName(self.tr("{source} mark").format(source=detail.source))
        header.addWidget(mark)
        header.addWidget(plain(detail.source, name="source"), 1)
        header.addWidget(plain(detail.status, name="status"))
        layout.addLayout(header)

        name = plain(detail.name, name="name")
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        name.setFont(font)
        layout.addWidget(name)

        when = QFormLayout()
        when.addRow(plain(self.tr("Requested")), plain(requested_start(detail.start), name="requested-start"))
        when.addRow(plain(self.tr("Booked")), plain(local_time(detail.created_on), name="booked"))
        when.addRow(plain(self.tr("Reached us")), plain(delivery_lag(detail.lag_ms), name="lag"))
        layout.addLayout(when)

        layout.addWidget(self._contacts_box(detail))
        layout.addWidget(self._address_box(detail))
        layout.addWidget(self._summary_box(detail))
        if detail.uploaded_images:
            layout.addWidget(self._images_box(detail.uploaded_images))
        facts = QGroupBox(self.tr("Booking"))
        # Only a booking still to be worked is reclassified: a closed one's job type is history.
        reclassify = self._reclassify_clicked if detail.status == BookingStatus.NEW.value else None
        facts.setLayout(facts_form(detail, reclassify=reclassify))
        layout.addWidget(facts)
        if detail.session is not None:
            layout.addWidget(session_box(detail.session))
        if detail.actions:
            layout.addWidget(actions_box(detail.actions))
        layout.addStretch(1)
        return content

    def _contacts_box(self, detail: BookingDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Contacts"))
        layout = QVBoxLayout(box)
        for contact in detail.contacts:
            layout.addWidget(contact_row(contact))
        if not detail.contacts:
            if detail.id in self._contacts_problem:
                text = self._contacts_problem[detail.id]
            elif detail.contacts_synced_at is None:
                text = self.tr("Fetching contacts…")
            else:
                text = self.tr("No contacts")
            layout.addWidget(plain(text, name="contacts-state"))
        return box

    def _address_box(self, detail: BookingDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Address"))
        layout = QHBoxLayout(box)
        address = one_line_address(detail.address)
        layout.addWidget(plain(address or self.tr("No address"), name="address"), 1)
        if address:
            layout.addWidget(
                action_button(
                    self.tr("Map"),
                    self.tr("Open the address on OpenStreetMap"),
                    lambda: open_url(map_url(address)),
                )
            )
        return box

    def _summary_box(self, detail: BookingDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Summary"))
        layout = QVBoxLayout(box)
        parsed = parse_extra_details(detail.summary)
        layout.addWidget(plain(parsed.free_text or self.tr("No summary"), name="summary"))
        if detail.summary:
            layout.addWidget(ExtraDetailsView(detail.summary, parsed))
        return box

    def _images_box(self, urls: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(self.tr("Images"))
        layout = QHBoxLayout(box)
        for url in urls:
            label = QLabel(self.tr("Loading…"))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setObjectName("thumbnail")
            label.setFixedSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._thumbnail_labels[url] = label
            layout.addWidget(label)
        layout.addStretch(1)
        for url in urls:
            self.thumbnails.request(url)
        return box

    def _thumbnail_loaded(self, url: str, image: QImage) -> None:
        label = self._thumbnail_labels.get(url)
        if label is not None:  # else: the CSR moved on to another booking meanwhile
            label.setPixmap(QPixmap.fromImage(image))
            label.setProperty("state", "loaded")

    def _thumbnail_failed(self, url: str, reason: str) -> None:
        label = self._thumbnail_labels.get(url)
        if label is not None:
            label.setText(self.tr("Image unavailable"))
            label.setToolTip(self.tr("This image {reason}.").format(reason=reason))
            label.setProperty("state", "failed")
