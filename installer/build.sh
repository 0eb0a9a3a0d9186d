#!/usr/bin/env bash
# Build the installable program on Linux:  ./installer/build.sh [--deb] [--install-test] [--xvfb]
#
# Bootstraps .venv with the build extra (PyInstaller), installs the Debian packages the build
# needs (the xcb libraries the bundle's Qt links against, so that they are found and named as
# dependencies; ICU's tools to trim its data; Xvfb for --xvfb), then runs installer/build.py
# (see there and installer/README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
# shellcheck source=installer/bootstrap.sh
source "$ROOT/installer/bootstrap.sh"

bootstrap_venv
if ! "$BACKOFFICE_VENV/bin/python" -c 'import PyInstaller' 2>/dev/null; then
    "$BACKOFFICE_VENV/bin/python" -m pip install --disable-pip-version-check -q -e '.[test,build]'
fi
ensure_debian_packages libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 \
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
    libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 libcups2 \
    xvfb xauth binutils gcc icu-devtools xz-utils
export LANG=C.UTF-8
exec "$BACKOFFICE_VENV/bin/python" installer/build.py "$@"
