#!/usr/bin/env bash
# Bootstrap the development environment of Rathaus Backoffice.
#
#   ./installer/bootstrap.sh          creates .venv (if missing) and installs the project into it
#   source installer/bootstrap.sh     only defines the functions below (used by tests/run.sh and
#                                     installer/demo.sh), then call bootstrap_venv yourself
#
# Functions:
#   bootstrap_find_python            prints the path of a Python >= 3.11
#   ensure_debian_packages PKG...    installs the Debian packages that are missing (apt-get)
#   bootstrap_venv                   creates .venv and runs `pip install -e '.[test]'` once per
#                                    version of pyproject.toml (stamp file .venv/.installed-<sha256>)
#
# Environment: BACKOFFICE_PYTHON=/path/to/python forces the interpreter used to create .venv.
set -euo pipefail

BACKOFFICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BACKOFFICE_VENV="$BACKOFFICE_ROOT/.venv"

_bootstrap_say() { printf '[bootstrap] %s\n' "$*" >&2; }
_bootstrap_die() {
    printf '[bootstrap] ERROR: %s\n' "$*" >&2
    exit 1
}

# Prints the first Python >= 3.11 found. A candidate must actually run: a pyenv shim for a
# version that is not activated exists on PATH but fails.
bootstrap_find_python() {
    local candidate
    local -a candidates=(python3 python3.13 python3.12 python3.11)
    if [[ -n "${BACKOFFICE_PYTHON:-}" ]]; then
        candidates=("$BACKOFFICE_PYTHON")
    fi
    for candidate in "${candidates[@]}"; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
                >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    _bootstrap_die "no Python >= 3.11 found (tried: ${candidates[*]}). On Debian/Ubuntu:" \
        "'apt-get install python3 python3-venv'; or set BACKOFFICE_PYTHON=/path/to/python3.11+."
}

# ensure_debian_packages PKG... — installs those of the given Debian packages that are not
# installed yet, with apt-get (through sudo when not root). Does nothing, and needs no network,
# when all of them are installed already.
ensure_debian_packages() {
    local pkg status
    local -a missing=() sudo=()
    if ! command -v dpkg-query >/dev/null 2>&1; then
        _bootstrap_say "not a Debian-based system: make sure these (Debian names) are installed: $*"
        return 0
    fi
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            printf '[bootstrap] ERROR: missing Debian packages: %s\n' "${missing[*]}" >&2
            printf '[bootstrap] Install them as root, then run this command again:\n' >&2
            printf '    apt-get update && apt-get install -y --no-install-recommends %s\n' \
                "${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
        if [[ ! -t 0 ]]; then
            sudo=(sudo -n) # no terminal to ask for a password on: fail instead of hanging
        fi
    fi
    _bootstrap_say "installing missing Debian packages: ${missing[*]}"
    if ! ${sudo[@]+"${sudo[@]}"} apt-get update -q ||
        ! ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"; then
        printf '[bootstrap] ERROR: could not install: %s\n' "${missing[*]}" >&2
        printf '[bootstrap] Install them by hand (as root), then run this command again:\n' >&2
        printf '    apt-get update && apt-get install -y --no-install-recommends %s\n' \
            "${missing[*]}" >&2
        exit 1
    fi
}

_bootstrap_pyproject_hash() {
    "$BACKOFFICE_VENV/bin/python" -c \
        'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        "$BACKOFFICE_ROOT/pyproject.toml"
}

# Creates .venv with the given interpreter; on a Debian python without ensurepip, installs the
# venv package and tries again.
_bootstrap_create_venv() {
    local python="$1" output version pkg
    local existed=0
    [[ -e "$BACKOFFICE_VENV" ]] && existed=1
    _bootstrap_say "creating $BACKOFFICE_VENV with $python ($("$python" --version 2>&1))"
    if output="$("$python" -m venv "$BACKOFFICE_VENV" 2>&1)"; then
        return 0
    fi
    if ((existed == 0)); then
        rm -rf "$BACKOFFICE_VENV" # a venv without pip is worse than none
    fi
    if [[ "$output" != *ensurepip* ]]; then
        printf '%s\n' "$output" >&2
        _bootstrap_die "'$python -m venv .venv' failed (output above)"
    fi
    # Debian ships ensurepip separately: python3-venv for the default python3,
    # pythonX.Y-venv for the other versions.
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    pkg=python3-venv
    if [[ "$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" \
        != "$version" ]]; then
        pkg="python$version-venv"
    fi
    _bootstrap_say "$python has no ensurepip; installing Debian package $pkg"
    ensure_debian_packages "$pkg"
    "$python" -m venv "$BACKOFFICE_VENV" ||
        _bootstrap_die "'$python -m venv .venv' failed even with $pkg installed"
}

# Creates .venv if needed and installs the project (editable, with the test extras) unless the
# stamp for the current pyproject.toml exists.
bootstrap_venv() {
    local python hash stamp lock_fd
    if [[ ! -x "$BACKOFFICE_VENV/bin/python" ]]; then
        python="$(bootstrap_find_python)"
        _bootstrap_create_venv "$python"
    fi
    "$BACKOFFICE_VENV/bin/python" -c \
        'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null ||
        _bootstrap_die "$BACKOFFICE_VENV does not run a Python >= 3.11: remove it and run again"
    hash="$(_bootstrap_pyproject_hash)"
    stamp="$BACKOFFICE_VENV/.installed-$hash"
    if [[ -e "$stamp" ]]; then
        return 0 # fast path: installed for this pyproject.toml already
    fi
    # Two commands started at once must not run pip on the same venv at the same time.
    if command -v flock >/dev/null 2>&1; then
        exec {lock_fd}>"$BACKOFFICE_VENV/.bootstrap.lock"
        flock "$lock_fd"
    fi
    if [[ ! -e "$stamp" ]]; then
        if ! "$BACKOFFICE_VENV/bin/python" -m pip --version >/dev/null 2>&1; then
            python="$(bootstrap_find_python)"
            _bootstrap_create_venv "$python" # an earlier, broken attempt left .venv without pip
        fi
        _bootstrap_say "installing the project into .venv (pip install -e '.[test]')"
        (cd "$BACKOFFICE_ROOT" &&
            "$BACKOFFICE_VENV/bin/python" -m pip install --disable-pip-version-check \
                -e '.[test]') ||
            _bootstrap_die "pip install -e '.[test]' failed (output above)"
        rm -f "$BACKOFFICE_VENV"/.installed-*
        : >"$stamp"
    fi
    if [[ -n "${lock_fd:-}" ]]; then
        exec {lock_fd}>&-
    fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    cd "$BACKOFFICE_ROOT"
    bootstrap_venv
    _bootstrap_say "ready: $BACKOFFICE_VENV"
fi
