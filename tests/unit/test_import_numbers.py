"""Number reading, one case a line: the cell, the field, the header's units, the column's
decimal convention and the category, and the value a careful reader takes (hand-worked) or
the words of the problem reported.

    hp = 0.745699872 kW   л.с. = 0.73549875 kW   lb = 0.45359237 kg   month = 4.348214 weeks
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from procure.fields import FIELD_BY_KEY
from procure.importing.cells import split_money
from procure.importing.values import read_quantity

T, D, E, B = "truck", "dumper", "excavator", "electric_bus"

VALUES: list[tuple[Any, str, tuple[str, ...], str | None, str | None, float | None]] = [
    ("1 250", "engine_power_kw", ("kW",), None, T, 1250),
    ("4,5", "body_volume_m3", ("m³",), None, T, 4.5),
    ("12,5", "payload_t", ("t",), "comma", T, 12.5),
    ("2,45,000", "payload_t", ("kg",), None, D, 245),  # lakh grouping: 245,000 kg
    ("66,000", "payload_t", ("lb",), None, D, 29.937),  # 66 lb is no payload: 66,000 lb
    ("52,900", "operating_weight_t", ("lbs",), None, E, 23.995),
    ("9,875", "length_m", ("m",), "comma", T, 9.875),  # the column writes decimal commas
    ("9,875", "length_m", ("mm",), "point", T, 9.875),  # 9 875 mm
    ("895 (1 200)", "engine_power_kw", ("кВт", "л.с."), None, D, 895),
    ("420 (309)", "engine_power_kw", ("hp", "kW"), None, T, 309),  # the kW stated wins
    ("124 (169)", "engine_power_kw", ("кВт", "л.с."), "comma", E, 124),
    ("420", "engine_power_kw", ("л.с.",), None, T, 308.909),
    ("420", "engine_power_kw", ("hp",), None, T, 313.194),
    ("24 months / 100,000 km", "warranty_months", (), None, T, 24),
    ("2 years", "warranty_months", (), None, B, 24),
    ("14 weeks", "delivery_weeks", (), None, T, 14),
    ("90 days", "delivery_weeks", (), None, B, 12.857),
    ("6", "delivery_weeks", ("мес.",), None, B, 26.089),
    ("+50", "ambient_max_c", ("°C",), None, D, 50),
    ("122", "ambient_max_c", ("°F",), None, D, 50),
    ("290 kWh", "battery_kwh", (), None, B, 290),
    ("118,5", "energy_kwh_per_km", ("кВт·ч/100 км",), None, B, 1.185),
    ("1.1 kWh/km", "energy_kwh_per_km", (), None, B, 1.1),
    (33.5, "max_speed_kmh", ("mph",), None, D, 53.913),
    ("n/a", "payload_t", ("t",), None, T, None),
    ("—", "engine_power_kw", (), None, T, None),
]

PROBLEMS: list[tuple[Any, str, tuple[str, ...], str | None, str | None, str]] = [
    ("1,250", "max_speed_kmh", ("km/h",), None, None, "ambiguous"),  # 1.25 or 1250: both odd
    ("12.03.2026", "payload_t", ("t",), None, T, "looks like a date"),
    (datetime(2026, 3, 12), "payload_t", ("t",), None, T, "is a date"),
    ("0,0001", "payload_t", ("kg",), "comma", T, "rounds to zero"),
    ("6x4", "payload_t", ("t",), None, T, "unknown unit"),
    ("twenty", "payload_t", ("t",), None, T, "not a number"),
    ("20", "payload_t", ("kWh",), None, T, "does not fit"),
    ("5000", "warranty_months", ("hours",), None, T, "does not fit"),
    ("700", "payload_t", ("t",), None, D, "implausible"),
    ("90.5", "passengers", (), None, B, "whole number"),
]


@pytest.mark.parametrize(("cell", "key", "units", "convention", "category", "want"), VALUES)
def test_cell_reads_as_a_careful_reader_reads_it(
    cell: Any,
    key: str,
    units: tuple[str, ...],
    convention: str | None,
    category: str | None,
    want: float | None,
) -> None:
    value, problem = read_quantity(cell, FIELD_BY_KEY[key], units, convention, category)
    assert problem is None
    assert value == (None if want is None else pytest.approx(want, rel=1e-4))


@pytest.mark.parametrize(("cell", "key", "units", "convention", "category", "words"), PROBLEMS)
def test_cell_that_cannot_be_read_is_a_problem(
    cell: Any,
    key: str,
    units: tuple[str, ...],
    convention: str | None,
    category: str | None,
    words: str,
) -> None:
    value, problem = read_quantity(cell, FIELD_BY_KEY[key], units, convention, category)
    assert value is None
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    ("cell", "amount", "code"),
    [
        ("USD 245,000", "245,000", "USD"),
        ("US$ 398,000", "398,000", "USD"),
        ("1 180 000 долл. США", "1 180 000", "USD"),
        ("€ 398,500", "398,500", "EUR"),
        ("512 000 евро", "512 000", "EUR"),
        ("Rs. 2,45,00,000", "2,45,00,000", "PKR"),
        ("PKR 24,500,000", "24,500,000", "PKR"),
        ("1 295 000 бел. руб.", "1 295 000", "BYN"),
        ("BYN 770 000", "770 000", "BYN"),
        ("8 950 000 руб.", "8 950 000", "RUB"),
        ("¥2,150,000", "2,150,000", "CNY"),
        ("CNY 3,480,000", "3,480,000", "CNY"),
        ("Euro 5", "Euro 5", None),  # an emission class, not money
        (245000, 245000, None),
    ],
)
def test_currency_in_words_and_symbols(cell: Any, amount: Any, code: str | None) -> None:
    assert split_money(cell) == (amount, code)
