"""The welcome dialog of the first run: try training mode, or connect to ServiceTitan.

Connecting asks for what ServiceTitan's developer portal gives an app (tenant id, app key, client id and
secret, and the environment they were issued for), tests them with the same check as Settings › Test
connection, and keeps the profile in profiles.json and the secret in the OS keyring. With no keyring on the
computer it says so and offers to connect for this session only (the secret then lives in memory).

Opened with `open()`; the answer is `choice` once `finished` is emitted: `TRAINING`, a `Connection`, or None
(closed: the console does not start). Tasks it runs are cancelled when it closes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.api import Credentials
from csr_console.profiles import Connection, Profile, ProfileError, environment_of
from csr_console.ui.connection_check import check_connection
from csr_console.ui.credential_fields import CredentialFields
from csr_console.ui.credentials_store import CredentialStore, keyring_available, keyring_name
from csr_console.ui.forms import plain_label
from csr_console.ui.phrases import said
from csr_console.ui.tasks import TaskRegistry

#: `choice` when the CSR chose training mode.
TRAINING = "training"


class WelcomeDialog(QDialog):
    #: A connection test ended (Test connection or Connect): success, and the message shown.
    connectionTested = Signal(bool, str)

    def __init__(
        self, tasks: TaskRegistry, parent: QWidget | None = None, *, profiles_path: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to CSR Console"))
        self.setObjectName("welcome")
        self.tasks = tasks
        self.store = CredentialStore(profiles_path)
        self.choice: str | Connection | None = None
        self._running: set[asyncio.Task[Any]] = set()

        intro = plain_label(
            self.tr(
                "CSR Console shows the bookings that arrive online the moment they land, and turns them "
                "into jobs, leads or dismissals. Start with training mode to try it on a simulated company, "
                "or connect it to your ServiceTitan tenant."
            )
        )
        heading = plain_label(self.tr("Welcome to CSR Console"))
        heading.setObjectName("welcome-heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self._training_box(), 1)
        row.addWidget(self._connect_box(), 2)
        layout.addLayout(row)
        self.finished.connect(self._cancel_running)
        self.training_button.setFocus()

    # -- building ----------------------------------------------------------------------------------
    def _training_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Try training mode"))
        text = plain_label(
            self.tr(
                "A simulated company with its customers, technicians and a steady stream of bookings from "
                "every source. Nothing you do reaches ServiceTitan. You can connect later from "
                "File › Settings."
            )
        )
        self.training_button = QPushButton(self.tr("Start training mode"))
        self.training_button.setDefault(True)
        self.training_button.clicked.connect(self._choose_training)
        column = QVBoxLayout(box)
        column.addWidget(text)
        column.addStretch()
        column.addWidget(self.training_button)
        return box

    def _connect_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Connect to ServiceTitan"))
        form = QFormLayout()
        self.fields = CredentialFields(form)

        if keyring_available():
            where = self.tr("The client secret is kept in the system keyring ({name}), never in a file.")
            where = where.format(name=keyring_name())
        else:
            where = self.tr("This computer has no keyring: the secret can be used for this session only.")
        self.keyring_notice = plain_label(where)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(lambda: self._spawn(self._test(), "welcome:test-connection"))
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.clicked.connect(lambda: self._spawn(self._connect(), "welcome:connect"))
        self.session_button = QPushButton(self.tr("Connect for this session only"))
        self.session_button.setVisible(False)
        self.session_button.clicked.connect(self._connect_for_session)
        self.message = plain_label()
        self.message.setObjectName("welcome-message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.session_button)
        buttons.addStretch()
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addWidget(self.keyring_notice)
        column.addLayout(buttons)
        column.addWidget(self.message)
        return box

    # -- reading the form --------------------------------------------------------------------------
    def form_profile(self) -> Profile:
        """The profile the form describes (named after its tenant); raises ProfileError in words."""
        fields = (
            (self.tr("tenant id"), self.fields.tenant_edit),
            (self.tr("app key"), self.fields.app_key_edit),
            (self.tr("client id"), self.fields.client_id_edit),
            (self.tr("client secret"), self.fields.secret_edit),
        )
        missing = [label for label, edit in fields if not edit.text().strip()]
        if missing:
            raise ProfileError(self.tr("Fill in the {fields}.").format(fields=", ".join(missing)))
        environment, base_url = self.fields.environment(), self.fields.base_url()
        if environment == "custom" and not base_url:
            raise ProfileError(self.tr("Fill in the base URL of the shared sandbox."))
        tenant = int(self.fields.tenant_edit.text())
        profile = Profile(
            f"tenant-{tenant}",
            tenant,
            self.fields.app_key_edit.text().strip(),
            self.fields.client_id_edit.text().strip(),
            environment,
            base_url,
        )
        environment_of(profile)  # refuses http:// off this machine, in words
        return profile

    def _connection(self) -> tuple[Profile, str, Connection] | None:
        try:
            profile = self.form_profile()
        except ProfileError as error:
            self._say(said(error, "Profiles"))
            return None
        secret = self.fields.secret_edit.text()
        credentials = Credentials(profile.tenant, profile.app_key, profile.client_id, secret)
        return profile, secret, Connection(profile.name, credentials, environment_of(profile))

    # -- acting --------------------------------------------------------------------------------------
    def _choose_training(self) -> None:
        self.choice = TRAINING
        self.accept()

    async def _checked(self) -> tuple[Profile, str, Connection] | None:
        """The form's connection once the server accepted it; None once the reason is said."""
        filled = self._connection()
        if filled is None:
            return None
        self._set_busy(True)
        self._say(self.tr("Testing {address} …").format(address=filled[2].environment.api_base))
        try:
            result = await check_connection(filled[2])
        finally:
            self._set_busy(False)
        self._say(result.message)
        self.connectionTested.emit(result.ok, result.message)
        return filled if result.ok else None

    async def _test(self) -> None:
        await self._checked()

    async def _connect(self) -> None:
        checked = await self._checked()
        if checked is None:
            return
        profile, secret, connection = checked
        self._set_busy(True)
        try:
            await self.store.save(profile, secret)
        except ProfileError as error:
            self._say(
                self.tr(
                    "The connection works, but the secret could not be kept in the keyring: {why}. "
                    "Connect for this session only, and save the profile later in File › Settings."
                ).format(why=said(error, "Profiles"))
            )
            self.session_button.setVisible(True)
            return
        finally:
            self._set_busy(False)
        self.choice = connection
        self.accept()

    def _connect_for_session(self) -> None:
        filled = self._connection()
        if filled is None:
            return
        self.choice = filled[2]
        self.accept()

    # -- helpers ------------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.test_button, self.connect_button, self.training_button):
            button.setEnabled(not busy)

    def _spawn(self, coroutine: Any, name: str) -> None:
        task = self.tasks.spawn(coroutine, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _cancel_running(self) -> None:
        for task in list(self._running):
            task.cancel()
