"""Needs: the sector need templates, each with its site, requirements and criteria."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from procure.criteria import criterion_kind
from procure.fields import CATEGORY_LABELS
from procure.text import format_number
from procure.wording import method_name
from ui.models.need_list_model import NeedListModel, RowRole

if TYPE_CHECKING:
    from procure.needs import NeedDocument
    from procure.rows import NeedRow


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def _criteria_html(doc: NeedDocument) -> str:
    weights = doc.weights()
    rows = []
    for criterion, weight in zip(doc.criteria, weights, strict=True):
        kind = criterion_kind(criterion.key)
        label = criterion.label or (kind.label if kind else criterion.key)
        unit = kind.unit if kind else "score 0–10"
        source = "judged by members" if criterion.judged else (kind.source if kind else "")
        rows.append(
            [
                escape(label),
                escape(unit),
                f"{weight * 100:.1f} %",
                f"{criterion.direction} is better",
                escape(source),
            ]
        )
    html = _table(["Criterion", "Unit", "Weight", "Direction", "Kind"], rows)
    if doc.ahp is not None:
        from procure.ahp import CR_LIMIT, ahp_weights

        result = ahp_weights(doc.ahp)
        cr = "n/a" if result.cr is None else f"{result.cr:.3f}"
        html += (
            f"<p>Weights derived by AHP from the pairwise comparison matrix: "
            f"λmax = {result.lambda_max:.3f}, CI = {result.ci:.3f}, CR = {cr}"
            + (
                " — <b>inconsistent (CR above 0.10)</b>"
                if not result.consistent
                else f" (consistent, CR ≤ {CR_LIMIT:.2f})"
            )
            + ".</p>"
        )
    return html


def need_detail_html(need: NeedRow) -> str:
    """Return a need's site parameters, mandatory requirements and criteria as HTML."""
    doc = need.document
    category = CATEGORY_LABELS.get(doc.category, doc.category)
    parts = [
        f"<h2>{escape(doc.name)}</h2>",
        f"<p><b>Sector:</b> {escape(doc.sector.title())} &nbsp; <b>Category:</b> "
        f"{escape(category)} &nbsp; <b>Method:</b> "
        f"{escape(method_name(doc.method))}</p>",
        f"<p>{escape(doc.description)}</p>",
    ]
    parts.append("<h3>Mandatory requirements</h3>")
    if doc.requirements:
        parts.append(
            "<ul>" + "".join(f"<li>{escape(r.describe())}</li>" for r in doc.requirements) + "</ul>"
        )
    else:
        parts.append("<p>None.</p>")
    parts.append("<h3>Weighted criteria</h3>" + _criteria_html(doc))
    parts.append("<h3>Site parameters and defaults</h3>")
    parts.append(
        _table(
            ["Parameter", "Value", "Date", "Source"],
            [
                [
                    escape(p.label or p.key),
                    escape(f"{format_number(p.value)} {p.unit}".strip()),
                    escape(p.date or "—"),
                    escape(p.source),
                ]
                for p in doc.site
            ],
        )
    )
    if doc.exchange_rates:
        parts.append("<h3>Exchange rates</h3>")
        parts.append(
            _table(
                ["Currency", "Rate (PKR per unit)", "Date", "Source"],
                [
                    [
                        escape(r.currency),
                        format_number(r.rate, decimals=4),
                        escape(r.date or "—"),
                        escape(r.source),
                    ]
                    for r in doc.exchange_rates
                ],
            )
        )
    return "".join(parts)


class NeedsView(QWidget):
    """The need templates (read-only for now; editing comes with the workspace)."""

    evaluate_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.evaluate_button = QPushButton("Evaluate offers against this need", self)
        self.evaluate_button.setObjectName("evaluate_button")
        self.evaluate_button.setEnabled(False)
        self.evaluate_button.setToolTip("Select a need first.")
        self.evaluate_button.clicked.connect(self._evaluate)
        self.model = NeedListModel(self)
        self.need_list = QListView(self)
        self.need_list.setObjectName("need_list")
        self.need_list.setModel(self.model)
        self.need_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.need_list.setAlternatingRowColors(True)
        self.need_list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("need_detail")
        self.detail.setPlaceholderText("Select a need to see its site, requirements and criteria.")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.need_list)
        self.need_list.setWordWrap(True)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.evaluate_button)
        right_layout.addLayout(buttons)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 780])  # the list of names narrow, the details wide
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def selected_need(self) -> NeedRow | None:
        index = self.need_list.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    store_ready = False  # set by the main window once the store is open for changes

    def set_busy(self, busy: bool) -> None:
        self.evaluate_button.setText("Evaluating…" if busy else "Evaluate offers against this need")
        self._update_button(busy)

    def _update_button(self, busy: bool = False) -> None:
        if self.selected_need() is None:
            enabled, tip = False, "Select a need first."
        elif not self.store_ready:
            enabled, tip = False, "The store is still opening."
        elif busy:
            enabled, tip = False, "An evaluation is running."
        else:
            enabled, tip = (
                True,
                (
                    "Evaluate every offer of the need's category, store the "
                    "evaluation and show it under Evaluations."
                ),
            )
        self.evaluate_button.setEnabled(enabled)
        self.evaluate_button.setToolTip(tip)

    def _evaluate(self) -> None:
        need = self.selected_need()
        if need is not None:
            self.evaluate_requested.emit(need.name)

    def set_needs(self, needs: Sequence[NeedRow]) -> None:
        self.model.set_rows(needs)
        if needs:
            self.need_list.setCurrentIndex(self.model.index(0, 0))

    def _selection_changed(self, selected: QItemSelection, _deselected: Any) -> None:
        indexes = selected.indexes()
        if indexes:
            self.detail.setHtml(need_detail_html(indexes[0].data(RowRole)))
            self._update_button()
