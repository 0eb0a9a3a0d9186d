"""One tile of the dashboard: a figure's title, its headline, a chart or list, notes.

The title row carries a "?" button whose tooltip (and click) says what the figure
counts, and a "Show cases" button that drills down to the inbox filter of the
tile's headline figure in one click. A suppressed headline reads "suppressed: fewer
than 5 staff members", never 0. Everything is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.queries import CaseFilter
from backoffice.ui.texts import plain_tooltip
from backoffice.ui.widgets import heading_font, muted, plain_label


class Tile(QFrame):
    """A framed figure; see the module documentation."""

    #: Show the cases behind the headline (the filter, what it is called).
    drill_requested = Signal(object, str)

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#dashboardTile { background: palette(base); border: 1px solid #c9d1dc;"
            " border-radius: 6px; }"
        )
        self._title = title
        self._filter: CaseFilter | None = None
        self._drill_label = title
        self.title_label = plain_label(title, self)
        self.title_label.setFont(heading_font(self.font(), 1.1))
        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setAutoRaise(True)
        self.help_button.setToolTip(plain_tooltip(description))
        self.help_button.setAccessibleName(self.tr("What this figure counts"))
        self.help_button.clicked.connect(self._show_description)
        self.description = description
        self.drill_button = QToolButton(self)
        self.drill_button.setText(self.tr("Show cases"))
        self.drill_button.setToolTip(self.tr("List these cases in the inbox"))
        self.drill_button.setAutoRaise(True)
        self.drill_button.clicked.connect(self.drill)
        self.drill_button.setEnabled(False)
        self.headline = plain_label("", self, wrap=True)
        self.headline.setFont(heading_font(self.font(), 1.6))
        self.headline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.note = muted(plain_label("", self, wrap=True))
        self.note.hide()

        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.help_button)
        top.addWidget(self.drill_button)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.note)

    def add_content(self, widget: QWidget, stretch: int = 1) -> None:
        self.body.addWidget(widget, stretch)

    def show_headline(self, text: str, flt: CaseFilter | None, drill_label: str = "") -> None:
        """The tile's main figure (already in words) and the filter it drills down to."""
        self.headline.setText(text)
        self.headline.setVisible(bool(text))
        self._filter = flt
        self._drill_label = drill_label or self._title
        self.drill_button.setEnabled(flt is not None)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    @property
    def drill_filter(self) -> CaseFilter | None:
        return self._filter

    def drill(self) -> None:
        if self._filter is not None:
            self.drill_requested.emit(self._filter, self._drill_label)

    def _show_description(self) -> None:
        QToolTip.showText(
            self.help_button.mapToGlobal(QPoint(0, self.help_button.height())),
            self.help_button.toolTip(),
            self.help_button,
        )


__all__ = ["Tile"]
