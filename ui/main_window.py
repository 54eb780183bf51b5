"""The main window: navigation on the left, the chosen view, a status bar with the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.catalogue_view import CatalogueView
from ui.evaluations_view import EvaluationsView
from ui.messages import show_error
from ui.needs_view import NeedsView
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from procure.rows import NeedRow, OfferRow
    from procure.services.store import Snapshot, Store

# Room a window manager's border and title bar take around the window (it is not known
# before the window is shown).
FRAME = (12, 40)

SAMPLE_BANNER = "Illustrative sample data — the offers and prices shown are not real quotations."


@dataclass(frozen=True)
class Loaded:
    store: Store
    offers: list[OfferRow]
    needs: list[NeedRow]


def load_everything(open_store: Callable[[], Store]) -> Loaded:
    """Open (migrate, seed) the store and read what the first screens show."""
    from procure.services.needs import list_needs
    from procure.services.offers import list_offers

    store = open_store()
    return Loaded(store, list_offers(store), list_needs(store))


class MainWindow(QMainWindow):
    loaded = Signal()  # rows are shown
    store_opened = Signal()  # the store is open for changes
    offers_reloaded = Signal()
    evaluations_reloaded = Signal()
    load_failed = Signal(object)

    def __init__(
        self,
        open_store: Callable[[], Store],
        read_snapshot: Callable[[], Snapshot | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._read_snapshot = read_snapshot
        self.store: Store | None = None
        self.setWindowTitle("procure — equipment offer evaluation")
        self._fit_screen(1360, 820)
        self.setAcceptDrops(True)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.addItems(["Catalogue", "Needs", "Evaluations"])
        self.nav.setFixedWidth(140)
        self.catalogue = CatalogueView(self)
        self.needs = NeedsView(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.catalogue)
        self.pages.addWidget(self.needs)
        self.evaluations = EvaluationsView(self)
        self.pages.addWidget(self.evaluations)
        self.needs.evaluate_requested.connect(self.evaluate_need)
        self.evaluations.open_requested.connect(self.open_workspace)
        self.workspaces: list[QWidget] = []
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        self.banner = QLabel(SAMPLE_BANNER, self)
        self.banner.setObjectName("sample_banner")
        self.banner.setStyleSheet(
            "background:#fff3cd; color:#664d03; padding:4px 8px;border-bottom:1px solid #e6d59a;"
        )
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.banner.setVisible(False)

        body = QHBoxLayout()
        body.setContentsMargins(4, 4, 4, 4)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

        self.setCentralWidget(central)

        self.store_label = QLabel("Opening store…", self)
        self.member_label = QLabel(self)
        self._show_member()
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.member_label)
        self._build_actions()

    def _build_actions(self) -> None:
        search = QAction("Search", self)
        search.setShortcut(QKeySequence.StandardKey.Find)
        search.triggered.connect(self._focus_search)
        help_action = QAction("Help", self)
        help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_action.triggered.connect(self.show_help)
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.import_action = QAction("Import offers…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(lambda: self.open_import_wizard())
        self.import_action.setEnabled(False)
        self.import_action.setToolTip("The store is still opening.")
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.import_action)
        store_action = QAction("Store…", self)
        store_action.setToolTip("Choose the store: a SQLite file or a PostgreSQL server")
        store_action.triggered.connect(self.choose_store)
        file_menu.addAction(store_action)
        print_action = QAction("Print the evaluation report…", self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self._print_selected)
        file_menu.addAction(print_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.import_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(search)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(help_action)

    def _fit_screen(self, width: int, height: int) -> None:
        """Open at the preferred size, or at what the screen has room for (a 1,024 × 700
        office screen): never wider or taller than the screen."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - FRAME[0])
            height = min(height, room.height() - FRAME[1])
        self.resize(width, height)

    def start_loading(self) -> None:
        """Fill the views off the GUI thread: from a quick snapshot of a current SQLite
        store when there is one (the ORM then loads behind it), else by opening the store."""
        if self._read_snapshot is None:
            self._load_fully()
            return
        run_in_background(self, self._read_snapshot, self._on_snapshot, self._on_load_failed)

    def _load_fully(self) -> None:
        run_in_background(
            self, lambda: load_everything(self._open_store), self._on_loaded, self._on_load_failed
        )

    def _on_snapshot(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            self._load_fully()
            return
        self._show_rows(snapshot.offers, snapshot.needs)
        # Open the store (SQLAlchemy, Alembic) once the rows are on screen: started at once,
        # its imports would hold the interpreter while the catalogue is being painted.
        QTimer.singleShot(
            0,
            lambda: run_in_background(
                self, self._open_store, self._on_store_opened, self._on_load_failed
            ),
        )

    def _on_loaded(self, loaded: Loaded) -> None:
        self._show_rows(loaded.offers, loaded.needs)
        self._on_store_opened(loaded.store)

    def _show_rows(self, offers: list[OfferRow], needs: list[NeedRow]) -> None:
        self.catalogue.set_offers(offers)
        self.needs.set_needs(needs)
        self.banner.setVisible(any(o.is_sample for o in offers))
        self.loaded.emit()

    def _on_store_opened(self, store: Store) -> None:
        self.store = store
        self.store_label.setText(f"Store: {store.label}")
        self.import_action.setEnabled(True)
        self.import_action.setToolTip(
            "Import a vendor's offer spreadsheet (Ctrl+I); you can "
            "also drop the file on this window."
        )
        self.needs.store_ready = True
        self.needs.set_busy(False)

        def load(evaluation_id: int) -> dict[str, Any]:
            from procure.services.evaluations import load_result

            return load_result(store, evaluation_id)

        self.evaluations.load_result = load
        self.reload_evaluations()
        self.store_opened.emit()

    def reload_evaluations(self, select: int | None = None) -> None:
        store = self.store
        if store is None:
            return

        def work() -> list[Any]:
            from procure.services.evaluations import list_evaluations

            return list_evaluations(store)

        run_in_background(self, work, lambda rows: self._show_evaluations(rows, select))

    def _show_evaluations(self, rows: list[Any], select: int | None) -> None:
        self.evaluations.set_evaluations(rows, select)
        self.evaluations_reloaded.emit()

    def evaluate_need(self, name: str) -> None:
        """Evaluate a need's offers off the GUI thread; then show the stored evaluation."""
        store = self.store
        if store is None:
            return
        self.needs.set_busy(True)
        self.statusBar().showMessage(f"Evaluating {name}…")

        def work() -> int:
            from procure.services.evaluations import run_evaluation

            result = run_evaluation(store, name)
            assert result.evaluation_id is not None
            return result.evaluation_id

        def done(evaluation_id: int) -> None:
            self.needs.set_busy(False)
            self.statusBar().showMessage(f"Evaluation {evaluation_id} stored.", 5000)
            self.nav.setCurrentRow(2)
            self.reload_evaluations(select=evaluation_id)

        def failed(exc: Exception) -> None:
            self.needs.set_busy(False)
            self.statusBar().clearMessage()
            show_error(self, exc)

        run_in_background(self, work, done, failed)

    def open_import_wizard(self, path: str | None = None) -> QWidget | None:
        """Open the import wizard (on a dropped file, if any); refresh the catalogue after."""
        if self.store is None:
            return None
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.store, path, self)
        wizard.imported.connect(lambda _result: self.reload_offers())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def reload_offers(self) -> None:
        """Read the offers again (after an import) and show them."""
        store = self.store
        if store is None:
            return

        def work() -> list[OfferRow]:
            from procure.services.offers import list_offers

            return list_offers(store)

        def show(offers: list[OfferRow]) -> None:
            self.catalogue.set_offers(offers)
            self.banner.setVisible(any(o.is_sample for o in offers))
            self.offers_reloaded.emit()

        run_in_background(self, work, show)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.store is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_import_wizard(urls[0].toLocalFile())

    def _on_load_failed(self, exc: Exception) -> None:
        self.store_label.setText("Store not opened")
        show_error(self, exc)
        self.load_failed.emit(exc)

    def _print_selected(self) -> None:
        """Ctrl+P: print the report of the evaluation selected under Evaluations."""
        button = self.evaluations.print_button
        if button.isEnabled():
            button.click()
        else:
            self.nav.setCurrentRow(2)
            self.statusBar().showMessage(
                "Select an evaluation under Evaluations to print its report.", 8000
            )

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.catalogue.focus_search()

    # -- who is working ---------------------------------------------------------------------

    def member(self) -> str:
        """The committee member working at this PC (remembered), or the login name."""
        from PySide6.QtCore import QSettings

        name = QSettings().value("user/name", "")
        if name:
            return str(name)
        from procure.services.store import current_actor

        return current_actor()

    def _show_member(self) -> None:
        from PySide6.QtCore import QSettings

        name = QSettings().value("user/name", "")
        self.member_label.setText(
            f"Committee member: {name}" if name else "Committee member: not chosen"
        )

    def choose_member(self, names: list[str]) -> str | None:
        """Ask who is working (names from the committee, or typed); remember the answer."""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QInputDialog

        current = str(QSettings().value("user/name", ""))
        options = names or ([current] if current else [])
        index = options.index(current) if current in options else 0
        prompt = "Your name, as on the committee (every change is attributed to it):"
        while True:
            name, ok = QInputDialog.getItem(self, "Who is working?", prompt, options, index, True)
            if not ok:
                return None
            if name.strip():
                break
            # OK on an empty name: say why nothing opened and ask again.
            prompt = (
                "A name is needed: every change is recorded under it. Type your name "
                "as on the committee, or press Cancel:"
            )
        QSettings().setValue("user/name", name.strip())
        self._show_member()
        return name.strip()

    def open_workspace(self, evaluation_id: int) -> QWidget | None:
        """Open the evaluation workspace; first ask who is working if nobody has said."""
        from PySide6.QtCore import QSettings

        from ui.workspace import WorkspaceWindow

        if self.store is None:
            return None
        if not QSettings().value("user/name", ""):
            committee = (self.evaluations.result or {}).get("committee") or []
            if self.choose_member([m["name"] for m in committee]) is None:
                return None
        window = WorkspaceWindow(self.store, evaluation_id, self.member, self)
        window.setWindowFlag(Qt.WindowType.Window)
        window.saved.connect(lambda: self.reload_evaluations(select=window.evaluation_id))
        self.workspaces.append(window)
        window.show()
        return window

    def choose_store(self) -> str | None:
        """Ask for the store to use from the next start: the default file, a SQLite file or
        a server. A server's password is written to its password file, never the settings."""
        from PySide6.QtCore import QSettings

        from procure.errors import ProcureError
        from procure.services.store_setting import remember_password, split_password
        from ui.store_dialog import StoreDialog

        chosen = StoreDialog.ask(self, str(QSettings().value("store/db", "")))
        if chosen is None:
            return None
        value = chosen.strip()
        note = "The new store is used from the next start."
        if value:
            from procure.services.store import check_location

            try:
                check_location(value)
                setting = split_password(value)
                if setting.password is not None:
                    where = remember_password(setting.url, setting.password)
                    note += f" Its password is kept in {where}."
            except (ProcureError, OSError) as exc:
                show_error(self, exc if isinstance(exc, ProcureError) else ProcureError(str(exc)))
                return None
            value = setting.url
        QSettings().setValue("store/db", value)
        self.statusBar().showMessage(note, 8000)
        return value

    def show_help(self) -> QWidget:
        from ui.help import HelpDialog

        dialog = HelpDialog(self)
        dialog.show()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        import shiboken6

        for window in self.workspaces:
            # A workspace with unsaved changes asks first; Cancel keeps everything open.
            if shiboken6.isValid(window) and window.isVisible() and getattr(window, "dirty", None):
                window.raise_()
                window.close()
                if window.isVisible():
                    event.ignore()
                    return
        if self.store is not None:
            self.store.engine.dispose()
        super().closeEvent(event)
