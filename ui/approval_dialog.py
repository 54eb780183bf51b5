"""The review before an approval step: what it locks, the checklist, the approver's name."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from procure.services.approval import Review

MET, UNMET = "✔", "✘"


def review_html(review: Review) -> str:
    """The review as the dialog shows it (also used by tests and screenshots)."""
    locks = "".join(f"<li>{escape(line)}</li>" for line in review.locks)
    rows = "".join(
        "<tr>"
        f"<td style='color:{'#0f5132' if c.met else '#842029'};font-weight:bold'>"
        f"{MET if c.met else UNMET}</td>"
        f"<td>{escape(c.label)}"
        + ("" if c.met else f"<br><span style='color:#842029'>{escape(c.reason)}</span>")
        + "</td></tr>"
        for c in review.checks
    )
    verdict = (
        "<p><b>Every check is met.</b> Type your name to confirm.</p>"
        if review.ready
        else f"<p style='color:#842029'><b>{len(review.unmet)} of {len(review.checks)} checks "
        f"{'is' if len(review.unmet) == 1 else 'are'} not met</b>; the step cannot be "
        "recorded until every check is. Close this review, complete what is missing and try "
        "again.</p>"
    )
    return (
        f"<h3>{escape(review.action)}: {escape(review.title)}</h3>"
        f"<p><b>What this records</b></p><ul>{locks}</ul>"
        f"<p><b>Checklist</b></p><table cellpadding='3'>{rows}</table>{verdict}"
    )


class ApprovalDialog(QDialog):
    """Show a Review; the step is confirmed only when every check is met and the approver
    has typed their name as it is recorded for this PC."""

    def __init__(self, review: Review, approver: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review, self.approver = review, approver
        self.setWindowTitle(f"{review.action} — review")
        self.text = QTextBrowser(self)
        self.text.setObjectName("approval_review")
        self.text.setHtml(review_html(review))
        self.name = QLineEdit(self)
        self.name.setObjectName("approver_name")
        self.name.setPlaceholderText(approver)
        self.name.setEnabled(review.ready)
        prompt = QLabel(f"To confirm, type your name as recorded for this PC: {approver}", self)
        prompt.setWordWrap(True)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(self)
        self.confirm_button = self.buttons.addButton(
            review.action, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setObjectName("confirm_approval")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(prompt)
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        self._typed("")
        self.resize(640, 560)

    def _typed(self, text: str) -> None:
        ok = self.review.ready and text.strip().casefold() == self.approver.strip().casefold()
        self.confirm_button.setEnabled(ok)
        self.confirm_button.setToolTip(
            ""
            if ok
            else "Complete the checklist first."
            if not self.review.ready
            else f"Type {self.approver} to confirm."
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(not ok)

    @classmethod
    def ask(cls, parent: QWidget | None, review: Review, approver: str) -> bool:
        """Show the review; True when the approver confirmed the step."""
        return cls(review, approver, parent).exec() == QDialog.DialogCode.Accepted
