"""Start the GUI: QApplication, Fusion style, error hook, main window."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:
    from procure.services.store import Snapshot, Store
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Show anything uncaught as a message, never as a console traceback only."""
    log.error("Uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    if QApplication.instance() is not None:
        from ui.messages import show_error

        show_error(QApplication.activeWindow(), exc)


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("procure")
    app.setApplicationName("procure")
    app.setStyle(QStyleFactory.create("Fusion"))
    sys.excepthook = _excepthook
    return app


def show_main_window(db: str | None) -> MainWindow:
    """Show the main window at once and open the store `db` in the background.

    Which store: --db, else PROCURE_DB, else the one chosen in File → Store…, else the
    SQLite file in the user data folder."""
    import os

    from PySide6.QtCore import QSettings

    from procure.location import ENV_VAR
    from ui.main_window import MainWindow

    if db is None and not os.environ.get(ENV_VAR):
        db = str(QSettings().value("store/db", "")) or None

    def open_store() -> Store:
        from procure.services.store import open_store as open_

        return open_(db)

    def read_snapshot() -> Snapshot | None:
        from procure.services.store import read_snapshot as read

        return read(db)

    window = MainWindow(open_store, read_snapshot)
    window.show()
    window.start_loading()
    return window


def run(db: str | None) -> int:
    """Run the GUI on the store `db` (None: PROCURE_DB or the default) until it is closed."""
    app = create_application()
    window = show_main_window(db)  # noqa: F841 - keeps the window alive while the app runs
    return app.exec()
