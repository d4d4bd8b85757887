"""Where the console connects: saved ServiceTitan profiles, or a running sandbox's JSON line.

A profile (tenant, app key, client id, environment or custom base URL) is kept in `profiles.json` in
the user's config directory; its client secret is kept in the OS keyring only, under the service
`csr-console` and the user name `<profile>:client_secret`. No secret is ever written to a file, a log
or an exception message.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import keyring.errors
import platformdirs

from csr_console.api import INTEGRATION, PRODUCTION, Credentials, Environment
from csr_console.domain.words import Phrase, translatable

KEYRING_SERVICE = "csr-console"
_ENVIRONMENTS = {"production": PRODUCTION, "integration": INTEGRATION}


class ProfileError(Exception):
    """A profile or a sandbox line that cannot be used, said in words for the user (a Phrase: the UI
    says it in the CSR's language, `csr_console.ui.phrases.said`)."""


#: What ProfileError says (marked for the catalog: domain.words).
_UNKNOWN_ENVIRONMENT = translatable("Profiles", "profile '{name}': unknown environment '{environment}'")
_HTTPS_ONLY = translatable(
    "Profiles", "profile '{name}': only https:// is allowed for a server off this machine"
)
_UNREADABLE = translatable("Profiles", "cannot read the profiles in {path}: {error}")
_TOO_NEW = translatable("Profiles", "{path} holds a profile this version cannot read: {error}")
_NOT_STORED = translatable("Profiles", "the secret could not be stored in the system keyring ({error})")
_NO_PROFILE = translatable("Profiles", "no ServiceTitan profile named '{name}'")
_KEYRING_UNREADABLE = translatable("Profiles", "the system keyring cannot be read ({error})")
_NO_SECRET = translatable("Profiles", "profile '{name}' has no client secret in the system keyring")
_NOT_A_SANDBOX_LINE = translatable("Profiles", "{path}: not a csr-sandbox JSON line ({error})")


@dataclass(frozen=True)
class Profile:
    name: str
    tenant: int
    app_key: str
    client_id: str
    #: 'production', 'integration', or 'custom' (a shared training sandbox, with `base_url`).
    environment: str = "production"
    base_url: str | None = None


@dataclass(frozen=True)
class Connection:
    """What a session needs: credentials, environment, and the name its cache is filed under."""

    name: str
    credentials: Credentials
    environment: Environment


def named_environments() -> dict[str, Environment]:
    """ServiceTitan's environments by the name a profile gives (production, integration)."""
    return dict(_ENVIRONMENTS)


def profiles_path() -> Path:
    return Path(platformdirs.user_config_dir("csr-console", appauthor=False)) / "profiles.json"


def _secret_user(name: str) -> str:
    return f"{name}:client_secret"


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


def environment_of(profile: Profile) -> Environment:
    if profile.environment in _ENVIRONMENTS:
        return _ENVIRONMENTS[profile.environment]
    if profile.environment != "custom" or not profile.base_url:
        raise ProfileError(Phrase(_UNKNOWN_ENVIRONMENT, name=profile.name, environment=profile.environment))
    if urlsplit(profile.base_url).scheme != "https" and not _is_loopback(profile.base_url):
        raise ProfileError(Phrase(_HTTPS_ONLY, name=profile.name))
    return Environment.custom(profile.base_url)


def load_profiles(path: Path | None = None) -> dict[str, Profile]:
    path = path or profiles_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ProfileError(Phrase(_UNREADABLE, path=str(path), error=str(error))) from None
    try:
        return {name: Profile(name=name, **fields) for name, fields in raw.items()}
    except TypeError as error:
        raise ProfileError(Phrase(_TOO_NEW, path=str(path), error=str(error))) from None


def save_profile(profile: Profile, secret: str, path: Path | None = None) -> None:
    """Save a profile; the secret goes to the keyring (raises ProfileError when there is none)."""
    environment_of(profile)
    try:
        keyring.set_password(KEYRING_SERVICE, _secret_user(profile.name), secret)
    except keyring.errors.KeyringError as error:
        raise ProfileError(Phrase(_NOT_STORED, error=type(error).__name__)) from None
    path = path or profiles_path()
    profiles = load_profiles(path)
    profiles[profile.name] = profile
    body = {name: {k: v for k, v in asdict(p).items() if k != "name"} for name, p in profiles.items()}
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(body, handle, indent=2)
    os.replace(temporary, path)


def connection_for_profile(name: str, path: Path | None = None) -> Connection:
    profile = load_profiles(path).get(name)
    if profile is None:
        raise ProfileError(Phrase(_NO_PROFILE, name=name))
    try:
        secret = keyring.get_password(KEYRING_SERVICE, _secret_user(name))
    except keyring.errors.KeyringError as error:
        raise ProfileError(Phrase(_KEYRING_UNREADABLE, error=type(error).__name__)) from None
    if not secret:
        raise ProfileError(Phrase(_NO_SECRET, name=name))
    credentials = Credentials(profile.tenant, profile.app_key, profile.client_id, secret)
    return Connection(name, credentials, environment_of(profile))


def connection_for_sandbox_line(path: Path) -> Connection:
    """The connection described by the JSON line `csr-sandbox` printed (saved to a file)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8").strip().splitlines()[0])
        credentials = Credentials(
            int(info["tenant"]), info["app_key"], info["client_id"], info["client_secret"]
        )
        environment = Environment.custom(info["base_url"], info.get("token_url"))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise ProfileError(
            Phrase(_NOT_A_SANDBOX_LINE, path=str(path), error=f"{type(error).__name__}: {error}")
        ) from None
    return Connection(f"sandbox-{credentials.tenant}", credentials, environment)
