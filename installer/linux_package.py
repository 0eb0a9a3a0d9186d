"""The Debian package of the bundle, built with dpkg-deb, and its install test.

Layout: the bundle under /opt/rathaus-backoffice, the command /usr/bin/backoffice (a link),
a desktop entry and the program icon. Depends: the Debian packages of the system libraries
the bundle links against (found with ldd and dpkg -S on the build host, so they are exactly
what the spec left to the system), plus what Qt loads at run time without linking (GL, EGL,
fontconfig's configuration).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from smoke import smoke_test

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rathaus-backoffice"
PREFIX = Path("opt") / PACKAGE
#: Loaded by Qt with dlopen (no ELF dependency shows them).
RUNTIME_PACKAGES = ("libgl1", "libegl1", "fontconfig-config")
#: Part of every Debian system: never worth a Depends line.
ESSENTIAL = {"libc6", "libc-bin", "libgcc-s1", "libstdc++6", "zlib1g"}


def system_packages(bundle: Path) -> list[str]:
    """Debian packages that provide the libraries the bundle's binaries load from the system."""
    libraries: set[str] = set()
    internal = bundle / "_internal"
    search = [internal, internal / "PySide6" / "Qt" / "lib", internal / "PySide6"]
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(map(str, search))}
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        output = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=env, check=False
        ).stdout
        for line in output.splitlines():
            if "=>" in line and "/" in line.split("=>")[1]:
                target = line.split("=>")[1].split()[0]
                if not Path(target).resolve().is_relative_to(bundle.resolve()):
                    libraries.add(target)
    packages = set(RUNTIME_PACKAGES)
    for library in sorted(libraries):
        found = subprocess.run(
            ["dpkg", "-S", str(Path(library).resolve())], capture_output=True, text=True
        )
        if found.returncode != 0:  # /lib is a link to /usr/lib on Debian 12: try the other name
            found = subprocess.run(["dpkg", "-S", library], capture_output=True, text=True)
        if found.returncode != 0:
            raise SystemExit(f"no Debian package provides {library}")
        packages.add(found.stdout.split(":")[0])
    return sorted(packages - ESSENTIAL)


def build_deb(bundle: Path, version: str, target_dir: Path) -> Path:
    root = bundle.parent / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    depends = system_packages(bundle)
    (root / PREFIX / "debian-packages.txt").write_text("\n".join(depends) + "\n", "utf-8")
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "backoffice").symlink_to(Path("/") / PREFIX / "backoffice")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(ROOT / "installer" / "linux" / f"{PACKAGE}.desktop", applications)
    icons = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "backoffice.svg", icons / f"{PACKAGE}.svg")
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    size_kb //= 1024
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        "Maintainer: Rathaus Backoffice developers <backoffice@example.invalid>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: desktop back office for town hall clerks\n"
        " Pulls the applications citizens file on the town's online portal, lets clerks\n"
        " work through them, produces certificates and letters and informs the citizen.\n",
        encoding="utf-8",
    )
    deb = target_dir / f"{PACKAGE}_{version}_amd64.deb"
    target_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *("dpkg-deb", "--root-owner-group", "-Zxz", f"--threads-max={os.cpu_count() or 1}"),
            *("--build", str(root), str(deb)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def install_test(deb: Path, version: str, *, xvfb: bool = False) -> None:
    """apt-get install the package, smoke-test /usr/bin/backoffice, then remove it (root)."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", str(deb.resolve())],
        check=True,
        env=env,
    )
    try:
        desktop = Path("/usr/share/applications") / f"{PACKAGE}.desktop"
        if not desktop.is_file() or not Path("/usr/bin/backoffice").exists():
            raise SystemExit("the package did not install its command and desktop entry")
        with tempfile.TemporaryDirectory() as folder:
            os.chdir(folder)  # nowhere near the checkout
            smoke_test(Path("/usr/bin/backoffice"), version, xvfb=xvfb)
    finally:
        os.chdir(ROOT)
        subprocess.run(["apt-get", "remove", "-y", "-q", PACKAGE], check=True, env=env)
