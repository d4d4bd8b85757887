"""Regenerate the console's English translation catalog from source:

    .venv/bin/python packaging/update_catalog.py

pyside6-lupdate reads every `tr()`, `QCoreApplication.translate()` and `QT_TRANSLATE_NOOP()` in the UI
(`csr_console/ui/`, `csr_console/app.py`) and every `translatable()` of the layers below it, and writes
`resources/translations/csr-console_en.ts`: the file a translator copies to start another language
(`csr-console_<lang>.ts`, compiled with pyside6-lrelease to a `.qm` beside it; the console loads the one
of the user's locale). `tests/ui/test_translations.py` fails
when the catalog is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "resources" / "translations" / "csr-console_en.ts"


def sources() -> list[Path]:
    """The UI's modules, and those of lower layers that mark words for it (`domain.words.translatable`)."""
    ui = [*sorted((ROOT / "csr_console" / "ui").rglob("*.py")), ROOT / "csr_console" / "app.py"]
    marking = [
        path
        for path in sorted((ROOT / "csr_console").rglob("*.py"))
        if path not in ui and "translatable(" in path.read_text(encoding="utf-8")
    ]
    return ui + marking


def lupdate() -> str:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        raise SystemExit("pyside6-lupdate not found: install the project (pip install -e .) first")
    return found


def write_catalog(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            lupdate(),
            *(str(path.relative_to(ROOT)) for path in sources()),
            "-source-language",
            "en",
            "-target-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            "-tr-function-alias",
            "QT_TRANSLATE_NOOP+=translatable",
            "-silent",
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
    )


if __name__ == "__main__":
    write_catalog(CATALOG)
    print(CATALOG.relative_to(ROOT))
