"""The settings dialog: profiles saved with the secret in the keyring only (a fake one here), the
session-only offer when there is no keyring, "Test connection" against the sandbox, and the queue's
thresholds and alert toggles written to the settings."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import keyring.errors
import pytest
from PySide6.QtCore import QSettings

from csr_console.profiles import KEYRING_SERVICE, connection_for_profile, load_profiles
from csr_console.ui.credentials_store import SessionSecrets
from csr_console.ui.settings import Settings
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.tasks import TaskRegistry
from tests.fake_keyring import MemoryKeyring

SECRET = "cs-never-in-a-file-4711"


@pytest.fixture
def ini_path(tmp_path: Path) -> Path:
    return tmp_path / "console.ini"


@pytest.fixture
def dialog(qtbot: Any, qloop: asyncio.AbstractEventLoop, tmp_path: Path, ini_path: Path) -> SettingsDialog:
    settings = Settings(QSettings(str(ini_path), QSettings.Format.IniFormat))
    dialog = SettingsDialog(
        settings, TaskRegistry(), session=SessionSecrets(), profiles_path=tmp_path / "profiles.json"
    )
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def fill(
    dialog: SettingsDialog,
    *,
    name: str,
    base_url: str,
    tenant: int,
    app_key: str,
    client_id: str,
    secret: str,
) -> None:
    dialog.new_button.click()
    dialog.name_edit.setText(name)
    dialog.fields.environment_combo.setCurrentIndex(dialog.fields.environment_combo.findData("custom"))
    dialog.fields.base_url_edit.setText(base_url)
    dialog.fields.tenant_edit.setText(str(tenant))
    dialog.fields.app_key_edit.setText(app_key)
    dialog.fields.client_id_edit.setText(client_id)
    dialog.fields.secret_edit.setText(secret)


def fill_acme(dialog: SettingsDialog) -> None:
    """A custom-URL profile "acme" with the test secret."""
    fill(
        dialog,
        name="acme",
        base_url="http://127.0.0.1:8765",
        tenant=1234,
        app_key="ak1.app",
        client_id="cid.abc",
        secret=SECRET,
    )


def fill_sandbox(
    dialog: SettingsDialog, sandbox: Any, *, secret: str | None = None, base_url: str | None = None
) -> None:
    fill(
        dialog,
        name="training",
        base_url=base_url or sandbox.base_url,
        tenant=sandbox.tenant,
        app_key=sandbox.app_key,
        client_id=sandbox.client_id,
        secret=secret or sandbox.client_secret,
    )


def test_a_saved_profile_keeps_its_secret_in_the_keyring_only(
    dialog: SettingsDialog, qtbot: Any, memory_keyring: MemoryKeyring, tmp_path: Path, ini_path: Path
) -> None:
    fill_acme(dialog)
    assert dialog.session_button.isHidden()
    with qtbot.waitSignal(dialog.profileSaved) as saved:
        dialog.save_button.click()
    assert saved.args == ["acme", True]
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "acme:client_secret"): SECRET}
    assert load_profiles(tmp_path / "profiles.json")["acme"].tenant == 1234
    assert dialog.fields.secret_edit.text() == ""
    assert [dialog.profile_list.item(i).text() for i in range(dialog.profile_list.count())] == ["acme"]

    dialog.red_spin.setValue(420)
    dialog.sound_check.setChecked(False)
    assert dialog.scheme_combo.currentData() == "system"  # the default: follow the desktop
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData("dark"))
    with qtbot.waitSignal(dialog.settings.settingsChanged):
        dialog.accept()
    files = [tmp_path / "profiles.json", ini_path]
    assert all(SECRET not in path.read_text() for path in files)
    again = Settings(QSettings(str(ini_path), QSettings.Format.IniFormat))
    assert again.age_red_s == 420 and again.alert_sound is False and again.colour_scheme == "dark"

    # Saving again with the secret field left blank keeps the secret the keyring holds.
    dialog.profile_list.setCurrentRow(0)
    dialog.fields.client_id_edit.setText("cid.new")
    with qtbot.waitSignal(dialog.profileSaved):
        dialog.save_button.click()
    connection = connection_for_profile("acme", tmp_path / "profiles.json")
    assert connection.credentials.client_id == "cid.new" and connection.credentials.client_secret == SECRET


@pytest.mark.usefixtures("fail_keyring")
def test_without_a_keyring_the_dialog_says_so_and_offers_this_session_only(
    dialog: SettingsDialog, qtbot: Any, tmp_path: Path, ini_path: Path
) -> None:
    assert not dialog.session_button.isHidden()
    assert "No system keyring" in dialog.keyring_notice.text()
    fill_acme(dialog)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not saved"))
    assert "keyring" in dialog.message.text()
    assert not (tmp_path / "profiles.json").exists()

    with qtbot.waitSignal(dialog.profileSaved) as saved:
        dialog.session_button.click()
    assert saved.args == ["acme", False]
    kept = dialog.session.connection("acme")
    assert kept is not None and kept.credentials.client_secret == SECRET
    assert SECRET not in repr(dialog.session)
    assert dialog.profile_list.item(0).text() == "acme (this session only)"
    dialog.accept()
    assert not (tmp_path / "profiles.json").exists()
    assert SECRET not in ini_path.read_text()


@pytest.mark.usefixtures("memory_keyring")
def test_test_connection_against_the_sandbox(dialog: SettingsDialog, qtbot: Any, sandbox: Any) -> None:
    fill_sandbox(dialog, sandbox)
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is True, tested.args[1]
    assert dialog.message.text().startswith("Connected")


@pytest.mark.usefixtures("memory_keyring")
def test_a_wrong_secret_is_said_to_be_bad_credentials(
    dialog: SettingsDialog, qtbot: Any, sandbox: Any
) -> None:
    fill_sandbox(dialog, sandbox, secret="not-the-secret")
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False
    assert dialog.message.text().startswith("Bad credentials")
    assert "not-the-secret" not in dialog.message.text()


@pytest.mark.usefixtures("memory_keyring")
def test_an_unreachable_server_is_said_to_be_no_network(
    dialog: SettingsDialog, qtbot: Any, sandbox: Any
) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fill_sandbox(dialog, sandbox, base_url=f"http://127.0.0.1:{port}")
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False
    assert dialog.message.text().startswith("No network")


@pytest.mark.usefixtures("memory_keyring")
def test_closing_the_dialog_cancels_a_running_test(dialog: SettingsDialog, qtbot: Any, sandbox: Any) -> None:
    fill_sandbox(dialog, sandbox)
    dialog.test_button.click()
    running = set(dialog._running)
    assert running
    dialog.reject()
    qtbot.waitUntil(lambda: all(task.done() for task in running))
    assert all(task.cancelled() for task in running)


@pytest.mark.usefixtures("memory_keyring")
def test_a_refused_tenant_names_what_is_missing(dialog: SettingsDialog, qtbot: Any, sandbox: Any) -> None:
    fill_sandbox(dialog, sandbox)
    dialog.fields.tenant_edit.setText(str(sandbox.tenant + 1))
    with qtbot.waitSignal(dialog.connectionTested, timeout=20_000) as tested:
        dialog.test_button.click()
    assert tested.args[0] is False
    assert dialog.message.text().startswith("Missing permission")
    assert f"tenant {sandbox.tenant + 1}" in dialog.message.text()


def test_a_keyring_that_refuses_gets_the_same_offer(
    dialog: SettingsDialog, qtbot: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    def locked(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the collection is locked")

    memory_keyring.set_password = locked  # type: ignore[method-assign]
    fill_acme(dialog)
    assert dialog.session_button.isHidden()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.session_button.isHidden())
    assert "refused the client secret" in dialog.keyring_notice.text()
    assert not (tmp_path / "profiles.json").exists()
