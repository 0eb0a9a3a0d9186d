"""Window shortcuts that a focused text field would otherwise take for itself.

Offscreen, Qt's key bindings are not the X11 ones, so the line edit does not claim
Ctrl+U there (on X11 it deletes the line: run tests/gui/test_main_window.py under
``xvfb-run -a env QT_QPA_PLATFORM=xcb`` to see the window test fail without the
filter). Ctrl+A (select all) is claimed by a line edit on every platform: it shows the
same override here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from backoffice.ui.shortcuts import ReservedKeys


def _window(qtbot: QtBot) -> tuple[QMainWindow, QLineEdit, QAction, list[str]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    window.setCentralWidget(field)
    action = QAction("Take", window)
    action.setShortcut(QKeySequence("Ctrl+A"))
    triggered: list[str] = []
    action.triggered.connect(lambda: triggered.append(field.selectedText()))
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.keyClicks(field, "Meier")
    return window, field, action, triggered


def test_a_line_edit_takes_its_keys_before_the_window(qtbot: QtBot) -> None:
    _win, field, _action, triggered = _window(qtbot)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert triggered == [] and field.selectedText() == "Meier"  # the premise


def test_reserved_keys_go_to_the_window_action_wherever_the_focus_is(qtbot: QtBot) -> None:
    window, field, action, triggered = _window(qtbot)
    ReservedKeys([action], window).watch(field)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert triggered == [""]  # the action ran; the field selected nothing
    action.setEnabled(False)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert triggered == [""] and field.selectedText() == ""  # the key is not the field's
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "Meie"  # other keys are
