"""Light and dark: a forced scheme gives Fusion's light or our dark palette and back to the system's; the
console's own colours follow the palette of the moment and read at 4.5:1 or better on its base and window
colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from csr_console.ui.appearance import Role, Scheme, apply_scheme, colour, is_dark, text_style


def _luminance(value: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(value.redF()) + 0.7152 * linear(value.greenF()) + 0.0722 * linear(value.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_scheme(qapp, Scheme.SYSTEM)


@pytest.mark.parametrize("scheme", [Scheme.LIGHT, Scheme.DARK])
def test_each_colour_reads_on_the_palette_it_is_chosen_for(app: QApplication, scheme: Scheme) -> None:
    apply_scheme(app, scheme)
    palette = QApplication.palette()
    assert is_dark(palette) is (scheme is Scheme.DARK)
    for background in (palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window)):
        for role in Role:
            ratio = contrast(colour(role), background)
            assert ratio >= 4.5, (scheme, role, colour(role).name(), background.name(), ratio)
            assert text_style(role) == f"color: {colour(role).name()};"


def test_the_colours_follow_a_palette_that_changes_and_system_comes_back(app: QApplication) -> None:
    system = QApplication.palette().color(QPalette.ColorRole.Window).name()
    apply_scheme(app, Scheme.DARK)
    in_dark = colour(Role.PROBLEM).name()
    apply_scheme(app, Scheme.LIGHT)
    assert colour(Role.PROBLEM).name() != in_dark
    apply_scheme(app, Scheme.SYSTEM)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == system
    assert QApplication.palette().resolveMask() == 0  # no palette of ours: the platform theme's, live
    apply_scheme(app, "no such scheme")  # an odd value in the settings file: the system's
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == system
