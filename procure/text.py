"""Display formatting shared by the CLI, the GUI and the reports (rounding is for display only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

MISSING = "—"


def format_number(value: float | Decimal | None, *, decimals: int | None = None) -> str:
    """Format a number with thousands separators; integers without decimals; None as '—'."""
    if value is None:
        return MISSING
    number = float(value)
    if decimals is None:
        decimals = 0 if number == int(number) else (1 if abs(number) >= 100 else 2)
    text = f"{number:,.{decimals}f}"
    if "." in text and decimals > 0:
        text = text.rstrip("0").rstrip(".") if number != int(number) else text
    return text


def format_money(amount: Any, currency: Any) -> str:
    if amount is None:
        return MISSING
    return f"{currency or '?'} {float(amount):,.0f}"


def format_value(key: str, value: Any) -> str:
    """Format a canonical field's value for display."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, str):
        return value
    if key == "unit_price":
        return f"{float(value):,.0f}"
    return format_number(value)
