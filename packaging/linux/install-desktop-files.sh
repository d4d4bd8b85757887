#!/usr/bin/env bash
# Install CSR Console's desktop entry, AppStream metainfo and icons for the current user (or a prefix):
#
#   bash packaging/linux/install-desktop-files.sh                 # into ~/.local/share
#   sudo PREFIX=/usr/local bash packaging/linux/install-desktop-files.sh
#
# The entry runs `csr-console`, which must be on PATH (a pip/pipx install, or a link to the bundle's
# dist/csr-console/csr-console in ~/.local/bin).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP_ID=com.csrconsole.CsrConsole
SHARE="${PREFIX:-$HOME/.local}/share"

install -Dm644 "$HERE/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -Dm644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "$ROOT/resources/icons/$APP_ID.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$ROOT"/resources/icons/hicolor/*/apps/"$APP_ID".png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -Dm644 "$png" "$SHARE/icons/hicolor/$size/apps/$APP_ID.png"
done

# Refresh the caches when the tools are there (a desktop picks the files up at its next scan otherwise).
if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$SHARE/applications" || true; fi
if command -v gtk-update-icon-cache >/dev/null && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
fi
echo "installed $APP_ID into $SHARE"
