"""Start the GUI: QApplication, Fusion style, error hook, main window."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QStyleFactory

log = logging.getLogger(__name__)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Show anything uncaught as a message, never as a console traceback only."""
    log.error("Uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    if QApplication.instance() is not None:
        from ui.messages import show_error

        show_error(QApplication.activeWindow(), exc)


def run(db: str | None) -> int:
    """Open the main window on the store `db` (None: PROCURE_DB or the default)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("procure")
    app.setApplicationName("procure")
    app.setStyle(QStyleFactory.create("Fusion"))
    sys.excepthook = _excepthook

    from ui.main_window import MainWindow

    def open_store():  # type: ignore[no-untyped-def]
        from procure.db import open_store as open_

        return open_(db)

    window = MainWindow(open_store)
    window.show()
    window.start_loading()
    return app.exec()
