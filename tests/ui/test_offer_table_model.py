"""The offer table model, without a view, and under Qt's model tester."""

from decimal import Decimal

from PySide6.QtCore import Qt

from procure.rows import OfferRow
from ui.models.offer_table_model import OfferFilterProxy, OfferTableModel, RowRole, SortRole


def offer(offer_id: int, vendor: str, model: str, category: str, **values) -> OfferRow:  # type: ignore[no-untyped-def]
    return OfferRow(offer_id, vendor, model, category, None, False, values)


ROWS = [
    offer(1, "BelAZ Agent", "75581", "dumper", payload_t=90.0, unit_price=Decimal("1480000")),
    offer(2, "MAZ South Asia", "MAZ-5516", "truck", payload_t=20.0),
    offer(3, "Kyiv Motors", "E321", "electric_bus", passengers=83.0),
    offer(4, "BelAZ Agent", "7555A", "dumper", payload_t=None, unit_price=Decimal("695000")),
]


def test_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = OfferTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_category("dumper")
    qtmodeltester.check(model)


def test_headers_carry_units_and_follow_the_category(qapp) -> None:  # type: ignore[no-untyped-def]
    model = OfferTableModel()
    model.set_category("dumper")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Rated payload (t)" in headers
    assert "Passenger capacity (persons)" not in headers
    model.set_category("electric_bus")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Passenger capacity (persons)" in headers and "Rated payload (t)" not in headers


def test_missing_value_shows_a_dash_and_sorts_last(qapp) -> None:  # type: ignore[no-untyped-def]
    model = OfferTableModel()
    model.set_rows(ROWS)
    model.set_category("dumper")
    column = model.column_of("payload_t")
    assert model.index(3, column).data() == "—"
    assert model.index(0, column).data() == "90"
    assert model.index(3, column).data(SortRole) == float("inf")
    price = model.column_of("unit_price")
    assert model.index(0, price).data() == "1,480,000"
    assert model.index(0, price).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )


def test_proxy_filters_by_category_and_words(qapp) -> None:  # type: ignore[no-untyped-def]
    model = OfferTableModel()
    model.set_rows(ROWS)
    proxy = OfferFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_category("dumper")
    assert sorted(proxy.index(r, 0).data(RowRole).id for r in range(proxy.rowCount())) == [1, 4]
    proxy.set_search("belaz 7555")
    assert [proxy.index(r, 0).data(RowRole).id for r in range(proxy.rowCount())] == [4]
    proxy.set_category(None)
    proxy.set_search("maz")
    assert sorted(proxy.index(r, 0).data(RowRole).id for r in range(proxy.rowCount())) == [2]


def test_sorting_puts_missing_values_last_in_both_orders(qapp) -> None:  # type: ignore[no-untyped-def]
    model = OfferTableModel()
    model.set_rows(ROWS)
    model.set_category("dumper")
    proxy = OfferFilterProxy()
    proxy.setSourceModel(model)
    column = model.column_of("payload_t")
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    ids = [proxy.index(r, 0).data(RowRole).id for r in range(proxy.rowCount())]
    assert ids == [2, 1, 3, 4]  # 20 t, 90 t, then the two with no payload
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    ids = [proxy.index(r, 0).data(RowRole).id for r in range(proxy.rowCount())]
    assert ids[:2] == [1, 2] and set(ids[2:]) == {3, 4}
    proxy.sort(1, Qt.SortOrder.AscendingOrder)  # model names, case-insensitive text
    assert [proxy.index(r, 1).data() for r in range(4)] == ["7555A", "75581", "E321", "MAZ-5516"]


def test_selection_follows_its_row_through_a_sort(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    model = OfferTableModel()
    model.set_rows(ROWS)
    proxy = OfferFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectRow(0)
    chosen = view.selectionModel().selectedRows()[0].data(RowRole)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert view.selectionModel().selectedRows()[0].data(RowRole) is chosen
