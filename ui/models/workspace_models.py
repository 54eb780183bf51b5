"""Table models of the evaluation workspace: committee, members' scores, audit trail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ui.models.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
EDITABLE = Qt.ItemFlag.ItemIsEditable
DISAGREEMENT_COLOUR = QColor("#fff3cd")


class CommitteeModel(RowsModel):
    """Committee members: name, designation, role (editable unless read-only)."""

    HEADERS = ("Name", "Designation", "Role")
    KEYS = ("name", "designation", "role")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.read_only = False

    @property
    def members(self) -> list[dict[str, str]]:
        return self.rows

    def set_members(self, members: Sequence[dict[str, str]]) -> None:
        self.set_rows([dict(m) for m in members])

    def add(self, role: str) -> None:
        self.insert_row({"name": "", "designation": "", "role": role})

    def remove(self, row: int) -> None:
        self.remove_row(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.read_only else base | EDITABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.members[index.row()].get(self.KEYS[index.column()], "")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.read_only or not index.isValid():
            return False
        from procure.services.workspace import ROLES

        if self.KEYS[index.column()] == "role" and value not in ROLES:
            return self.refuse(f"A role is one of: {', '.join(ROLES)}.")
        self.members[index.row()][self.KEYS[index.column()]] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True


class ScoresModel(QAbstractTableModel):
    """One member's 0–10 scores: offers as rows, judged criteria as columns; the members'
    mean and spread in the tooltip, a large disagreement highlighted."""

    refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.offers: list[dict[str, Any]] = []  # {"offer_id", "name", "judged": {...}}
        self.criteria: list[tuple[str, str]] = []  # (key, label)
        self.scores: dict[tuple[int, str], float | None] = {}
        self.read_only = False

    def load(self, result: dict[str, Any], member: str) -> None:
        """Show `member`'s scores in a result, with everyone's mean and spread."""
        self.beginResetModel()
        self.criteria = [
            (c["key"], c["label"]) for c in result["criteria"] if c.get("kind") == "judged"
        ]
        self.offers = [
            {
                "offer_id": a["offer_id"],
                "name": f"{a['vendor']} — {a['model']}",
                "judged": a.get("judged", {}),
            }
            for a in result["alternatives"]
            if a["responsive"]
        ]
        self.scores = {
            (o["offer_id"], key): o["judged"].get(key, {}).get("scores", {}).get(member)
            for o in self.offers
            for key, _ in self.criteria
        }
        self.endResetModel()

    def changed_offers(
        self, original: dict[tuple[int, str], float | None]
    ) -> dict[int, dict[str, float]]:
        out: dict[int, dict[str, float]] = {}
        for (offer_id, key), value in self.scores.items():
            if value is not None and value != original.get((offer_id, key)):
                out.setdefault(offer_id, {})[key] = value
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.offers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.criteria)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Offer" if section == 0 else f"{self.criteria[section - 1][1]} (0–10)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == 0 or self.read_only:
            return base
        return base | EDITABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.offers):
            return None
        offer = self.offers[index.row()]
        if index.column() == 0:
            return offer["name"] if role == Qt.ItemDataRole.DisplayRole else None
        key = self.criteria[index.column() - 1][0]
        value = self.scores.get((offer["offer_id"], key))
        everyone = offer["judged"].get(key) or {}
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if value is None else f"{value:g}"
        if role == Qt.ItemDataRole.ToolTipRole and everyone.get("scores"):
            return (
                f"Mean {everyone['mean']:.2f} of {len(everyone['scores'])} members; "
                f"spread {everyone['spread']:g}"
                + (" — the members disagree" if everyone.get("disagreement") else "")
            )
        if role == Qt.ItemDataRole.BackgroundRole and everyone.get("disagreement"):
            return DISAGREEMENT_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() == 0 or self.read_only:
            return False
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text) if text else None
        except ValueError:
            number = -1.0
        if number is not None and not 0 <= number <= 10:
            # refused at the field: a score runs from 0 to 10
            self.refused.emit(f"A score is a number from 0 to 10; “{value}” was not taken.")
            return False
        key = self.criteria[index.column() - 1][0]
        self.scores[(self.offers[index.row()]["offer_id"], key)] = number
        self.dataChanged.emit(index, index)
        return True


class AuditModel(RowsModel):
    """Every recorded change as a sentence (when, who, what happened); the recorded
    details of a row on demand (its tooltip, and the workspace's details panel)."""

    HEADERS = ("When (UTC)", "Who", "What happened")

    def set_events(
        self, events: Sequence[dict[str, Any]], names: Mapping[int, str] | None = None
    ) -> None:
        """Show events; `names` gives each offer id its bidder's name and model."""
        from procure.audit_text import entries

        shown = entries(events, names or {})
        self.set_rows(
            [
                {**e, "sentence": t.sentence, "details": t.details}
                for e, t in zip(events, shown, strict=True)
            ]
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        event = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(event["details"][:-1])  # the record itself: in the panel
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            event["when"].strftime("%Y-%m-%d %H:%M:%S"),
            event["who"],
            event["sentence"],
        )[index.column()]
