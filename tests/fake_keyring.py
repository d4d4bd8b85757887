"""Keyring backends for tests: an in-memory one, and keyring's own "fail" backend (a headless box)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
from keyring.backends.fail import Keyring as FailKeyring


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@contextmanager
def keyring_backend(backend: keyring.backend.KeyringBackend) -> Iterator[None]:
    """Use `backend` as the process's keyring for a while (keyring's choice is global)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


__all__ = ["FailKeyring", "MemoryKeyring", "keyring_backend"]
