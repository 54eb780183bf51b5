"""Display formatting shared by the CLI, the GUI and the reports (rounding is for display only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


# Colours of chart series (reports and windows alike), and the parts of a life-cycle cost
# that charts stack: (key in an alternative's "lcc", label).
CHART_COLOURS = (
    "#1f4e79",
    "#2e86c1",
    "#85c1e9",
    "#f5b041",
    "#a04000",
    "#58d68d",
    "#7d3c98",
    "#c0392b",
    "#95a5a6",
    "#17a589",
    "#d4ac0d",
    "#5d6d7e",
)
# Life-cycle cost parts and the first-rank share get colours no criterion uses, so that one
# colour means one thing across a report.
LCC_COLOURS = ("#4d4d4d", "#b07aa1", "#9c755f", "#edc948", "#76b7b2", "#ff9da7")
PROBABILITY_COLOUR = "#4d4d4d"
LCC_PARTS = (
    ("capex_year0_pkr", "Purchase (year 0)"),
    ("pv_energy_pkr", "Energy / fuel"),
    ("pv_maintenance_pkr", "Maintenance"),
    ("pv_operators_pkr", "Operators"),
    ("pv_battery_pkr", "Battery replacement"),
    ("pv_residual_pkr", "Residual value"),
)


def lcc_series(alternatives: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[float]]]:
    """The life-cycle cost parts present for these offers: labels and values in million PKR
    (one list per part, one value per offer)."""
    present = [
        (key, label)
        for key, label in LCC_PARTS
        if any(isinstance(a["lcc"].get(key), int | float) for a in alternatives)
    ]
    return (
        [label for _, label in present],
        [[(a["lcc"].get(key) or 0.0) / 1e6 for a in alternatives] for key, _ in present],
    )


def series_colours(series: Sequence[str]) -> list[str]:
    """The colour of each chart series: life-cycle cost parts and the first-rank share in
    their own colours, criteria in the criteria palette (in the criteria's order)."""
    lcc = [label for _, label in LCC_PARTS]
    if series and all(s in lcc for s in series):
        return [LCC_COLOURS[lcc.index(s) % len(LCC_COLOURS)] for s in series]
    if len(series) == 1 and "first" in series[0]:
        return [PROBABILITY_COLOUR]
    return [CHART_COLOURS[i % len(CHART_COLOURS)] for i in range(len(series))]
