"""Translations: German complete and current, English plural forms, compiled on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from backoffice.ui.translations import (
    PREFIX,
    TS_DIR,
    TranslationError,
    choose_language,
    ensure_compiled,
    find_lupdate,
)

UI_DIR = Path(__file__).resolve().parents[2] / "backoffice" / "ui"


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))  # noqa: S314 - our own files


@cache
def english_sources() -> frozenset[str]:
    """Every English source text whose German translation differs (and may not show up
    in the German interface)."""
    sources = set()
    for message in _messages(TS_DIR / f"{PREFIX}de.ts"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if source.replace("&", "") != translation.replace("&", ""):
            sources.add(source.replace("&", ""))
    return frozenset(sources)


def test_the_german_translation_is_complete() -> None:
    messages = _messages(TS_DIR / f"{PREFIX}de.ts")
    assert len(messages) > 150
    unfinished = []
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        source = message.findtext("source")
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            unfinished.append(source)
        elif message.get("numerus") == "yes":
            forms = [f.text for f in translation.iter("numerusform")]
            if len(forms) != 2 or not all(forms):
                unfinished.append(source)
        elif not translation.text:
            unfinished.append(source)
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    import re

    for message in _messages(TS_DIR / f"{PREFIX}de.ts"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in texts:
            assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", source)), (
                source
            )
            assert ("%n" in text) == ("%n" in source), source


def test_the_english_plural_forms_are_filled() -> None:
    messages = _messages(TS_DIR / f"{PREFIX}en.ts")
    assert messages
    for message in messages:
        assert message.get("numerus") == "yes"
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        forms = [f.text for f in message.iter("numerusform")]
        assert len(forms) == 2 and all(forms), message.findtext("source")


def test_the_sources_are_current(tmp_path: Path) -> None:
    """Every string in backoffice/ui is in the .ts files: lupdate finds nothing new."""
    lupdate = find_lupdate()
    if lupdate is None:
        pytest.skip("lupdate not installed")
    copy = tmp_path / f"{PREFIX}de.ts"
    shutil.copy(TS_DIR / copy.name, copy)
    files = [str(p) for p in sorted(UI_DIR.rglob("*.py"))]
    subprocess.run(
        [str(lupdate), "-silent", "-locations", "none", "-no-obsolete", *files, "-ts", str(copy)],
        check=True,
    )
    before = {m.findtext("source") for m in _messages(TS_DIR / copy.name)}
    after = {m.findtext("source") for m in _messages(copy)}
    assert after - before == set(), "run: python -m backoffice.ui.translations update"
    assert before - after == set(), "strings no longer used: update the .ts files"
    # lupdate sees plural forms only in self.tr(text, "", n); elsewhere an update would
    # silently turn a plural entry (and its German forms) into a singular one.
    plural_before = {
        m.findtext("source") for m in _messages(TS_DIR / copy.name) if m.get("numerus")
    }
    plural_after = {m.findtext("source") for m in _messages(copy) if m.get("numerus")}
    assert plural_before == plural_after


def test_missing_or_outdated_files_are_compiled(tmp_path: Path) -> None:
    sources = tmp_path / "ts"
    sources.mkdir()
    for ts in TS_DIR.glob("*.ts"):
        shutil.copy(ts, sources / ts.name)
    target = tmp_path / "qm"
    assert ensure_compiled(target, sources) == target
    qm = target / f"{PREFIX}de.qm"
    assert qm.is_file()
    compiled_at = qm.stat().st_mtime_ns
    assert ensure_compiled(target, sources) == target
    assert qm.stat().st_mtime_ns == compiled_at  # current: left alone
    ts = sources / f"{PREFIX}de.ts"
    later = qm.stat().st_mtime + 10
    os.utime(ts, (later, later))
    ensure_compiled(target, sources)
    assert qm.stat().st_mtime_ns != compiled_at
    # A build that ships current .qm files next to the sources uses them as they are.
    for shipped in target.glob("*.qm"):
        shutil.copy(shipped, sources / shipped.name)
        os.utime(sources / shipped.name, (later + 10, later + 10))
    assert ensure_compiled(tmp_path / "unused", sources) == sources


def test_a_broken_source_is_reported(tmp_path: Path) -> None:
    sources = tmp_path / "ts"
    sources.mkdir()
    (sources / f"{PREFIX}de.ts").write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(TranslationError):
        ensure_compiled(tmp_path / "qm", sources)


@pytest.mark.parametrize(
    "preferred, system, expected",
    [
        (None, QLocale(QLocale.Language.German, QLocale.Country.Germany), "de"),
        (None, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "en"),
        (None, QLocale(QLocale.Language.French, QLocale.Country.France), "de"),
        ("en", QLocale(QLocale.Language.German, QLocale.Country.Germany), "en"),
        ("de", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "de"),
        ("fr", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "en"),
    ],
)
def test_the_language_follows_the_setting_then_the_system(
    preferred: str | None, system: QLocale, expected: str
) -> None:
    assert choose_language(preferred, system) == expected
