"""Run service calls off the GUI thread and deliver the outcome on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """One background call: `fn()` runs on the thread pool; its result arrives as a signal."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self.setAutoDelete(False)  # we hold the reference until a signal has been delivered

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI thread, never lost
            log.debug("Background task failed", exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[Task] = set()


def run_in_background(
    parent: QObject | None,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> Task:
    """Run `fn` on the global thread pool; call on_success or on_error on the GUI thread.

    `fn` must not touch widgets: it calls procure services, which open their own session.
    Errors default to messages.show_error (a ProcureError as a sentence, anything else as
    "Unexpected error" with the traceback under details).
    """
    from ui.messages import show_error

    task = Task(fn)
    _running.add(task)

    def gone() -> bool:
        # The window that asked may have been closed while the work ran: drop the outcome
        # rather than touch a deleted widget.
        return parent is not None and not shiboken6.isValid(parent)

    def succeeded(result: Any) -> None:
        _running.discard(task)
        if not gone():
            on_success(result)

    def failed(exc: Exception) -> None:
        _running.discard(task)
        if gone():
            log.warning("Background task failed after its window closed: %s", exc)
            return
        if on_error is not None:
            on_error(exc)
        else:
            show_error(parent, exc)

    task.signals.finished.connect(succeeded)
    task.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(task)
    return task
