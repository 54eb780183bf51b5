"""Import wizard: file -> sheet and layout -> column mapping -> preview -> summary.

Every parse runs off the GUI thread (ui.tasks) and can be cancelled; the store is written
only on the preview page's Import, all or nothing, by procure.services.imports.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from procure.errors import InvalidInput, NearDuplicateVendor, ProcureError
from procure.fields import CATEGORY_LABELS, CURRENCIES
from ui.models.import_models import (
    COL_FIELD,
    TARGETS,
    MappingTableModel,
    PreviewTableModel,
)
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from procure.importing.reader import ParsedFile
    from procure.services.imports import ImportResult
    from procure.services.store import Store
    from procure.vendor_names import VendorProposal

FILE_FILTER = "Offer spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
PAGE_FILE, PAGE_LAYOUT, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY = range(5)


class FieldDelegate(QStyledItemDelegate):
    """A combo box of canonical fields for the mapping table's Field column."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        combo = QComboBox(parent)
        for key, label in TARGETS:
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Choose the vendor's file")
        self.setSubTitle(
            "An .xlsx, .xlsm, .xls, .ods or .csv offer sheet, in English or "
            "Russian, with models as rows or as columns."
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path_edit")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("file_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#842029")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import offers", "", FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard.advance_after_parse(self)


class LayoutPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Sheet, layout and vendor")
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheet_combo")
        self.layout_label = QLabel(self)
        self.layout_label.setObjectName("layout_label")
        self.layout_label.setWordWrap(True)
        self.vendor_edit = QLineEdit(self)
        self.vendor_edit.setObjectName("vendor_edit")
        self.vendor_edit.setPlaceholderText("the bidder's name, e.g. MAZ South Asia (Pvt) Ltd")
        self.vendor_edit.textChanged.connect(self.completeChanged)
        self.vendor_completer = QCompleter([], self)
        self.vendor_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.vendor_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.vendor_edit.setCompleter(self.vendor_completer)
        self.vendor_note = QLabel(self)
        self.vendor_note.setObjectName("vendor_note")
        self.vendor_note.setWordWrap(True)
        self.vendor_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sheet_preview = QTableWidget(self)
        self.sheet_preview.setObjectName("sheet_preview")
        self.sheet_preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sheet_preview.setMinimumHeight(150)
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("category_combo")
        self.category_combo.addItem("Detect from the file", None)
        for key, label in CATEGORY_LABELS.items():
            self.category_combo.addItem(label, key)
        self.currency_combo = QComboBox(self)
        self.currency_combo.setObjectName("currency_combo")
        self.currency_combo.addItem("As stated in the file", None)
        for code in CURRENCIES:
            self.currency_combo.addItem(code, code)
        form = QFormLayout()
        form.addRow("&Sheet", self.sheet_combo)
        form.addRow("Table found", self.layout_label)
        form.addRow("&Vendor", self.vendor_edit)
        form.addRow("", self.vendor_note)
        form.addRow("Cate&gory", self.category_combo)
        form.addRow("Currency of prices without one", self.currency_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("The top of the sheet as read (header rows shaded):", self))
        layout.addWidget(self.sheet_preview, 1)

    def show_sheet(self, parsed: ParsedFile) -> None:
        """Show the top left of the sheet read, shading the rows taken as the header."""
        rows, header_rows = parsed.preview_rows, parsed.header_rows
        table = self.sheet_preview
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(parsed.preview_columns))
        table.setHorizontalHeaderLabels(parsed.preview_columns)
        shade = QBrush(QColor("#dbe7f3"))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if r + 1 in header_rows:
                    item.setBackground(shade)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        for c in range(table.columnCount()):
            header.resizeSection(c, 120)

    def show_vendor(self, names: list[str], proposal: VendorProposal | None) -> None:
        """Offer the stored vendors; fill in the one the file names, if one clearly is."""
        model = self.vendor_completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(names)
        if proposal is None:
            return
        if not self.vendor_edit.text().strip() and proposal.name:
            self.vendor_edit.setText(proposal.name)
        said = "Proposed" if proposal.name else "Not proposed"
        self.vendor_note.setText(f"{said}: {proposal.reason}.")

    def isComplete(self) -> bool:
        return bool(self.vendor_edit.text().strip())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard.advance_after_parse(self)


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Column mapping")
        self.setSubTitle(
            "Each header of the file, the field it fills and the unit its values "
            "are converted from. Change a field or a unit where the detection is "
            "wrong; your choice is remembered for this vendor."
        )
        self.table = QTableView(self)
        self.table.setObjectName("mapping_table")
        self.table.setModel(wizard.mapping_model)
        self.table.setItemDelegateForColumn(COL_FIELD, FieldDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in enumerate((60, 180, 200, 80, 90)):  # the rest for the note
            header.resizeSection(column, width)


NO_PROBLEMS = "No problems"


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Preview")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("preview_summary")
        self.summary_label.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("preview_table")
        self.table.setModel(wizard.preview_model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problem_list")
        self.problem_list.setMaximumHeight(150)
        self.notes_list = QListWidget(self)
        self.notes_list.setObjectName("notes_list")
        self.notes_list.setMaximumHeight(110)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                "Problems (each must be fixed in the file or the mapping "
                "before the import can run):",
                self,
            )
        )
        layout.addWidget(self.problem_list)
        layout.addWidget(
            QLabel("Notes (columns kept as extra attributes, fields no column gives):", self)
        )
        layout.addWidget(self.notes_list)

    def show_problems(self, problems: list[str], notes: list[str]) -> None:
        """List the problems (or say there are none) and the notes."""
        self.problem_list.clear()
        self.problem_list.addItems(problems or [NO_PROBLEMS])
        self.notes_list.clear()
        self.notes_list.addItems(notes)

    def problems(self) -> list[str]:
        """The problems listed, without the "No problems" line."""
        texts = [self.problem_list.item(i).text() for i in range(self.problem_list.count())]
        return [t for t in texts if t != NO_PROBLEMS]

    def fit_columns(self) -> None:
        """Size columns to their headers (reading every row would be slow at 5,000)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        model = self.table.model()
        for column in range(model.columnCount()):
            text = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = metrics.horizontalAdvance(text) + 24
            header.resizeSection(column, max(width, 240 if column == 1 else 80))

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return isinstance(wizard, ImportWizard) and wizard.can_import()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard.advance_after_import()


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Imported")
        self.setFinalPage(True)
        self.label = QLabel(self)
        self.label.setObjectName("summary_label")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)


class ImportWizard(QWizard):
    """Import one vendor file into the store, with every step visible and correctable."""

    parsed_ready = Signal()
    imported = Signal(object)  # ImportResult
    failed = Signal(object)

    def __init__(
        self,
        store: Store,
        path: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import offers")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")
        self.resize(1000, 640)
        self.store = store
        self.parsed: ParsedFile | None = None
        self.preview: ImportResult | None = None
        self.import_result: ImportResult | None = None
        self._new_vendor = ""  # the new vendor name the officer confirmed despite a near match
        self._auto_sheet = ""  # the sheet the reader chose when none was asked for
        self.file_problem: str | None = None
        self._busy = False
        self._cancelled = False
        self._parsed_inputs: tuple[Any, ...] | None = None
        self.mapping_model = MappingTableModel(self)
        self.mapping_model.mapping_edited.connect(self.reparse)
        self.preview_model = PreviewTableModel(self)
        self.file_page = FilePage(self)
        self.layout_page = LayoutPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.layout_page,
                self.mapping_page,
                self.preview_page,
                self.summary_page,
            )
        ):
            self.setPage(page_id, page)
        self.layout_page.sheet_combo.activated.connect(self.reparse)
        self.layout_page.category_combo.activated.connect(self.reparse)
        self.layout_page.currency_combo.activated.connect(self.reparse)
        self.layout_page.vendor_edit.editingFinished.connect(self.reparse)
        if path:
            self.file_page.path_edit.setText(path)

    # -- inputs ----------------------------------------------------------------------------

    def _options(self) -> Any:
        from procure.services.offer_files import ImportOptions

        page = self.layout_page
        # The sheet the reader chose itself is not "asked for": it keeps its reason.
        current = page.sheet_combo.currentText() if page.sheet_combo.count() else ""
        sheet = current if current and current != self._auto_sheet else None
        return ImportOptions(
            vendor=page.vendor_edit.text().strip() or None,
            category=page.category_combo.currentData(),
            currency=page.currency_combo.currentData(),
            sheet=sheet,
            chosen=dict(self.mapping_model.chosen),
            new_vendor=self._new_vendor == page.vendor_edit.text().strip(),
        )

    def _inputs(self) -> tuple[Any, ...]:
        options = self._options()
        return (
            self.file_page.path_edit.text().strip(),
            options.vendor,
            options.category,
            options.currency,
            options.sheet,
            tuple(sorted(options.chosen.items(), key=repr)),
        )

    # -- parsing ---------------------------------------------------------------------------

    def reparse(self, *_args: Any) -> None:
        """Parse the file again with the current choices (off the GUI thread)."""
        path = self.file_page.path_edit.text().strip()
        if not path or self._busy:
            return
        options = self._options()
        store = self.store
        self._start_busy("Reading the file…")

        def work() -> tuple[ParsedFile, ImportResult | None, list[str], VendorProposal]:
            from procure.services.imports import import_offers, parse_offer_file, vendor_choices

            cancelled = self._is_cancelled
            parsed = parse_offer_file(store, path, options, isolated=True, cancelled=cancelled)
            plan = None
            if not parsed.problems:
                # A vendor name close to a stored one is asked about at Import.
                preview = replace(options, new_vendor=True)
                plan = import_offers(store, path, preview, dry_run=True, parsed=parsed)
            return parsed, plan, *vendor_choices(store, parsed)

        inputs = self._inputs()
        run_in_background(self, work, lambda r: self._parsed(inputs, r), self._parse_failed)

    def _is_cancelled(self) -> bool:
        return self._cancelled

    def _parsed(self, inputs: tuple[Any, ...], outcome: tuple[Any, ...]) -> None:
        self._end_busy()
        self.file_problem = None
        self.file_page.error_label.clear()
        self.parsed, self.preview, vendor_names, proposal = outcome
        if inputs[4] is None:  # a text file's one "sheet" has no name of its own
            names = self.parsed.sheet_names
            self._auto_sheet = self.parsed.sheet or (names[0] if names else "")
        self._parsed_inputs = inputs
        self._show_parse()
        self.layout_page.show_vendor(vendor_names, proposal)
        self.parsed_ready.emit()
        if self._advance_to is not None:
            target, self._advance_to = self._advance_to, None
            if self.currentId() == target:
                self.next()

    def _parse_failed(self, exc: Exception) -> None:
        self._end_busy()
        self._advance_to = None
        self.parsed, self.preview = None, None
        if isinstance(exc, ProcureError):
            self.file_problem = str(exc)
            self.file_page.error_label.setText(str(exc))
            self.failed.emit(exc)
            return
        from ui.messages import show_error

        show_error(self, exc)
        self.failed.emit(exc)

    _advance_to: int | None = None

    def advance_after_parse(self, page: QWizardPage) -> bool:
        """Let the wizard move on once the current inputs have been parsed without a
        file-level refusal; otherwise parse now and move on when that is done."""
        if self._parsed_inputs == self._inputs() and self.parsed is not None:
            return True
        self._advance_to = self.currentId()
        self.reparse()
        return False

    def _show_parse(self) -> None:
        parsed = self.parsed
        assert parsed is not None
        page = self.layout_page
        page.sheet_combo.blockSignals(True)
        page.sheet_combo.clear()
        page.sheet_combo.addItems(parsed.sheet_names)
        if parsed.sheet:
            page.sheet_combo.setCurrentText(parsed.sheet)
        page.sheet_combo.setEnabled(len(parsed.sheet_names) > 1)
        page.sheet_combo.blockSignals(False)
        orientation = (
            "models as rows" if parsed.orientation == "rows" else "models as columns (spec sheet)"
        )
        rows = ", ".join(str(r) for r in parsed.header_rows)
        sheet = f"Read {parsed.sheet_reason}. " if parsed.sheet_reason else ""
        page.layout_label.setText(
            f"{sheet}Header in row {rows}; {orientation}; {len(parsed.offers)} offers found."
        )
        page.show_sheet(parsed)
        self.mapping_model.set_rows(parsed.mapping)
        changes = self.preview.changes if self.preview is not None else []
        if self.preview is None:
            from procure.services.imports import OfferChange

            changes = [OfferChange("—", o, None, {}) for o in parsed.offers]
        self.preview_model.set_result(parsed, changes)
        self.preview_page.fit_columns()
        preview = self.preview_page
        preview.show_problems([str(p) for p in parsed.problems], list(parsed.warnings))
        if self.preview is not None:
            preview.summary_label.setText(self.preview.summary())
        else:
            count = len(parsed.problems)
            said = "1 problem stops" if count == 1 else f"{count} problems stop"
            preview.summary_label.setText(f"{said} the import.")
        preview.completeChanged.emit()

    def can_import(self) -> bool:
        return self.preview is not None and not self._busy

    # -- importing -------------------------------------------------------------------------

    def advance_after_import(self) -> bool:
        if self.import_result is not None:
            return True
        if not self.can_import():
            return False
        assert self.parsed is not None
        parsed, store, options = self.parsed, self.store, self._options()
        path = self.file_page.path_edit.text().strip()
        self._start_busy("Importing…")

        def work() -> ImportResult:
            from procure.services.imports import import_offers

            return import_offers(store, path, options, parsed=parsed)

        run_in_background(self, work, self._imported, self._import_failed)
        return False

    def _imported(self, result: ImportResult) -> None:
        self._end_busy()
        self.import_result = result
        self.summary_page.label.setText(
            result.summary() + "\n\nThe column mapping is remembered for this vendor."
        )
        self.imported.emit(result)
        self.next()

    def _import_failed(self, exc: Exception) -> None:
        self._end_busy()
        if isinstance(exc, NearDuplicateVendor):
            self._ask_about_vendor(exc)
            return
        if isinstance(exc, InvalidInput):
            self.preview_page.show_problems(list(exc.problems), [])
        from ui.messages import show_error

        self.failed.emit(exc)
        show_error(self, exc)

    def _ask_about_vendor(self, exc: NearDuplicateVendor) -> None:
        """The vendor typed is new but written almost like a stored one: ask which is meant."""
        stored = exc.stored[0]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Import offers")
        box.setText(
            f"'{exc.name}' is not a stored vendor, but '{stored}' is.\n\n"
            "Are these offers from the stored vendor?"
        )
        use = box.addButton(f"Use '{stored}'", QMessageBox.ButtonRole.AcceptRole)
        create = box.addButton(f"Create '{exc.name}'", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(use)
        box.exec()
        if box.clickedButton() is use:
            self.layout_page.vendor_edit.setText(stored)
            self.preview_page.summary_label.setText(
                f"The vendor is now '{stored}'. Check the preview, then press Import."
            )
            self.reparse()
        elif box.clickedButton() is create:
            self._new_vendor = exc.name
            self.advance_after_import()

    # -- busy state ------------------------------------------------------------------------

    def _start_busy(self, text: str) -> None:
        self._busy = True
        self._cancelled = False
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        self.progress = QProgressDialog(text, "Cancel", 0, 0, self)
        self.progress.setWindowTitle("Import offers")
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self._cancel)

    def _cancel(self) -> None:
        self._cancelled = True

    def _end_busy(self) -> None:
        self._busy = False
        self.progress.reset()
        self.progress.deleteLater()
        self.button(QWizard.WizardButton.NextButton).setEnabled(True)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(True)
        page = self.currentPage()
        if page is not None:  # None once the wizard has been closed while it read
            page.completeChanged.emit()
