"""Icons: the project's SVGs (crisp at any scale), else the style's standard icons."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"

_FALLBACK = {
    "refresh": QStyle.StandardPixmap.SP_BrowserReload,
    "go-next": QStyle.StandardPixmap.SP_ArrowDown,
    "go-previous": QStyle.StandardPixmap.SP_ArrowUp,
    "inbox": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "case-status": QStyle.StandardPixmap.SP_DialogApplyButton,
    "attachment": QStyle.StandardPixmap.SP_FileIcon,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "information": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "close": QStyle.StandardPixmap.SP_TitleBarCloseButton,
}


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (file stem in resources/icons, or a fallback key)."""
    path = ICON_DIR / f"{name}.svg"
    if path.is_file():
        return QIcon(str(path))
    standard = _FALLBACK.get(name)
    if standard is not None:
        return QApplication.style().standardIcon(standard)
    return QIcon()
