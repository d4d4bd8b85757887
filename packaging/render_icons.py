"""Render the application icon's PNG sizes from its SVG (the PNGs are committed; run this after editing it).

    .venv/bin/python packaging/render_icons.py

Writes resources/icons/hicolor/<N>x<N>/apps/com.csrconsole.CsrConsole.png for every size in
`csr_console.resource_files.ICON_SIZES`, offscreen (no display needed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from csr_console.resource_files import APP_ID, ICON_SIZES  # noqa: E402

ICONS = ROOT / "resources" / "icons"


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / f"{APP_ID}.svg"
    for size in ICON_SIZES:
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(svg, size, out)
        print(f"{out.relative_to(ROOT)}  {size}x{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
