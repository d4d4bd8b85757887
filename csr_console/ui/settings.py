"""The console's settings, each declared once with its key, type and default, read from QSettings.

Modelled on Picard's `picard/config.py`: an `Option` knows how to turn what QSettings answers (an INI
file answers strings) back into its type, and a value that cannot be read falls back to the default
with a log line instead of breaking the console. Secrets are never settings: a key that looks like one
is refused at declaration (client secrets live in the OS keyring, see csr_console/profiles.py).
"""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import QObject, QSettings, Signal

log = logging.getLogger(__name__)

#: bool, int, float or str: what an INI file can hold and give back.
T = TypeVar("T")

_SECRET_WORDS = ("secret", "password", "token", "credential")
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off", ""})


def _convert(kind: type[T], raw: Any) -> T:
    """What QSettings answered, as `kind`; raises ValueError/TypeError when it is not one."""
    if kind is bool:
        if isinstance(raw, bool):
            return cast(T, raw)
        text = str(raw).strip().lower()
        if text in _TRUE | _FALSE:
            return cast(T, text in _TRUE)
        raise ValueError(f"not a yes/no value: {raw!r}")
    if kind is int and isinstance(raw, float) and not raw.is_integer():
        raise ValueError(f"not a whole number: {raw!r}")
    return cast(T, cast(Any, kind)(raw))


class Option(Generic[T]):
    """One setting: `Option("alerts/sound", bool, True)` as a class attribute of `Settings`."""

    def __init__(self, key: str, kind: type[T], default: T) -> None:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"{key!r} looks like a secret: secrets go to the keyring, never to settings")
        if kind not in (bool, int, float, str) or type(default) is not kind:
            raise TypeError(f"{key!r}: default {default!r} is not a {kind.__name__} (bool, int, float, str)")
        self.key = key
        self.kind: type[T] = kind
        self.default: T = default
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...
    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T:
        if settings is None:
            return self
        return settings.value(self)

    def __set__(self, settings: Settings, value: T) -> None:
        settings.set_value(self, value)

    def __repr__(self) -> str:
        return f"Option({self.key!r}, {self.kind.__name__}, {self.default!r})"


class Settings(QObject):
    """The console's settings over one QSettings (the user's, or an INI file in tests).

    Read and write them as attributes (`settings.age_red_s = 240`); `settingsChanged(name)` is emitted
    for each value that really changed, so the queue can re-read its thresholds and the engine its cadence.
    """

    settingsChanged = Signal(str)

    #: A New booking's age clock turns amber, then red, at these ages (seconds).
    age_amber_s = Option("queue/age_amber_s", int, 120)
    age_red_s = Option("queue/age_red_s", int, 300)
    #: What a booking's arrival (and its turning red) does.
    alert_sound = Option("alerts/sound", bool, True)
    alert_notification = Option("alerts/notification", bool, True)
    #: Alert even while the console's window has the focus (the CSR may be on another booking).
    alert_when_focused = Option("alerts/when_focused", bool, True)
    #: How often the engine polls while the window is active, and while it is idle (seconds).
    cadence_active_s = Option("sync/cadence_active_s", float, 2.0)
    cadence_idle_s = Option("sync/cadence_idle_s", float, 15.0)
    #: The ServiceTitan profile used last (its name only; the profile lives in profiles.json).
    last_profile = Option("connection/last_profile", str, "")
    #: The welcome dialog has been answered (training mode or a profile): it does not open again.
    welcome_done = Option("connection/welcome_done", bool, False)
    #: Light or dark: "system" (follow the desktop), "light" or "dark" (`csr_console.ui.appearance`).
    colour_scheme = Option("appearance/colour_scheme", str, "system")

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else QSettings()

    @classmethod
    def options(cls) -> tuple[Option[Any], ...]:
        return tuple(value for value in vars(cls).values() if isinstance(value, Option))

    def value(self, option: Option[T]) -> T:
        raw: Any = self.store.value(option.key)
        if raw is None:
            return option.default
        try:
            return _convert(option.kind, raw)
        except (TypeError, ValueError):
            log.warning(
                "setting %s holds %r, not a %s: using %r",
                option.key,
                raw,
                option.kind.__name__,
                option.default,
            )
            return option.default

    def set_value(self, option: Option[T], value: T) -> None:
        value = _convert(option.kind, value)
        changed = self.value(option) != value
        self.store.setValue(option.key, value)
        if changed:
            self.settingsChanged.emit(option.name)

    def reset(self, option: Option[Any]) -> None:
        """Back to the declared default (the key leaves the file)."""
        changed = self.value(option) != option.default
        self.store.remove(option.key)
        if changed:
            self.settingsChanged.emit(option.name)

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings also does it on its own, later)."""
        self.store.sync()
