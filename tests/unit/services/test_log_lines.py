"""Log lines never carry raw control characters from citizen data, in the file or the console."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from backoffice.services.installation import CitizenSafeFormatter, Installation, console_log_handler

HOSTILE = "Müller\rFee paid: yes\x1b]0;pwned\x07\u202e\x00\nFee paid: forged record"


def _raw(text: str) -> set[str]:
    return {ch for ch in text if not (ch.isprintable() or ch == "\n")}


@pytest.mark.expect_log_warning(r"check failed")
def test_the_log_file_shows_citizen_text_inert(tmp_path: Path) -> None:
    installation = Installation(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    installation.prepare()
    log = logging.getLogger("backoffice.test.citizen")
    with installation.logging_to_file() as path:
        log.info("submission from %s", HOSTILE)
        try:
            raise ValueError(f"bad name {HOSTILE!s}")
        except ValueError:
            log.exception("check failed")
    text = path.read_text("utf-8")
    assert "Müller⟨U+000D⟩Fee paid: yes⟨U+001B⟩]0;pwned⟨U+0007⟩⟨U+202E⟩⟨U+0000⟩" in text
    assert _raw(text) == set()
    # Every record starts at the left margin; its further lines (the citizen's line break,
    # the traceback) are indented, so that no line can pass for a record of its own.
    records = [line for line in text.splitlines() if not line.startswith(" ")]
    assert len(records) == 2
    assert all(" INFO " in r or " ERROR " in r for r in records)
    assert "    Fee paid: forged record" in text and "    Traceback" in text


@pytest.mark.expect_log_warning(r"skipped")
def test_the_console_log_is_inert_too() -> None:
    stream = io.StringIO()
    handler = console_log_handler(logging.DEBUG)
    assert isinstance(handler.formatter, CitizenSafeFormatter)
    handler.setStream(stream)  # type: ignore[attr-defined]
    log = logging.getLogger("backoffice.test.console")
    log.addHandler(handler)
    try:
        log.warning("skipped %s", HOSTILE)
    finally:
        log.removeHandler(handler)
    text = stream.getvalue()
    assert text.startswith("WARNING backoffice.test.console: skipped Müller⟨U+000D⟩")
    assert _raw(text) == set() and "\n    Fee paid: forged record\n" in text
