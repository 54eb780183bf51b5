"""The import wizard, driven like a user: choose a file, check the mapping, preview, import."""

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from procure.services.offers import list_offers
from ui.import_wizard import PAGE_LAYOUT, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY, ImportWizard
from ui.models.import_models import COL_FIELD


def offer_sheet(path: Path, price: str = "245,000") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Offer"
    sheet.append(["MAZ — Minsk Automobile Plant, OJSC"])
    sheet.append(["Commercial offer: dump trucks for clinker haulage"])
    sheet.append([])
    sheet.append(
        [
            "Model",
            "Wheel formula",
            "Payload (t)",
            "GVW (kg)",
            "Engine power (hp)",
            "Price",
            "Currency",
            "Delivery (weeks)",
        ]
    )
    sheet.append(["MAZ-6501C9", "6x4", 20, 33500, 420, price, "USD", 18])
    sheet.append(["MAZ-5550C5", "4x2", 10.5, 19000, 280, "139,900", "USD", 12])
    sheet.append([])
    sheet.append(["Prices valid 90 days."])
    book.save(path)
    return path


@pytest.fixture
def wizard(qtbot, store) -> ImportWizard:  # type: ignore[no-untyped-def]
    wiz = ImportWizard(store)
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def go_next(qtbot, wiz: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def answer_next_question(qtbot, button_text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Click `button_text` in the next question box, as a user would; return its text."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    return asked


def test_whole_import_through_the_wizard(
    qtbot,
    wizard: ImportWizard,
    store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = offer_sheet(tmp_path / "maz.xlsx")
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_LAYOUT)
    page = wizard.layout_page
    assert "Header in row 4" in page.layout_label.text()
    assert "models as rows" in page.layout_label.text()
    assert "2 offers found" in page.layout_label.text()
    # The sheet as read, its header row shaded; the title names no one stored vendor.
    cell = page.sheet_preview.item(3, 0)
    assert cell.text() == "Model" and cell.background().color().name() == "#dbe7f3"
    assert page.sheet_preview.item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    assert page.sheet_preview.horizontalHeaderItem(2).text() == "C"
    assert page.vendor_edit.text() == ""
    assert page.vendor_note.text().startswith("Not proposed:")
    # The stored vendors are offered as the officer types.
    qtbot.keyClicks(page.vendor_edit, "south")
    completer = page.vendor_completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "MAZ South Asia (Pvt) Ltd"
    page.vendor_edit.clear()
    # Typed almost like a stored vendor: asked at Import, below.
    qtbot.keyClicks(page.vendor_edit, "MAZ South Asia")
    page.category_combo.setCurrentIndex(page.category_combo.findData("truck"))
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING)
    mapping = wizard.mapping_model
    rows = {mapping.index(r, 1).data(): r for r in range(mapping.rowCount())}
    power = rows["Engine power (hp)"]
    assert mapping.index(power, COL_FIELD).data() == "Engine power (kW)"
    assert mapping.index(power, 3).data() == "hp"
    assert mapping.index(rows["Wheel formula"], COL_FIELD).data().startswith("— keep")
    go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW)
    preview = wizard.preview_model
    headers = preview.headers()
    row = [preview.index(0, c).data() for c in range(preview.columnCount())]
    shown = dict(zip(headers, row, strict=True))
    assert shown["Status"] == "added" and shown["Model"] == "MAZ-6501C9"
    assert shown["Category"] == "Trucks"  # the label, not the key "truck"
    assert shown["Engine power (kW)"] == "313.2"  # 420 hp × 0.7457 = 313.19 kW, shown to 0.1
    assert shown["Gross vehicle weight (t)"] == "33.5"  # 33,500 kg
    assert shown["Unit price"] == "245,000"
    assert wizard.preview_page.problems() == []
    assert wizard.preview_page.problem_list.item(0).text() == "No problems"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()
    asked = answer_next_question(qtbot, "Use 'MAZ South Asia (Pvt) Ltd'")
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert "'MAZ South Asia' is not a stored vendor" in asked[0]
    assert page.vendor_edit.text() == "MAZ South Asia (Pvt) Ltd"
    assert wizard.currentId() == PAGE_PREVIEW
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY)
    assert "Added 2, updated 0, unchanged 0" in wizard.summary_page.label.text()
    close = wizard.button(QWizard.WizardButton.FinishButton)
    assert close.text() == "Close" and close.isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    stored = {o.model: o for o in list_offers(store) if o.vendor == "MAZ South Asia (Pvt) Ltd"}
    assert {"MAZ-6501C9", "MAZ-5550C5"} <= set(stored)
    assert stored["MAZ-6501C9"].extras == {"Wheel formula": "6x4"}
    assert stored["MAZ-6501C9"].value("engine_power_kw") == pytest.approx(313.19, rel=1e-4)


def test_changing_a_mapping_reparses_and_is_remembered(
    qtbot,
    wizard: ImportWizard,
    store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = offer_sheet(tmp_path / "maz.xlsx")
    wizard.file_page.path_edit.setText(str(path))
    wizard.layout_page.vendor_edit.setText("MAZ")
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING)
    mapping = wizard.mapping_model
    rows = {mapping.index(r, 1).data(): r for r in range(mapping.rowCount())}
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        mapping.setData(mapping.index(rows["Delivery (weeks)"], COL_FIELD), None)
    assert "Delivery period (weeks)" not in wizard.preview_model.headers()
    offer = wizard.parsed.offers[0]
    assert offer.extras["Delivery (weeks)"] == 18
    go_next(qtbot, wizard)
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
    from procure.services.imports import remembered_mapping

    assert remembered_mapping(store, "MAZ")["Delivery (weeks)"][0] is None


def test_problems_are_listed_highlighted_and_block_the_import(
    qtbot,
    wizard: ImportWizard,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = offer_sheet(tmp_path / "bad.xlsx", price="0")
    wizard.file_page.path_edit.setText(str(path))
    wizard.layout_page.vendor_edit.setText("MAZ")
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW)
    problems = wizard.preview_page.problems()
    assert "row 5, column F: the price must be greater than 0, got 0" in problems
    column = wizard.preview_model.headers().index("Unit price")
    assert wizard.preview_model.problem_at(0, column) is not None
    assert wizard.preview_model.index(0, column).data(Qt.ItemDataRole.BackgroundRole)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_first_page(
    qtbot,  # type: ignore[no-untyped-def]
    wizard: ImportWizard,
    tmp_path: Path,
) -> None:
    path = tmp_path / "offer.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    wizard.file_page.path_edit.setText(str(path))
    with qtbot.waitSignal(wizard.failed, timeout=10_000):
        go_next(qtbot, wizard)
    assert wizard.currentId() == 0
    assert "not a spreadsheet" in wizard.file_page.error_label.text()


def test_main_window_import_action_and_drop_open_the_wizard(
    qtbot,
    db_path: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from procure.services.store import open_store
    from ui.main_window import MainWindow

    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win)
    assert not win.import_action.isEnabled()
    assert "still opening" in win.import_action.toolTip()
    with qtbot.waitSignal(win.store_opened, timeout=10_000):
        win.start_loading()
    assert win.import_action.isEnabled()
    path = offer_sheet(tmp_path / "maz.xlsx")
    wizard = win.open_import_wizard(str(path))
    assert isinstance(wizard, ImportWizard)
    assert wizard.file_page.path_edit.text() == str(path)
    wizard.layout_page.vendor_edit.setText("MAZ")
    before = win.catalogue.model.rowCount()
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    with qtbot.waitSignal(win.offers_reloaded, timeout=10_000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
    assert win.catalogue.model.rowCount() == before + 2
    wizard.close()


def _wizard_inputs(wiz: ImportWizard, options: tuple[str, ...]) -> None:
    """Enter a corpus case's command-line options in the wizard's fields."""
    given = dict(zip(options[::2], options[1::2], strict=True))
    page = wiz.layout_page
    page.vendor_edit.setText(given.get("--vendor", ""))
    if "--category" in given:
        page.category_combo.setCurrentIndex(page.category_combo.findData(given["--category"]))
    if "--currency" in given:
        page.currency_combo.setCurrentIndex(page.currency_combo.findData(given["--currency"]))


def test_every_corpus_file_previews_its_hand_worked_offers(qtbot, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same vendor files the CLI tests import, read through the wizard."""
    from tests.corpus.generate import CASES

    for case in CASES:
        path = case.build(tmp_path)
        if not path.exists():  # a shared sample that is not on this machine
            continue
        wiz = ImportWizard(store, str(path))
        qtbot.addWidget(wiz)
        wiz.show()
        _wizard_inputs(wiz, case.options)
        with qtbot.waitSignal(wiz.parsed_ready, timeout=10_000):
            go_next(qtbot, wiz)
        assert wiz.parsed is not None and wiz.parsed.problems == [], case.name
        models = [o.model for o in wiz.parsed.offers]
        assert models == [o["model"] for o in case.offers], case.name
        assert wiz.preview_model.rowCount() == len(case.offers), case.name
        wiz.close()


def test_hostile_files_are_refused_on_the_file_page(qtbot, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.corpus.generate import HOSTILE_CASES

    for case in HOSTILE_CASES:
        if "bomb" in case.name:
            continue  # writing a 1 GiB archive once (in the CLI test) is enough
        path = case.build(tmp_path)
        wiz = ImportWizard(store, str(path))
        qtbot.addWidget(wiz)
        wiz.show()
        with qtbot.waitSignal(wiz.failed, timeout=10_000):
            go_next(qtbot, wiz)
        assert wiz.currentId() == 0, case.name
        assert wiz.file_page.error_label.text(), case.name
        wiz.close()


def test_title_naming_a_stored_vendor_proposes_it(
    qtbot,
    wizard: ImportWizard,
    tmp_path: Path,
) -> None:
    path = offer_sheet(tmp_path / "quotation.xlsx")
    book = load_workbook(path)
    book.active["A1"] = "Amkodor Pakistan (Pvt) Ltd — authorised agent, Lahore"
    book.save(path)
    wizard.file_page.path_edit.setText(str(path))
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    page = wizard.layout_page
    assert page.vendor_edit.text() == "Amkodor Pakistan (Pvt) Ltd"
    assert page.vendor_note.text().startswith("Proposed:")


def test_a_near_duplicate_vendor_is_created_only_when_asked(
    qtbot,
    wizard: ImportWizard,
    store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = offer_sheet(tmp_path / "volat.xlsx")
    wizard.file_page.path_edit.setText(str(path))
    wizard.layout_page.vendor_edit.setText("Volat Trade Pakistan LLC")
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW)
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    asked = answer_next_question(qtbot, "Create 'Volat Trade Pakistan LLC'")
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert "but 'Volat Trade Pakistan' is" in asked[0]
    vendors = {o.vendor for o in list_offers(store)}
    assert {"Volat Trade Pakistan LLC", "Volat Trade Pakistan"} <= vendors
