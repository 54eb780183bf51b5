"""Message boxes: a short title, what happened, what to do next; plain text only."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from procure.errors import InvalidInput, ProcureError

log = logging.getLogger(__name__)


def _box(
    parent: QObject | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str | None = None,
) -> QMessageBox:
    box = QMessageBox(parent if isinstance(parent, QWidget) else None)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    return box


def warn(
    parent: QObject | None, title: str, text: str, informative: str = "", details: str | None = None
) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text, informative, details).exec()


def inform(parent: QObject | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def confirm(parent: QObject | None, title: str, text: str, informative: str = "") -> bool:
    """Ask yes/no; the safe answer (No) is the default."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, informative)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def error_text(exc: BaseException) -> tuple[str, str, str | None]:
    """Return (title, text, details) for an error as the user should see it."""
    if isinstance(exc, InvalidInput):
        from procure.wording import plain_problem

        problems = [plain_problem(p) for p in exc.problems]
        return "Invalid input", "\n".join(problems[:20]), "\n".join(problems)
    if isinstance(exc, ProcureError):
        return "procure", str(exc), None
    details = "".join(traceback.format_exception(exc))
    return ("Unexpected error", f"Something went wrong: {type(exc).__name__}: {exc}", details)


def show_error(parent: QObject | None, exc: BaseException) -> None:
    title, text, details = error_text(exc)
    if not isinstance(exc, ProcureError):
        log.error("Unexpected error", exc_info=exc)
    informative = (
        "Nothing was changed. Correct the problem and try again."
        if isinstance(exc, ProcureError)
        else "Your data is safe. Please report this with the details below."
    )
    warn(parent, title, text, informative, details)


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QObject | None, text: str, informative: str = "") -> str:
    """Ask what to do with unsaved changes: SAVE, DISCARD or CANCEL (the default: nothing
    is lost by pressing Enter)."""
    box = _box(parent, QMessageBox.Icon.Warning, "Unsaved changes", text, informative)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    return DISCARD if answer == QMessageBox.StandardButton.Discard else CANCEL
