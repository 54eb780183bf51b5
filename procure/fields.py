"""The data dictionary (docs/data-dictionary.md): canonical offer fields, their units and rules.

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


# The physical dimension of each data-dictionary unit: a unit found in a header, a unit row
# or column or in the cells narrows a column's candidates to fields of its dimension.
DIMENSIONS: dict[str, str] = {
    "t": "mass",
    "kW": "power",
    "m³": "volume",
    "km/h": "speed",
    "%": "ratio",
    "L/h": "volume per time",
    "L/100 km": "volume per distance",
    "°C": "temperature",
    "weeks": "duration",
    "months": "duration",
    "engine hours": "duration",
    "days": "duration",
    "kWh": "energy",
    "km": "length",
    "kWh/km": "energy per distance",
    "m": "length",
    "persons": "count",
}

Typical = tuple[tuple[str, float, float], ...]


@dataclass(frozen=True)
class Field:
    """One canonical offer field: its unit and rules, and how vendors write its name.

    `words` are the names vendors head the column with, English and Russian, abbreviated
    and full; `typical` is the range a real machine of a category has (far narrower than the
    plausible range checked on import) and helps tell candidate columns apart.
    """

    key: str
    label: str
    unit: str  # "" for text and counts without a unit
    kind: str  # "text" | "number" | "integer" | "money"
    categories: frozenset[Category]
    better: str | None = None  # "higher" | "lower" | None
    minimum: float | None = None  # plausible range, inclusive bounds
    maximum: float | None = None
    exclusive_minimum: bool = False
    words: tuple[str, ...] = ()
    typical: Typical = ()  # (category, low, high): what real machines of a category have
    priced_in: str | None = None  # an amount of money whose currency this other field holds

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "integer", "money")

    @property
    def is_money(self) -> bool:
        """An amount of money: its unit in a header or cell is a currency."""
        return self.kind == "money" or self.priced_in is not None

    @property
    def dimension(self) -> str:
        """The physical dimension of the stored unit ("mass", "power", ..., "currency",
        "count", "text")."""
        if self.is_money:
            return "currency"
        if not self.is_numeric:
            return "text"
        return DIMENSIONS.get(self.unit, "count")

    def heading(self) -> str:
        """Return the label with its unit, as used in table headers."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def typical_range(self, category: str | None) -> tuple[float, float] | None:
        """Return what real machines of a category have, or None when not stated."""
        ranges = [(low, high) for cat, low, high in self.typical if category in (None, cat)]
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)


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
    words: tuple[str, ...] = (),
    typical: Typical = (),
    priced_in: str | None = None,
) -> Field:
    return Field(
        key,
        label,
        unit,
        kind,
        categories,
        better,
        minimum,
        maximum,
        exclusive_minimum,
        words,
        typical,
        priced_in,
    )


def _each(categories: frozenset[Category], low: float, high: float) -> Typical:
    return tuple((c.value, low, high) for c in sorted(categories))


T, D, E, B = Category.TRUCK, Category.DUMPER, Category.EXCAVATOR, Category.ELECTRIC_BUS

# Identity columns of an offer (beside the fields below) and the names vendors give them.
IDENTITY_WORDS: dict[str, tuple[str, ...]] = {
    "model": (
        "model",
        "model name",
        "machine model",
        "model designation",
        "модель",
        "марка",
        "марка модель",
        "наименование",
        "модель техники",
        "модификация",
    ),
    "vendor": ("vendor", "bidder", "supplier", "agent", "поставщик", "участник", "дилер"),
    "category": (
        "category",
        "equipment type",
        "machine type",
        "equipment category",
        "категория",
        "тип техники",
        "вид техники",
    ),
    "manufacturer": ("manufacturer", "make", "maker", "brand", "производитель", "изготовитель"),
}

# Identity fields (vendor, model, category) are columns of their own and not listed here.
FIELDS: tuple[Field, ...] = (
    Field(
        "unit_price",
        "Unit price",
        "",
        "money",
        ALL,
        "lower",
        0,
        1e12,
        True,
        words=(
            "price",
            "unit price",
            "price per unit",
            "offered price",
            "quoted price",
            "total price",
            "cost",
            "cost per unit",
            "ex works price",
            "цена",
            "цена за единицу",
            "цена единицы",
            "стоимость",
            "стоимость единицы",
            "цена с ндс",
        ),
    ),
    Field("currency", "Currency", "", "text", ALL, words=("currency", "валюта", "curr")),
    Field(
        "incoterm",
        "Incoterm",
        "",
        "text",
        ALL,
        words=(
            "incoterm",
            "incoterms",
            "delivery terms",
            "terms of delivery",
            "basis of delivery",
            "базис поставки",
            "условия поставки",
            "инкотермс",
        ),
    ),
    _num(
        "delivery_weeks",
        "Delivery period",
        "weeks",
        ALL,
        "lower",
        0,
        260,
        words=(
            "delivery",
            "delivery period",
            "delivery time",
            "delivery schedule",
            "lead time",
            "срок поставки",
            "поставка",
            "срок изготовления",
        ),
        typical=_each(ALL, 1, 104),
    ),
    _num(
        "warranty_months",
        "Warranty",
        "months",
        ALL,
        "higher",
        0,
        240,
        words=("warranty", "warranty period", "гарантия", "гарантийный срок", "срок гарантии"),
        typical=_each(ALL, 3, 120),
    ),
    _num(
        "warranty_hours",
        "Warranty",
        "engine hours",
        ALL,
        "higher",
        0,
        100_000,
        words=(
            "warranty hours",
            "warranty engine hours",
            "warranty operating hours",
            "гарантия моточасов",
            "гарантия моточасы",
        ),
        typical=_each(ALL, 500, 50_000),
    ),
    _num(
        "engine_power_kw",
        "Engine power",
        "kW",
        ALL,
        "higher",
        0,
        10_000,
        exclusive_minimum=True,
        words=(
            "engine power",
            "engine",
            "power",
            "rated power",
            "net power",
            "gross power",
            "engine output",
            "motor power",
            "traction motor",
            "traction motor power",
            "motor rated power",
            "мощность двигателя",
            "мощность",
            "номинальная мощность",
            "двигатель",
            "мощность тягового двигателя",
            "мощность электродвигателя",
        ),
        typical=((T, 100, 600), (D, 150, 3_500), (E, 15, 1_000), (B, 60, 500)),
    ),
    Field(
        "emission_standard",
        "Emission standard",
        "",
        "text",
        MACHINES,
        words=(
            "emission standard",
            "emissions",
            "emission",
            "emission class",
            "engine emission",
            "euro class",
            "tier",
            "экологический класс",
            "экологический стандарт",
            "норма выбросов",
        ),
    ),
    _num(
        "ambient_max_c",
        "Rated max ambient temperature",
        "°C",
        ALL,
        "higher",
        0,
        80,
        words=(
            "max ambient temperature",
            "ambient temperature",
            "rated ambient",
            "ambient max",
            "operating temperature max",
            "температура окружающей среды",
            "максимальная температура окружающей среды",
        ),
        typical=_each(ALL, 25, 65),
    ),
    _num(
        "service_points_pk",
        "Service points in Pakistan",
        "",
        ALL,
        "higher",
        0,
        1000,
        kind="integer",
        words=(
            "service points in pakistan",
            "service points",
            "service centres",
            "service centers",
            "parts and service points",
            "сервисные центры",
            "сервисные центры в пакистане",
        ),
        typical=_each(ALL, 0, 200),
    ),
    _num(
        "spare_parts_lead_days",
        "Spare parts lead time",
        "days",
        ALL,
        "lower",
        0,
        730,
        words=(
            "spare parts lead time",
            "parts lead time",
            "spare parts delivery",
            "срок поставки запчастей",
            "поставка запасных частей",
        ),
        typical=_each(ALL, 1, 365),
    ),
    _num(
        "local_content_pct",
        "Local content",
        "%",
        ALL,
        "higher",
        0,
        100,
        words=(
            "local content",
            "local assembly",
            "local content share",
            "локализация",
            "местное содержание",
            "доля локализации",
        ),
        typical=_each(ALL, 0, 100),
    ),
    _num(
        "payload_t",
        "Rated payload",
        "t",
        HAULERS,
        "higher",
        0,
        500,
        exclusive_minimum=True,
        words=(
            "payload",
            "rated payload",
            "payload capacity",
            "load capacity",
            "carrying capacity",
            "грузоподъемность",
            "номинальная грузоподъемность",
        ),
        typical=((T, 1, 80), (D, 10, 500)),
    ),
    _num(
        "body_volume_m3",
        "Body volume (heaped)",
        "m³",
        HAULERS,
        "higher",
        0,
        400,
        exclusive_minimum=True,
        words=(
            "body volume",
            "body capacity",
            "heaped volume",
            "heaped capacity",
            "body volume heaped",
            "объем кузова",
            "вместимость кузова",
            "объем платформы",
        ),
        typical=((T, 2, 60), (D, 5, 400)),
    ),
    _num(
        "gvw_t",
        "Gross vehicle weight",
        "t",
        HAULERS,
        None,
        0,
        1000,
        exclusive_minimum=True,
        words=(
            "gross vehicle weight",
            "gvw",
            "gvm",
            "gross weight",
            "gross vehicle mass",
            "gross machine weight",
            "полная масса",
            "полная масса автомобиля",
            "разрешенная максимальная масса",
        ),
        typical=((T, 3, 120), (D, 20, 1000)),
    ),
    _num(
        "max_speed_kmh",
        "Max speed",
        "km/h",
        HAULERS | {Category.ELECTRIC_BUS},
        "higher",
        0,
        200,
        exclusive_minimum=True,
        words=(
            "max speed",
            "maximum speed",
            "top speed",
            "speed",
            "максимальная скорость",
            "скорость",
        ),
        typical=_each(HAULERS | {B}, 20, 140),
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
        words=(
            "gradeability",
            "max gradeability",
            "climbing ability",
            "max grade",
            "преодолеваемый подъем",
            "максимальный подъем",
        ),
        typical=_each(HAULERS | {B}, 5, 80),
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
        words=(
            "fuel consumption",
            "fuel",
            "fuel burn",
            "fuel rate",
            "расход топлива",
            "часовой расход топлива",
        ),
        typical=((D, 10, 1_000), (E, 2, 300)),
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
        words=(
            "fuel consumption",
            "fuel",
            "fuel economy",
            "расход топлива",
            "контрольный расход топлива",
        ),
        typical=((T, 10, 120),),
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
        words=(
            "operating weight",
            "operating mass",
            "working weight",
            "empty weight",
            "tare weight",
            "service weight",
            "эксплуатационная масса",
            "рабочая масса",
            "снаряженная масса",
            "масса",
        ),
        typical=((E, 1, 1000), (D, 10, 400)),
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
        words=(
            "bucket capacity",
            "bucket",
            "bucket volume",
            "объем ковша",
            "ковш",
            "вместимость ковша",
            "емкость ковша",
        ),
        typical=((E, 0.05, 60),),
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
        words=(
            "max digging depth",
            "digging depth",
            "dig depth",
            "глубина копания",
            "максимальная глубина копания",
        ),
        typical=((E, 1, 30),),
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
        words=(
            "max reach",
            "reach",
            "digging reach",
            "max digging reach",
            "вылет",
            "радиус копания",
            "максимальный радиус копания",
        ),
        typical=((E, 2, 40),),
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
        words=(
            "battery capacity",
            "battery",
            "battery energy",
            "емкость батареи",
            "емкость аккумуляторной батареи",
            "емкость акб",
            "энергоемкость батареи",
        ),
        typical=((B, 30, 1000),),
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
        words=(
            "range",
            "rated range",
            "driving range",
            "range per charge",
            "запас хода",
            "пробег на одной зарядке",
        ),
        typical=((B, 30, 1000),),
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
        words=(
            "passengers",
            "passenger capacity",
            "capacity passengers",
            "total passengers",
            "seating standing capacity",
            "total capacity",
            "пассажировместимость",
            "вместимость пассажиров",
            "вместимость",
            "пассажиров",
        ),
        typical=((B, 10, 300),),
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
        words=(
            "charging power",
            "charger power",
            "charging",
            "мощность зарядки",
            "мощность зарядного устройства",
        ),
        typical=((B, 10, 1000),),
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
        words=(
            "energy consumption",
            "energy",
            "energy use",
            "расход энергии",
            "расход электроэнергии",
            "удельный расход энергии",
        ),
        typical=((B, 0.3, 5),),
    ),
    _num(
        "length_m",
        "Length",
        "m",
        ALL,
        None,
        0,
        40,
        exclusive_minimum=True,
        words=("length", "overall length", "длина", "габаритная длина"),
        typical=_each(ALL, 3, 30),
    ),
    # -- preliminary examination of the bid (issue 12): kept as one block at the end --
    _num(
        "bid_security_amount",
        "Bid security",
        "",
        ALL,
        None,
        0,
        1e12,
        words=(
            "bid security",
            "bid bond",
            "earnest money",
            "обеспечение заявки",
            "обеспечение предложения",
        ),
        priced_in="bid_security_currency",
    ),
    Field("bid_security_currency", "Bid security currency", "", "text", ALL),
    _num(
        "bid_validity_days",
        "Bid validity",
        "days",
        ALL,
        None,
        0,
        3650,
        words=(
            "bid validity",
            "offer validity",
            "validity of offer",
            "срок действия предложения",
            "срок действия оферты",
        ),
    ),
    Field(  # "yes" | "no"
        "bid_signed",
        "Signed by an authorised person",
        "",
        "text",
        ALL,
        words=("signed", "bid signed", "signed and stamped", "signature", "подпись", "подписано"),
    ),
)

# The fields without which a category's offers cannot be evaluated at all (an import that
# supplies none of them is refused), and those its evaluations usually need (reported when
# no column supplies them).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    T: ("payload_t", "engine_power_kw", "unit_price"),
    D: ("payload_t", "engine_power_kw", "unit_price"),
    E: ("operating_weight_t", "bucket_m3", "engine_power_kw", "unit_price"),
    B: ("passengers", "battery_kwh", "range_km", "unit_price"),
}
USUAL_FIELDS: dict[str, tuple[str, ...]] = {
    cat: (*keys, "delivery_weeks", "warranty_months") for cat, keys in KEY_FIELDS.items()
}

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
