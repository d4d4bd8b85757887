"""Settings: declared once with key, type and default; round trip through an INI file; never a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from csr_console.ui.settings import Option, Settings

DECLARED = {
    "age_amber_s": (int, 120),
    "age_red_s": (int, 300),
    "alert_sound": (bool, True),
    "alert_notification": (bool, True),
    "alert_when_focused": (bool, True),
    "cadence_active_s": (float, 2.0),
    "cadence_idle_s": (float, 15.0),
    "last_profile": (str, ""),
    "welcome_done": (bool, False),
    "colour_scheme": (str, "system"),
}


def ini(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def test_every_setting_is_declared_once_with_its_type_and_default(tmp_path: Path) -> None:
    options = Settings.options()
    assert {o.name: (o.kind, o.default) for o in options} == DECLARED
    assert len({o.key for o in options}) == len(options)
    settings = ini(tmp_path / "empty.ini")
    for name, (kind, default) in DECLARED.items():
        value = getattr(settings, name)
        assert type(value) is kind and value == default


def test_values_round_trip_through_an_ini_file_with_their_types(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "console.ini"
    settings = ini(path)
    with qtbot.waitSignals([settings.settingsChanged] * 4):
        settings.age_red_s = 240
        settings.alert_sound = False
        settings.cadence_idle_s = 30.5
        settings.last_profile = "acme"
    settings.sync()
    again = ini(path)  # the INI answers strings: each option turns them back into its type
    assert (again.age_red_s, again.alert_sound, again.cadence_idle_s, again.last_profile) == (
        240,
        False,
        30.5,
        "acme",
    )
    assert type(again.age_red_s) is int and type(again.alert_sound) is bool
    again.reset(Settings.age_red_s)
    assert again.age_red_s == 300


def test_a_change_is_signalled_only_when_the_value_changes(tmp_path: Path) -> None:
    settings = ini(tmp_path / "console.ini")
    changed: list[str] = []
    settings.settingsChanged.connect(changed.append)
    settings.age_amber_s = 120  # the default: nothing changes
    settings.age_amber_s = 90
    settings.age_amber_s = 90
    assert changed == ["age_amber_s"]


def test_an_unreadable_value_falls_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "console.ini"
    path.write_text("[queue]\nage_red_s=soon\n[alerts]\nsound=maybe\n")
    settings = ini(path)
    assert settings.age_red_s == 300 and settings.alert_sound is True


def test_a_secret_cannot_be_declared_as_a_setting() -> None:
    for key in ("connection/client_secret", "connection/password", "api/token"):
        with pytest.raises(ValueError, match="keyring"):
            Option(key, str, "")
    with pytest.raises(TypeError):
        Option("queue/age", int, "120")
