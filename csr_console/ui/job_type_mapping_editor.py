"""The job-type mapping editor of the settings dialog: one row per (source, standard job type), and under
the table the selected row's source, standard job type, and the job types and business units it maps to
(several of each may be checked: the console then leaves that field to the CSR).

The Unknown job type is not offered: it is never a mapping's answer. Ids the cache does not know (a job
type made inactive since) are kept and shown as such rather than dropped unseen. Names come from the
server and the CSR: every widget shows them as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from csr_console.domain.job_type_mapping import MappingEntry
from csr_console.store.queries.choices import Choice
from csr_console.store.queries.job_reference import business_units, job_types
from csr_console.store.queries.job_type_mapping import mapping_entries, provider_tag_names, replace_mapping
from csr_console.ui.forms import plain_label, problem_label, show_problem

COLUMNS = (
    QT_TRANSLATE_NOOP("JobTypeMappingEditor", "Source"),
    QT_TRANSLATE_NOOP("JobTypeMappingEditor", "Standard job type"),
    QT_TRANSLATE_NOOP("JobTypeMappingEditor", "Job types"),
    QT_TRANSLATE_NOOP("JobTypeMappingEditor", "Business units"),
)


def _names(ids: Iterable[int], names: dict[int, str], missing: str) -> str:
    """`missing`: what an id the cache does not know is called, with an {id} placeholder."""
    return ", ".join(names.get(i, missing.format(id=i)) for i in ids)


class JobTypeMappingEditor(QWidget):
    def __init__(self, reader: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with reader.connect() as connection:
            types = [t for t in job_types(connection) if not t.unknown]
            units = business_units(connection)
            sources = provider_tag_names(connection)
            self._saved = mapping_entries(connection)
        self._job_types = [Choice(t.id, t.name) for t in types]
        self._units = units
        self._job_type_names = {c.id: c.name for c in self._job_types}
        self._unit_names = {c.id: c.name for c in units}
        self._entries = list(self._saved)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("JobTypeMappingEditor", column) for column in COLUMNS]
        )
        self.table.setAccessibleName(self.tr("Job-type mapping"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_entry(row))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove)

        self.source_combo = QComboBox()
        self.source_combo.setEditable(True)  # a partner may send bookings under a source with no tag yet
        self.source_combo.addItems(sorted({*sources, *(e.source for e in self._entries)}))
        self.source_combo.currentTextChanged.connect(self._form_changed)
        self.standard_edit = QLineEdit()
        self.standard_edit.setPlaceholderText(
            self.tr("as the partner writes it, e.g. Repair central air conditioning")
        )
        self.standard_edit.textChanged.connect(self._form_changed)
        self.job_type_list = QListWidget()
        self.job_type_list.setAccessibleName(self.tr("Job types"))
        self.job_type_list.itemChanged.connect(self._form_changed)
        self.unit_list = QListWidget()
        self.unit_list.setAccessibleName(self.tr("Business units"))
        self.unit_list.itemChanged.connect(self._form_changed)
        self.problem = problem_label("mapping-problem")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.addRow(self.tr("Source"), self.source_combo)
        form.addRow(self.tr("Standard job type"), self.standard_edit)
        lists = QHBoxLayout()
        lists.addWidget(self.job_type_list)
        lists.addWidget(self.unit_list)
        form.addRow(self.tr("Job types / business units"), lists)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "How each source's own name for the work maps to your job types and business units. "
                    "A booking is prefilled only when its entry names one job type (or one business unit); "
                    "with several the CSR chooses."
                )
            )
        )
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.form, 3)
        layout.addWidget(self.problem)

        for row in range(len(self._entries)):
            self._insert_row(row)
        self.table.setCurrentCell(0 if self._entries else -1, 0)
        self._show_entry(self.table.currentRow())

    # -- what the editor holds ---------------------------------------------------------------------
    def entries(self) -> list[MappingEntry]:
        return list(self._entries)

    @property
    def modified(self) -> bool:
        return self._entries != self._saved

    def problems(self) -> str:
        """What keeps the mapping from being saved, in words; empty when nothing does."""
        if any(not e.source.strip() or not e.standard_job_type.strip() for e in self._entries):
            return self.tr("Each entry needs a source and a standard job type.")
        seen: set[tuple[str, str]] = set()
        for entry in self._entries:
            if entry.key in seen:
                return self.tr("{source}'s '{standard}' is in the mapping twice.").format(
                    source=entry.source, standard=entry.standard_job_type
                )
            seen.add(entry.key)
        return ""

    def save(self, db: Engine) -> None:
        """Write the mapping to the cache in one transaction, when it changed (ValueError: problems())."""
        if self.problems():
            raise ValueError(self.problems())
        if not self.modified:
            return
        with db.begin() as connection:
            replace_mapping(connection, self._entries)
        self._saved = list(self._entries)

    def show_problem(self, text: str) -> None:
        show_problem(self.problem, text)

    # -- the table ---------------------------------------------------------------------------------
    def _texts(self, entry: MappingEntry) -> tuple[str, str, str, str]:
        return (
            entry.source,
            entry.standard_job_type,
            _names(entry.job_type_ids, self._job_type_names, self._missing_job_type()),
            _names(entry.business_unit_ids, self._unit_names, self._missing_unit()),
        )

    def _missing_job_type(self) -> str:
        return self.tr("job type {id} (not in the cache)")

    def _missing_unit(self) -> str:
        return self.tr("business unit {id} (not in the cache)")

    def _insert_row(self, row: int) -> None:
        self.table.insertRow(row)
        for column, text in enumerate(self._texts(self._entries[row])):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _refresh_row(self, row: int) -> None:
        for column, text in enumerate(self._texts(self._entries[row])):
            item = self.table.item(row, column)
            if item is not None:
                item.setText(text)

    def _add(self) -> None:
        # The selected entry's source: entries are usually added a few for one source at a time.
        self._entries.append(MappingEntry(self.source_combo.currentText(), "", (), ()))
        row = len(self._entries) - 1
        self._insert_row(row)
        self.table.setCurrentCell(row, 0)
        self.standard_edit.setFocus()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        del self._entries[row]
        self.table.removeRow(row)  # moves the current cell, which shows the next entry
        self._show_entry(self.table.currentRow())

    # -- the selected entry's form -----------------------------------------------------------------
    def _show_entry(self, row: int) -> None:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        self.form.setEnabled(entry is not None)
        self.remove_button.setEnabled(entry is not None)
        widgets = (self.source_combo, self.standard_edit, self.job_type_list, self.unit_list)
        for widget in widgets:
            widget.blockSignals(True)
        self.source_combo.setCurrentText(entry.source if entry else "")
        self.standard_edit.setText(entry.standard_job_type if entry else "")
        _fill(
            self.job_type_list, self._job_types, entry.job_type_ids if entry else (), self._missing_job_type()
        )
        _fill(self.unit_list, self._units, entry.business_unit_ids if entry else (), self._missing_unit())
        for widget in widgets:
            widget.blockSignals(False)
        self.show_problem(self.problems())

    def _form_changed(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._entries):
            return
        self._entries[row] = replace(
            self._entries[row],
            source=self.source_combo.currentText().strip(),
            standard_job_type=self.standard_edit.text().strip(),
            job_type_ids=_checked(self.job_type_list),
            business_unit_ids=_checked(self.unit_list),
        )
        self._refresh_row(row)
        self.show_problem(self.problems())


def _fill(widget: QListWidget, choices: Sequence[Choice], checked: Sequence[int], missing: str) -> None:
    """The choices as checkable items, those of `checked` ticked; checked ids the cache does not know
    come first, ticked, so that saving keeps them unless the CSR unticks them."""
    widget.clear()
    known = {c.id for c in choices}
    unknown = [Choice(i, missing.format(id=i)) for i in checked if i not in known]
    for choice in (*unknown, *choices):
        item = QListWidgetItem(choice.name)
        item.setData(Qt.ItemDataRole.UserRole, choice.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if choice.id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def _checked(widget: QListWidget) -> tuple[int, ...]:
    items = (widget.item(i) for i in range(widget.count()))
    return tuple(
        int(item.data(Qt.ItemDataRole.UserRole))
        for item in items
        if item is not None and item.checkState() == Qt.CheckState.Checked
    )
