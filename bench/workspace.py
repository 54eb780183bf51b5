"""The workspace with 200 offers: the longest the GUI thread is busy showing a recomputed
evaluation (everything slow runs on the thread pool), against Qt alone setting an HTML table
of the same 200 rows in a QTextBrowser, in the same run. Target: under 100 ms."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N_OFFERS = 200
NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"


def run_workspace(runs: int, report: Callable[[str, list[float], list[float], str], None]) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from procure.services.evaluations import run_evaluation
    from procure.services.offer_writes import insert_offer_records
    from procure.services.seed import read_sample_catalogue
    from procure.services.store import open_store
    from ui import workspace

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        dumpers = [r for r in read_sample_catalogue() if r["category"] == "dumper"]
        records = []
        for i in range(N_OFFERS):
            record = dict(dumpers[i % len(dumpers)])
            record.update(
                vendor=f"Bench vendor {i}",
                model=f"{record['model']} #{i}",
                payload_t=90.0 + i % 100,
            )
            records.append(record)
        with store.begin() as session:
            insert_offer_records(session, records)
        evaluation = run_evaluation(store, NEED).evaluation_id
        assert evaluation is not None
        shown: list[float] = []
        original = workspace.WorkspaceWindow._show

        def timed(self, loaded):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            original(self, loaded)
            shown.append(time.perf_counter() - start)

        workspace.WorkspaceWindow._show = timed  # type: ignore[method-assign]
        ours, base = [], []
        try:
            for _ in range(runs):
                window = workspace.WorkspaceWindow(store, evaluation, lambda: "bench")
                window.show()
                loop = QEventLoop()
                window.loaded.connect(loop.quit)
                loop.exec()
                app.processEvents()
                ours.append(shown[-1])
                window.close()
                browser = QTextBrowser()
                rows = "".join(
                    f"<tr><td>{i}</td><td>Bench vendor {i}</td><td>{i * 1.5}</td></tr>"
                    for i in range(N_OFFERS)
                )
                start = time.perf_counter()
                browser.setHtml(f"<table>{rows}</table>")
                base.append(time.perf_counter() - start)
        finally:
            workspace.WorkspaceWindow._show = original  # type: ignore[method-assign]
            store.engine.dispose()
    report(
        f"workspace showing an evaluation of {N_OFFERS + 14} offers (GUI thread busy)",
        ours,
        base,
        "< 100 ms absolute",
    )
