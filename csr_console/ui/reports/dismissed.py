"""DismissedReport: the period's dismissed bookings by source, reason and who dismissed them (from the
audit journal, where this console did), each one's full detail as the CSR saw it (the detail pane),
and re-opening one as a lead in one step: a CreateLead filled from the booking, due for a follow-up at
once, held for the undo time like a dismissal. A lead needs a campaign: for a booking without one the
report asks the main window (`reopenAsLeadRequested`) to let the supervisor pick it in the lead form.

The period's rows are read once in the worker; the filters then pick among them (in the worker too: a
year's are tens of thousands), and keep what is chosen when the rows are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSplitter, QWidget
from sqlalchemy import Engine

from csr_console.domain.contacts import PHONE_TYPES
from csr_console.domain.enums import ContactType, Priority
from csr_console.domain.extra_details import parse_extra_details
from csr_console.store.queries.booking_detail import BookingDetail
from csr_console.store.queries.report_tables import ReportTable, dismissed_table, reason_label
from csr_console.store.queries.reports import (
    OUTSIDE_CONSOLE,
    DismissedBooking,
    DismissedFilter,
    dismissed_bookings,
)
from csr_console.sync.outbox import ActionRefused, CreateLead, InvalidAction
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail_pane import DetailPane
from csr_console.ui.images import ThumbnailLoader
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.table import ReportTableModel, report_view
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.undo import UNDO_HOLD_S

ALL_SOURCES = QT_TRANSLATE_NOOP("DismissedReport", "All sources")
ALL_REASONS = QT_TRANSLATE_NOOP("DismissedReport", "All reasons")
ANYONE = QT_TRANSLATE_NOOP("DismissedReport", "Anyone")
OUTSIDE_LABEL = QT_TRANSLATE_NOOP("DismissedReport", "Outside this console")


@dataclass(frozen=True, slots=True)
class Dismissed:
    """A period's dismissed bookings, what the filters can offer, and the filtered table."""

    rows: tuple[DismissedBooking, ...]
    by_id: dict[int, DismissedBooking]
    sources: tuple[str, ...]
    reasons: tuple[tuple[str, int], ...]  # (label, id), by label
    actors: tuple[str, ...]
    table: ReportTable


def _read(reader: Engine, start: datetime, end: datetime, chosen: DismissedFilter) -> Dismissed:
    with reader.connect() as connection:
        rows = tuple(dismissed_bookings(connection, start, end))
    reasons = {row.reason_id: reason_label(row) for row in rows if row.reason_id is not None}
    return Dismissed(
        rows=rows,
        by_id={row.id: row for row in rows},
        sources=tuple(sorted({row.source for row in rows})),
        reasons=tuple(sorted((str(label), reason) for reason, label in reasons.items())),
        actors=tuple(sorted({row.dismissed_by for row in rows if row.dismissed_by is not None})),
        table=dismissed_table(chosen.apply(rows)),
    )


def _filtered(rows: tuple[DismissedBooking, ...], chosen: DismissedFilter) -> ReportTable:
    return dismissed_table(chosen.apply(rows))


def reopened_lead(detail: BookingDetail, now: datetime) -> CreateLead | None:
    """The lead a dismissed booking becomes again: its campaign, job type and business unit, what the
    customer asked for, their name, first phone, first email and address, due for a follow-up `now`.
    None when the booking has no campaign (a lead needs one)."""
    if detail.campaign_id is None:
        return None
    asked = parse_extra_details(detail.summary).free_text.strip()
    summary = QCoreApplication.translate(
        "DismissedReport", "Re-opened from dismissed booking {id} ({source})"
    ).format(id=detail.id, source=detail.source)
    phones = [c.value for c in detail.contacts if c.type in PHONE_TYPES and c.type != ContactType.FAX.value]
    emails = [c.value for c in detail.contacts if c.type == ContactType.EMAIL.value]
    address = detail.address
    return CreateLead(
        campaign_id=detail.campaign_id,
        summary=f"{summary}: {asked}" if asked else summary,
        follow_up_date=now,
        priority=Priority(detail.priority) if detail.priority in set(Priority) else None,
        business_unit_id=detail.business_unit_id,
        job_type_id=detail.job_type_id,
        name=detail.name.strip() or None,
        phone=phones[0] if phones else None,
        email=emails[0] if emails else None,
        street=address.street,
        unit=address.unit,
        city=address.city,
        state=address.state,
        zip=address.zip,
        country=address.country,
    )


def _fill(combo: QComboBox, every: str, choices: Sequence[tuple[str, object]]) -> None:
    """Offer `every` (None) and `choices`, keeping the choice in force even when it is not among them."""
    chosen, chosen_text = combo.currentData(), combo.currentText()
    if chosen is not None and chosen not in [value for _, value in choices]:
        choices = [*choices, (chosen_text, chosen)]
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("DismissedReport", every), None)
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)


def _combo(name: str, every: str, accessible_name: str) -> QComboBox:
    """A filter: `every` is its "all" item, marked with QT_TRANSLATE_NOOP("DismissedReport", ...)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.addItem(QCoreApplication.translate("DismissedReport", every), None)
    return combo


class DismissedReport(ReportPage):
    #: A booking to re-open as a lead has no campaign (its id): the main window opens the lead form.
    reopenAsLeadRequested = Signal(int)
    #: A lead was enqueued from a booking: (action id, what happened), for the status bar's undo offer.
    leadEnqueued = Signal(str, str)

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        title = QT_TRANSLATE_NOOP("ReportPage", "Dismissed bookings")
        super().__init__(bridge, tasks, parent, title=title, tz=tz)
        self._data: Dismissed | None = None
        self._reopened: set[int] = set()  # bookings re-opened from this report: not twice
        self.source_filter = _combo("source-filter", ALL_SOURCES, self.tr("Source filter"))
        self.reason_filter = _combo("reason-filter", ALL_REASONS, self.tr("Dismiss reason filter"))
        self.who_filter = _combo("who-filter", ANYONE, self.tr("Dismissed by filter"))
        for combo in (self.source_filter, self.reason_filter, self.who_filter):
            combo.activated.connect(self._refilter)
        self.reopen_button = QPushButton(self.tr("Re-open as lead…"))
        self.reopen_button.setToolTip(
            self.tr("Create a lead from the selected booking, due for a follow-up now")
        )
        self.reopen_button.setEnabled(False)
        self.reopen_button.clicked.connect(self._reopen)
        filters = QHBoxLayout()
        for combo in (self.source_filter, self.reason_filter, self.who_filter):
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.reopen_button)

        self.model = ReportTableModel(self.tz, self)
        self.table_view = report_view(self.model, "dismissed-table", self.tr("Dismissed bookings"))
        self.table_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = DetailPane(bridge, tasks, thumbnails=thumbnails)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table_view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.body.addLayout(filters)
        self.body.addWidget(split, 1)

    # -- the filters -----------------------------------------------------------------------------------
    def chosen_filter(self) -> DismissedFilter:
        return DismissedFilter(
            source=self.source_filter.currentData(),
            reason_id=self.reason_filter.currentData(),
            dismissed_by=self.who_filter.currentData(),
        )

    def set_filter(self, chosen: DismissedFilter) -> None:
        """Choose the filters (as a supervisor would, one by one) and show the bookings they let through."""
        for combo, value in (
            (self.source_filter, chosen.source),
            (self.reason_filter, chosen.reason_id),
            (self.who_filter, chosen.dismissed_by),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        self._refilter()

    def _refilter(self) -> None:
        if self.computing:
            # The period's rows may be on their way: read them again with this filter, rather than
            # filter the previous rows (the newest job is the one shown).
            self.refresh()
        elif self._data is not None:
            self.run(partial(_filtered, self._data.rows, self.chosen_filter()), self._show_table)

    # -- results ---------------------------------------------------------------------------------------
    def compute_job(self, start: datetime, end: datetime) -> Callable[[], Dismissed]:
        return partial(_read, self._bridge.reader, start, end, self.chosen_filter())

    def show_result(self, result: Dismissed) -> str:
        self._data = result
        _fill(self.source_filter, ALL_SOURCES, [(source, source) for source in result.sources])
        _fill(self.reason_filter, ALL_REASONS, list(result.reasons))
        who = [(actor, actor) for actor in result.actors]
        if any(row.dismissed_by is None for row in result.rows):
            who.append((QCoreApplication.translate("DismissedReport", OUTSIDE_LABEL), OUTSIDE_CONSOLE))
        _fill(self.who_filter, ANYONE, who)
        return self._show_table(result.table)

    def _show_table(self, table: ReportTable) -> str:
        kept = self.selected_booking_id()
        self.model.set_table(table)
        if kept is None or not self.select_booking(kept):
            self.detail.show_booking(None)
            self._update_reopen()
        total = 0 if self._data is None else len(self._data.rows)
        return self.tr("{shown} of {total} dismissed bookings").format(
            shown=f"{len(table.rows):,}", total=f"{total:,}"
        )

    def export_table(self) -> ReportTable | None:
        """The bookings shown, as filtered and sorted."""
        return None if self._data is None else self.model.shown()

    # -- the selected booking --------------------------------------------------------------------------
    def selected_booking_id(self) -> int | None:
        rows = self.table_view.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.model.raw(rows[0].row(), 0)
        return value if isinstance(value, int) else None

    def select_booking(self, booking_id: int) -> bool:
        """Select the row of `booking_id`; False when it is not shown."""
        for row in range(self.model.rowCount()):
            if self.model.raw(row, 0) == booking_id:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table_view.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
                self.table_view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.detail.show_booking(self.selected_booking_id())
        self._update_reopen()

    def _selected_row(self) -> DismissedBooking | None:
        booking_id = self.selected_booking_id()
        if self._data is None or booking_id is None:
            return None
        return self._data.by_id.get(booking_id)

    def _update_reopen(self) -> None:
        row = self._selected_row()
        # A booking captured as a lead has one already: a second would be a duplicate to follow up.
        self.reopen_button.setEnabled(
            row is not None and not row.captured_as_lead and row.id not in self._reopened
        )

    def _reopen(self) -> None:
        row = self._selected_row()
        detail = self.detail.detail
        if row is None or detail is None or detail.id != row.id:
            return
        action = reopened_lead(detail, datetime.now(UTC))
        if action is None:
            self.reopenAsLeadRequested.emit(row.id)
            return
        try:
            action_id = self._bridge.service.enqueue(action, self._bridge.actor, hold_s=UNDO_HOLD_S)
        except (ActionRefused, InvalidAction) as refused:
            said = self.tr("Could not re-open booking {id} as a lead: {reason}")
            self.status_label.setText(said.format(id=row.id, reason=refused))
            return
        self._reopened.add(row.id)
        self._update_reopen()
        done = self.tr("Re-opened {name} as a lead").format(name=detail.name)
        self.status_label.setText(
            self.tr("{done}: it is in the outbox, due for a follow-up now").format(done=done)
        )
        self.leadEnqueued.emit(action_id, done)

    async def aclose(self) -> None:
        """Close the detail pane's image client (on shutdown, while the loop runs)."""
        await self.detail.aclose()
