"""Every window is usable on a 1,024 × 700 office screen, and the catalogue reads well."""

from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from procure.services.store import open_store
from tests.ui import test_main_window, test_workspace_gui
from ui.main_window import MainWindow

window = test_main_window.window  # the fixtures: a main window, a workspace
workspace = test_workspace_gui.workspace

SMALL = (1024, 700)


def fits(qtbot, top: QWidget, *parts: QWidget) -> None:  # type: ignore[no-untyped-def]
    """The window takes the small screen's size, and each part lies wholly inside it."""
    top.resize(*SMALL)
    qtbot.wait(50)
    assert (top.width(), top.height()) == SMALL, top.minimumSizeHint()
    for part in parts:
        assert part.isVisible(), part.objectName() or part.text()
        corner = part.mapTo(top, QPoint(part.width() - 1, part.height() - 1))
        assert 0 <= corner.x() < SMALL[0] and 0 <= corner.y() < SMALL[1], (
            part.objectName() or part.text(),
            corner,
        )


def test_the_main_window_fits_a_small_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    fits(qtbot, window, window.catalogue.table, window.catalogue.detail)
    window.nav.setCurrentRow(1)
    fits(qtbot, window, window.needs.evaluate_button, window.needs.detail)
    # The list of needs is the narrow side: the details get most of the width.
    assert window.needs.need_list.width() < window.needs.detail.width() / 2


def test_the_workspace_fits_a_small_screen_with_every_action_reachable(
    qtbot,
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    space = workspace
    reports = space.reports
    actions = [space.next_button, space.copy_button, space.reload_button, reports.pdf_button]
    fits(qtbot, space, *actions, reports.print_button, space.setup_tab.save_button)
    for tab in (space.criteria_tab, space.site_tab, space.scores_tab):
        space.tabs.setCurrentWidget(tab)
        fits(qtbot, space, tab.save_button)
    space.tabs.setCurrentWidget(space.offers_tab)
    fits(qtbot, space, space.offers_tab.include_button, space.offers_tab.add_button)


def test_the_catalogue_shows_key_specifications_first_and_keeps_vendor_and_model(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    catalogue = window.catalogue
    qtbot.mouseClick(catalogue.chips["dumper"], Qt.MouseButton.LeftButton)
    headers = [
        catalogue.proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(catalogue.proxy.columnCount())
    ]
    assert headers[:3] == ["Vendor", "Model", "Category"]
    assert headers.index("Engine power (kW)") < headers.index("Rated payload (t)") + 99
    assert headers.index("Rated payload (t)") < headers.index("Delivery period (weeks)")
    # Vendor and model stay in view while the table scrolls sideways.
    frozen = catalogue.table.front
    catalogue.table.horizontalScrollBar().setValue(catalogue.table.horizontalScrollBar().maximum())
    assert frozen.isVisible() and not frozen.isColumnHidden(0) and frozen.isColumnHidden(3)
    assert frozen.width() == catalogue.table.columnWidth(0) + catalogue.table.columnWidth(1)
    # Prices fit their column: no "128,000,0…".
    price = headers.index(next(h for h in headers if str(h).startswith("Unit price")))
    metrics = catalogue.table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(str(catalogue.proxy.index(r, price).data()))
        for r in range(catalogue.proxy.rowCount())
    )
    assert catalogue.table.columnWidth(price) >= widest


def test_the_detail_panel_clears_when_the_offer_is_filtered_out_and_lists_warranty_once(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    catalogue = window.catalogue
    catalogue.table.selectRow(0)
    text = catalogue.detail.toPlainText()
    assert [line for line in text.splitlines() if line.startswith("Warranty")] == ["Warranty"]
    qtbot.keyClicks(catalogue.search_box, "no offer is called this")
    assert catalogue.proxy.rowCount() == 0
    assert catalogue.detail.toPlainText() == ""


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_dialogs_fit_a_small_screen(qtbot, db_path: Path, size) -> None:  # type: ignore[no-untyped-def]
    from procure.services.approval import Check, Review
    from ui.approval_dialog import ApprovalDialog
    from ui.criteria_tab import AhpDialog

    review = Review(1, "Haulage", "Approve", "approved", 1, ("Locked.",), (Check("A", False, "B"),))
    for dialog in (ApprovalDialog(review, "Engr. A. Khan"), AhpDialog(["A", "B", "C"] * 3, None)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.width() <= size[0] and dialog.height() <= size[1]
    assert MainWindow(lambda: open_store(db_path)).minimumSizeHint().width() <= 1024


def test_a_click_on_a_frozen_heading_sorts_the_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    catalogue = window.catalogue
    front = catalogue.table.front.horizontalHeader()
    position = front.sectionViewportPosition(1) + 5
    qtbot.mouseClick(front.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(position, 5))
    models = [o.model for o in catalogue.visible_offers()]
    assert models == sorted(models, key=str.casefold) or models == sorted(models)
    assert catalogue.table.horizontalHeader().sortIndicatorSection() == 1


def test_the_result_and_the_audit_trail_show_no_code_names(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    import re

    space = workspace
    code_name = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\d[eE][+-]\d")
    assert not code_name.findall(space.result_view.toPlainText())
    rows = [space.audit.index(r, 2).data() for r in range(space.audit.rowCount())]
    assert rows and not code_name.findall(" ".join(rows))
    assert "None" not in space.windowTitle()


def test_the_main_window_opens_no_larger_than_the_screen(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    window = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(window)
    from ui.main_window import FRAME

    room = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() == min(1360, room.width() - FRAME[0])
    assert window.height() == min(820, room.height() - FRAME[1])
