"""Unit conversion: hand-worked figures, and the stored factor table against pint itself."""

import pint
import pytest

from procure.importing.units import (
    PINT_FACTORS,
    UnitMismatch,
    _registry,
    converter,
    pint_unit,
)


@pytest.mark.parametrize(
    ("value", "unit", "field_unit", "expected"),
    [
        (500, "hp", "kW", 372.85),  # 500 × 0.7457
        (730, "л.с.", "kW", 536.91),  # metric hp: 730 × 0.73549875
        (33_500, "kg", "t", 33.5),
        (44_000, "lb", "t", 19.958),  # 44,000 × 0.45359237 kg
        (22, "short tons", "t", 19.958),  # 22 × 907.18474 kg
        (20, "long tons", "t", 20.321),  # 20 × 1,016.0469 kg
        (26, "yd³", "m³", 19.878),  # 26 × 0.764555
        (50, "mph", "km/h", 80.467),
        (10, "US gal/h", "L/h", 37.854),
        (10, "imp gal/h", "L/h", 45.461),
        (122, "°F", "°C", 50.0),  # (122 − 32) × 5/9
        (6, "мес.", "weeks", 26.089),  # 6 × 30.4375 d / 7
        (12_000, "моточасов", "engine hours", 12_000),
    ],
)
def test_conversions_match_hand_worked_values(value, unit, field_unit, expected) -> None:  # type: ignore[no-untyped-def]
    source = pint_unit(unit)
    assert source is not None, unit
    assert converter(source, field_unit)(value) == pytest.approx(expected, rel=1e-4)


def test_stored_factors_are_pints_own() -> None:
    from procure.importing.units import PINT_CANONICAL

    registry = _registry()
    for (source, field_unit), factor in PINT_FACTORS.items():
        target = PINT_CANONICAL[field_unit]
        assert registry.Quantity(1.0, source).to(target).magnitude == pytest.approx(
            factor, rel=1e-12
        ), (source, field_unit)


@pytest.mark.parametrize(
    ("unit", "field_unit"), [("kWh", "t"), ("%", "persons"), ("persons", "%"), ("km/h", "kW")]
)
def test_units_of_another_kind_are_refused(unit: str, field_unit: str) -> None:
    with pytest.raises(UnitMismatch):
        converter(pint_unit(unit) or "", field_unit)


def test_pint_is_the_real_library() -> None:
    assert isinstance(_registry(), pint.UnitRegistry)


def test_factor_table_holds_every_linear_conversion_pint_knows() -> None:
    from procure.importing.units import NO_DIMENSION, OFFSET_UNITS, PINT_CANONICAL, UNIT_ALIASES

    registry = _registry()
    for source in set(UNIT_ALIASES.values()) - NO_DIMENSION - OFFSET_UNITS:
        for field_unit, target in PINT_CANONICAL.items():
            if source == target or target in NO_DIMENSION | OFFSET_UNITS:
                continue
            try:
                registry.Quantity(1.0, source).to(target)
            except pint.DimensionalityError:
                continue
            assert (source, field_unit) in PINT_FACTORS, (source, field_unit)
