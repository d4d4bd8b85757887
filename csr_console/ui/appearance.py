"""Light and dark: the colour scheme the console uses, and the few colours of its own that must read well
on both (problems, quiet text, the connection's state).

By default the console follows the desktop: Qt's platform theme gives it the system's light or dark palette
and changes it when the desktop does. Settings › Appearance can force light or dark, which uses the Fusion
style with its light palette or the dark palette below (the same on every desktop, and under Xvfb).

The console's own colours are looked up when painted (`colour(Role.PROBLEM)`), never kept, so a palette
that changes while the console runs is followed by the next paint.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


class Scheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Role(StrEnum):
    """What a colour means, not what it is."""

    PROBLEM = "problem"  # a failure, a conflict, an overdue follow-up
    ATTENTION = "attention"  # needs the CSR (an Unknown job type)
    QUIET = "quiet"  # secondary text (a pending badge, a hint)
    GOOD = "good"  # online
    WARNING = "warning"  # degraded


#: (on a light background, on a dark one): each at least 4.5:1 against the palette's base and window colours
#: (tests/ui/test_appearance.py).
_COLOURS: dict[Role, tuple[str, str]] = {
    Role.PROBLEM: ("#c62828", "#ff8a80"),
    Role.ATTENTION: ("#9a4f00", "#ffb74d"),
    Role.QUIET: ("#6b6b6b", "#a8a8a8"),
    Role.GOOD: ("#1b5e20", "#81c784"),
    Role.WARNING: ("#8d5300", "#ffcc80"),
}


#: The style the platform chose, kept on the application before a forced scheme replaces it.
_SYSTEM_STYLE = "csr-system-style"


def scheme_names() -> tuple[tuple[Scheme, str], ...]:
    """The choices as Settings › Appearance shows them."""
    return (
        (Scheme.SYSTEM, QCoreApplication.translate("Appearance", "Follow the system")),
        (Scheme.LIGHT, QCoreApplication.translate("Appearance", "Light")),
        (Scheme.DARK, QCoreApplication.translate("Appearance", "Dark")),
    )


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(role: Role, palette: QPalette | None = None) -> QColor:
    light, dark = _COLOURS[role]
    return QColor(dark if is_dark(palette) else light)


def text_style(role: Role) -> str:
    """A style sheet colouring a label's text by `role` in the palette of the moment."""
    return f"color: {colour(role).name()};"


def dark_palette() -> QPalette:
    """Fusion's colours for a dark desktop (as Qt's own dark Fusion palette), with links readable on it."""
    palette = QPalette()
    window, base, text = QColor("#2d2d2d"), QColor("#1e1e1e"), QColor("#e6e6e6")
    disabled = QColor("#8a8a8a")
    for role, value in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#262626")),
        (QPalette.ColorRole.ToolTipBase, QColor("#3a3a3a")),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a")),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#353535")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff8a80")),
        (QPalette.ColorRole.Light, QColor("#4a4a4a")),
        (QPalette.ColorRole.Midlight, QColor("#3d3d3d")),
        (QPalette.ColorRole.Mid, QColor("#2a2a2a")),
        (QPalette.ColorRole.Dark, QColor("#1a1a1a")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
        (QPalette.ColorRole.Highlight, QColor("#2f65ca")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.LinkVisited, QColor("#c58af9")),
    ):
        palette.setColor(role, value)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_scheme(app: QApplication, scheme: Scheme | str) -> None:
    """Use `scheme` from now on: the system's (Qt's platform theme decides), or Fusion light or dark."""
    scheme = Scheme(scheme) if scheme in set(Scheme) else Scheme.SYSTEM
    hints = app.styleHints()
    forced_before = app.property(_SYSTEM_STYLE)
    if scheme is Scheme.SYSTEM:
        hints.unsetColorScheme()
        if forced_before:  # undo what a forced scheme changed; untouched, the platform's theme rules
            app.setStyle(str(forced_before))
            app.setPalette(QPalette())  # an empty palette: the platform theme's, following the desktop
        return
    app.setProperty(_SYSTEM_STYLE, forced_before or app.style().name())
    # Where the platform can switch (Qt 6.8+ on GNOME, KDE, Windows, macOS) this asks it; where it
    # cannot (a bare X server, offscreen) the Fusion palette below does the same.
    hints.setColorScheme(Qt.ColorScheme.Dark if scheme is Scheme.DARK else Qt.ColorScheme.Light)
    style = QStyleFactory.create("Fusion")
    app.setStyle(style)
    app.setPalette(dark_palette() if scheme is Scheme.DARK else style.standardPalette())
