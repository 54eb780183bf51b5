"""The workspace's Site and defaults tab: every parameter and exchange rate with its date and
source, editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from procure.wording import plain_number, with_unit
from ui.edit_table import edit_table
from ui.models.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
VALUE, DATE, SOURCE = 2, 3, 4


class ParametersModel(RowsModel):
    """Site parameters and model defaults, then exchange rates (PKR per unit)."""

    HEADERS = ("Parameter", "Unit", "Value", "Date", "Source")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.read_only = False

    def set_need(self, need: dict[str, Any]) -> None:
        """Show the need's site parameters and exchange rates."""
        self.beginResetModel()
        self.rows = [
            {
                "kind": "site",
                "key": key,
                "label": p.get("label") or key,
                "unit": p.get("unit") or "",
                "value": p["value"],
                "date": p.get("date"),
                "source": p.get("source") or "",
            }
            for key, p in need["site"].items()
        ]
        self.rows += [
            {
                "kind": "rate",
                "key": r["currency"],
                "label": f"Exchange rate {r['currency']}",
                "unit": "PKR per unit",
                "value": r["rate"],
                "date": r.get("date"),
                "source": r.get("source"),
            }
            for r in need.get("exchange_rates") or []
        ]
        self.endResetModel()

    def changes(self) -> dict[str, Any]:
        site = {
            r["key"]: {
                "value": r["value"],
                "unit": r["unit"],
                "label": r["label"],
                "date": r["date"] or None,
                "source": r["source"],
            }
            for r in self.rows
            if r["kind"] == "site"
        }
        rates = [
            {
                "currency": r["key"],
                "rate": r["value"],
                "date": r["date"] or None,
                "source": r["source"],
            }
            for r in self.rows
            if r["kind"] == "rate"
        ]
        return {"site": site, "exchange_rates": rates}

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.read_only or index.column() < VALUE:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = (
                row["label"],
                row["unit"],
                row["value"],
                row["date"] or "",
                row["source"] or "",
            )[index.column()]
            if index.column() == VALUE:
                # As typed when editing; with thousands separators when shown (no 4.5e+06).
                return (
                    plain_number(value)
                    if role == Qt.ItemDataRole.EditRole
                    else with_unit(value, "")
                )
            if index.column() == DATE and not value and role == Qt.ItemDataRole.DisplayRole:
                return "—"  # not dated
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.read_only or index.column() < VALUE:
            return False
        row = self.rows[index.row()]
        if index.column() == VALUE:
            try:
                number = float(str(value).replace(",", ".").replace(" ", ""))
            except ValueError:  # refused at the field: a parameter is a number
                return self.refuse(f"{row['label']} is a number; “{value}” was not taken.")
            if row["kind"] == "rate" and number <= 0:
                return self.refuse("An exchange rate is a number above 0.")
            row["value"] = number
        elif index.column() == DATE:
            import datetime as dt

            text = str(value).strip()
            try:
                if text:
                    dt.date.fromisoformat(text)
            except ValueError:
                return self.refuse(f"A date such as 2026-11-27; “{text}” was not taken.")
            row["date"] = text or None
        else:
            row["source"] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True


class SiteTab(QWidget):
    save_requested = Signal(dict)
    edited = Signal()  # the user changed a value, date or source

    def __init__(self, parent: QWidget | None = None) -> None:

        super().__init__(parent)
        self.model = ParametersModel(self)
        self.table = edit_table(self, self.model, "parameters_table")
        self.model.dataChanged.connect(self.edited)
        self.save_button = QPushButton("Save parameters", self)
        self.save_button.setObjectName("save_parameters")
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.model.changes()))
        note = QLabel(
            "Every default of the engineering models with its date and source; "
            "change a value when the committee has a better figure, and say where it "
            "comes from. Exchange rates: the State Bank of Pakistan selling rate on "
            "the bid-opening date (PPR r.29/30).",
            self,
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(row)

    def show_need(self, need: dict[str, Any]) -> None:
        self.model.set_need(need)
        header = self.table.horizontalHeader()
        for column, width in enumerate((280, 110, 110, 90)):
            header.resizeSection(column, width)

    def set_read_only(self, read_only: bool, why: str) -> None:
        self.model.read_only = read_only
        self.save_button.setEnabled(not read_only)
        self.save_button.setToolTip(why if read_only else "")
