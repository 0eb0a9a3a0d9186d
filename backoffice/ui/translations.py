"""Interface translations: Qt Linguist sources shipped with the program, compiled on demand.

The ``.ts`` files are the sources: edited with Qt Linguist, updated with
``pyside6-lupdate`` through ``python -m backoffice.ui.translations update``.
The compiled ``.qm`` files are not kept in git: :func:`ensure_compiled` compiles
each ``.ts`` whose ``.qm`` is missing or older, with the ``lrelease`` that ships
in PySide6-Essentials, into a cache folder — at program start
(:func:`install_translators`) and in the test session (tests/gui/conftest.py).
A packaged build ships ready ``.qm`` files next to the ``.ts`` files; those are
used when they are current.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backoffice import assets

log = logging.getLogger(__name__)

TS_DIR = assets.folder_path(assets.translations())
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
PREFIX = "backoffice_"


class TranslationError(Exception):
    """A translation source could not be compiled."""


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("rathaus-backoffice")) / "translations"


def find_lrelease() -> Path | None:
    """The ``lrelease`` program of PySide6-Essentials (or one on PATH)."""
    bundled = Path(PySide6.__file__).resolve().parent / "lrelease"
    if bundled.is_file():
        return bundled
    found = shutil.which("lrelease") or shutil.which("pyside6-lrelease")
    return Path(found) if found else None


def _outdated(qm: Path, ts: Path) -> bool:
    return not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime


def ensure_compiled(target: Path | None = None, sources: Path = TS_DIR) -> Path:
    """Compile missing or outdated ``.qm`` files into ``target``; return the folder to load from.

    When every ``.qm`` shipped next to its ``.ts`` is current (a packaged build),
    that folder is used and nothing is compiled.
    """
    ts_files = sorted(sources.glob(f"{PREFIX}*.ts"))
    if ts_files and not any(_outdated(ts.with_suffix(".qm"), ts) for ts in ts_files):
        return sources
    target = target or default_cache_dir()
    stale = [ts for ts in ts_files if _outdated(target / f"{ts.stem}.qm", ts)]
    if not stale:
        return target
    lrelease = find_lrelease()
    if lrelease is None:
        raise TranslationError("lrelease (from PySide6-Essentials) was not found")
    target.mkdir(parents=True, exist_ok=True)
    for ts in stale:
        qm = target / f"{ts.stem}.qm"
        result = subprocess.run(
            [str(lrelease), "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not qm.is_file():
            raise TranslationError(f"lrelease failed for {ts.name}: {result.stderr.strip()}")
        log.info("compiled %s", qm)
    return target


def choose_language(preferred: str | None = None, system: QLocale | None = None) -> str:
    """The UI language: the one asked for, else English on an English system, else German."""
    if preferred in LANGUAGES:
        assert preferred is not None
        return preferred
    locale = system if system is not None else QLocale.system()
    return "en" if locale.language() == QLocale.Language.English else DEFAULT_LANGUAGE


def install_translators(
    app: QCoreApplication, language: str, cache_dir: Path | None = None
) -> list[QTranslator]:
    """Install Qt's own translation (dialog buttons, context menus) and ours for
    ``language``; return them (keep them referenced while the application runs)."""
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    else:
        log.warning("Qt's translation qtbase_%s was not found in %s", language, qt_dir)
    try:
        folder = ensure_compiled(cache_dir)
    except (TranslationError, OSError) as exc:
        log.warning("interface translations unavailable: %s", exc)
        return installed
    ours = QTranslator(app)
    if ours.load(f"{PREFIX}{language}", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s%s not found in %s", PREFIX, language, folder)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def find_lupdate() -> Path | None:
    bundled = Path(PySide6.__file__).resolve().parent / "lupdate"
    if bundled.is_file():
        return bundled
    found = shutil.which("lupdate") or shutil.which("pyside6-lupdate")
    return Path(found) if found else None


def update_sources(sources: Path = TS_DIR) -> None:
    """Re-extract the strings of backoffice/ui into the ``.ts`` files (keeps translations).

    German gets every string; English, the source language, only the plural forms.
    """
    lupdate = find_lupdate()
    if lupdate is None:
        raise TranslationError("lupdate (from PySide6-Essentials) was not found")
    ui_dir = Path(__file__).resolve().parent
    files = [str(p) for p in sorted(ui_dir.rglob("*.py"))]
    for language, extra in (("de", []), ("en", ["-pluralonly"])):
        ts = sources / f"{PREFIX}{language}.ts"
        options = ["-locations", "relative", "-no-obsolete", *extra]
        subprocess.run([str(lupdate), *options, *files, "-ts", str(ts)], check=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m backoffice.ui.translations update|compile [FOLDER]``"""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        update_sources()
        return 0
    if args[:1] == ["compile"]:
        folder = ensure_compiled(Path(args[1]) if len(args) > 1 else None)
        print(folder)
        return 0
    print("usage: python -m backoffice.ui.translations update|compile [FOLDER]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
