"""The desktop program's start does not import the heavy libraries it needs only later.

Most of a cold start of ``backoffice`` (tests/benchmarks/gui_coldstart.py) went into imports.
These libraries are now imported by the code that uses them, and none of them is loaded by
importing the entry point (``backoffice.cli``) and the GUI (``backoffice.ui.app``):

- reportlab: rendering a certificate or letter (``backoffice.documents`` loads it on first use);
- jsonschema: validating a service template. The start still validates the stored templates
  before the inbox shows, so it is imported then, in the start's worker thread;
- alembic: an actual schema upgrade. On a current database the start compares the stored
  revision with ``HEAD_REVISION`` in plain SQL (tests/integration/store/test_migrations.py
  checks that constant against Alembic's head);
- holidays: computing a deadline (stored due dates are shown without it);
- requests, jwcrypto, keyring: the portal connection, for a sync or a portal command.

Each check runs in a fresh interpreter: this test process imported all of them long ago.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

KEPT_OUT = ("reportlab", "jsonschema", "alembic", "holidays", "requests", "jwcrypto", "keyring")

_REPORT = f"""
import json, sys
print(json.dumps(sorted(name for name in {KEPT_OUT!r} if name in sys.modules)))
"""


def _loaded_after(code: str) -> list[str]:
    """The KEPT_OUT libraries in ``sys.modules`` after a fresh interpreter ran ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", code + _REPORT],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_importing_the_program_loads_none_of_the_heavy_libraries() -> None:
    assert _loaded_after("import backoffice.cli, backoffice.ui.app") == []


def test_opening_a_current_database_needs_no_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.sqlite3'}"
    open_and_upgrade = (
        "from backoffice.store.database import Database\n"
        "from backoffice.store.migrate import upgrade\n"
        f"db = Database({url!r})\n"
        "before, after = upgrade(db)\n"
        "db.dispose()\n"
    )
    assert "alembic" in _loaded_after(open_and_upgrade)  # an empty database: a real upgrade
    assert _loaded_after(open_and_upgrade + "assert before == after\n") == []
