"""Units read from headers, and their conversion to the data dictionary's units.

Unit spellings (English and Russian) are mapped here to pint unit names; pint supplies the
conversion factors (hp, metric hp, short and long tons, US and imperial gallons, mph, °F, ...)
so that no factor is typed by hand. pint is loaded only when a unit needs converting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# Canonical unit of each data-dictionary unit, as pint understands it.
PINT_CANONICAL: dict[str, str] = {
    "t": "metric_ton",
    "kW": "kilowatt",
    "m³": "meter ** 3",
    "km/h": "kilometer / hour",
    "%": "percent",
    "L/h": "liter / hour",
    "L/100 km": "liter / hundred_km",
    "°C": "degree_Celsius",
    "weeks": "week",
    "months": "month",
    "engine hours": "hour",
    "days": "day",
    "kWh": "kilowatt_hour",
    "km": "kilometer",
    "kWh/km": "kilowatt_hour / kilometer",
    "m": "meter",
    "persons": "dimensionless",
    "": "dimensionless",
}

# Spellings seen in vendors' headers (normalised: casefold, no spaces) -> pint expression.
UNIT_ALIASES: dict[str, str] = {
    # mass
    "t": "metric_ton",
    "т": "metric_ton",
    "tonne": "metric_ton",
    "tonnes": "metric_ton",
    "ton": "metric_ton",
    "tons": "metric_ton",
    "metrictons": "metric_ton",
    "metricton": "metric_ton",
    "тонн": "metric_ton",
    "тонна": "metric_ton",
    "kg": "kilogram",
    "кг": "kilogram",
    "lb": "pound",
    "lbs": "pound",
    "pounds": "pound",
    "shortton": "short_ton",
    "shorttons": "short_ton",
    "sht": "short_ton",
    "uston": "short_ton",
    "ustons": "short_ton",
    "longton": "long_ton",
    "longtons": "long_ton",
    "ukton": "long_ton",
    "uktons": "long_ton",
    # power
    "kw": "kilowatt",
    "квт": "kilowatt",
    "w": "watt",
    "вт": "watt",
    "hp": "horsepower",
    "bhp": "horsepower",
    "ps": "metric_horsepower",
    "л.с.": "metric_horsepower",
    "лс": "metric_horsepower",
    "л.с": "metric_horsepower",
    "cv": "metric_horsepower",
    "metrichp": "metric_horsepower",
    # volume
    "m3": "meter ** 3",
    "m³": "meter ** 3",
    "м3": "meter ** 3",
    "м³": "meter ** 3",
    "cum": "meter ** 3",
    "cu.m": "meter ** 3",
    "куб.м": "meter ** 3",
    "yd3": "yard ** 3",
    "yd³": "yard ** 3",
    "cu.yd": "yard ** 3",
    "cuyd": "yard ** 3",
    "ft3": "foot ** 3",
    "ft³": "foot ** 3",
    # speed
    "km/h": "kilometer / hour",
    "kmh": "kilometer / hour",
    "kph": "kilometer / hour",
    "км/ч": "kilometer / hour",
    "mph": "mile / hour",
    # fuel
    "l/h": "liter / hour",
    "л/ч": "liter / hour",
    "lph": "liter / hour",
    "usgal/h": "gallon / hour",
    "gal/h": "gallon / hour",
    "gph": "gallon / hour",
    "usgph": "gallon / hour",
    "impgal/h": "imperial_gallon / hour",
    "ukgal/h": "imperial_gallon / hour",
    "imp.gal/h": "imperial_gallon / hour",
    "l/100km": "liter / hundred_km",
    "л/100км": "liter / hundred_km",
    "usgal/100mi": "gallon / hundred_mile",
    "impgal/100mi": "imperial_gallon / hundred_mile",
    # temperature
    "°c": "degree_Celsius",
    "c": "degree_Celsius",
    "degc": "degree_Celsius",
    "ºc": "degree_Celsius",
    "°с": "degree_Celsius",
    "с": "degree_Celsius",
    "°f": "degree_Fahrenheit",
    "f": "degree_Fahrenheit",
    "degf": "degree_Fahrenheit",
    "ºf": "degree_Fahrenheit",
    # time
    "weeks": "week",
    "week": "week",
    "wk": "week",
    "wks": "week",
    "нед": "week",
    "нед.": "week",
    "недель": "week",
    "недели": "week",
    "months": "month",
    "month": "month",
    "mo": "month",
    "mos": "month",
    "мес": "month",
    "мес.": "month",
    "месяцев": "month",
    "месяца": "month",
    "days": "day",
    "day": "day",
    "d": "day",
    "дн": "day",
    "дн.": "day",
    "дней": "day",
    "сут": "day",
    "сут.": "day",
    "hours": "hour",
    "hour": "hour",
    "h": "hour",
    "hrs": "hour",
    "hr": "hour",
    "ч": "hour",
    "моточасов": "hour",
    "мч": "hour",
    "м.ч.": "hour",
    "м/ч": "hour",
    "enginehours": "hour",
    "years": "year",
    "year": "year",
    "yr": "year",
    "лет": "year",
    "года": "year",
    "год": "year",
    # energy, distance, length
    "kwh": "kilowatt_hour",
    "квт·ч": "kilowatt_hour",
    "квтч": "kilowatt_hour",
    "квт*ч": "kilowatt_hour",
    "kw·h": "kilowatt_hour",
    "kw*h": "kilowatt_hour",
    "km": "kilometer",
    "км": "kilometer",
    "mi": "mile",
    "miles": "mile",
    "kwh/km": "kilowatt_hour / kilometer",
    "квт·ч/км": "kilowatt_hour / kilometer",
    "квтч/км": "kilowatt_hour / kilometer",
    "kwh/100km": "kilowatt_hour / hundred_km",
    "квт·ч/100км": "kilowatt_hour / hundred_km",
    "квтч/100км": "kilowatt_hour / hundred_km",
    "квт*ч/100км": "kilowatt_hour / hundred_km",
    "m": "meter",
    "м": "meter",
    "mm": "millimeter",
    "мм": "millimeter",
    "ft": "foot",
    "cm": "centimeter",
    "см": "centimeter",
    # percentages and counts
    "%": "percent",
    "pct": "percent",
    "percent": "percent",
    "процент": "percent",
    "persons": "dimensionless",
    "person": "dimensionless",
    "pax": "dimensionless",
    "passengers": "dimensionless",
    "чел": "dimensionless",
    "чел.": "dimensionless",
    "мест": "dimensionless",
    "пасс": "dimensionless",
    "пасс.": "dimensionless",
    "pass": "dimensionless",
    "pass.": "dimensionless",
    "seats": "dimensionless",
    "places": "dimensionless",
    "pcs": "dimensionless",
    "nos": "dimensionless",
    "no.": "dimensionless",
    "шт": "dimensionless",
    "шт.": "dimensionless",
    "count": "dimensionless",
    "qty": "dimensionless",
}


@lru_cache(maxsize=4096)  # a sheet repeats a handful of spellings thousands of times
def normalise_unit(text: str) -> str:
    """Fold a unit spelling for lookup: case, spaces, superscripts, 'per' and 'в'."""
    folded = text.strip().casefold().replace("²", "2").replace("ё", "е")
    folded = re.sub(r"\s+per\s+", "/", folded)
    folded = folded.replace(" в ", "/")
    return re.sub(r"\s+", "", folded)


def pint_unit(text: str) -> str | None:
    """Return the pint expression for a unit spelling, or None when it is not known."""
    key = normalise_unit(text)
    if key in UNIT_ALIASES:
        return UNIT_ALIASES[key]
    return UNIT_ALIASES.get(key.rstrip("."))


# Linear factors (source pint unit, data-dictionary unit) -> multiplier, as pint computes
# them; kept here so that the common conversions need not load pint (0.13 s) at all.
# tests/unit/test_units.py checks every entry against pint itself.
PINT_FACTORS: dict[tuple[str, str], float] = {
    ("centimeter", "km"): 1e-05,
    ("centimeter", "m"): 0.01,
    ("day", "weeks"): 0.14285714285714285,
    ("day", "months"): 0.03285420944558522,
    ("day", "engine hours"): 24.0,
    ("foot", "km"): 0.0003048,
    ("foot", "m"): 0.30479999999999996,
    ("foot ** 3", "m³"): 0.028316846591999994,
    ("gallon / hour", "L/h"): 3.785411783999999,
    ("gallon / hundred_mile", "L/100 km"): 2.3521458333333327,
    ("horsepower", "kW"): 0.7456998715822701,
    ("hour", "weeks"): 0.005952380952380952,
    ("hour", "months"): 0.0013689253935660506,
    ("hour", "days"): 0.041666666666666664,
    ("imperial_gallon / hour", "L/h"): 4.54609,
    ("imperial_gallon / hundred_mile", "L/100 km"): 2.824809363318222,
    ("kilogram", "t"): 0.001,
    ("kilometer", "m"): 1000.0,
    ("kilowatt_hour / hundred_km", "kWh/km"): 0.01,
    ("long_ton", "t"): 1.0160469088000001,
    ("meter", "km"): 0.001,
    ("metric_horsepower", "kW"): 0.73549875,
    ("mile", "km"): 1.609344,
    ("mile", "m"): 1609.344,
    ("mile / hour", "km/h"): 1.609344,
    ("millimeter", "km"): 1e-06,
    ("millimeter", "m"): 0.001,
    ("month", "weeks"): 4.348214285714286,
    ("month", "engine hours"): 730.5,
    ("month", "days"): 30.4375,
    ("pound", "t"): 0.00045359237000000004,
    ("short_ton", "t"): 0.90718474,
    ("watt", "kW"): 0.001,
    ("week", "months"): 0.2299794661190965,
    ("week", "engine hours"): 168.0,
    ("week", "days"): 7.0,
    ("yard ** 3", "m³"): 0.764554857984,
    ("year", "weeks"): 52.17857142857142,
    ("year", "months"): 12.0,
    ("year", "engine hours"): 8766.0,
    ("year", "days"): 365.25,
}
NO_DIMENSION = frozenset({"dimensionless", "percent"})
OFFSET_UNITS = frozenset({"degree_Celsius", "degree_Fahrenheit"})


class UnitMismatch(ValueError):
    """The unit cannot be converted to the field's unit (e.g. kWh for a payload)."""


@lru_cache(maxsize=256)
def _registry():  # type: ignore[no-untyped-def]
    import pint

    # cache_folder=":auto:" keeps pint's parsed definitions in the user cache folder:
    # 15 ms instead of 100 ms to build the registry on later runs.
    registry: Any = pint.UnitRegistry(cache_folder=":auto:")
    # Fuel and energy are quoted per 100 km (or miles); pint's units may not carry a factor.
    registry.define("hundred_km = 100 * kilometer")
    registry.define("hundred_mile = 100 * mile")
    return registry


@lru_cache(maxsize=1024)
def converter(source: str, canonical_unit: str) -> Callable[[float], float]:
    """Return a function converting values in pint unit `source` to the data dictionary's
    `canonical_unit`; raise UnitMismatch when the two measure different things."""
    target = PINT_CANONICAL[canonical_unit]
    if source == target:
        return identity
    if source in NO_DIMENSION or target in NO_DIMENSION:
        raise UnitMismatch(source)  # a count is not a percentage, nor a length
    if (source, canonical_unit) in PINT_FACTORS:
        factor = PINT_FACTORS[(source, canonical_unit)]
        return lambda value: value * factor
    if source not in OFFSET_UNITS and target not in OFFSET_UNITS:
        # The table holds every linear conversion between the known spellings and the
        # dictionary's units (a test checks it is complete): anything else is a mismatch.
        raise UnitMismatch(source)
    import pint

    registry = _registry()
    try:
        one = registry.Quantity(1.0, source).to(target).magnitude
        zero = registry.Quantity(0.0, source).to(target).magnitude
    except pint.DimensionalityError:
        raise UnitMismatch(source) from None
    factor, offset = float(one - zero), float(zero)
    if offset == 0.0:
        return lambda value: value * factor
    return lambda value: value * factor + offset


def hour_meter_mismatch(source: str, canonical_unit: str) -> bool:
    """Engine hours are read on the hour meter, months on the calendar: a warranty of
    "2 years" is no number of engine hours, nor "5,000 hours" a number of months."""
    if canonical_unit == "engine hours":
        return source != "hour"
    return canonical_unit == "months" and source == "hour"


def identity(value: float) -> float:
    """The conversion of a value already in the data dictionary's unit."""
    return value
