"""The console's main window: the queue beside the booking's detail, the menus every action lives in,
the training banner, the offline banner, the Problems list (failed and conflicting actions) and the
status bar.

The window owns no engine state: it asks to quit (`quitRequested`) and `csr_console.app` shuts down in
order. It tells the engine when the CSR is looking (`set_active`) so polling is fast only then.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csr_console.store.queries.booking_detail import booking_detail, booking_status
from csr_console.store.queries.outbox import OutboxBadge, open_badges
from csr_console.store.queries.queue import QueueView
from csr_console.sync import outbox
from csr_console.sync.changes import ChangeSet
from csr_console.sync.outbox import AcceptBooking, ActionRefused, BookJobFromLead
from csr_console.sync.outbox.actions import CLOSING_KINDS
from csr_console.ui.accept import AcceptContext, AcceptWizard, load_context, load_lead_context
from csr_console.ui.alerts import Alerts
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.credentials_store import SessionSecrets
from csr_console.ui.detail_pane import DetailPane
from csr_console.ui.dismiss_dialog import DismissDialog
from csr_console.ui.help_menu import build_help_menu
from csr_console.ui.leads import LeadDueAlert, LeadsWidget
from csr_console.ui.leads.dialogs import NewLeadDialog
from csr_console.ui.offline_banner import OfflineBanner
from csr_console.ui.phrases import said
from csr_console.ui.problems import WIZARD_KINDS, ProblemsPanel
from csr_console.ui.queue.view import QueueWidget
from csr_console.ui.reports import ReportsWidget
from csr_console.ui.reports.lead_sources import LeadSourcesReport
from csr_console.ui.reports.scheduling_pro import SchedulingProReport
from csr_console.ui.settings import Settings
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.status_bar import StatusBar
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.undo import UndoNotice

TRAINING_BANNER = QT_TRANSLATE_NOOP("MainWindow", "Training mode — simulated company")
#: Bookings a job can still be booked for.
ACCEPTABLE = ("New", "Accepted")
_VIEWS = (
    (QueueView.NEW, QT_TRANSLATE_NOOP("MainWindow", "&New")),
    (QueueView.ACCEPTED, QT_TRANSLATE_NOOP("MainWindow", "&Accepted && Converted")),
    (QueueView.DISMISSED, QT_TRANSLATE_NOOP("MainWindow", "&Dismissed")),
    (QueueView.ALL, QT_TRANSLATE_NOOP("MainWindow", "A&ll")),
)
#: How long a status-bar message (a refused cancel, a failed task) stays.
MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    #: File › Quit or the window's close button: the app shuts down (csr_console.app).
    quitRequested = Signal()

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        settings: Settings,
        *,
        training: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.tasks = tasks
        self.settings = settings
        self.training = training
        #: Secrets the CSR kept for this session only (no keyring): every settings dialog shares them.
        self.session_secrets = SessionSecrets()
        self.setWindowTitle(self.tr("CSR Console — training mode") if training else self.tr("CSR Console"))
        self.resize(1400, 820)

        self.queue = QueueWidget(bridge, parent=self)
        self.detail = DetailPane(bridge, tasks, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([840, 560])  # the detail pane readable from the start, not squeezed
        self.leads = LeadsWidget(bridge, tasks, parent=self)
        self.reports = ReportsWidget(bridge, tasks, parent=self)
        self.scheduling_pro = SchedulingProReport(bridge, tasks)
        self.lead_sources = LeadSourcesReport(bridge, tasks)
        self.reports.add_report(self.scheduling_pro, self.tr("Scheduling Pro"))
        self.reports.add_report(self.lead_sources, self.tr("Lead sources"))
        # The queue, the leads and the supervisor's reports: one page at a time, keys for each.
        self.workspace = QTabWidget(self)
        self.workspace.setDocumentMode(True)
        self.workspace.setAccessibleName(self.tr("Workspace"))
        self.workspace.tabBar().setAccessibleName(self.tr("Workspace pages"))
        pages = (
            (self.splitter, self.tr("Bookings")),
            (self.leads, self.tr("Leads")),
            (self.reports, self.tr("Reports")),
        )
        for page, title in pages:
            self.workspace.addTab(page, title)
        self.banner = self._banner() if training else None
        # Under the training banner: shown only while ServiceTitan cannot be reached.
        self.offline_banner = OfflineBanner(bridge, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(self.offline_banner)
        layout.addWidget(self.workspace, 1)
        self.setCentralWidget(central)
        # Failed and conflicting actions, with their choices: View › Problems, or a click on the
        # status bar's outbox counts.
        self.problems = ProblemsPanel(bridge, self)
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problems-dock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        self.problems.discardRequested.connect(self.cancel_action_id)
        self.problems.reopenAsLeadRequested.connect(self.reopen_problem_as_lead)
        self.problems.retryRequested.connect(self.retry_problem)

        self.status = StatusBar(bridge, self)
        self.setStatusBar(self.status)
        self.status.problemsRequested.connect(self.show_problems)
        # The notice cancels the held action itself; the window only gives it its place.
        self.undo = UndoNotice(bridge, self.status)
        self.status.addWidget(self.undo)
        tasks.on_failure(self._task_failed)

        self._build_actions()
        self._build_menus()
        self.queue.set_context_actions(self.booking_actions)
        self.queue.currentBookingChanged.connect(self._on_current_booking)
        self.queue.bookingActivated.connect(self._open_booking)
        bridge.changed.connect(self._on_changed)
        self._apply_age_thresholds()
        self._apply_cadence()
        settings.settingsChanged.connect(self._on_setting)
        self.alerts = Alerts(bridge, settings, self, parent=self)
        self.alerts.alerted.connect(self._show_alert)
        self.lead_due = LeadDueAlert(bridge, parent=self)
        self.lead_due.due.connect(lambda _count, text: self._show_alert(self.tr("Follow-ups due"), text))
        self.leads.bookJobRequested.connect(self.open_book_job)
        self.leads.bookingRequested.connect(self.show_booking)
        self.leads.actionEnqueued.connect(self.undo.offer)
        self.reports.leadEnqueued.connect(self.undo.offer)
        self.reports.reopenAsLeadRequested.connect(self.reopen_as_lead)
        self._update_booking_actions()

    # -- construction -----------------------------------------------------------------------------
    def _banner(self) -> QLabel:
        banner = QLabel(QCoreApplication.translate("MainWindow", TRAINING_BANNER), self)
        banner.setObjectName("training-banner")
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner.setStyleSheet(
            "QLabel#training-banner { background: #f9a825; color: #1a1a1a; font-weight: bold;"
            " padding: 6px; font-size: 13pt; }"
        )
        banner.setToolTip(
            self.tr("Bookings here come from a simulator: nothing reaches a real ServiceTitan tenant.")
        )
        return banner

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object] | None,
        *,
        window_wide: bool = True,
        page: QWidget | None = None,
    ) -> QAction:
        """An action; its shortcut works anywhere in the window (menus closed), or only within `page`
        (the Leads page has keys of its own: D there dismisses a lead, not the selected booking)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        if page is not None:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.addAction(action)
        elif window_wide:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        preferences = QKeySequence.StandardKey.Preferences
        self.settings_action = self._action(self.tr("&Settings…"), preferences, self.open_settings)
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.quitRequested.emit)

        # The queue's table and search box take Enter and Esc themselves (open, back to the list): as
        # window-wide shortcuts these would steal them. The menus show the keys; Esc also works from the
        # detail pane.
        self.open_action = self._action(self.tr("&Open"), None, self._open_selected, window_wide=False)
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        bookings = self.splitter
        self.accept_action = self._action(self.tr("&Accept…"), "A", lambda: self.open_accept(), page=bookings)
        self.dismiss_action = self._action(
            self.tr("&Dismiss…"), "D", lambda: self.open_dismiss(lead_mode=False), page=bookings
        )
        self.lead_action = self._action(
            self.tr("Capture &lead…"), "L", lambda: self.open_dismiss(lead_mode=True), page=bookings
        )
        self.reclassify_action = self._action(
            self.tr("Re&classify job type…"), "C", self._open_reclassify, page=bookings
        )
        self.retry_action = self._action(self.tr("&Retry failed action"), None, self._retry_action)
        self.reopen_action = self._action(
            self.tr("Re&open accept with its entries…"), None, self.reopen_accept
        )
        self.cancel_action = self._action(self.tr("&Cancel action"), None, self._cancel_action)
        self.booking_actions = [
            self.open_action,
            self.accept_action,
            self.dismiss_action,
            self.lead_action,
            self.reclassify_action,
            self.retry_action,
            self.reopen_action,
            self.cancel_action,
        ]

        self.view_actions: dict[QueueView, QAction] = {}
        views = QActionGroup(self)  # one view checked at a time
        for number, (view, text) in enumerate(_VIEWS, start=1):
            title = QCoreApplication.translate("MainWindow", text)
            action = self._action(title, f"Alt+{number}", partial(self.queue.set_view, view))
            action.setCheckable(True)
            views.addAction(action)
            action.setChecked(view is QueueView.NEW)
            self.view_actions[view] = action
        self.queue.viewChanged.connect(lambda view: self.view_actions[view].setChecked(True))
        self.search_action = self._action(
            self.tr("&Search"), "/", self.queue.focus_search, page=self.splitter
        )
        self.problems_action = self._action(self.tr("&Problems"), "Ctrl+Shift+P", self.show_problems)
        self.problems_action.setToolTip(
            self.tr("Actions that failed or met a conflict, and what to do about them")
        )
        page_titles = (self.tr("&Bookings"), self.tr("L&eads"), self.tr("&Reports"))
        self.page_actions = [
            self._action(text, f"Ctrl+{number}", partial(self.workspace.setCurrentIndex, number - 1))
            for number, text in enumerate(page_titles, start=1)
        ]
        self.back_action = self._action(
            self.tr("&Back to queue"), "Esc", self.queue.focus_table, window_wide=False
        )
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.detail.addAction(self.back_action)

    def _build_menus(self) -> None:
        file_menu = self._menu(self.tr("&File"))
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        booking_menu = self._menu(self.tr("&Booking"))
        booking_menu.addActions(self.booking_actions[:5])
        booking_menu.addSeparator()
        booking_menu.addActions(self.booking_actions[5:])
        leads_menu = self._menu(self.tr("&Leads"))
        leads_menu.addActions(self.leads.actions_for_menu())
        view_menu = self._menu(self.tr("&View"))
        view_menu.addActions(self.page_actions)
        view_menu.addSeparator()
        view_menu.addActions(list(self.view_actions.values()))
        view_menu.addSeparator()
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.back_action)
        view_menu.addSeparator()
        view_menu.addAction(self.problems_action)
        self.help = build_help_menu(self)

    def _menu(self, title: str) -> QMenu:
        menu = self.menuBar().addMenu(title)
        menu.setToolTipsVisible(True)
        return menu

    # -- the booking's actions --------------------------------------------------------------------
    def _open_selected(self) -> None:
        booking_id = self.queue.selected_booking_id()
        if booking_id is not None:
            self._open_booking(booking_id)

    def _open_booking(self, booking_id: int) -> None:
        self.detail.show_booking(booking_id)
        self.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_dismiss(self, *, lead_mode: bool) -> DismissDialog | None:
        booking_id = self.queue.selected_booking_id()
        if booking_id is None:
            return None
        dialog = DismissDialog(
            self.bridge, booking_id, lead_mode=lead_mode, on_enqueued=self.undo.offer, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_accept(self, previous: tuple[str, AcceptBooking] | None = None) -> AcceptWizard | None:
        """The accept wizard for the selected booking (`previous`: a failed accept's id and entries)."""
        booking_id = self.queue.selected_booking_id()
        if booking_id is None:
            return None
        with self.bridge.reader.connect() as connection:
            context = load_context(connection, booking_id)
        if context is None:
            self.status.showMessage(self.tr("This booking is no longer in the cache."), MESSAGE_MS)
            return None
        return self._show_wizard(context, previous)

    def _show_wizard(
        self, context: AcceptContext, previous: tuple[str, AcceptBooking | BookJobFromLead] | None = None
    ) -> AcceptWizard:
        wizard = AcceptWizard(
            self.bridge,
            self.tasks,
            context,
            on_enqueued=lambda _action_id, text: self.status.showMessage(text, MESSAGE_MS),
            previous=previous,
            parent=self,
        )
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def _open_reclassify(self) -> None:
        booking_id = self.queue.selected_booking_id()
        if booking_id is not None:
            self.detail.show_booking(booking_id)
            self.detail.open_reclassify()

    def show_booking(self, booking_id: int) -> None:
        """A booking asked for from elsewhere (the lead it became): the Bookings page shows it."""
        self.workspace.setCurrentIndex(0)
        self.queue.select_booking(booking_id)
        self._open_booking(booking_id)

    def reopen_as_lead(self, booking_id: int) -> NewLeadDialog | None:
        """A dismissed booking the report could not re-open alone (it names no campaign): the new-lead
        form, filled from the booking, for the CSR to complete."""
        with self.bridge.reader.connect() as connection:
            detail = booking_detail(connection, booking_id)
        if detail is None:
            return None
        dialog = self.leads.open_new_lead()
        assert isinstance(dialog, NewLeadDialog)
        dialog.prefill(detail)
        return dialog

    def open_book_job(self, lead_id: int) -> AcceptWizard | None:
        """The accept wizard booking a job from a lead (the lead becomes Converted)."""
        with self.bridge.reader.connect() as connection:
            context = load_lead_context(connection, lead_id)
        if context is None:
            self.status.showMessage(self.tr("This lead is no longer in the cache."), MESSAGE_MS)
            return None
        return self._show_wizard(context)

    def reopen_accept(self) -> AcceptWizard | None:
        """The selected booking's failed or conflicting accept, back in the wizard with its entries."""
        badge = self._selected_badge()
        if badge is None or badge.kind != AcceptBooking.KIND or badge.state not in ("failed", "conflict"):
            return None
        return self.reopen_accept_of(badge.action_id)

    def reopen_accept_of(self, action_id: str) -> AcceptWizard | None:
        """A failed or conflicting accept (or job booked from a lead), back in the wizard with what the
        CSR entered; Finish replaces it."""
        entry = outbox.get_action(self.bridge.db, action_id)
        if entry is None or entry.state.value not in ("failed", "conflict"):
            return None
        action = entry.action
        with self.bridge.reader.connect() as connection:
            if isinstance(action, AcceptBooking):
                context = load_context(connection, action.booking_id)
            elif isinstance(action, BookJobFromLead):
                context = load_lead_context(connection, action.lead_id)
            else:
                return None
        if context is None:
            self.status.showMessage(self._gone_text(entry.target_kind), MESSAGE_MS)
            return None
        return self._show_wizard(context, (entry.id, action))

    def _gone_text(self, target_kind: str) -> str:
        if target_kind == "booking":
            return self.tr("This booking is no longer in the cache.")
        if target_kind == "lead":
            return self.tr("This lead is no longer in the cache.")
        return self.tr("This {kind} is no longer in the cache.").format(kind=target_kind)

    # -- the Problems list --------------------------------------------------------------------------
    def show_problems(self) -> ProblemsPanel:
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.problems.refresh()
        return self.problems

    def retry_problem(self, action_id: str) -> AcceptWizard | None:
        """Retry with changes: an accept in the wizard with its entries; any other failed action as it is."""
        entry = outbox.get_action(self.bridge.db, action_id)
        if entry is None:
            return None
        if entry.kind in WIZARD_KINDS:
            return self.reopen_accept_of(action_id)
        self.retry_action_id(action_id)
        return None

    def reopen_problem_as_lead(self, action_id: str, booking_id: int) -> NewLeadDialog | None:
        """A booking's failed or conflicting action, the booking back as a new lead: once the lead is
        queued, the action it replaces is discarded."""
        dialog = self.reopen_as_lead(booking_id)
        if dialog is not None:
            dialog.accepted.connect(partial(self.cancel_action_id, action_id))
        return dialog

    async def aclose(self) -> None:
        """Release what outlives a hidden window while the loop still runs: the alert clocks and tray
        icon, the status bar's and the queue's reads of the cache (before it is closed), the detail
        pane's image client (QT-NOTES trap 5)."""
        self.alerts.shutdown()
        self.lead_due.shutdown()
        self.status.shutdown()
        self.offline_banner.shutdown()
        self.problems.shutdown()
        self.queue.shutdown()
        self.leads.shutdown()
        self.reports.shutdown()
        self.scheduling_pro.shutdown()
        self.lead_sources.shutdown()
        await self.reports.aclose()
        await self.detail.aclose()

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            self.settings, self.tasks, self, session=self.session_secrets, bridge=self.bridge
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _selected_badge(self) -> OutboxBadge | None:
        booking_id = self.queue.selected_booking_id()
        if booking_id is None:
            return None
        with self.bridge.reader.connect() as connection:
            return open_badges(connection, "booking").get(booking_id)

    def _retry_action(self) -> None:
        badge = self._selected_badge()
        if badge is not None and badge.state == "failed":
            self.retry_action_id(badge.action_id)

    def _cancel_action(self) -> None:
        badge = self._selected_badge()
        if badge is not None:
            self.cancel_action_id(badge.action_id)

    def retry_action_id(self, action_id: str) -> None:
        """Put a failed action back in the queue (the Booking menu's Retry, the Problems list's)."""
        service = self.bridge.service
        self._refusable(
            lambda: outbox.retry(self.bridge.db, action_id, self.bridge.actor, changes=service.changes)
        )
        service.outbox.wake()

    def cancel_action_id(self, action_id: str) -> None:
        """Cancel an action (the Booking menu's Cancel, the Problems list's Discard); a refusal is said."""
        self._refusable(
            lambda: outbox.cancel(
                self.bridge.db, action_id, self.bridge.actor, changes=self.bridge.service.changes
            )
        )

    def _refusable(self, command: Callable[[], None]) -> None:
        try:
            command()
        except ActionRefused as refused:
            self.status.showMessage(said(refused, "OutboxMessages"), MESSAGE_MS)

    def _update_booking_actions(self) -> None:
        selected = self.queue.selected_booking_id() is not None
        badge = self._selected_badge() if selected else None
        for action in (self.open_action, self.dismiss_action, self.lead_action):
            action.setEnabled(selected)
        status = None
        if selected:
            with self.bridge.reader.connect() as connection:
                status = booking_status(connection, self.queue.selected_booking_id() or 0)
        # Closing it is under way: a reclassification after it would only meet our own job.
        closing = badge is not None and badge.kind in CLOSING_KINDS
        self.reclassify_action.setEnabled(status == "New" and not closing)
        self.accept_action.setEnabled(
            status in ACCEPTABLE and (badge is None or badge.kind != AcceptBooking.KIND)
        )
        self.retry_action.setEnabled(badge is not None and badge.state == "failed")
        self.reopen_action.setEnabled(
            badge is not None and badge.kind == AcceptBooking.KIND and badge.state in ("failed", "conflict")
        )
        self.cancel_action.setEnabled(badge is not None and badge.state in ("pending", "failed", "conflict"))

    def _on_current_booking(self, booking_id: int | None) -> None:
        self.detail.show_booking(booking_id)
        self._update_booking_actions()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.of("outbox"):
            self._update_booking_actions()

    # -- settings, failures, focus, quitting ------------------------------------------------------
    def _apply_age_thresholds(self) -> None:
        self.queue.set_age_thresholds(self.settings.age_amber_s, self.settings.age_red_s)

    def _on_setting(self, name: str) -> None:
        if name in ("age_amber_s", "age_red_s"):
            self._apply_age_thresholds()
        elif name in ("cadence_active_s", "cadence_idle_s"):
            self._apply_cadence()

    def _apply_cadence(self) -> None:
        self.bridge.service.set_queue_cadence(self.settings.cadence_active_s, self.settings.cadence_idle_s)

    def _show_alert(self, title: str, text: str) -> None:
        self.status.showMessage(self.tr("{title}: {text}").format(title=title, text=text), MESSAGE_MS)

    def _task_failed(self, name: str, error: BaseException) -> None:
        self.status.showMessage(self.tr("{name} failed: {error}").format(name=name, error=error), MESSAGE_MS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:
            # Fast polling only while the CSR looks at the queue: the tenant's rate limit is shared.
            self.bridge.service.set_active(self.isActiveWindow())
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.quitRequested.emit()
