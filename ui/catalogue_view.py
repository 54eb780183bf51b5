"""Catalogue: category chips, a search box, the offers table and the offer's details."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from procure.fields import CATEGORY_LABELS, FIELD_BY_KEY, FIELDS, Category
from procure.sample_data import SAMPLE_EXTRAS, illustrative_keys
from procure.text import format_value
from ui.frozen_table import FrozenColumnsTable
from ui.models.offer_table_model import COL_CATEGORY, OfferFilterProxy, OfferTableModel, RowRole

if TYPE_CHECKING:
    from procure.rows import OfferRow


def _extra_html(key: str, value: object) -> str:
    if key == "illustrative_fields":
        keys = [k.strip() for k in str(value).split(";") if k.strip()]
        value = ", ".join(FIELD_BY_KEY[k].heading() if k in FIELD_BY_KEY else k for k in keys)
    shown = escape(str(value))
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        shown = f"<a href='{escape(value, quote=True)}'>{shown}</a>"
    label = SAMPLE_EXTRAS.get(key, key)
    return f"<tr><td valign='top'>{escape(label)}</td><td>{shown}</td></tr>"


def offer_detail_html(offer: OfferRow) -> str:
    """Return every field of an offer with units, its extras and its source, as HTML."""
    maker = f" — {escape(offer.manufacturer)}" if offer.manufacturer else ""
    category = escape(CATEGORY_LABELS.get(offer.category, offer.category))
    parts = [
        f"<h3>{escape(offer.model)}</h3>",
        f"<p>{escape(offer.vendor)}{maker}<br>{category}</p>",
    ]
    illustrative = illustrative_keys(offer)
    if offer.is_sample:
        parts.append(
            "<p><i>Illustrative sample data — not a real quotation. Values marked † "
            "were filled in for illustration; the others are from the public source."
            "</i></p>"
        )
    # Fields sharing a label (warranty in months and in hours) are one line: "24 months or
    # 10,000 hours", so a label is listed once.
    shown_by_label: dict[str, list[str]] = {}
    for field in FIELDS:
        if offer.category not in field.categories:
            continue
        value = offer.value(field.key)
        if value is None:
            shown = ""
        else:
            text = format_value(field.key, value)
            if field.key == "unit_price":
                text = f"{offer.value('currency') or ''} {text}"
            elif field.unit:
                text = f"{text} {field.unit}"
            shown = escape(text) + (" †" if field.key in illustrative else "")
        shown_by_label.setdefault(field.label, []).append(shown)
    rows = []
    for label, values in shown_by_label.items():
        stated = " or ".join(v for v in values if v)
        shown = stated or "— <span style='color:#8a8a8a'>(not stated)</span>"
        rows.append(f"<tr><td>{escape(label)}</td><td>{shown}</td></tr>")
    parts.append("<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>")
    if offer.extras:
        parts.append("<h4>Extra attributes</h4><table cellpadding='2'>")
        parts.extend(_extra_html(k, v) for k, v in offer.extras.items())
        parts.append("</table>")
    source = offer.source
    where = ", ".join(
        x
        for x in (
            source.file or "",
            f"sheet {source.sheet}" if source.sheet else "",
            f"row {source.row}" if source.row else "",
        )
        if x
    )
    parts.append(f"<h4>Source</h4><p>{escape(where or 'entered by hand')}</p>")
    return "".join(parts)


class CatalogueView(QWidget):
    """Every offer in a sortable, filterable table with a detail panel."""

    offer_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OfferTableModel(self)
        self.proxy = OfferFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        chips = QHBoxLayout()
        self.chips: dict[str | None, QToolButton] = {}
        for category, label in [(None, "All"), *CATEGORY_LABELS.items()]:
            chip = QToolButton(self)
            chip.setText(label)
            chip.setCheckable(True)
            chip.setObjectName(f"chip_{category or 'all'}")
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.chip_group.addButton(chip)
            self.chips[category] = chip
            chips.addWidget(chip)
            chip.clicked.connect(lambda _=False, c=category: self.set_category(c))
        self.chips[None].setChecked(True)
        chips.addStretch(1)
        self.count_label = QLabel(self)
        chips.addWidget(self.count_label)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search vendor or model  (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._search_changed)

        # Vendor and model stay in view while the specifications scroll sideways.
        self.table = FrozenColumnsTable(2, self)
        self.table.setObjectName("offer_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # A filter that hides the selected offer drops the selection without a signal.
        for signal in (self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._forget_hidden)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("offer_detail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setPlaceholderText("Select an offer to see all its fields and its source.")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(chips)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.table)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._update_count()

    def set_offers(self, offers: Sequence[OfferRow]) -> None:
        self.model.set_rows(offers)
        self._fit_columns()
        self._update_count()

    def set_category(self, category: str | None) -> None:
        """Filter to one category and show that category's columns."""
        if category is not None:
            category = Category(category).value
        self.chips[category].setChecked(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_category(category)

        self.proxy.set_category(category)
        # Every row is of the chosen category: its column would say the same on each row.
        self.table.setColumnHidden(COL_CATEGORY, category is not None)
        self._fit_columns()
        self._update_count()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def visible_offers(self) -> list[OfferRow]:
        return [self.proxy.index(r, 0).data(RowRole) for r in range(self.proxy.rowCount())]

    def _fit_columns(self) -> None:
        """Size each column to its content: a number or a heading is never clipped."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        rows = self.model.rowCount()
        for column in range(self.model.columnCount()):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(
                (
                    metrics.horizontalAdvance(str(self.model.index(r, column).data() or ""))
                    for r in range(min(rows, 400))
                ),
                default=0,
            )
            # Vendor and model (frozen) and text are capped; a specification's column shows
            # its whole heading and every value (the table scrolls sideways instead).
            wanted = max(widest + 18, metrics.horizontalAdvance(heading) + 24)
            numeric = column > 1 and self.model.field_at(column) is not None
            cap = 240 if column in (0, 1) else 230
            header.resizeSection(column, max(60, wanted if numeric else min(cap, wanted)))

    def _forget_hidden(self, *_args: Any) -> None:
        if not self.table.selectionModel().hasSelection():
            self.detail.clear()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown} of {total} offers" if shown != total else f"{total} offers"
        )

    def _selection_changed(self, selected: QItemSelection, _deselected: Any) -> None:
        indexes = selected.indexes()
        if not indexes:
            self.detail.clear()
            return
        offer = indexes[0].data(RowRole)
        self.detail.setHtml(offer_detail_html(offer))
        self.offer_selected.emit(offer)
