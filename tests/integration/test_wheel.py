"""The built wheel works on its own: installed into a fresh venv, run from outside the checkout.

The wheel is built from a copy of the checkout (so nothing is written into it), without build
isolation (the dev venv's setuptools, no download). The fresh venv gets only the wheel; the
third-party packages come from the dev venv through one ``.pth`` line. Python does not process
``.pth`` files inside a folder added that way, so the dev venv's editable finder stays out and
``backoffice`` can only come from the fresh venv: asserted below, with every command run from a
folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    site_packages: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "backoffice"), *argv],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _copy_sources(target: Path) -> None:
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.qm", "*.egg-info")
    for folder in ("backoffice", "resources"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    assert not base.is_relative_to(ROOT)
    sources = base / "src"
    sources.mkdir()
    _copy_sources(sources)
    wheelhouse = base / "wheelhouse"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"),
            *("--disable-pip-version-check", "-w", str(wheelhouse), str(sources)),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = wheelhouse.glob("rathaus_backoffice-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Install before the .pth line exists, so pip sees no other copy of the project.
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "-q"),
            *("--disable-pip-version-check", "--no-deps", "--no-index", str(wheel)),
        ],
        check=True,
        timeout=300,
    )
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site_packages / "dev-venv-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    cwd = base / "elsewhere"
    cwd.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "BACKOFFICE_", "VIRTUAL_ENV", "QT_"))
        and key not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env |= {
        "HOME": str(base / "home"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_DATA_HOME": str(base / "share"),
        "LANG": "C.UTF-8",
        # No OS keyring: the demo keeps its made-up secrets in memory; nothing real is touched.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return Installed(wheel, venv, site_packages, cwd, env)


def _shipped_service_keys() -> list[str]:
    return sorted(
        json.loads(path.read_text(encoding="utf-8"))["key"]
        for path in (ROOT / "resources" / "services").glob("*.json")
    )


def test_wheel_contains_the_resources(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts and source.suffix != ".qm":
            assert f"backoffice/resources/{source.relative_to(ROOT / 'resources')}" in names
    assert "backoffice/assets.py" in names
    assert not any(name.startswith(("tests/", "resources/")) for name in names)


def test_program_comes_from_the_fresh_venv(installed: Installed) -> None:
    code = (
        "import backoffice, backoffice.assets as a, PySide6; "
        "print(backoffice.__file__); print(a.root()); print(PySide6.__file__)"
    )
    probe = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", code],
        cwd=installed.cwd,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    package, resources, pyside = (Path(line) for line in probe.stdout.splitlines())
    assert package.is_relative_to(installed.site_packages), package
    assert Path(str(resources)).is_relative_to(installed.site_packages / "backoffice")
    assert not pyside.is_relative_to(installed.venv)  # the dependencies: the dev venv's


def test_installed_catalogue_list(installed: Installed, tmp_path: Path) -> None:
    done = installed.run("--data-dir", str(tmp_path / "data"), "catalogue", "list")
    assert done.returncode == 0, done.stderr
    listed = [line.split()[0] for line in done.stdout.splitlines()[2:] if line.strip()]
    assert sorted(listed) == _shipped_service_keys()


def test_installed_version(installed: Installed) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    done = installed.run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"backoffice {config['project']['version']}\n"


def test_installed_demo_opens_its_window(installed: Installed, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "demo")]
    done = installed.run(*data, "--demo", "--smoke-test")
    assert done.returncode == 0, done.stdout + done.stderr
    sync = re.search(r"First sync: (\d+) applications received, (\d+) rejected", done.stderr)
    assert sync is not None, done.stderr
    received = int(sync[1])
    assert received > 0 and int(sync[2]) == 1
    # The window painted the demo's cases (offscreen by itself: no display, no QT_QPA_PLATFORM).
    assert f"smoke test: the inbox shows {received} rows" in done.stdout
    listed = installed.run(*data, "--as", "teamleitung", "cases", "list", "--limit", "500")
    assert listed.returncode == 0, listed.stderr
    assert f"{received} of {received} case(s)" in listed.stdout
