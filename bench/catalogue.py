"""Catalogue with 20,000 offers: fill, filter by category, search and sort the table.

Baseline: the same rows in a QStandardItemModel under a plain QSortFilterProxyModel
(Qt's own C++ filtering and sorting), doing the same operations in the same run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N_OFFERS = 20_000
CATEGORIES = ("truck", "dumper", "excavator", "electric_bus")


def _offers() -> list:  # type: ignore[type-arg]
    from procure.fields import FIELDS
    from procure.rows import OfferRow

    rows = []
    for i in range(N_OFFERS):
        values = {
            f.key: (float((i * 7919 + n) % 997) if f.is_numeric else None)
            for n, f in enumerate(FIELDS)
        }
        values["unit_price"] = Decimal(100_000 + (i * 104_729) % 900_000)
        values["currency"] = "USD"
        rows.append(
            OfferRow(i, f"Vendor {i % 50}", f"Model {i}", CATEGORIES[i % 4], None, True, values)
        )
    return rows


def _timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_catalogue(runs: int, report: Callable[[str, list[float], list[float], str], None]) -> None:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from ui.catalogue_view import CatalogueView

    app = QApplication.instance() or QApplication([])
    offers = _offers()
    view = CatalogueView()
    view.resize(1200, 800)
    view.show()

    def ours() -> None:
        view.set_offers(offers)
        view.set_category("dumper")
        view.search_box.setText("vendor 1")
        view.table.sortByColumn(view.model.column_of("payload_t"), Qt.SortOrder.DescendingOrder)
        view.search_box.clear()
        view.set_category(None)
        app.processEvents()

    columns = view.model.columnCount()
    base_model = QStandardItemModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(base_model)
    proxy.setFilterKeyColumn(-1)

    def baseline() -> None:
        base_model.clear()
        for offer in offers:
            base_model.appendRow(
                [
                    QStandardItem(str(offer.vendor)),
                    QStandardItem(offer.model),
                    *[QStandardItem("1") for _ in range(columns - 2)],
                ]
            )
        proxy.setFilterFixedString("Vendor 1")
        proxy.sort(5, Qt.SortOrder.DescendingOrder)
        proxy.setFilterFixedString("")
        app.processEvents()

    mine, base = [], []
    for _ in range(runs):
        base.append(_timed(baseline))
        mine.append(_timed(ours))
    report(
        f"catalogue {N_OFFERS} offers (fill, filter, search, sort)",
        mine,
        base,
        "≤ 1.0: no slower than Qt's own item model",
    )
