#!/usr/bin/env bash
# THE demo command of Rathaus Backoffice:  ./installer/demo.sh [backoffice arguments...]
#
# Bootstraps .venv, makes sure the Qt runtime libraries for a real window are installed, then
# starts the program in demo mode.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=installer/bootstrap.sh
source "$ROOT/installer/bootstrap.sh"

qt_base=(libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0)
# The xcb platform plugin needs these; Qt's own error message names only libxcb-cursor0.
qt_xcb=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)

if [[ -n "${QT_QPA_PLATFORM:-}" ]]; then
    packages=("${qt_base[@]}")
    if [[ "$QT_QPA_PLATFORM" == xcb* ]]; then
        packages+=("${qt_xcb[@]}")
    fi
elif [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    packages=("${qt_base[@]}" "${qt_xcb[@]}")
else
    cat >&2 <<'MSG'
The demo opens a window and needs a desktop session, but neither DISPLAY nor WAYLAND_DISPLAY is
set. Start it from a terminal inside your desktop session, or, without one:
    xvfb-run -a ./installer/demo.sh                     (virtual X screen; apt-get install xvfb xauth)
    QT_QPA_PLATFORM=offscreen ./installer/demo.sh       (no window is shown at all)
MSG
    exit 2
fi

bootstrap_venv
ensure_debian_packages "${packages[@]}"

case "${LANG:-}" in
    *.UTF-8 | *.utf8 | *.UTF8 | *.utf-8) ;;
    *) export LANG=C.UTF-8 ;;
esac

exec "$ROOT/.venv/bin/backoffice" --demo "$@"
