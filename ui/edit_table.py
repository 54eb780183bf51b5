"""The table the workspace tabs edit in: rows selected whole, refusals said at the cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget


def edit_table(parent: QWidget, model: Any, name: str) -> QTableView:
    """Show `model` in a table named `name`; say why an edit was refused, if the model can."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    refused = getattr(model, "refused", None)
    if refused is not None:
        refused.connect(lambda why: show_refusal(table, why))
    return table


def show_refusal(table: QTableView, why: str) -> None:
    """Say at the cell why an edit was refused (the cell keeps its value)."""
    rect = table.visualRect(table.currentIndex())
    QToolTip.showText(table.viewport().mapToGlobal(rect.bottomLeft()), why, table)
    table.setProperty("refusal", why)  # what was said last, for tests
