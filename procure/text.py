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


def describe_stability(entry: dict[str, Any], names: dict[int, str]) -> str:
    """Say where a criterion's weight would change the first-ranked offer (sensitivity)."""
    if entry["stable"]:
        return "stable over the whole range"
    bits = []
    if entry["lower"] is not None:
        bits.append(f"below {entry['lower']:.1%}: {names[entry['lower_winner']]} first")
    if entry["upper"] is not None:
        bits.append(f"above {entry['upper']:.1%}: {names[entry['upper_winner']]} first")
    return "; ".join(bits)
