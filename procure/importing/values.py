"""Read a number field's value from a cell as a careful reader would.

A cell may carry the unit after the number ("14 weeks", "290 kWh"), two values ("895 (1 200)"
under "кВт (л.с.)", "24 months / 100,000 km"), a sign ("+50") or a number whose separators
read two ways ("66,000"): the value the field wants is the one in the field's own unit, else
the first one whose unit converts; a two-way number is settled by the column's decimal
convention and, failing that, by the range real machines of the category have.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from procure.fields import Field, check_range
from procure.importing.cells import (
    DATE_LIKE,
    Ambiguous,
    cell_text,
    parse_number,
    split_money,
    value_parts,
)
from procure.importing.headers import same_unit
from procure.importing.units import (
    PINT_CANONICAL,
    UnitMismatch,
    converter,
    hour_meter_mismatch,
    identity,
    pint_unit,
)

NOT_STATED = frozenset(
    {"-", "—", "–", "n/a", "na", "н/д", "нет данных", "not stated", "tbd", "?", "…", "..."}
)


@lru_cache(maxsize=1024)  # one conversion per field and unit, not one per cell
def _conversion(field: Field, unit: str | None) -> tuple[Any, str | None]:
    """Return (convert function or None, problem) for a unit spelling."""
    if not unit:
        return identity, None
    source = pint_unit(unit)
    if source is None:
        return None, f"unknown unit '{unit}'"
    if hour_meter_mismatch(source, field.unit):
        return None, f"unit '{unit}' does not fit {field.label} (stored in {field.unit})"
    try:
        return converter(source, field.unit), None
    except UnitMismatch:
        return (
            None,
            f"unit '{unit}' does not fit {field.label} (stored in {field.unit or 'a count'})",
        )


def _choose(
    field: Field, parts: list[tuple[str, str | None]], header_units: Sequence[str]
) -> tuple[str, str | None] | str:
    """Pick the part of a cell the field wants, with its unit; or return a problem."""
    units: list[str | None] = []
    for i, (_number, unit) in enumerate(parts):
        if unit:
            units.append(unit)
        elif len(header_units) > i and len(parts) > 1:
            units.append(header_units[i])
        else:
            units.append(header_units[0] if header_units else None)
    own = [i for i, u in enumerate(units) if u and same_unit(field.key, u)]
    if own:
        return parts[own[0]][0], units[own[0]]
    for i, unit in enumerate(units):
        if unit is None or _conversion(field, unit)[0] is not None:
            return parts[i][0], unit
    return parts[0][0], units[0]


def read_quantity(
    raw: Any,
    field: Field,
    header_units: Sequence[str],
    convention: str | None,
    category: str | None,
) -> tuple[float | None, str | None]:
    """Return (value in the field's unit, None) or (None, problem) for one cell."""
    if isinstance(raw, bool):
        return None, f"a yes/no value is not a number ({field.label})"
    if isinstance(raw, datetime | date | time):
        return None, f"'{cell_text(raw)}' is a date, not a number ({field.label})"
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            return None, f"{field.label} is not a finite number"
        number_text: Any = float(raw)
        unit = header_units[0] if header_units else None  # one number: in the first unit
    else:
        text = str(raw).strip()
        if text.casefold() in NOT_STATED:
            return None, None
        if DATE_LIKE.match(text):
            return None, f"'{text}' looks like a date, not a number ({field.label})"
        text = str(split_money(text)[0]) if field.is_money else text
        parts = value_parts(text)
        if not parts:
            return None, f"'{cell_text(raw)}' is not a number ({field.label})"
        chosen = _choose(field, parts, header_units)
        if isinstance(chosen, str):
            return None, chosen
        number_text, unit = chosen
    convert, problem = _conversion(field, unit)
    if convert is None:
        return None, f"'{cell_text(raw)}': {problem}"
    readings: list[float]
    if isinstance(number_text, float):
        readings = [number_text]
    else:
        try:
            readings = [parse_number(number_text, convention)]
        except Ambiguous as exc:
            readings = list(exc.readings)
        except ValueError:
            return None, f"'{cell_text(raw)}' is not a number ({field.label})"
    values = [_clean(convert(n)) if convert is not identity else n for n in readings]
    if len(values) > 1:
        value = _settle(field, values, category)
        if value is None:
            return None, (
                f"ambiguous number '{cell_text(raw)}' could be {readings[0]:g} or "
                f"{readings[1]:g}; write it without the comma or with a decimal point"
            )
    else:
        value = values[0]
    if field.kind == "integer" and not float(value).is_integer():
        return None, f"{field.label} must be a whole number, got {cell_text(raw)}"
    if value != 0 and readings[0] != 0 and round(value, 6) == 0:
        return None, f"'{cell_text(raw)}' rounds to zero in {field.unit or 'the field'}"
    why = check_range(field, value)
    if why:
        return None, why
    return value, None


def _clean(number: float) -> float:
    """Drop conversion noise (49.999999999998 -> 50)."""
    return float(f"{number:.12g}")


def _settle(field: Field, values: list[float], category: str | None) -> float | None:
    """Of a two-way number's readings, return the one real machines have, if only one."""
    typical = field.typical_range(category)
    if typical is not None:
        inside = [v for v in values if typical[0] <= v <= typical[1]]
        return inside[0] if len(inside) == 1 else None
    plausible = [v for v in values if check_range(field, v) is None]
    return plausible[0] if len(plausible) == 1 else None


__all__ = ["NOT_STATED", "PINT_CANONICAL", "read_quantity"]
