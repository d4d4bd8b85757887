"""The first run: the welcome dialog chooses training mode or a ServiceTitan profile (secret to the keyring),
and "Test connection" names each failure — bad credentials, wrong environment, a missing scope, no network —
against real sandboxes over loopback HTTP."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from csr_console import profiles
from csr_console.api import Environment
from csr_console.app import Target, ask_welcome, target_of
from csr_console.profiles import KEYRING_SERVICE, Connection, load_profiles
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.welcome import WelcomeDialog
from tests.fake_keyring import MemoryKeyring


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """profiles.json goes to a private config directory."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture
def dialog(qtbot: Any, qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> WelcomeDialog:
    dialog = WelcomeDialog(TaskRegistry(), profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def no_flags() -> argparse.Namespace:
    return argparse.Namespace(profile=None, connect=None, training=False, debug=False)


def fill(
    dialog: WelcomeDialog, sandbox: Any, *, client: dict[str, str] | None = None, **changes: str
) -> None:
    fields = {
        "environment": "custom",
        "base_url": sandbox.base_url,
        "tenant": str(sandbox.tenant),
        "app_key": sandbox.app_key,
        "client_id": (client or {}).get("client_id", sandbox.client_id),
        "secret": (client or {}).get("client_secret", sandbox.client_secret),
        **changes,
    }
    dialog.fields.environment_combo.setCurrentIndex(
        dialog.fields.environment_combo.findData(fields["environment"])
    )
    dialog.fields.base_url_edit.setText(fields["base_url"])
    dialog.fields.tenant_edit.setText(fields["tenant"])
    dialog.fields.app_key_edit.setText(fields["app_key"])
    dialog.fields.client_id_edit.setText(fields["client_id"])
    dialog.fields.secret_edit.setText(fields["secret"])


def connection_test(qtbot: Any, dialog: WelcomeDialog) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000) as signal:
        dialog.test_button.click()
    ok, message = signal.args
    assert dialog.message.text() == message
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    return ok, message


def the_welcome(qtbot: Any) -> WelcomeDialog:
    found: list[WelcomeDialog] = []

    def shown() -> bool:
        widgets = QApplication.topLevelWidgets()
        found[:] = [w for w in widgets if isinstance(w, WelcomeDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


# -- the choice, and what the next start does with it ------------------------------------------------------
@pytest.mark.usefixtures("config_home")
def test_the_first_run_asks_and_enter_starts_training_which_is_remembered(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, settings: Settings
) -> None:
    assert target_of(no_flags(), settings) is None  # nothing chosen yet: the welcome dialog asks
    asking = qloop.create_task(ask_welcome(settings))
    welcome = the_welcome(qtbot)
    assert welcome.training_button.isDefault() and welcome.training_button.hasFocus()
    qtbot.keyClick(welcome.training_button, Qt.Key.Key_Return)
    qtbot.waitUntil(asking.done)

    assert asking.result() == Target()
    assert settings.welcome_done is True
    assert target_of(no_flags(), settings) == Target()  # the next start goes straight to training


@pytest.mark.usefixtures("config_home")
def test_closing_the_welcome_starts_nothing_and_asks_again_next_time(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, settings: Settings
) -> None:
    asking = qloop.create_task(ask_welcome(settings))
    the_welcome(qtbot).reject()
    qtbot.waitUntil(asking.done)
    assert asking.result() is None
    assert target_of(no_flags(), settings) is None


def test_connecting_saves_the_profile_with_its_secret_in_the_keyring_only(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    settings: Settings,
    sandbox: Any,
    memory_keyring: MemoryKeyring,
    config_home: Path,
) -> None:
    asking = qloop.create_task(ask_welcome(settings))
    welcome = the_welcome(qtbot)
    fill(welcome, sandbox)
    welcome.connect_button.click()
    qtbot.waitUntil(asking.done, timeout=20_000)

    target = asking.result()
    name = f"tenant-{sandbox.tenant}"
    assert isinstance(target, Target) and target.connection is not None
    assert target.connection.name == name and target.cache_path is not None
    assert memory_keyring.get_password(KEYRING_SERVICE, f"{name}:client_secret") == sandbox.client_secret
    saved = (config_home / "csr-console" / "profiles.json").read_text()
    assert sandbox.client_secret not in saved and name in load_profiles()
    assert settings.last_profile == name
    settings.sync()
    assert sandbox.client_secret not in Path(settings.store.fileName()).read_text()
    again = target_of(no_flags(), settings)  # the next start opens the same profile, secret from the keyring
    assert again is not None and again.connection == target.connection


@pytest.mark.usefixtures("fail_keyring")
def test_without_a_keyring_it_connects_for_this_session_only(
    dialog: WelcomeDialog, qtbot: Any, sandbox: Any, tmp_path: Path
) -> None:
    assert "no keyring" in dialog.keyring_notice.text()
    fill(dialog, sandbox)
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000):
        dialog.connect_button.click()
    qtbot.waitUntil(dialog.session_button.isVisible)
    assert "could not be kept in the keyring" in dialog.message.text()
    assert dialog.isVisible() and dialog.choice is None  # nothing chosen behind the CSR's back
    dialog.session_button.click()

    assert isinstance(dialog.choice, Connection)
    assert dialog.choice.credentials.client_secret == sandbox.client_secret
    assert not (tmp_path / "profiles.json").exists()


def test_missing_fields_are_named_and_nothing_is_sent(
    dialog: WelcomeDialog, qtbot: Any, sandbox: Any
) -> None:
    fill(dialog, sandbox, app_key="", secret="")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog._running)
    assert dialog.message.text() == "Fill in the app key, client secret."


# -- each failure said in words --------------------------------------------------------------------------
@pytest.mark.usefixtures("memory_keyring")
def test_test_connection_says_connected(dialog: WelcomeDialog, qtbot: Any, sandbox: Any) -> None:
    fill(dialog, sandbox)
    ok, message = connection_test(qtbot, dialog)
    assert ok, message
    assert message.startswith(f"Connected: custom issued a token and tenant {sandbox.tenant} answered")
    assert dialog.choice is None and dialog.isVisible()  # testing chooses nothing


def test_a_wrong_secret_is_bad_credentials(dialog: WelcomeDialog, qtbot: Any, sandbox: Any) -> None:
    fill(dialog, sandbox, secret="not-the-secret")
    ok, message = connection_test(qtbot, dialog)
    assert not ok and message.startswith("Bad credentials: custom refused the client id or client secret")
    assert "not-the-secret" not in message


def test_a_missing_scope_is_named(dialog: WelcomeDialog, qtbot: Any, sandbox: Any) -> None:
    crm_only = sandbox.announcement["limited_client"]
    assert "tn.jbce.callreasons:r" not in crm_only["scopes"]
    fill(dialog, sandbox, client=crm_only)
    ok, message = connection_test(qtbot, dialog)
    assert not ok and message.startswith("Missing permission: the server refused with 403")
    assert "tn.jbce.callreasons:r" in message


def test_no_network_is_said(dialog: WelcomeDialog, qtbot: Any, sandbox: Any) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fill(dialog, sandbox, base_url=f"http://127.0.0.1:{port}")
    ok, message = connection_test(qtbot, dialog)
    assert not ok and message.startswith(f"No network: http://127.0.0.1:{port} could not be reached")


def test_credentials_of_the_other_environment_are_said_to_be_so(
    dialog: WelcomeDialog, qtbot: Any, sandbox: Any, sandbox_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Production and Integration are two servers; the credentials typed belong to Integration's."""
    integration = sandbox_factory()
    monkeypatch.setattr(
        profiles,
        "_ENVIRONMENTS",
        {
            "production": Environment("production", sandbox.base_url, sandbox.token_url),
            "integration": Environment("integration", integration.base_url, integration.token_url),
        },
    )
    fill(
        dialog,
        sandbox,
        environment="production",
        client={"client_id": integration.client_id, "client_secret": integration.client_secret},
    )
    ok, message = connection_test(qtbot, dialog)
    assert not ok
    assert message == (
        "Wrong environment: these credentials were issued for Integration, not Production. "
        "Choose Integration as the environment."
    )
    fill(dialog, integration, environment="integration")  # the right choice connects
    ok, message = connection_test(qtbot, dialog)
    assert ok, message


def test_sigterm_while_the_welcome_is_open_quits_cleanly(tmp_path: Path) -> None:
    """A first run that nobody answers (a session logging out) stops on SIGTERM, exit 0, nothing chosen."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in ("DATA", "CONFIG", "CACHE", "STATE")},
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "csr_console"], env=environment, stderr=subprocess.PIPE, text=True
    )
    log = tmp_path / "state" / "csr-console" / "log" / "csr-console.log"
    deadline = time.monotonic() + 60
    while not (log.exists() and "welcome dialog open" in log.read_text()):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert not (tmp_path / "data" / "csr-console" / "training").exists()  # no training sandbox was started
    settings_file = tmp_path / "config" / "csr-console" / "csr-console.conf"
    assert not settings_file.exists() or "welcome_done" not in settings_file.read_text()  # asks again
