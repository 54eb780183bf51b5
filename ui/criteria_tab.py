"""The workspace's Criteria and weights tab, its models and the AHP dialog."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from procure.criteria import DERIVED, JUDGED, criterion_kind
from procure.evaluation.methods import method_keys, method_summary
from procure.fields import FIELD_BY_KEY, fields_for
from procure.needs import OPERATORS
from procure.wording import OPERATORS as OPERATOR_WORDS
from procure.wording import method_name, plain_number, with_unit
from ui.edit_table import edit_table
from ui.models.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex


class CriteriaModel(RowsModel):
    """Criteria with their weights: edit a weight or direction; the normalised share and the
    sum update at once."""

    HEADERS = ("Criterion", "Weight", "Share", "Better")
    changed = Signal()
    weights_typed = Signal()  # a weight entered directly (it replaces an AHP matrix)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.read_only = False

    def set_criteria(self, criteria: list[dict[str, Any]], weights: list[float]) -> None:
        """Replace the rows (weights as shown: the need's own or derived by AHP)."""
        self.beginResetModel()
        self.rows = [
            {**c, "weight": c.get("weight", w)} for c, w in zip(criteria, weights, strict=True)
        ]
        self.endResetModel()
        self.changed.emit()

    def total(self) -> float:
        return sum(float(r.get("weight") or 0) for r in self.rows)

    def add(self, key: str) -> None:
        kind = criterion_kind(key)
        row = {"key": key, "weight": 0.0, "direction": kind.better if kind else "higher"}
        if kind is not None and kind.source == "judged":
            row["judged"] = True
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        self.changed.emit()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.read_only or index.column() not in (1, 3):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                kind = criterion_kind(row["key"])
                return row.get("label") or (kind.label if kind else row["key"])
            if index.column() == 1:
                return f"{float(row.get('weight') or 0):g}"
            if index.column() == 2:
                total = self.total()
                return f"{float(row.get('weight') or 0) / total:.1%}" if total > 0 else "—"
            direction = row.get("direction", "higher")
            return direction if role == Qt.ItemDataRole.EditRole else f"{direction} is better"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        row = self.rows[index.row()]
        if index.column() == 1:
            try:
                weight = float(str(value).replace(",", "."))
            except ValueError:
                weight = -1.0
            if weight < 0:  # refused at the field: a weight is a number, never negative
                return self.refuse(f"A weight is a number of 0 or more; “{value}” was not taken.")
            row["weight"] = weight
            self.weights_typed.emit()
        elif index.column() == 3:
            if value not in ("higher", "lower"):
                return False
            row["direction"] = value
        else:
            return False
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 3))
        self.changed.emit()
        return True


class RequirementsModel(RowsModel):
    """Mandatory requirements: field, operator, value (as text; checked on save)."""

    HEADERS = ("Field", "Test", "Value")
    KEYS = ("field", "op", "value")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.read_only = False
        self.category: str | None = None

    def field_choices(self) -> list[tuple[str, str]]:
        """The category's fields as (label with unit, key), for the field editor."""
        return [(f.heading(), f.key) for f in fields_for(self.category)]

    def set_requirements(self, requirements: list[dict[str, Any]]) -> None:
        """Replace the rows and notify attached views."""
        self.beginResetModel()
        self.rows = [dict(r) for r in requirements]
        self.endResetModel()

    def add(self) -> None:
        choices = self.field_choices()
        first = next((key for _label, key in choices if key != "unit_price"), "")
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append({"field": first, "op": ">=", "value": None})
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def requirements(self) -> list[dict[str, Any]]:
        """The rows as a need file has them: numbers as numbers, 'in' as a list."""
        out = []
        for row in self.rows:
            value = row.get("value")
            field = FIELD_BY_KEY.get(row.get("field", ""))
            if isinstance(value, str):
                text = value.strip()
                if row.get("op") == "present" or not text:
                    value = None
                elif row.get("op") == "in":
                    value = [v.strip() for v in text.split(",") if v.strip()]
                elif field is not None and field.is_numeric:
                    try:
                        value = float(text.replace(",", "."))
                    except ValueError:
                        value = text  # left as text: the need's validation names it
            out.append({"field": row.get("field", ""), "op": row.get("op", ""), "value": value})
        return out

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.row_valid(index):
            return None
        row = self.rows[index.row()]
        value = row.get(self.KEYS[index.column()])
        if role == Qt.ItemDataRole.EditRole:
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return "" if value is None else plain_number(value)
        if role == Qt.ItemDataRole.DisplayRole:
            field = FIELD_BY_KEY.get(str(row.get("field") or ""))
            if index.column() == 0:
                return field.heading() if field else str(value or "choose a field")
            if index.column() == 1:
                return OPERATOR_WORDS.get(str(value), str(value))
            if row.get("op") == "present":
                return "(any value stated in the offer)"
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            if isinstance(value, str):
                try:
                    value = float(value.replace(",", ".")) if value.strip() else None
                except ValueError:
                    return value
            return with_unit(value, field.unit if field else "") if value is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return "For “one of”, separate the values with commas."
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        key = self.KEYS[index.column()]
        row = self.rows[index.row()]
        if key == "op" and value not in OPERATORS:
            return self.refuse(
                f"Choose a test from the list: {', '.join(OPERATOR_WORDS.values())}."
            )
        if (
            key == "field"
            and self.category
            and value not in dict((k, s) for s, k in self.field_choices())
        ):
            return self.refuse("Choose a field of this category from the list.")
        field = FIELD_BY_KEY.get(str(row.get("field") or ""))
        text = str(value).strip()
        if (
            key == "value"
            and text
            and field is not None
            and field.is_numeric
            and row.get("op") in (">=", "<=", "==")
        ):
            try:
                float(text.replace(",", "."))
            except ValueError:
                unit = f" in {field.unit}" if field.unit else ""
                return self.refuse(f"{field.label} is a number{unit}; “{text}” was not taken.")
        row[key] = text
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A cell edited by choosing from a list of (shown text, stored key)."""

    def __init__(self, choices: Callable[[], list[tuple[str, str]]], parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        box = QComboBox(parent)
        for shown, key in self.choices():
            box.addItem(shown, key)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def parse_judgement(text: str) -> float:
    """'3' -> 3.0, '1/5' -> 0.2; Saaty's scale runs from 1/9 to 9."""
    value = float(Fraction(text.strip().replace(" ", "")))
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise ValueError(text)
    return value


class AhpDialog(QDialog):
    """Pairwise comparisons on Saaty's 1–9 scale: enter the upper triangle, the lower one
    is its reciprocal; the derived weights, λmax, CR and the most inconsistent judgement
    are shown as you type."""

    def __init__(
        self, labels: list[str], matrix: list[list[float]] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Weights by pairwise comparison (AHP)")
        self.labels = labels
        n = len(labels)
        self.grid = QTableWidget(n, n, self)  # a small grid inside a dialog
        self.grid.setHorizontalHeaderLabels(labels)
        self.grid.setVerticalHeaderLabels(labels)
        for i in range(n):
            for j in range(n):
                value = 1.0 if matrix is None else matrix[i][j]
                item = QTableWidgetItem(_judgement_text(value))
                if j <= i:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.grid.setItem(i, j, item)
        self.grid.itemChanged.connect(self._changed)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("ahp_summary")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "How much more important is the row's criterion than the "
                "column's? 1 equal, 3 moderate, 5 strong, 7 very strong, 9 "
                "extreme; 1/3 … 1/9 the other way round.",
                self,
            )
        )
        layout.addWidget(self.grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(min(200 + 110 * n, 980), min(180 + 32 * n, 640))  # fits a 1,024 × 700 screen
        self._changed()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.grid.item(row, column)
        assert item is not None, "every cell of the matrix is filled when it is built"
        return item

    def matrix(self) -> list[list[float]] | None:
        n = len(self.labels)
        out = [[1.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                try:
                    out[i][j] = parse_judgement(self._cell(i, j).text())
                except (ValueError, ZeroDivisionError):
                    return None
                out[j][i] = 1 / out[i][j]
        return out

    def _changed(self, item: QTableWidgetItem | None = None) -> None:
        from procure.ahp import CR_LIMIT, ahp_weights

        matrix = self.matrix()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if matrix is None:
            self.summary.setText("Each judgement is a number from 1/9 to 9, such as 3 or 1/5.")
            ok.setEnabled(False)
            return
        self.grid.blockSignals(True)
        for i in range(len(matrix)):
            for j in range(i):
                self._cell(i, j).setText(_judgement_text(matrix[i][j]))
        self.grid.blockSignals(False)
        result = ahp_weights(matrix)
        shares = ", ".join(
            f"{label} {w:.1%}" for label, w in zip(self.labels, result.weights, strict=True)
        )
        cr = "n/a" if result.cr is None else f"{result.cr:.3f}"
        text = f"Weights: {shares}. λmax = {result.lambda_max:.3f}, CR = {cr}."
        if not result.consistent and result.most_inconsistent is not None:
            i, j = result.most_inconsistent
            text += (
                f" CR is above {CR_LIMIT:.2f}: the judgements are inconsistent; the most "
                f"inconsistent compares {self.labels[i]} with {self.labels[j]}."
            )
        self.summary.setText(text)
        ok.setEnabled(True)

    @classmethod
    def ask(
        cls, parent: QWidget | None, labels: list[str], matrix: list[list[float]] | None
    ) -> list[list[float]] | None:
        """Show the dialog; return the matrix, or None when cancelled."""
        dialog = cls(labels, matrix, parent)
        return dialog.matrix() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _judgement_text(value: float) -> str:
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:g}"


class CriteriaTab(QWidget):
    """Method, weighted criteria (direct weights or AHP) and mandatory requirements."""

    save_requested = Signal(dict)
    preview_requested = Signal(dict)  # unsaved changes: show their result at once
    edited = Signal()  # the user changed something on this tab

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import QTimer

        super().__init__(parent)
        # Edits are previewed shortly after the typing stops, not on every keystroke.
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(300)
        self.preview_timer.timeout.connect(lambda: self.preview_requested.emit(self.changes()))
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        for key in method_keys():  # the registry: a registered method is offered too
            self.method.addItem(method_name(key), key)
            self.method.setItemData(
                self.method.count() - 1, method_summary(key), Qt.ItemDataRole.ToolTipRole
            )
        self.method_note = QLabel(self)
        self.method_note.setObjectName("method_note")
        self.method_note.setWordWrap(True)
        self.method.currentIndexChanged.connect(self._show_method)
        self.method.activated.connect(lambda _index: self.preview_timer.start())
        self.method.activated.connect(self.edited)
        self.criteria = CriteriaModel(self)
        self.criteria_table = edit_table(self, self.criteria, "criteria_table")
        self.criteria_table.setItemDelegateForColumn(
            3,
            ChoiceDelegate(
                lambda: [("higher is better", "higher"), ("lower is better", "lower")], self
            ),
        )
        self.criteria.changed.connect(self._show_sum)
        self.criteria.changed.connect(self._edited)
        self.criteria.weights_typed.connect(self._direct_weights)
        self.criteria.rowsInserted.connect(self._direct_weights)
        self.criteria.rowsRemoved.connect(self._direct_weights)
        self.sum_label = QLabel(self)
        self.sum_label.setObjectName("weight_sum")
        self.new_criterion = QComboBox(self)
        self.add_criterion = QPushButton("Add criterion", self)
        self.add_criterion.clicked.connect(
            lambda: self.criteria.add(self.new_criterion.currentData())
        )
        self.remove_criterion = QPushButton("Remove", self)
        self.remove_criterion.clicked.connect(
            lambda: self.criteria.remove(self.criteria_table.currentIndex().row())
        )
        self.ahp_button = QPushButton("Pairwise comparison (AHP)…", self)
        self.ahp_button.clicked.connect(self._ahp)
        self.requirements = RequirementsModel(self)
        self.requirements_table = edit_table(self, self.requirements, "requirements_table")
        self.requirements_table.setItemDelegateForColumn(
            0, ChoiceDelegate(self.requirements.field_choices, self)
        )
        self.requirements_table.setItemDelegateForColumn(
            1, ChoiceDelegate(lambda: [(shown, key) for key, shown in OPERATOR_WORDS.items()], self)
        )
        for signal in (
            self.requirements.dataChanged,
            self.requirements.rowsInserted,
            self.requirements.rowsRemoved,
        ):
            signal.connect(self._requirements_edited)
        self.add_requirement = QPushButton("Add requirement", self)
        self.add_requirement.clicked.connect(self.requirements.add)
        self.remove_requirement = QPushButton("Remove", self)
        self.remove_requirement.clicked.connect(
            lambda: self.requirements.remove(self.requirements_table.currentIndex().row())
        )
        self.save_button = QPushButton("Save criteria and requirements", self)
        self.save_button.setObjectName("save_criteria")
        self.save_button.clicked.connect(self._save)
        self.problems = QLabel(self)
        self.problems.setObjectName("criteria_problems")
        self.problems.setStyleSheet("color:#842029")
        self.problems.setWordWrap(True)
        self.ahp: list[list[float]] | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel("Method", self))
        top.addWidget(self.method)
        top.addWidget(self.method_note, 1)
        top.addWidget(self.ahp_button)
        criteria_buttons = QHBoxLayout()
        criteria_buttons.addWidget(self.sum_label, 1)
        for widget in (self.new_criterion, self.add_criterion, self.remove_criterion):
            criteria_buttons.addWidget(widget)
        requirement_buttons = QHBoxLayout()
        requirement_buttons.addStretch(1)
        requirement_buttons.addWidget(self.add_requirement)
        requirement_buttons.addWidget(self.remove_requirement)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("Weighted criteria", self))
        layout.addWidget(self.criteria_table, 2)
        layout.addLayout(criteria_buttons)
        layout.addWidget(
            QLabel(
                "Mandatory requirements: an offer failing one is not responsive "
                "(double-click a cell to choose the field, the test and the value).",
                self,
            )
        )
        layout.addWidget(self.requirements_table, 1)
        layout.addLayout(requirement_buttons)
        layout.addWidget(self.problems)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)

    def show_result(self, result: dict[str, Any], need: dict[str, Any]) -> None:
        self.loading = True
        self.preview_timer.stop()
        self.method.setCurrentIndex(max(0, self.method.findData(result["method"])))
        self._show_method()
        self.requirements.category = need["category"]
        self.ahp = need.get("ahp")
        self.criteria.set_criteria(need["criteria"], [c["weight"] for c in result["criteria"]])
        self.requirements.set_requirements(need["requirements"])
        self.new_criterion.clear()
        present = {c["key"] for c in need["criteria"]}
        for field in fields_for(need["category"]):
            if field.is_numeric and field.key not in present:
                self.new_criterion.addItem(field.heading(), field.key)
        for kind in (*DERIVED, *JUDGED):
            if kind.key not in present:
                self.new_criterion.addItem(f"{kind.label} ({kind.source})", kind.key)
        self.problems.clear()
        self.loading = False
        self.criteria_table.horizontalHeader().resizeSection(0, 320)
        self.requirements_table.horizontalHeader().resizeSection(0, 220)

    def set_read_only(self, read_only: bool, why: str) -> None:
        self.criteria.read_only = self.requirements.read_only = read_only
        for widget in (
            self.method,
            self.add_criterion,
            self.remove_criterion,
            self.ahp_button,
            self.add_requirement,
            self.remove_requirement,
            self.save_button,
            self.new_criterion,
        ):
            widget.setEnabled(not read_only)
            widget.setToolTip(why if read_only else "")

    def _edited(self) -> None:
        if not self.loading and not self.criteria.read_only:
            self.preview_timer.start()
            self.edited.emit()

    def _requirements_edited(self, *_args: Any) -> None:
        if not self.loading:
            self.edited.emit()

    loading = False

    def show_problems(self, problems: list[str]) -> None:
        """Say below the tables what a save or preview refused, in words."""
        from procure.wording import plain_problem

        self.problems.setText("\n".join(plain_problem(p) for p in problems))

    def _show_method(self, *_args: Any) -> None:
        key = self.method.currentData()
        self.method_note.setText(method_summary(key))

    def _direct_weights(self, *_args: Any) -> None:
        """Typed weights, or a changed list of criteria, replace the AHP matrix."""
        self.ahp = None
        self._show_sum()

    def _show_sum(self) -> None:
        total = self.criteria.total()
        source = "derived by AHP" if self.ahp is not None else "entered directly"
        self.sum_label.setText(
            f"Weights {source}; sum {total:g}, normalised to 100 %."
            if total > 0
            else "The weights sum to zero: give at least one criterion a positive weight."
        )

    def _ahp(self) -> None:
        labels = [
            self.criteria.data(self.criteria.index(r, 0)) for r in range(self.criteria.rowCount())
        ]
        matrix = self.ahp if self.ahp is not None and len(self.ahp) == len(labels) else None
        chosen = AhpDialog.ask(self, labels, matrix)
        if chosen is None:
            return
        from procure.ahp import ahp_weights

        self.ahp = chosen
        for row, weight in zip(self.criteria.rows, ahp_weights(chosen).weights, strict=True):
            row["weight"] = weight
        self.criteria.layoutChanged.emit()
        self.criteria.changed.emit()

    def changes(self) -> dict[str, Any]:
        criteria = []
        for row in self.criteria.rows:
            entry = {"key": row["key"], "direction": row.get("direction", "higher")}
            if self.ahp is None:
                entry["weight"] = float(row.get("weight") or 0)
            if row.get("judged"):
                entry["judged"] = True
            if row.get("label"):
                entry["label"] = row["label"]
            criteria.append(entry)
        changes: dict[str, Any] = {
            "method": self.method.currentData(),
            "criteria": criteria,
            "requirements": self.requirements.requirements(),
        }
        changes["ahp"] = self.ahp
        return changes

    def _save(self) -> None:
        self.problems.clear()
        self.save_requested.emit(self.changes())
