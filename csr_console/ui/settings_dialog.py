"""The settings dialog: ServiceTitan profiles (secret to the keyring), "Test connection", the queue's
age thresholds, polling cadence and alerts, and the job-type mapping (kept in the cache, written on OK).

Opened with `open()`, never `exec()` (QT-NOTES trap 2); saving a profile and testing a connection run as
tasks of the TaskRegistry and are cancelled when the dialog closes. Profile fields typed by the CSR and
answers from the server are shown as plain text only.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from csr_console.api import (
    Credentials,
)
from csr_console.profiles import Connection, Profile, ProfileError, environment_of, load_profiles
from csr_console.ui.appearance import scheme_names
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.connection_check import check_connection
from csr_console.ui.credential_fields import CredentialFields
from csr_console.ui.credentials_store import CredentialStore, SessionSecrets, keyring_available, keyring_name
from csr_console.ui.job_type_mapping_editor import JobTypeMappingEditor
from csr_console.ui.phrases import said
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)

_SESSION_MARK = QT_TRANSLATE_NOOP("SettingsDialog", " (this session only)")


def _session_mark() -> str:
    return QCoreApplication.translate("SettingsDialog", _SESSION_MARK)


# -- the dialog -------------------------------------------------------------------------------------
def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SettingsDialog(QDialog):
    #: A profile was saved: its name, and whether its secret is in the keyring (False: this session only).
    profileSaved = Signal(str, bool)
    #: A connection test ended: success, and the message shown.
    connectionTested = Signal(bool, str)

    def __init__(
        self,
        settings: Settings,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        session: SessionSecrets | None = None,
        profiles_path: Path | None = None,
        bridge: SyncBridge | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.tasks = tasks
        #: Secrets kept for this session only; the app passes its own so connections can use them.
        self.session = session if session is not None else SessionSecrets()
        self.profiles_path = profiles_path
        self.store = CredentialStore(profiles_path)
        self._running: set[asyncio.Task[Any]] = set()

        #: The cache the job-type mapping is kept in (None: no console behind the dialog, no mapping tab).
        self.bridge = bridge
        self.tabs = tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("Settings sections"))
        tabs.tabBar().setAccessibleName(self.tr("Settings sections"))
        tabs.addTab(self._profiles_tab(), self.tr("Profiles"))
        tabs.addTab(self._queue_tab(), self.tr("Queue and alerts"))
        self.mapping_editor = JobTypeMappingEditor(bridge.reader) if bridge is not None else None
        if self.mapping_editor is not None:
            tabs.addTab(self.mapping_editor, self.tr("Job-type mapping"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

        self.accepted.connect(self._apply)
        self.finished.connect(self._cancel_running)
        self._load_profiles()
        self._show_keyring_state()

    # -- building ----------------------------------------------------------------------------------
    def _profiles_tab(self) -> QWidget:
        self.profile_list = QListWidget()
        self.profile_list.setAccessibleName(self.tr("Profiles"))
        self.profile_list.currentTextChanged.connect(self._select_profile)
        self.new_button = QPushButton(self.tr("New profile"))
        self.new_button.clicked.connect(self._new_profile)

        self.name_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        self.fields = CredentialFields(form)

        self.keyring_notice = _plain_label()
        self.session_button = QPushButton(self.tr("Keep the secret for this session only"))
        self.session_button.clicked.connect(self._keep_for_session)
        self.save_button = QPushButton(self.tr("Save profile"))
        self.save_button.clicked.connect(self._save_clicked)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self._test_clicked)
        self.message = _plain_label()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Named for what it is; the words it shows are its description (see `_say`).
        self.message.setAccessibleName(self.tr("Profile message"))

        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.session_button)
        actions.addWidget(self.test_button)
        actions.addStretch()

        left = QVBoxLayout()
        left.addWidget(self.profile_list)
        left.addWidget(self.new_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.keyring_notice)
        right.addLayout(actions)
        right.addWidget(self.message)
        right.addStretch()
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.addLayout(left, 1)
        row.addLayout(right, 2)
        return tab

    def _queue_tab(self) -> QWidget:
        s = self.settings
        self.amber_spin = QSpinBox()
        self.amber_spin.setRange(10, 3600)
        self.amber_spin.setSuffix(self.tr(" s"))
        self.red_spin = QSpinBox()
        self.red_spin.setRange(11, 7200)
        self.red_spin.setSuffix(self.tr(" s"))
        # Red always comes after amber: the minimum follows amber.
        self.amber_spin.valueChanged.connect(lambda amber: self.red_spin.setMinimum(amber + 1))
        self.amber_spin.setValue(s.age_amber_s)
        self.red_spin.setValue(s.age_red_s)
        self.active_spin = QDoubleSpinBox()
        self.active_spin.setRange(1.0, 60.0)
        self.active_spin.setSuffix(self.tr(" s"))
        self.active_spin.setValue(s.cadence_active_s)
        self.idle_spin = QDoubleSpinBox()
        self.idle_spin.setRange(5.0, 600.0)
        self.idle_spin.setSuffix(self.tr(" s"))
        self.idle_spin.setValue(s.cadence_idle_s)
        self.sound_check = QCheckBox(self.tr("Play a sound"))
        self.sound_check.setChecked(s.alert_sound)
        self.notification_check = QCheckBox(self.tr("Show a desktop notification"))
        self.notification_check.setChecked(s.alert_notification)
        self.focused_check = QCheckBox(self.tr("Alert also while the console has the focus"))
        self.focused_check.setChecked(s.alert_when_focused)
        self.scheme_combo = QComboBox()
        for scheme, label in scheme_names():
            self.scheme_combo.addItem(label, str(scheme))
        self.scheme_combo.setCurrentIndex(max(0, self.scheme_combo.findData(s.colour_scheme)))

        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(self.tr("Age turns amber at"), self.amber_spin)
        form.addRow(self.tr("Age turns red at"), self.red_spin)
        form.addRow(self.tr("Poll every (window active)"), self.active_spin)
        form.addRow(self.tr("Poll every (idle)"), self.idle_spin)
        form.addRow(self.tr("When a booking arrives or turns red"), self.sound_check)
        form.addRow("", self.notification_check)
        form.addRow("", self.focused_check)
        form.addRow(self.tr("Light or dark"), self.scheme_combo)
        return tab

    def accept(self) -> None:
        """OK: the mapping is written to the cache first; if it cannot be, the dialog stays open on it."""
        if self.mapping_editor is not None and self.bridge is not None:
            try:
                self.mapping_editor.save(self.bridge.db)
            except ValueError as error:
                self._mapping_not_saved(str(error))
                return
            except SQLAlchemyError as error:
                log.warning("the job-type mapping could not be written to the cache: %s", error)
                self._mapping_not_saved(
                    self.tr("the cache could not be written ({error}); try again").format(
                        error=type(error).__name__
                    )
                )
                return
        super().accept()

    def _mapping_not_saved(self, why: str) -> None:
        assert self.mapping_editor is not None
        self.mapping_editor.show_problem(self.tr("The job-type mapping was not saved: {why}").format(why=why))
        self.tabs.setCurrentWidget(self.mapping_editor)

    # -- queue and alerts --------------------------------------------------------------------------
    def _apply(self) -> None:
        s = self.settings
        s.age_amber_s = self.amber_spin.value()
        s.age_red_s = self.red_spin.value()
        s.cadence_active_s = self.active_spin.value()
        s.cadence_idle_s = self.idle_spin.value()
        s.alert_sound = self.sound_check.isChecked()
        s.alert_notification = self.notification_check.isChecked()
        s.alert_when_focused = self.focused_check.isChecked()
        s.colour_scheme = str(self.scheme_combo.currentData())
        s.sync()

    # -- profiles ----------------------------------------------------------------------------------
    def _load_profiles(self) -> None:
        try:
            saved = load_profiles(self.profiles_path)
        except ProfileError as error:
            saved = {}
            self._say(said(error, "Profiles"))
        self._profiles = {**saved, **self.session.profiles()}
        self.profile_list.clear()
        for name in sorted(self._profiles):
            in_session = name in self.session.profiles()
            self.profile_list.addItem(name + (_session_mark() if in_session else ""))

    def _select_profile(self, text: str) -> None:
        profile = self._profiles.get(text.removesuffix(_session_mark()))
        if profile is None:
            return
        self.name_edit.setText(profile.name)
        self.fields.environment_combo.setCurrentIndex(
            self.fields.environment_combo.findData(profile.environment)
        )
        self.fields.base_url_edit.setText(profile.base_url or "")
        self.fields.tenant_edit.setText(str(profile.tenant))
        self.fields.app_key_edit.setText(profile.app_key)
        self.fields.client_id_edit.setText(profile.client_id)
        self.fields.secret_edit.clear()
        self.fields.secret_edit.setPlaceholderText(self.tr("unchanged (kept safe; type to replace it)"))

    def _new_profile(self) -> None:
        self.profile_list.setCurrentRow(-1)
        edits = (
            self.name_edit,
            self.fields.base_url_edit,
            self.fields.tenant_edit,
            self.fields.app_key_edit,
            self.fields.client_id_edit,
        )
        for edit in (*edits, self.fields.secret_edit):
            edit.clear()
        self.fields.secret_edit.setPlaceholderText("")
        self.fields.environment_combo.setCurrentIndex(0)
        self.name_edit.setFocus()

    def _show_keyring_state(self, *, refused: bool = False) -> None:
        """Say where secrets go; without a usable keyring, offer to keep this one for the session only."""
        available = keyring_available()
        if available and not refused:
            self.keyring_notice.setText(
                self.tr("Client secrets are kept in the system keyring ({keyring}).").format(
                    keyring=keyring_name()
                )
            )
        else:
            problem = (
                self.tr("The system keyring ({keyring}) refused the client secret").format(
                    keyring=keyring_name()
                )
                if available
                else self.tr(
                    "No system keyring is available on this computer, so the client secret cannot be saved"
                )
            )
            self.keyring_notice.setText(
                self.tr(
                    "{problem}. You can keep it for this session only: it stays in memory and is forgotten "
                    "when the console quits (the profile too). Nothing is written to disk."
                ).format(problem=problem)
            )
        self.session_button.setVisible(refused or not available)

    def form_profile(self) -> Profile:
        """The profile the form describes; raises ProfileError saying what is missing."""
        name = self.name_edit.text().strip()
        tenant = self.fields.tenant_edit.text().strip()
        app_key = self.fields.app_key_edit.text().strip()
        client_id = self.fields.client_id_edit.text().strip()
        missing = [
            label
            for label, value in (
                (self.tr("name"), name),
                (self.tr("tenant id"), tenant),
                (self.tr("app key"), app_key),
                (self.tr("client id"), client_id),
            )
            if not value
        ]
        if missing:
            raise ProfileError(self.tr("Fill in the {fields}.").format(fields=", ".join(missing)))
        profile = Profile(
            name, int(tenant), app_key, client_id, self.fields.environment(), self.fields.base_url()
        )
        environment_of(profile)  # an unusable environment or URL is said now, not at the next start
        return profile

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)

    def _spawn(self, coroutine: Any, name: str) -> None:
        task = self.tasks.spawn(coroutine, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _save_clicked(self) -> None:
        self._spawn(self._save(), "settings:save-profile")

    async def _form_with_secret(self) -> tuple[Profile, str] | None:
        """The profile in the form and its secret; None once the reason is said (a field, no secret)."""
        try:
            profile = self.form_profile()
        except ProfileError as error:
            self._say(said(error, "Profiles"))
            return None
        secret = await self._secret_for(profile.name)
        return None if secret is None else (profile, secret)

    async def _save(self) -> None:
        filled = await self._form_with_secret()
        if filled is None:
            return
        profile, secret = filled
        self.save_button.setEnabled(False)
        try:
            await self.store.save(profile, secret)
        except ProfileError as error:
            self._say(self.tr("Not saved: {error}.").format(error=said(error, "Profiles")))
            # form_profile() checked the rest: what save_profile refuses now is the keyring.
            self._show_keyring_state(refused=True)
            return
        finally:
            self.save_button.setEnabled(True)
        self.session.forget(profile.name)
        self._after_save(
            profile.name,
            in_keyring=True,
            text=self.tr("Saved {name}; its secret is in the keyring.").format(name=repr(profile.name)),
        )

    def _keep_for_session(self) -> None:
        try:
            profile = self.form_profile()
        except ProfileError as error:
            self._say(said(error, "Profiles"))
            return
        secret = self.fields.secret_edit.text()
        if not secret:
            self._say(self.tr("Type the client secret to keep for this session."))
            return
        self.session.keep(profile, secret)
        self._after_save(
            profile.name,
            in_keyring=False,
            text=self.tr("{name} and its secret are kept for this session only (in memory).").format(
                name=repr(profile.name)
            ),
        )

    def _after_save(self, name: str, *, in_keyring: bool, text: str) -> None:
        self.fields.secret_edit.clear()
        self._load_profiles()
        self._say(text)
        self.profileSaved.emit(name, in_keyring)

    async def _secret_for(self, name: str) -> str | None:
        """The secret typed, else the one a saved or session profile of that name holds (None, said)."""
        typed = self.fields.secret_edit.text()
        if typed:
            return typed
        kept = self.session.connection(name)
        if kept is not None:
            return kept.credentials.client_secret
        if name not in self._profiles:
            self._say(self.tr("Type the client secret: a new profile needs one."))
            return None
        try:
            return (await self.store.connection(name)).credentials.client_secret
        except ProfileError as error:
            self._say(said(error, "Profiles"))
            return None

    def _test_clicked(self) -> None:
        self._spawn(self._test(), "settings:test-connection")

    async def _test(self) -> None:
        filled = await self._form_with_secret()
        if filled is None:
            return
        profile, secret = filled
        credentials = Credentials(profile.tenant, profile.app_key, profile.client_id, secret)
        connection = Connection(profile.name, credentials, environment_of(profile))
        self.test_button.setEnabled(False)
        self._say(self.tr("Testing {url} …").format(url=connection.environment.api_base))
        try:
            result = await check_connection(connection)
        finally:
            self.test_button.setEnabled(True)
        self._say(result.message)
        self.connectionTested.emit(result.ok, result.message)

    def _cancel_running(self) -> None:
        # A test of a slow server must not outlive the dialog, nor touch its widgets afterwards.
        for task in list(self._running):
            task.cancel()
