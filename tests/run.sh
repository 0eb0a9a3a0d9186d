#!/usr/bin/env bash
# THE test command of Rathaus Backoffice:  ./tests/run.sh [pytest arguments...]
#
# Bootstraps .venv, installs the Debian packages the tests need (only those missing; no network
# when everything is there), then runs, stopping at the first failure:
#   ruff check, ruff format --check, mypy, lint-imports, pytest "$@"
# (mypy checks what pyproject's [tool.mypy] names: backoffice/ strictly, tests/ and
# installer/screenshots.py a little less so.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
# shellcheck source=installer/bootstrap.sh
source "$ROOT/installer/bootstrap.sh"

bootstrap_venv

# Qt offscreen, pdftoppm (PDFs rendered to pixels in tests), PostgreSQL server binaries.
packages=(libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 poppler-utils)
# tests/integration/test_msi.py checks the Windows installer source with msitools.
packages+=(wixl msitools)
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null; then
    packages+=(postgresql)
fi
ensure_debian_packages "${packages[@]}"

export PATH="$ROOT/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
export LANG=C.UTF-8
unset LC_ALL LANGUAGE
# tests/conftest.py installs an in-memory keyring for every test; no real backend from outside.
unset PYTHON_KEYRING_BACKEND
# The PostgreSQL tests must run here, not be skipped.
export BACKOFFICE_REQUIRE_POSTGRES=1

step_number=0
step() {
    local title="$1" started=$SECONDS rc=0
    shift
    step_number=$((step_number + 1))
    printf '\n==> [%d/5] %s\n' "$step_number" "$title"
    "$@" || rc=$?
    if ((rc != 0)); then
        printf '\n!!! [%d/5] %s failed (exit code %d)\n' "$step_number" "$title" "$rc" >&2
        exit "$rc"
    fi
    printf -- '--- [%d/5] %s: ok (%ds)\n' "$step_number" "$title" "$((SECONDS - started))"
}

step "ruff check" ruff check .
step "ruff format --check" ruff format --check .
step "mypy" mypy
# The cache goes into .venv (ignored by git) instead of a new .import_linter_cache/ in the tree.
step "lint-imports" lint-imports --no-logo --cache-dir "$ROOT/.venv/.import_linter_cache"
step "pytest" pytest "$@"
