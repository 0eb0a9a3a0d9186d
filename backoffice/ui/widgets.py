"""Small widgets used by several panels: plain-text labels, a message bar, badges."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from backoffice.ui.icons import icon
from backoffice.ui.texts import Tone

#: (background, border, text) per tone; chosen for contrast on light palettes.
TONE_COLOURS = {
    Tone.GOOD: ("#e6f4ea", "#8cc79f", "#1e5631"),
    Tone.NEUTRAL: ("#eef1f5", "#b8c2cf", "#2b3a4a"),
    Tone.WARNING: ("#fff4d6", "#e0b44c", "#5c4300"),
    Tone.BAD: ("#fde7e7", "#e08a8a", "#7a1212"),
}


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    wrap: bool = False,
    selectable: bool = False,
) -> QLabel:
    """A label that never interprets its text as markup (citizen data is data)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setCursor(Qt.CursorShape.IBeamCursor)
    return label


#: An unbroken run this long may not fit a label's width (a label wraps only between words).
LONG_RUN = 32


def _run_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit},}}")


def has_long_run(text: str, limit: int = LONG_RUN) -> bool:
    return _run_pattern(limit).search(text) is not None


def shorten_runs(text: str, limit: int = LONG_RUN) -> str:
    """``text`` with every unbroken run of ``limit`` or more characters cut ("Aaaa…"), to
    fit a wrapping label; for summaries whose full text is shown elsewhere."""
    return _run_pattern(limit).sub(lambda m: m.group(0)[: limit - 1] + "…", text)


class WrappedText(QPlainTextEdit):
    """Plain text that wraps anywhere, for values with a long unbroken run (a 100-character
    name) that a label cannot break and would clip: read-only, frameless, as tall as its
    lines, selectable and copied as it is (no invisible break characters)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QPlainTextEdit { background: transparent; }")
        self.document().setDocumentMargin(0)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.setPlainText(text)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def text(self) -> str:
        """The text, as a label's ``text()``."""
        return self.toPlainText()

    @staticmethod
    def textFormat() -> Qt.TextFormat:
        """Always plain text, as a label's ``textFormat()`` says (the text is never markup)."""
        return Qt.TextFormat.PlainText

    def _fit(self, _size: QSizeF | None = None) -> None:
        lines = max(1, round(self.document().documentLayout().documentSize().height()))
        margins = self.contentsMargins()
        self.setFixedHeight(
            lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 2
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def muted(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour (readable, unlike disabled text)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.placeholderText().color())
    label.setPalette(palette)
    return label


def fit_rows(tree: QTreeWidget, min_rows: int = 2, max_rows: int = 6) -> None:
    """Make a short list only as tall as its rows (within bounds), leaving the rest of the
    panel to what is below it (a preview)."""
    rows = min(max(tree.topLevelItemCount(), min_rows), max_rows)
    row_height = tree.sizeHintForRow(0) if tree.topLevelItemCount() else 0
    row_height = max(row_height, tree.fontMetrics().height() + 4)
    header = tree.header().sizeHint().height() if not tree.isHeaderHidden() else 0
    tree.setMaximumHeight(header + rows * row_height + 2 * tree.frameWidth() + 2)


def heading_font(base: QFont, scale: float = 1.35, bold: bool = True) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(bold)
    return font


class Badge(QLabel):
    """A short fact in a coloured, rounded frame (plain text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.set_tone(Tone.NEUTRAL)

    def set_tone(self, tone: Tone) -> None:
        background, border, text = TONE_COLOURS[tone]
        self.setStyleSheet(
            f"QLabel {{ background: {background}; border: 1px solid {border}; color: {text};"
            " border-radius: 4px; padding: 2px 8px; }"
        )


class MessageBar(QFrame):
    """A dismissable message above a panel (like KMessageWidget): plain text, one action."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._icon = QLabel(self)
        self._text = plain_label(parent=self, wrap=True, selectable=True)
        policy = self._text.sizePolicy()  # keeps the height-for-width flag of wrapping labels
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self._text.setSizePolicy(policy)
        self._action = QPushButton(self)
        self._action.hide()
        self._close = QToolButton(self)
        self._close.setAutoRaise(True)
        self._close.setText("✕")
        self._close.setToolTip(self.tr("Close this message"))
        self._close.clicked.connect(self.dismiss)
        self._callback: Callable[[], None] | None = None
        self._action.clicked.connect(self._run_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def show_message(
        self,
        text: str,
        tone: Tone = Tone.NEUTRAL,
        *,
        action: str | None = None,
        on_action: Callable[[], None] | None = None,
    ) -> None:
        background, border, colour = TONE_COLOURS[tone]
        self.setStyleSheet(
            f"QFrame#messageBar {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }} QFrame#messageBar QLabel {{ color: {colour}; }}"
        )
        name = {Tone.WARNING: "warning", Tone.BAD: "error"}.get(tone, "information")
        size = self.style().pixelMetric(self.style().PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(icon(name).pixmap(size, size))
        self._text.setText(text)
        self._callback = on_action
        self._action.setVisible(bool(action and on_action))
        self._action.setText(action or "")
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self._callback = None
        self.closed.emit()

    def _run_action(self) -> None:
        callback = self._callback
        if callback is not None:
            callback()
