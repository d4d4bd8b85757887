"""Profiles: the secret lives in the keyring only; only https off this machine; sandbox lines."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from csr_console.profiles import (
    KEYRING_SERVICE,
    Profile,
    ProfileError,
    connection_for_profile,
    connection_for_sandbox_line,
    save_profile,
)
from tests.fake_keyring import MemoryKeyring

SECRET = "cs-very-secret-value"


def test_saved_profile_round_trips_with_the_secret_only_in_the_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "config" / "profiles.json"
    save_profile(Profile("acme", 1234, "ak1.app", "cid.abc", "integration"), SECRET, path)
    assert SECRET not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "acme:client_secret"): SECRET}
    connection = connection_for_profile("acme", path)
    assert connection.credentials.tenant == 1234
    assert connection.environment.api_base == "https://api-integration.servicetitan.io"
    assert SECRET not in repr(connection)


def test_plain_http_is_refused_off_this_machine(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "profiles.json"
    with pytest.raises(ProfileError, match="https"):
        save_profile(Profile("lan", 1, "ak", "cid", "custom", "http://10.0.0.5:8765"), SECRET, path)
    assert not path.exists() and not memory_keyring.secrets
    save_profile(Profile("training", 1, "ak", "cid", "custom", "http://127.0.0.1:8765"), SECRET, path)
    assert connection_for_profile("training", path).environment.api_base.startswith("http://127.0.0.1:8765")


def test_missing_profile_or_secret_is_said_in_words(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "profiles.json"
    with pytest.raises(ProfileError, match="no ServiceTitan profile named 'nope'"):
        connection_for_profile("nope", path)
    save_profile(Profile("acme", 1, "ak", "cid"), SECRET, path)
    memory_keyring.secrets.clear()
    with pytest.raises(ProfileError, match="no client secret"):
        connection_for_profile("acme", path)


@pytest.mark.usefixtures("fail_keyring")
def test_without_a_keyring_nothing_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    with pytest.raises(ProfileError, match="keyring"):
        save_profile(Profile("acme", 1, "ak", "cid"), SECRET, path)
    assert not path.exists()


def test_sandbox_line(tmp_path: Path) -> None:
    line = tmp_path / "sandbox.json"
    info = {
        "base_url": "http://127.0.0.1:9999",
        "token_url": "http://127.0.0.1:9999/connect/token",
        "tenant": 42,
        "app_key": "ak",
        "client_id": "cid",
        "client_secret": SECRET,
    }
    line.write_text(json.dumps(info) + "\n")
    connection = connection_for_sandbox_line(line)
    assert connection.credentials.tenant == 42 and connection.name == "sandbox-42"
    line.write_text("not json\n")
    with pytest.raises(ProfileError, match="not a csr-sandbox JSON line") as caught:
        connection_for_sandbox_line(line)
    line.write_text(json.dumps({k: v for k, v in info.items() if k != "tenant"}))
    with pytest.raises(ProfileError, match="KeyError") as caught:
        connection_for_sandbox_line(line)
    assert SECRET not in str(caught.value)
