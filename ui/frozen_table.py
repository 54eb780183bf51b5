"""A table whose first columns stay in view while the others scroll sideways."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget


class FrozenColumnsTable(QTableView):
    """A QTableView with a second view over its first `frozen` columns laid on top: the
    same model and selection, scrolled vertically together, never sideways."""

    def __init__(self, frozen: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = frozen
        self.front = QTableView(self)
        self.front.setObjectName("frozen_columns")
        self.front.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.front.verticalHeader().hide()
        self.front.setFrameShape(QFrame.Shape.NoFrame)
        self.front.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.front.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.front.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.front.setStyleSheet("QTableView { border-right: 1px solid #b0b0b0; }")
        self.viewport().stackUnder(self.front)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda i, _old, size: self.front.setRowHeight(i, size)
        )
        self.front.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.front.verticalScrollBar().setValue)
        # Sorting is the main view's: a click on a frozen heading sorts through it, and the
        # frozen heading shows the same indicator.
        self.front.horizontalHeader().setSectionsClickable(True)
        self.front.horizontalHeader().sectionClicked.connect(self._front_clicked)
        self.horizontalHeader().sortIndicatorChanged.connect(self._show_sort)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.front.setModel(model)
        self.front.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._sync_columns)
            model.layoutChanged.connect(self._sync_columns)
        self._sync_columns()

    def _sync_columns(self, *_args: Any) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            self.front.setColumnHidden(column, column >= self.frozen)
            if column < self.frozen:
                self.front.setColumnWidth(column, self.columnWidth(column))
        self.front.setAlternatingRowColors(self.alternatingRowColors())
        self.front.setSelectionBehavior(self.selectionBehavior())
        self.front.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize()
        )
        self.front.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._place()

    def _front_clicked(self, column: int) -> None:
        """Sort as a click on the main heading would: ascending first, then toggling."""
        if not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (
            Qt.SortOrder.DescendingOrder
            if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == ascending
            else ascending
        )
        header.setSortIndicator(column, order)  # the view sorts when its indicator changes

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        front = self.front.horizontalHeader()
        front.setSortIndicatorShown(0 <= column < self.frozen)
        front.setSortIndicator(column, order)

    def _section_resized(self, column: int, _old: int, size: int) -> None:
        if column < self.frozen:
            self.front.setColumnWidth(column, size)
            self._place()

    def _place(self) -> None:
        width = sum(self.columnWidth(c) for c in range(self.frozen))
        self.front.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            width,
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.front.setVisible(self.model() is not None and self.model().columnCount() > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Any) -> QModelIndex:
        """Keep the cell the keyboard moves to out from under the frozen columns."""
        current = super().moveCursor(action, modifiers)
        frozen_width = sum(self.columnWidth(c) for c in range(self.frozen))
        if (
            action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() >= self.frozen
            and self.visualRect(current).topLeft().x() < frozen_width
        ):
            value = (
                self.horizontalScrollBar().value()
                + self.visualRect(current).topLeft().x()
                - frozen_width
            )
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if index.column() >= self.frozen:
            super().scrollTo(index, hint)
