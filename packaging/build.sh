#!/usr/bin/env bash
# Build the one-folder bundle dist/csr-console/ (the console and its training sandbox) with PyInstaller:
#
#   bash packaging/build.sh            # from anywhere; uses .venv (made and filled if missing)
#
# Installs PyInstaller into .venv when it is missing (the `bundle` extra: pyinstaller>=6.10), then runs the
# spec. build/ and dist/ are git-ignored. The target machine needs Qt's system libraries
# (libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fontconfig-config, see README).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then "$PYTHON" -m venv .venv; fi
if ! .venv/bin/python -c "import csr_console, PySide6" 2>/dev/null; then
    .venv/bin/python -m pip install -q -e .
fi
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
    .venv/bin/python -m pip install -q -e '.[bundle]'
fi
exec .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/csr-console.spec "$@"
