"""Where a profile's client secret is kept: the OS keyring, or this session's memory when there is none.

Keyring calls can block on an unlock prompt, so they run in a worker thread, one at a time, and never on
the GUI coroutine (QT-NOTES trap 8). A headless Linux box has no keyring backend at all ("fail"): the
settings dialog then says so and offers `SessionSecrets`, which keeps a profile and its secret in memory
until the console quits and writes them nowhere.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import keyring
from keyring.backends import fail

from csr_console.api import Credentials
from csr_console.profiles import Connection, Profile, connection_for_profile, environment_of, save_profile


def keyring_available() -> bool:
    """False when keyring fell back to its "fail" backend (no Secret Service, KWallet, macOS or Windows
    store): saving a secret would raise NoKeyringError."""
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def keyring_name() -> str:
    backend = keyring.get_keyring()
    return str(getattr(backend, "name", type(backend).__name__))


class CredentialStore:
    """Profiles saved with their secret in the keyring, off the GUI thread and behind one lock."""

    def __init__(self, profiles_path: Path | None = None) -> None:
        self.profiles_path = profiles_path
        self._lock = asyncio.Lock()

    async def save(self, profile: Profile, secret: str) -> None:
        """Raises ProfileError (in words) when the profile is unusable or the keyring refuses."""
        async with self._lock:
            await asyncio.to_thread(save_profile, profile, secret, self.profiles_path)

    async def connection(self, name: str) -> Connection:
        """The saved profile with its secret read from the keyring; raises ProfileError."""
        async with self._lock:
            return await asyncio.to_thread(connection_for_profile, name, self.profiles_path)


@dataclass(frozen=True)
class _Kept:
    profile: Profile
    secret: str = field(repr=False)


class SessionSecrets:
    """Profiles whose secret the CSR chose to keep for this session only (no keyring on this computer).

    Held in memory only; nothing here is ever written to a file, the settings or a log."""

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}

    def __repr__(self) -> str:
        return f"SessionSecrets({sorted(self._kept)})"

    def keep(self, profile: Profile, secret: str) -> None:
        environment_of(profile)  # refuse what save_profile would refuse (ProfileError)
        self._kept[profile.name] = _Kept(profile, secret)

    def forget(self, name: str) -> None:
        self._kept.pop(name, None)

    def profiles(self) -> dict[str, Profile]:
        return {name: kept.profile for name, kept in self._kept.items()}

    def connection(self, name: str) -> Connection | None:
        kept = self._kept.get(name)
        if kept is None:
            return None
        profile = kept.profile
        credentials = Credentials(profile.tenant, profile.app_key, profile.client_id, kept.secret)
        return Connection(name, credentials, environment_of(profile))
