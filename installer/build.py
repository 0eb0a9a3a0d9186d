"""Build the installable program: a PyInstaller one-folder bundle, packed for the platform.

    .venv/bin/python installer/build.py [--deb] [--install-test] [--xvfb]   (Linux)
    .venv\\Scripts\\python installer\\build.py                                (Windows)

Steps (each timed): stage the wheel's contents (built from a fresh copy of the sources, so no
stale build output can slip in), compile the translations into it, run installer/backoffice.spec,
check the bundle's shared libraries (Linux), smoke-test the bundle offscreen
(``--demo --smoke-test``), pack it (``.tar.xz`` on Linux, ``.zip`` on Windows) and report the
size installed and compressed. ``--deb`` also builds the Debian package and ``--install-test``
installs it with apt-get, smoke-tests ``/usr/bin/backoffice`` and removes it again (root).
The Windows MSI is built from the bundle with WiX (installer/README.md).

Everything goes to build/installer/ (work) and dist/ (results); both are ignored by git.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke import SmokeTestFailed, smoke_test

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "installer"
DIST = ROOT / "dist"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
# Size targets of the release (issue 12).
TARGET_INSTALLED_MB = 150
TARGET_COMPRESSED_MB = 60

timings: list[tuple[str, float]] = []


@contextmanager
def step(title: str) -> Iterator[None]:
    print(f"==> {title}", flush=True)
    started = time.monotonic()
    yield
    timings.append((title, time.monotonic() - started))
    print(f"--- {title}: {timings[-1][1]:.1f} s", flush=True)


def project_version() -> str:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version: str = config["project"]["version"]
    return version


def platform_tag() -> str:
    machine = platform.machine().lower()
    arch = {"amd64": "x64", "x86_64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{'windows' if WINDOWS else sys.platform}-{arch}"


def stage(target: Path) -> None:
    """Install the wheel's contents (no dependencies) into ``target`` from fresh sources."""
    sources = WORK / "src"
    for folder in (sources, target):
        shutil.rmtree(folder, ignore_errors=True)
    sources.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, sources / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.qm", "*.egg-info")
    for folder in ("backoffice", "resources"):
        shutil.copytree(ROOT / folder, sources / folder, ignore=ignore)
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q"),
            *("--no-deps", "--no-build-isolation", "--no-compile", "--target", str(target)),
            str(sources),
        ],
        check=True,
    )


def compile_translations(stage_dir: Path) -> None:
    """Ship compiled ``.qm`` next to the ``.ts``: the bundle has no lrelease to do it at start."""
    from backoffice.ui.translations import find_lrelease

    lrelease = find_lrelease()
    if lrelease is None:
        raise SystemExit("lrelease (PySide6-Essentials) not found")
    folder = stage_dir / "backoffice" / "resources" / "translations"
    for ts in sorted(folder.glob("*.ts")):
        subprocess.run(
            [str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def render_icon(target: Path) -> Path:
    """The program icon as a 256 px PNG (Windows: PyInstaller makes the .exe icon from it)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ROOT / "resources" / "icons" / "backoffice.svg")).render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise SystemExit(f"cannot write {target}")
    del app
    return target


def run_pyinstaller(stage_dir: Path, name: str) -> Path:
    env = {**os.environ, "BACKOFFICE_STAGE": str(stage_dir), "BACKOFFICE_BUNDLE_NAME": name}
    if WINDOWS:
        env["BACKOFFICE_ICON"] = str(render_icon(WORK / "backoffice.png"))
    subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"),
            *("--distpath", str(WORK / "dist"), "--workpath", str(WORK / "pyinstaller")),
            str(ROOT / "installer" / "backoffice.spec"),
        ],
        check=True,
        env=env,
    )
    bundle = WORK / "dist" / name
    # PyInstaller copies files without their times: make each compiled translation newer than
    # its source again, or the program would try to compile it (and has no lrelease).
    now = time.time()
    for qm in bundle.rglob("backoffice_*.qm"):
        os.utime(qm, (now, now))
    return bundle


def trim_icu(bundle: Path) -> None:
    import icu_data

    missing = icu_data.missing_tools()
    if missing:
        raise SystemExit(f"missing {', '.join(missing)} (apt-get install icu-devtools gcc)")
    for library in sorted(bundle.rglob("libicudata.so.*")):
        if not library.is_symlink():
            before, after = icu_data.trim(library, WORK / "icu")
            print(f"  {library.name}: {megabytes(before)} -> {megabytes(after)}")


def check_libraries(bundle: Path) -> None:
    """Linux: every ELF file of the bundle finds its libraries (in the bundle or the system)."""
    missing = set()
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(_library_dirs(bundle))}
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        missing |= {
            f"{path.relative_to(bundle)}: {line.split()[0]}"
            for line in done.stdout.splitlines()
            if "not found" in line
        }
    if missing:
        raise SystemExit("libraries not found:\n  " + "\n  ".join(sorted(missing)))


def _library_dirs(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    return [str(internal), str(internal / "PySide6" / "Qt" / "lib"), str(internal / "PySide6")]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack(bundle: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    if WINDOWS:
        archive = target.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(bundle.rglob("*")):
                zf.write(path, Path(bundle.name) / path.relative_to(bundle))
        return archive
    archive = target.with_name(target.name + ".tar.xz")
    if shutil.which("tar") and shutil.which("xz"):  # xz on every core: 3x faster than tarfile
        with archive.open("wb") as out:
            tar = subprocess.Popen(
                ["tar", "-C", str(bundle.parent), "-cf", "-", bundle.name], stdout=subprocess.PIPE
            )
            subprocess.run(["xz", "-6", "-T0", "-c"], stdin=tar.stdout, stdout=out, check=True)
            if tar.wait() != 0:
                raise SystemExit("tar failed")
        return archive
    with tarfile.open(archive, "w:xz", preset=6) as tf:
        tf.add(bundle, arcname=bundle.name)
    return archive


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", action="store_true", help="also build the Debian package")
    parser.add_argument(
        "--install-test",
        action="store_true",
        help="with --deb: apt-get install it, smoke-test /usr/bin/backoffice, remove it (root)",
    )
    parser.add_argument("--xvfb", action="store_true", help="also smoke-test on an X server")
    args = parser.parse_args(argv)
    version = project_version()
    name = f"rathaus-backoffice-{version}"
    started = time.monotonic()

    stage_dir = WORK / "site"
    with step("stage the wheel's contents"):
        stage(stage_dir)
    with step("compile translations"):
        compile_translations(stage_dir)
    with step("PyInstaller"):
        bundle = run_pyinstaller(stage_dir, name)
    if not WINDOWS:
        with step("trim ICU's data to German and English"):
            trim_icu(bundle)
        with step("check shared libraries"):
            check_libraries(bundle)
    with step("smoke test of the bundle"):
        try:
            smoke_test(bundle / f"backoffice{EXE_SUFFIX}", version, xvfb=args.xvfb)
        except SmokeTestFailed as exc:
            print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
            return 1
    with step("pack"):
        archive = pack(bundle, DIST / f"{name}-{platform_tag()}")
    results = [archive]
    if args.deb:
        from linux_package import build_deb, install_test

        with step("Debian package"):
            deb = build_deb(bundle, version, DIST)
        results.append(deb)
        if args.install_test:
            with step("install the Debian package and smoke-test it"):
                try:
                    install_test(deb, version, xvfb=args.xvfb)
                except SmokeTestFailed as exc:
                    print(f"SMOKE TEST FAILED (installed): {exc}", file=sys.stderr)
                    return 1

    installed = folder_size(bundle)
    compressed = archive.stat().st_size
    print("\nTimings: " + ", ".join(f"{title} {seconds:.1f} s" for title, seconds in timings))
    print(f"Total: {time.monotonic() - started:.1f} s")
    print(f"Bundle {bundle}")
    for result in results:
        print(f"{result.name}: {megabytes(result.stat().st_size)}")
    for what, size, target in (
        ("installed", installed, TARGET_INSTALLED_MB),
        (f"compressed ({archive.name.rsplit('-', 1)[-1]})", compressed, TARGET_COMPRESSED_MB),
    ):
        verdict = "met" if size < target * 10**6 else "MISSED"
        print(f"Size {what}: {megabytes(size)} (target < {target} MB: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
