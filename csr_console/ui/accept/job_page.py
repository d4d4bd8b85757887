"""The wizard's second step: the job. Job type and business unit come from the booking, or from the
job-type mapping when it is unambiguous; otherwise they wait for the CSR, who is told why. "Unknown" is
never offered: a booking classified so must be reclassified here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from csr_console.domain.enums import Priority
from csr_console.store.queries.job_reference import JobTypeChoice
from csr_console.sync.outbox.drafts import JobDraft, VisitDraft
from csr_console.ui.accept.context import AcceptContext
from csr_console.ui.forms import choice_combo, plain_label, problem_label, select_data, show_problem
from csr_console.ui.words import priority_word


class JobPage(QWizardPage):
    def __init__(self, context: AcceptContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        booking = context.request
        self.setTitle(self.tr("Job"))
        self.setSubTitle(self.tr("What the job is, and which business unit and campaign it belongs to."))

        self.job_type = QComboBox()
        self.job_type.setAccessibleName(self.tr("Job type"))
        self.job_type.setPlaceholderText(self.tr("Choose a job type…"))
        for job_type in context.job_types:
            if not job_type.unknown:
                self.job_type.addItem(job_type.name, job_type.id)
        self.job_type.setCurrentIndex(-1)
        self.mapping_note = plain_label(context.prefill.note)
        self.mapping_note.setObjectName("mapping-note")
        self.business_unit = QComboBox()
        self.business_unit.setAccessibleName(self.tr("Business unit"))
        self.business_unit.setPlaceholderText(self.tr("Choose a business unit…"))
        self.campaign = choice_combo(context.campaigns, self.tr("Choose a campaign…"))
        self.campaign.setAccessibleName(self.tr("Campaign"))
        self.priority = QComboBox()
        self.priority.setAccessibleName(self.tr("Priority"))
        for priority in Priority:
            self.priority.addItem(priority_word(priority), priority)
        self.summary = QPlainTextEdit(booking.summary or "")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTabChangesFocus(True)  # Tab moves on, as in every other field of the wizard
        self.summary.setMaximumHeight(120)
        self.tags = QListWidget()
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setMaximumHeight(90)
        for tag in context.tag_types:
            item = QListWidgetItem(tag.name)
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tags.addItem(item)
        self.problem = problem_label()

        form = QFormLayout()
        page = QVBoxLayout(self)
        page.addLayout(form)
        page.addStretch(1)  # spare height below the fields, not between them
        form.addRow(self.tr("Job &type"), self.job_type)
        form.addRow("", self.mapping_note)
        form.addRow(self.tr("&Business unit"), self.business_unit)
        form.addRow(self.tr("&Campaign"), self.campaign)
        form.addRow(self.tr("&Priority"), self.priority)
        form.addRow(self.tr("&Summary"), self.summary)
        form.addRow(self.tr("Ta&gs"), self.tags)
        form.addRow("", self.problem)

        self.job_type.currentIndexChanged.connect(self._on_job_type)
        select_data(self.job_type, context.prefill.job_type_id)
        self._on_job_type()
        select_data(self.business_unit, context.prefill.business_unit_id)
        select_data(self.campaign, booking.campaign_id)
        chosen = context.job_type(self.job_type.currentData())
        priority = booking.priority or (chosen.priority if chosen else None) or Priority.NORMAL.value
        self.priority.setCurrentIndex(max(0, self.priority.findData(Priority(priority))))
        for combo in (self.business_unit, self.campaign):
            combo.currentIndexChanged.connect(self._changed)
        self.mapping_note.setVisible(bool(context.prefill.note))
        self._changed()

    def chosen_job_type(self) -> JobTypeChoice | None:
        return self.context.job_type(self.job_type.currentData())

    def _on_job_type(self) -> None:
        """Business units narrowed to those that may book the job type (a mismatched pair is refused)."""
        chosen = self.chosen_job_type()
        previous = self.business_unit.currentData()
        allowed = set(chosen.business_unit_ids) if chosen and chosen.business_unit_ids else None
        self.business_unit.blockSignals(True)
        self.business_unit.clear()
        for unit in self.context.business_units:
            if allowed is None or unit.id in allowed:
                self.business_unit.addItem(unit.name, unit.id)
        if not select_data(self.business_unit, previous) and self.business_unit.count() == 1:
            self.business_unit.setCurrentIndex(0)  # the only unit that may book it: no decision to make
        self.business_unit.blockSignals(False)
        self._changed()

    def problems(self) -> list[str]:
        found = []
        if self.job_type.currentData() is None:
            found.append(self.tr("Choose the job type."))
        if self.business_unit.currentData() is None:
            found.append(self.tr("Choose the business unit."))
        if self.campaign.currentData() is None:
            found.append(self.tr("A job needs a campaign: choose where the customer came from."))
        return found

    def _changed(self) -> None:
        show_problem(self.problem, " ".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()

    def tag_type_ids(self) -> tuple[int, ...]:
        return tuple(
            self.tags.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.tags.count())
            if self.tags.item(row).checkState() == Qt.CheckState.Checked
        )

    def draft(self, visit: VisitDraft) -> JobDraft:
        return JobDraft(
            job_type_id=self.job_type.currentData(),
            business_unit_id=self.business_unit.currentData(),
            campaign_id=self.campaign.currentData(),
            priority=Priority(self.priority.currentData()),  # Qt hands enum data back as str
            visit=visit,
            summary=self.summary.toPlainText().strip() or None,
            tag_type_ids=self.tag_type_ids(),
        )

    def restore(self, job: JobDraft) -> None:
        select_data(self.job_type, job.job_type_id)
        select_data(self.business_unit, job.business_unit_id)
        select_data(self.campaign, job.campaign_id)
        self.priority.setCurrentIndex(max(0, self.priority.findData(job.priority)))
        self.summary.setPlainText(job.summary or "")
        for row in range(self.tags.count()):
            item = self.tags.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in job.tag_type_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
