"""Preliminary examination of a bid (before technical responsiveness): bid security, bid
validity, signature, and the arithmetic check of the amount read out.

A bid that fails a check goes no further. Where the quantity, the unit price and the amount
stated disagree, the unit price prevails and the amount is corrected (the correction is kept
so that the report prints it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procure.evaluation.gates import GateResult
from procure.tender import PreliminaryRules
from procure.text import format_number

ARITHMETIC_TOLERANCE = 0.5  # currency units: rounding in a read-out amount is not an error

# What the committee records per bid (and what an offer may state itself).
RECORD_KEYS = (
    "bid_security_amount",
    "bid_security_currency",
    "bid_validity_days",
    "bid_signed",
    "quoted_quantity",
    "quoted_amount",
)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _yes_no(value: Any) -> bool | None:
    """A recorded True/False, or an offer's "yes"/"no" text; None when not stated."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("yes", "y", "true", "1", "да", "signed"):
        return True
    if text in ("no", "n", "false", "0", "нет", "unsigned"):
        return False
    return None


def arithmetic_check(
    record: Mapping[str, Any], unit_price: float | None, currency: str | None
) -> dict[str, Any] | None:
    """The corrected amount (quantity × unit price) when the read-out amount differs."""
    quantity, amount = _number(record.get("quoted_quantity")), _number(record.get("quoted_amount"))
    if quantity is None or amount is None or unit_price is None:
        return None
    corrected = quantity * unit_price
    if abs(corrected - amount) <= ARITHMETIC_TOLERANCE:
        return None
    return {
        "quantity": quantity,
        "unit_price": unit_price,
        "stated_amount": amount,
        "corrected_amount": corrected,
        "difference": corrected - amount,
        "currency": currency,
        "text": (
            f"amount read out {currency} {format_number(amount, decimals=0)} corrected to "
            f"{currency} {format_number(corrected, decimals=0)} "
            f"({format_number(quantity)} × unit price {format_number(unit_price, decimals=0)}): "
            "the unit price prevails"
        ),
    }


def bid_amount(
    record: Mapping[str, Any], unit_price: float | None, quantity: float | None
) -> float | None:
    """The bid price the security is measured against, in the quoted currency."""
    if unit_price is None:
        return None
    stated = _number(record.get("quoted_quantity"))
    return unit_price * (stated if stated is not None else (quantity or 1.0))


def examine(
    rules: PreliminaryRules | None,
    record: Mapping[str, Any],
    *,
    unit_price: float | None,
    currency: str | None,
    quantity: float | None,
    rates: Mapping[str, float],
) -> list[GateResult]:
    """Check a bid against the need's preliminary rules; every failure says why."""
    if rules is None:
        return []
    out: list[GateResult] = []
    if rules.bid_security_min_pct is not None:
        out.append(
            _security(rules.bid_security_min_pct, record, unit_price, currency, quantity, rates)
        )
    if rules.bid_validity_min_days is not None:
        wanted = rules.bid_validity_min_days
        days = _number(record.get("bid_validity_days"))
        text = f"Bid validity ≥ {wanted} days"
        if days is None:
            out.append(GateResult(text, False, "bid validity not stated"))
        else:
            passed = days >= wanted
            out.append(
                GateResult(
                    text,
                    passed,
                    f"valid for {format_number(days)} days"
                    + ("" if passed else f", {format_number(wanted - days)} days short"),
                )
            )
    if rules.signature_required:
        signed = _yes_no(record.get("bid_signed"))
        text = "Signed by an authorised person"
        if signed is None:
            out.append(GateResult(text, False, "signature and authorisation not recorded"))
        else:
            out.append(
                GateResult(
                    text,
                    bool(signed),
                    "signed and authorised" if signed else "not signed by an authorised person",
                )
            )
    return out


def _security(
    minimum_pct: float,
    record: Mapping[str, Any],
    unit_price: float | None,
    currency: str | None,
    quantity: float | None,
    rates: Mapping[str, float],
) -> GateResult:
    text = f"Bid security ≥ {minimum_pct:g} % of the bid price"
    amount = _number(record.get("bid_security_amount"))
    if amount is None or amount <= 0:
        return GateResult(text, False, "no bid security furnished")
    security_currency = record.get("bid_security_currency") or currency
    price = bid_amount(record, unit_price, quantity)
    if price is None or currency is None:
        return GateResult(text, False, "the bid states no price to measure the security against")
    if security_currency != currency:
        if security_currency not in rates or currency not in rates:
            return GateResult(
                text, False, f"no exchange rate recorded for {security_currency} or {currency}"
            )
        amount = amount * rates[str(security_currency)] / rates[currency]
    pct = 100.0 * amount / price if price > 0 else 0.0
    passed = pct >= minimum_pct - 1e-9
    stated = format_number(_number(record.get("bid_security_amount")), decimals=0)
    return GateResult(
        text,
        passed,
        f"{security_currency} {stated} = {pct:.2f} % of {currency} "
        f"{format_number(price, decimals=0)}",
    )
