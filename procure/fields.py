"""The data dictionary (DESIGN.md §3): canonical offer fields, their units and rules.

This is the one place that says which fields an offer has, in which unit each is stored,
which categories it applies to, which direction is better and what range is plausible.
The store, the importer, validation, the GUI's columns and the reports all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    TRUCK = "truck"
    DUMPER = "dumper"
    EXCAVATOR = "excavator"
    ELECTRIC_BUS = "electric_bus"


CATEGORY_LABELS: dict[str, str] = {
    Category.TRUCK: "Trucks",
    Category.DUMPER: "Dumpers",
    Category.EXCAVATOR: "Excavators",
    Category.ELECTRIC_BUS: "Electric buses",
}

ALL = frozenset(Category)
MACHINES = frozenset({Category.TRUCK, Category.DUMPER, Category.EXCAVATOR})
HAULERS = frozenset({Category.TRUCK, Category.DUMPER})

CURRENCIES = ("PKR", "USD", "EUR", "BYN", "CNY", "RUB", "GBP", "AED", "JPY")


@dataclass(frozen=True)
class Field:
    """One canonical offer field."""

    key: str
    label: str
    unit: str  # "" for text and counts without a unit
    kind: str  # "text" | "number" | "integer" | "money"
    categories: frozenset[Category]
    better: str | None = None  # "higher" | "lower" | None
    minimum: float | None = None  # plausible range, inclusive bounds
    maximum: float | None = None
    exclusive_minimum: bool = False

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "integer", "money")

    def heading(self) -> str:
        """Return the label with its unit, as used in table headers."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


def _num(
    key: str,
    label: str,
    unit: str,
    categories: frozenset[Category],
    better: str | None,
    minimum: float,
    maximum: float,
    *,
    kind: str = "number",
    exclusive_minimum: bool = False,
) -> Field:
    return Field(key, label, unit, kind, categories, better, minimum, maximum, exclusive_minimum)


# Identity fields (vendor, model, category) are columns of their own and not listed here.
FIELDS: tuple[Field, ...] = (
    Field("unit_price", "Unit price", "", "money", ALL, "lower", 0, 1e12, True),
    Field("currency", "Currency", "", "text", ALL),
    Field("incoterm", "Incoterm", "", "text", ALL),
    _num("delivery_weeks", "Delivery period", "weeks", ALL, "lower", 0, 260),
    _num("warranty_months", "Warranty", "months", ALL, "higher", 0, 240),
    _num("warranty_hours", "Warranty", "engine hours", ALL, "higher", 0, 100_000),
    _num("engine_power_kw", "Engine power", "kW", ALL, "higher", 0, 10_000, exclusive_minimum=True),
    Field("emission_standard", "Emission standard", "", "text", MACHINES),
    _num("ambient_max_c", "Rated max ambient temperature", "°C", ALL, "higher", 0, 80),
    _num(
        "service_points_pk",
        "Service points in Pakistan",
        "",
        ALL,
        "higher",
        0,
        1000,
        kind="integer",
    ),
    _num("spare_parts_lead_days", "Spare parts lead time", "days", ALL, "lower", 0, 730),
    _num("local_content_pct", "Local content", "%", ALL, "higher", 0, 100),
    _num("payload_t", "Rated payload", "t", HAULERS, "higher", 0, 500, exclusive_minimum=True),
    _num(
        "body_volume_m3",
        "Body volume (heaped)",
        "m³",
        HAULERS,
        "higher",
        0,
        400,
        exclusive_minimum=True,
    ),
    _num("gvw_t", "Gross vehicle weight", "t", HAULERS, None, 0, 1000, exclusive_minimum=True),
    _num(
        "max_speed_kmh",
        "Max speed",
        "km/h",
        HAULERS | {Category.ELECTRIC_BUS},
        "higher",
        0,
        200,
        exclusive_minimum=True,
    ),
    _num(
        "gradeability_pct",
        "Gradeability",
        "%",
        HAULERS | {Category.ELECTRIC_BUS},
        "higher",
        0,
        100,
        exclusive_minimum=True,
    ),
    _num(
        "fuel_l_per_h",
        "Fuel consumption",
        "L/h",
        frozenset({Category.DUMPER, Category.EXCAVATOR}),
        "lower",
        0,
        2000,
        exclusive_minimum=True,
    ),
    _num(
        "fuel_l_per_100km",
        "Fuel consumption",
        "L/100 km",
        frozenset({Category.TRUCK}),
        "lower",
        0,
        2000,
        exclusive_minimum=True,
    ),
    _num(
        "operating_weight_t",
        "Operating weight",
        "t",
        frozenset({Category.EXCAVATOR, Category.DUMPER}),
        None,
        0,
        1000,
        exclusive_minimum=True,
    ),
    _num(
        "bucket_m3",
        "Bucket capacity",
        "m³",
        frozenset({Category.EXCAVATOR}),
        "higher",
        0,
        100,
        exclusive_minimum=True,
    ),
    _num(
        "max_dig_depth_m",
        "Max dig depth",
        "m",
        frozenset({Category.EXCAVATOR}),
        "higher",
        0,
        50,
        exclusive_minimum=True,
    ),
    _num(
        "max_reach_m",
        "Max reach",
        "m",
        frozenset({Category.EXCAVATOR}),
        "higher",
        0,
        50,
        exclusive_minimum=True,
    ),
    _num(
        "battery_kwh",
        "Battery capacity",
        "kWh",
        frozenset({Category.ELECTRIC_BUS}),
        "higher",
        0,
        2000,
        exclusive_minimum=True,
    ),
    _num(
        "range_km",
        "Rated range",
        "km",
        frozenset({Category.ELECTRIC_BUS}),
        "higher",
        0,
        2000,
        exclusive_minimum=True,
    ),
    _num(
        "passengers",
        "Passenger capacity",
        "persons",
        frozenset({Category.ELECTRIC_BUS}),
        "higher",
        0,
        400,
        kind="integer",
        exclusive_minimum=True,
    ),
    _num(
        "charging_kw",
        "Charging power",
        "kW",
        frozenset({Category.ELECTRIC_BUS}),
        "higher",
        0,
        2000,
        exclusive_minimum=True,
    ),
    _num(
        "energy_kwh_per_km",
        "Energy consumption",
        "kWh/km",
        frozenset({Category.ELECTRIC_BUS}),
        "lower",
        0,
        20,
        exclusive_minimum=True,
    ),
    _num("length_m", "Length", "m", ALL, None, 0, 40, exclusive_minimum=True),
    # -- preliminary examination of the bid (issue 12): kept as one block at the end --
    _num("bid_security_amount", "Bid security", "", ALL, None, 0, 1e12),
    Field("bid_security_currency", "Bid security currency", "", "text", ALL),
    _num("bid_validity_days", "Bid validity", "days", ALL, None, 0, 3650),
    Field("bid_signed", "Signed by an authorised person", "", "text", ALL),  # "yes" | "no"
)

FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
NUMERIC_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.is_numeric)


def fields_for(category: str | None) -> tuple[Field, ...]:
    """Return the fields that apply to a category (all fields when category is None)."""
    if category is None:
        return FIELDS
    return tuple(f for f in FIELDS if category in f.categories)


def check_range(field: Field, value: float) -> str | None:
    """Return why a value is implausible for a field, or None when it is plausible."""
    low, high = field.minimum, field.maximum
    if low is not None:
        if field.exclusive_minimum and value <= low:
            return f"{field.label} must be greater than {low:g}, got {value:g}"
        if not field.exclusive_minimum and value < low:
            return f"{field.label} must be at least {low:g}, got {value:g}"
    if high is not None and value > high:
        return f"{field.label} of {value:g} {field.unit} is implausible (at most {high:g})"
    return None
