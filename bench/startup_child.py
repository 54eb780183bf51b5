"""One start-up, measured by the parent as a whole process.

`app DB`: procure's real start path (main window, store opened in the background, catalogue
rows set), exiting once the rows have been painted. `bare`: a bare PySide6 main window with an
empty table, exiting once painted.
"""

from __future__ import annotations

import sys


def _quit_after_paint(app, widget) -> None:  # type: ignore[no-untyped-def]
    """Paint, print the wall-clock time, and leave at once (background loading may go on:
    the user already sees the rows, which is what is measured)."""
    import os
    import time

    from PySide6.QtCore import QTimer

    def finish() -> None:
        widget.repaint()  # paint synchronously, so the rows really were drawn
        print(f"painted {time.time():.6f}", flush=True)
        os._exit(0)

    QTimer.singleShot(0, finish)


def app_start(db: str) -> int:
    from ui.app import create_application, show_main_window

    app = create_application()
    window = show_main_window(db)
    window.loaded.connect(lambda: _quit_after_paint(app, window.catalogue.table.viewport()))
    window.load_failed.connect(lambda exc: app.exit(1))
    status = app.exec()
    if status == 0 and window.catalogue.proxy.rowCount() == 0:
        return 3
    return status


def bare_start() -> int:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(QStandardItemModel(0, 8, table))
    window.setCentralWidget(table)
    window.resize(1360, 820)
    window.show()
    _quit_after_paint(app, table.viewport())
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(app_start(sys.argv[2]) if sys.argv[1] == "app" else bare_start())
