"""Window shortcuts that a text field must not take for itself.

A focused line edit claims some control keys before the window's shortcuts see them
(Qt's ShortcutOverride): Ctrl+U, for example, deletes to the start of the line on
Linux, so with the search box focused "take case" cleared the search instead. A
:class:`ReservedKeys` filter on such a field declines the override for the keys of
the given actions, so the window's action runs wherever the focus is, and swallows
the key press should it still reach the field (the action being disabled): the key
means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class ReservedKeys(QObject):
    """An event filter that keeps the shortcuts of ``actions`` for the window."""

    def __init__(self, actions: Iterable[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = list(actions)

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def reserved(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(
            pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
            for action in self._actions
            for key in action.shortcuts()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() in keys and isinstance(event, QKeyEvent) and self.reserved(event):
            # ShortcutOverride not accepted: the shortcut map goes on to the action.
            event.ignore()
            return True
        return super().eventFilter(watched, event)


__all__ = ["ReservedKeys"]
