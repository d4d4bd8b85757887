"""Where the console's resources (source marks, icons) are, however it was installed. No Qt here.

- a PyInstaller bundle: `<bundle>/_internal/resources` (`sys._MEIPASS`, see packaging/csr-console.spec);
- a source checkout or an editable install (`pip install -e .`): the repository's top-level `resources/`;
- a wheel install (`pip install .`): the copy the wheel put in `<prefix>/share/csr-console/resources`
  (pyproject.toml's `[tool.setuptools.data-files]`), under the environment's prefix or the user's.
"""

from __future__ import annotations

import contextlib
import os
import sys
import sysconfig
from functools import cache
from pathlib import Path

#: The reverse-DNS application id: the .desktop file's name, the AppStream id, the icon's name.
APP_ID = "com.csrconsole.CsrConsole"
#: The sizes of the PNG renderings of the icon (packaging/render_icons.py makes them).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Where a wheel install keeps the resources, relative to its data prefix.
INSTALLED = Path("share") / "csr-console" / "resources"
#: A folder is ours only if it holds this (a stray `resources/` elsewhere on the path is not).
_MARKER = Path("marks") / "unknown-source.svg"


def _candidates() -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return [Path(frozen_root) / "resources"]
    checkout = Path(__file__).resolve().parent.parent / "resources"
    prefixes = [sysconfig.get_path("data"), sys.prefix]
    with contextlib.suppress(KeyError):  # no user scheme on this platform
        prefixes.append(sysconfig.get_path("data", f"{os.name}_user"))
    return [checkout, *(Path(prefix) / INSTALLED for prefix in prefixes)]


@cache
def resource_dir() -> Path:
    """The `resources/` folder (marks/, icons/); the first candidate if none holds them (so the caller's
    error names a path)."""
    candidates = _candidates()
    for folder in candidates:
        if (folder / _MARKER).is_file():
            return folder
    return candidates[0]


def app_icon_files() -> list[Path]:
    """The application icon: the scalable SVG first, then the sized PNGs (sharp at every DPI)."""
    icons = resource_dir() / "icons"
    sized = (icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES)
    files = [icons / f"{APP_ID}.svg", *sized]
    return [path for path in files if path.is_file()]
