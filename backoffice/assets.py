"""The files that ship with the program: service templates, schemas, fonts, icons, translations.

They live in the repository's top-level ``resources/`` folder, which the build maps into the
package as ``backoffice.resources`` (see ``pyproject.toml``), so the same code finds them in a
checkout, an editable install, an installed wheel and a PyInstaller bundle. This module is the
only place that knows that: everything else asks it, through ``importlib.resources``.

Most callers only read (``Traversable.read_text``/``read_bytes``/``iterdir``). Where a library
needs a real file name (reportlab's fonts, ``QIcon``, ``lrelease``), :func:`file_path` gives one
that stays valid until the process ends (the resource itself in every install we build, a
temporary copy if the package ever runs from a zip archive).

Qt-free and importing nothing of ours: the lowest layer, usable from every package.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "backoffice.resources"

_extracted = ExitStack()
atexit.register(_extracted.close)


def root() -> Traversable:
    """The folder of all shipped resources."""
    return files(PACKAGE)


def service_templates() -> Traversable:
    """The folder of the default service templates (``*.json``)."""
    return root() / "services"


def schema(name: str) -> Traversable:
    """The shipped JSON schema file ``name`` (a plain file name, nothing with a path in it)."""
    return root() / "schemas" / _plain(name)


def font(name: str) -> Traversable:
    """The shipped font file ``name`` (e.g. ``DejaVuSans.ttf``)."""
    return root() / "fonts" / _plain(name)


def icon(name: str) -> Traversable:
    """The shipped SVG icon called ``name`` (file stem); it may not exist."""
    return root() / "icons" / f"{_plain(name)}.svg"


def translations() -> Traversable:
    """The folder of the Qt Linguist sources (``*.ts``) and, in a packaged build, ``*.qm``."""
    return root() / "translations"


def file_path(resource: Traversable) -> Path:
    """A real file name for ``resource``, valid until the process ends."""
    return _extracted.enter_context(as_file(resource))


def folder_path(resource: Traversable) -> Path:
    """The real folder behind ``resource``.

    Every install we build (checkout, editable, wheel, PyInstaller bundle) keeps the
    resources as plain files, so this is the folder itself; a zip import has no folder to
    give and is refused with a clear message.
    """
    if isinstance(resource, Path):
        return resource
    raise RuntimeError(f"the program's resources are not plain files ({resource!r})")


def _plain(name: str) -> str:
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError(f"not a plain resource file name: {name!r}")
    return name
