"""The workspace's Bid opening tab: the committee records, bid by bid, the bid security,
the validity, the signature and the quantity and amount read out; the preliminary
examination and any arithmetic correction follow in the result."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from procure import report_model
from procure.fields import CURRENCIES

if TYPE_CHECKING:
    from ui.workspace import WorkspaceWindow

NOT_RECORDED, SIGNED, UNSIGNED = "not recorded", "yes, by an authorised person", "no"


class PreliminaryTab(QWidget):
    """One bid's record and the examination of every bid."""

    def __init__(self, space: WorkspaceWindow) -> None:
        super().__init__(space)
        self.space = space
        self.bid = QComboBox(self)
        self.bid.setObjectName("preliminary_bid")
        self.security = QDoubleSpinBox(self)
        self.security.setRange(0, 1e12)
        self.security.setDecimals(0)
        self.security.setGroupSeparatorShown(True)
        self.security.setSpecialValueText("none furnished")
        self.currency = QComboBox(self)
        self.currency.addItems(CURRENCIES)
        self.validity = QSpinBox(self)
        self.validity.setRange(0, 3650)
        self.validity.setSuffix(" days")
        self.validity.setSpecialValueText("not stated")
        self.signed = QComboBox(self)
        self.signed.addItems((NOT_RECORDED, SIGNED, UNSIGNED))
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0, 10_000)
        self.quantity.setDecimals(0)
        self.quantity.setSpecialValueText("not read out")
        self.amount = QDoubleSpinBox(self)
        self.amount.setRange(0, 1e13)
        self.amount.setDecimals(2)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSpecialValueText("not read out")
        self.save_button = QPushButton("Save the bid's record", self)
        self.save_button.setObjectName("save_bid_record")
        self.save_button.clicked.connect(self._save)
        self.view = QTextBrowser(self)
        self.view.setObjectName("preliminary_view")
        form = QFormLayout()
        form.addRow("Bid", self.bid)
        security = QHBoxLayout()
        security.addWidget(self.security, 1)
        security.addWidget(self.currency)
        form.addRow("Bid security", security)
        form.addRow("Bid validity", self.validity)
        form.addRow("Signed", self.signed)
        form.addRow("Quantity read out", self.quantity)
        form.addRow("Amount read out (quoted currency)", self.amount)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.view, 1)
        self.bid.currentIndexChanged.connect(self._show_record)
        space.loaded.connect(self.show_result)

    def show_result(self) -> None:
        """Fill the bid list and the examination from the workspace's loaded result."""
        result = self.space.result
        if result is None:
            return
        from procure.procedure import APPROVED

        model = report_model.build(result)
        current = self.bid.currentData()
        self.bid.blockSignals(True)
        self.bid.clear()
        for offer in model.by_bid:
            self.bid.addItem(f"{offer.bid}: {offer.label}", offer.offer_id)
        index = self.bid.findData(current)
        self.bid.setCurrentIndex(max(index, 0))
        self.bid.blockSignals(False)
        self._show_record()
        self.save_button.setEnabled(result.get("status") != APPROVED)
        rules = "; ".join(model.preliminary_rules) or "none set on the need"
        rows = []
        for offer in model.by_bid:
            parts = [
                f"{'pass' if g['passed'] else 'FAIL'}: {g['requirement']} ({g['reason']})"
                for g in offer.data.get("preliminary") or []
            ]
            if offer.arithmetic:
                parts.append(f"correction: {offer.arithmetic}")
            text = "; ".join(parts)
            rows.append(f"<li><b>{offer.bid} {escape(offer.label)}</b>: {escape(text or '—')}</li>")
        self.view.setHtml(f"<p>Required: {escape(rules)}</p><ul>{''.join(rows)}</ul>")

    def _record(self) -> dict[str, Any]:
        result = self.space.result or {}
        return dict((result.get("bids") or {}).get(str(self.bid.currentData()), {}))

    def _show_record(self) -> None:
        record = self._record()
        self.security.setValue(float(record.get("bid_security_amount") or 0))
        self.currency.setCurrentText(str(record.get("bid_security_currency") or "USD"))
        self.validity.setValue(int(record.get("bid_validity_days") or 0))
        signed = record.get("bid_signed")
        self.signed.setCurrentText(
            NOT_RECORDED if signed is None else SIGNED if signed else UNSIGNED
        )
        self.quantity.setValue(float(record.get("quoted_quantity") or 0))
        self.amount.setValue(float(record.get("quoted_amount") or 0))

    def record(self) -> dict[str, Any]:
        """What the form says, as a bid record (zero means not stated, except security)."""
        signed = self.signed.currentText()
        return {
            "bid_security_amount": self.security.value(),
            "bid_security_currency": self.currency.currentText(),
            "bid_validity_days": self.validity.value() or None,
            "bid_signed": None if signed == NOT_RECORDED else signed == SIGNED,
            "quoted_quantity": self.quantity.value() or None,
            "quoted_amount": self.amount.value() or None,
        }

    def _save(self) -> None:
        from procure.services.preliminary import record_bid

        space = self.space
        assert space.result is not None
        offer_id, record = int(self.bid.currentData()), self.record()
        store, evaluation_id, actor = space.store, space.evaluation_id, space.actor()
        version = space.result["version"]
        space._run(
            lambda: record_bid(
                store, evaluation_id, offer_id, record, expected_version=version, actor=actor
            )
        )
