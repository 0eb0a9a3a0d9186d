"""Icons: the project's SVGs (crisp at any scale), else the style's standard icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from backoffice import assets

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
    """The icon called ``name`` (a shipped SVG's file stem, or a fallback key)."""
    resource = assets.icon(name)
    if resource.is_file():
        return QIcon(str(assets.file_path(resource)))
    standard = _FALLBACK.get(name)
    if standard is not None:
        return QApplication.style().standardIcon(standard)
    return QIcon()
