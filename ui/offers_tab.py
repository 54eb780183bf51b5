"""The workspace's Offers tab: the offers in the evaluation, their state, adding more."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.edit_table import edit_table
from ui.models.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex


class EvaluationOffersModel(RowsModel):
    HEADERS = ("No.", "Vendor", "Model", "State", "Responsive? / reason")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def set_result(self, result: dict[str, Any]) -> None:
        """Show the included offers (with responsiveness) and the excluded ones."""
        self.beginResetModel()
        self.rows = []
        for alt in result["alternatives"]:
            failed = [g["requirement"] for g in alt["gates"] if not g["passed"]]
            self.rows.append(
                {
                    "offer_id": alt["offer_id"],
                    "vendor": alt["vendor"],
                    "model": alt["model"],
                    "state": "included",
                    "reason": ("not responsive: " + "; ".join(failed)) if failed else "responsive",
                }
            )
        for excluded in result.get("excluded_offers") or []:
            self.rows.append(dict(excluded))
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row["offer_id"]),
                row["vendor"],
                row["model"],
                row["state"],
                row.get("reason") or "",
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class PickOffersDialog(QDialog):
    """Tick catalogue offers to take into the evaluation."""

    def __init__(self, offers: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add offers from the catalogue")
        self.empty_note = QLabel(
            "Every offer of this category in the catalogue is already in the evaluation. "
            "To add a new offer, import the vendor's file (Import a vendor file… on the "
            "Offers tab).",
            self,
        )
        self.empty_note.setObjectName("pick_empty")
        self.empty_note.setWordWrap(True)
        self.empty_note.setVisible(not offers)
        self.offer_list = QListWidget(self)
        self.offer_list.setVisible(bool(offers))
        for offer in offers:
            item = QListWidgetItem(f"{offer.id} · {offer.vendor} — {offer.model}")
            item.setData(Qt.ItemDataRole.UserRole, offer.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.offer_list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.offer_list)
        layout.addWidget(buttons)
        self.resize(620, 420 if offers else 160)

    def chosen(self) -> list[int]:
        return [
            int(self.offer_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.offer_list.count())
            if self.offer_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(cls, parent: QWidget | None, offers: list[Any]) -> list[int]:
        """Show the dialog; return the ids ticked (none when cancelled)."""
        dialog = cls(offers, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []


class OffersTab(QWidget):
    """Offers in the evaluation; withdraw, return unopened or include again; add more."""

    state_requested = Signal(int, str, str)  # offer id, state, reason
    add_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:

        super().__init__(parent)
        self.model = EvaluationOffersModel(self)
        self.table = edit_table(self, self.model, "evaluation_offers")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton("Add from the catalogue…", self)
        self.withdraw_button = QPushButton("Withdrawn…", self)
        self.return_button = QPushButton("Return unopened…", self)
        self.include_button = QPushButton("Include again", self)
        self.add_button.clicked.connect(self.add_requested.emit)
        self.import_button = QPushButton("Import a vendor file…", self)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.withdraw_button.clicked.connect(lambda: self._mark("withdrawn"))
        self.return_button.clicked.connect(lambda: self._mark("returned unopened"))
        self.include_button.clicked.connect(lambda: self._mark("included"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        for button in (self.withdraw_button, self.return_button, self.include_button):
            buttons.addWidget(button)
        self.empty_note = QLabel(
            "No offers in this evaluation yet: press Add from the catalogue…, or Import a "
            "vendor file… to read a vendor's spreadsheet.",
            self,
        )
        self.empty_note.setObjectName("offers_empty")
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color:#664d03; background:#fff3cd; padding:6px")
        self.model.modelReset.connect(
            lambda: self.empty_note.setVisible(self.model.rowCount() == 0)
        )
        self.empty_note.setVisible(False)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    read_only, why_read_only = False, ""

    def _update_buttons(self, *_args: Any) -> None:
        """No dead buttons: the state buttons wait for an offer to be selected."""
        chosen = self.selected()
        for button, state in (
            (self.withdraw_button, "withdrawn"),
            (self.return_button, "returned unopened"),
            (self.include_button, "included"),
        ):
            if self.read_only:
                enabled, tip = False, self.why_read_only
            elif chosen is None:
                enabled, tip = False, "Select an offer in the list first."
            elif chosen["state"] == state:
                enabled, tip = False, f"This offer is {state} already."
            else:
                enabled, tip = True, ""
            button.setEnabled(enabled)
            button.setToolTip(tip)

    def fit_columns(self) -> None:
        """Size the number, vendor, model and state to their content (capped)."""
        header = self.table.horizontalHeader()
        for column, cap in ((0, 60), (1, 260), (2, 240), (3, 140)):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(cap, header.sectionSize(column) + 8))

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _mark(self, state: str) -> None:
        row = self.selected()
        if row is None:
            return
        reason = ""
        if state != "included":
            reason, ok = QInputDialog.getText(
                self, f"Offer {state}", f"Why is {row['model']} {state}?"
            )
            if not ok:
                return
        self.state_requested.emit(row["offer_id"], state, reason)

    def set_read_only(self, read_only: bool, why: str) -> None:
        self.read_only, self.why_read_only = read_only, why
        for button in (self.add_button, self.import_button):
            button.setEnabled(not read_only)
            button.setToolTip(why if read_only else "")
        self._update_buttons()
