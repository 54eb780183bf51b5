"""Drive the main window like a user: pick a category, search, select, read the details."""

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from procure.services.store import open_store
from ui.main_window import MainWindow
from ui.models.offer_table_model import RowRole


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.loaded, timeout=10_000):
        win.start_loading()
    yield win
    win.close()


def visible_categories(win: MainWindow) -> set[str]:
    return {o.category for o in win.catalogue.visible_offers()}


def test_window_opens_on_the_sample_catalogue(window: MainWindow) -> None:
    assert window.catalogue.proxy.rowCount() >= 20
    assert window.banner.isVisible()
    assert "Illustrative sample data" in window.banner.text()
    assert str(window.store.label) in window.store_label.text()
    assert visible_categories(window) == {"truck", "dumper", "excavator", "electric_bus"}


def test_category_chip_filters_rows_and_changes_columns(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.catalogue.chips["electric_bus"], Qt.MouseButton.LeftButton)
    assert visible_categories(window) == {"electric_bus"}
    headers = [
        window.catalogue.proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.catalogue.proxy.columnCount())
    ]
    assert "Battery capacity (kWh)" in headers and "Rated payload (t)" not in headers
    assert window.catalogue.count_label.text().startswith(
        f"{window.catalogue.proxy.rowCount()} of "
    )
    qtbot.mouseClick(window.catalogue.chips[None], Qt.MouseButton.LeftButton)
    assert len(visible_categories(window)) == 4


def test_search_box_filters_by_vendor_and_model(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.catalogue.search_box, "75710")
    offers = window.catalogue.visible_offers()
    assert [o.model for o in offers] == ["BelAZ-75710"]
    window.catalogue.search_box.clear()
    qtbot.keyClicks(window.catalogue.search_box, "maz south")
    offers = window.catalogue.visible_offers()
    assert offers and all("MAZ South" in o.vendor for o in offers)


def test_selecting_a_row_shows_every_field_extras_and_source(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    catalogue = window.catalogue
    qtbot.keyClicks(catalogue.search_box, "75710")
    rect = catalogue.table.visualRect(catalogue.proxy.index(0, 1))
    qtbot.mouseClick(catalogue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = catalogue.detail.toPlainText()
    assert "BelAZ-75710" in text
    assert "Rated payload\t450 t" in text or "450 t" in text
    assert "Gross vehicle weight" in text and "810 t" in text
    assert "Public source" in text and "belaz.by" in text
    # Sourced values stand plain; values filled in for illustration carry a dagger.
    assert "810 t" in text and "810 t †" not in text  # GVW from belaz.by
    assert "USD 6,000,000 †" in text  # the price is illustrative

    assert "Illustrative values" in text and "†" in text

    assert "sample_catalogue.csv" in text and "row" in text
    assert "Illustrative sample data" in text


def test_missing_values_are_shown_as_dashes_not_zero(window: MainWindow) -> None:
    model = window.catalogue.model
    missing = zero = 0
    for row in range(model.rowCount()):
        offer = model.index(row, 0).data(RowRole)
        for column in range(3, model.columnCount()):
            value = offer.value(model.field_at(column).key)
            shown = model.index(row, column).data()
            if value is None:
                assert shown == "—"
                missing += 1
            elif value == 0:
                assert shown == "0"
                zero += 1
    assert missing and zero


def test_ctrl_f_focuses_the_search_box(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(1)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.catalogue
    assert window.catalogue.search_box.hasFocus()


def test_needs_view_shows_site_requirements_and_weights(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(1)
    needs = window.needs
    assert needs.model.rowCount() >= 5
    for row in range(needs.model.rowCount()):
        index = needs.model.index(row, 0)
        rect = needs.need_list.visualRect(index)
        qtbot.mouseClick(needs.need_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        need = index.data(RowRole)
        text = needs.detail.toPlainText()
        assert need.name in text
        assert "Mandatory requirements" in text and "Weighted criteria" in text
        for requirement in need.document.requirements:
            assert requirement.describe() in text
        weights = need.document.weights()
        assert f"{weights[0] * 100:.1f} %" in text
        if need.document.ahp is not None:
            assert "AHP" in text and "CR =" in text


def test_unopenable_store_shows_a_message_not_a_traceback(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda parent, exc: shown.append(str(exc)))
    win = MainWindow(lambda: open_store(tmp_path / "missing" / "x.db"))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.load_failed, timeout=10_000):
        win.start_loading()
    assert shown and "does not exist" in shown[0]
    assert win.store_label.text() == "Store not opened"


def test_real_start_path_paints_from_snapshot_then_opens_the_store(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from procure.snapshot import read_snapshot

    open_store(db_path).engine.dispose()  # an existing, current store
    win = MainWindow(lambda: open_store(db_path), lambda: read_snapshot(db_path))
    qtbot.addWidget(win)
    with qtbot.waitSignals([win.loaded, win.store_opened], timeout=10_000):
        win.start_loading()
    assert win.catalogue.proxy.rowCount() >= 20
    assert win.store is not None and str(db_path) in win.store_label.text()
    win.close()


def test_evaluate_a_need_and_read_the_ranking(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.store is not None, timeout=10_000)
    window.nav.setCurrentRow(1)
    needs = window.needs
    row = next(
        r
        for r in range(needs.model.rowCount())
        if needs.model.index(r, 0).data().startswith("Coal - overburden")
    )
    rect = needs.need_list.visualRect(needs.model.index(row, 0))
    qtbot.mouseClick(needs.need_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert needs.evaluate_button.isEnabled()
    # The sample evaluation made at first start is shown first.
    qtbot.waitUntil(lambda: window.evaluations.result is not None, timeout=10_000)
    sample_id = window.evaluations.result["evaluation_id"]
    with qtbot.waitSignal(
        window.evaluations.result_shown,
        timeout=20_000,
        check_params_cb=lambda shown: shown != sample_id,
    ):
        qtbot.mouseClick(needs.evaluate_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.evaluations
    assert window.evaluations.model.rowCount() == 2  # the sample evaluation, then ours
    assert window.evaluations.selected_id() == window.evaluations.model.index(0, 0).data(RowRole).id
    text = window.evaluations.detail.toPlainText()
    assert "Ranking" in text and "Not ranked" in text
    # The 75131 is rated for 45 °C: it fails the Thar 50 °C gate, with the reason shown.
    assert (
        "BelAZ-75131: not responsive; Rated max ambient temperature ≥ 50 °C: offer states 45 °C"
        in text
    )
    assert "Probability of ranking first" in text


def test_evaluate_button_explains_why_it_is_disabled(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win)
    assert not win.needs.evaluate_button.isEnabled()
    assert win.needs.evaluate_button.toolTip() == "Select a need first."


def test_evaluation_table_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from procure.services.evaluations import EvaluationSummary
    from ui.models.evaluation_table_model import EvaluationTableModel

    model = EvaluationTableModel()
    model.set_rows(
        [
            EvaluationSummary(
                3, "T", "Need", "wsm", "draft", datetime(2026, 1, 2), "V — M", "ab" * 32
            )
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "V — M"
    assert model.index(0, 3).data() == "2026-01-02 00:00"
    assert model.index(0, 2).data() == "Weighted sum"  # the method in words, not wsm


def test_the_store_is_chosen_in_the_window_and_used_next_start(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
    monkeypatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSettings

    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda parent, exc: shown.append(str(exc)))
    monkeypatch.setattr(
        "ui.store_dialog.StoreDialog.ask",
        lambda parent, current: str(tmp_path / "missing" / "x.db"),
    )
    assert window.choose_store() is None and "does not exist" in shown[0]
    url = "postgresql+psycopg://committee@db-server:5432/procure"
    # A password typed in the dialog goes to the server's password file, not the settings.
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.setattr(
        "ui.store_dialog.StoreDialog.ask",
        lambda parent, current: "postgresql+psycopg://committee:s3cret@db-server:5432/procure",
    )
    assert window.choose_store() == url
    assert QSettings().value("store/db") == url
    assert (tmp_path / "pgpass").read_text() == "db-server:5432:procure:committee:s3cret\n"
    assert (tmp_path / "pgpass").stat().st_mode & 0o777 == 0o600
    from ui import app

    opened = []
    monkeypatch.setattr("procure.services.store.open_store", lambda db: opened.append(db))
    monkeypatch.setattr("ui.main_window.MainWindow.start_loading", lambda self: None)
    monkeypatch.delenv("PROCURE_DB", raising=False)
    second = app.show_main_window(None)
    qtbot.addWidget(second)
    second._open_store()
    assert opened == [url]


def test_the_store_dialog_browses_for_a_file_and_tests_a_server(
    qtbot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from ui.store_dialog import StoreDialog

    dialog = StoreDialog("")
    qtbot.addWidget(dialog)
    assert dialog.default.isChecked() and not dialog.browse.isEnabled()
    dialog.file.setChecked(True)
    chosen = tmp_path / "committee.db"
    monkeypatch.setattr(
        "ui.store_dialog.QFileDialog.getSaveFileName", lambda *a, **k: (str(chosen), "")
    )
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.value() == str(chosen)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tested is not None, timeout=10_000)
    assert dialog.tested == f"{chosen} does not exist yet; it will be created at the next start."
    # A server nobody listens on: refused with the reason, in words.
    dialog.tested = None
    dialog.server.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setText("1")
    dialog.user.setText("committee")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tested is not None, timeout=20_000)
    assert dialog.tested.startswith(
        "Cannot reach postgresql+psycopg://committee@127.0.0.1:1/procure"
    )
    # The running PostgreSQL answers.
    dialog.tested = None
    dialog.port.setText("5432")
    dialog.user.setText("postgres")
    dialog.database.setText("postgres")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tested is not None, timeout=20_000)
    assert dialog.tested == "Connected to postgresql+psycopg://postgres@127.0.0.1:5432/postgres."


def test_ok_on_an_empty_name_asks_again_instead_of_closing(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = iter([("", True), ("  ", True), ("Ms S. Baloch", True)])
    prompts = []

    def get_item(parent, title, prompt, *rest):  # type: ignore[no-untyped-def]
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", get_item)
    assert window.choose_member([]) == "Ms S. Baloch"
    assert len(prompts) == 3 and prompts[1].startswith("A name is needed")


def test_help_covers_every_screen_and_the_committee_workflow(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_help()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for screen in ("Catalogue.", "Needs.", "Evaluations.", "Evaluation workspace.", "Store…"):
        assert screen in text
    for step in ("Import the offers", "Set-up and committee", "Committee scores", "Approve."):
        assert step in text


def test_views_keep_the_qt_methods_they_inherit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A view's parts are named apart from its Qt methods: QWidget.actions() and
    QDialog.result() still answer as Qt's."""
    from PySide6.QtWidgets import QDialog

    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    assert window.evaluations.actions() == []
    assert window.evaluations.report_actions.pdf_button is window.evaluations.pdf_button
    wizard = window.open_import_wizard()
    assert wizard is not None and isinstance(wizard, QDialog)
    assert wizard.result() == QDialog.DialogCode.Rejected.value
    assert wizard.import_result is None
    wizard.reject()
