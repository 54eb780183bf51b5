"""Map vendors' header text to canonical fields, in English and Russian.

A header is split into a name and a unit ("Грузоподъёмность, т", "Engine power (hp)"). The
name is compared, word order and case ignored, with each field's labels and synonyms; words
are compared by their first letters so that Russian endings ("двигателя"/"двигатель") match.
Where the unit tells two candidates apart (fuel in L/h or L/100 km, warranty in months or
hours) it decides; where it cannot, the header is reported as ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from procure.fields import CURRENCIES, FIELD_BY_KEY
from procure.importing.units import PINT_CANONICAL, pint_unit

# Identity columns of an offer, beside the data dictionary's fields.
IDENTITY = ("model", "vendor", "category", "manufacturer")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "model": (
        "model",
        "model name",
        "machine",
        "type model",
        "модель",
        "марка модель",
        "наименование",
        "модель техники",
        "model designation",
        "parameter model",
    ),
    "vendor": ("vendor", "bidder", "supplier", "agent", "поставщик", "участник", "дилер"),
    "category": (
        "category",
        "equipment type",
        "machine type",
        "категория",
        "тип техники",
        "вид техники",
    ),
    "manufacturer": ("manufacturer", "make", "maker", "brand", "производитель", "изготовитель"),
    "unit_price": (
        "price",
        "unit price",
        "price per unit",
        "offered price",
        "quoted price",
        "цена",
        "цена за единицу",
        "стоимость",
        "цена единицы",
        "cost per unit",
    ),
    "currency": ("currency", "валюта", "curr"),
    "incoterm": (
        "incoterm",
        "incoterms",
        "delivery terms",
        "basis of delivery",
        "базис поставки",
        "условия поставки",
        "инкотермс",
    ),
    "delivery_weeks": (
        "delivery",
        "delivery period",
        "delivery time",
        "lead time delivery",
        "срок поставки",
        "поставка срок",
        "delivery schedule",
    ),
    "warranty_months": (
        "warranty",
        "warranty period",
        "гарантия",
        "гарантийный срок",
        "срок гарантии",
        "warranty months",
    ),
    "warranty_hours": (
        "warranty hours",
        "warranty engine hours",
        "гарантия моточасов",
        "гарантия моточасы",
        "warranty operating hours",
    ),
    "engine_power_kw": (
        "engine power",
        "power",
        "rated power",
        "motor power",
        "traction motor power",
        "net power",
        "мощность двигателя",
        "мощность",
        "номинальная мощность",
        "мощность тягового двигателя",
        "engine output",
        "power engine",
    ),
    "emission_standard": (
        "emission standard",
        "emissions",
        "emission",
        "экологический класс",
        "экологический стандарт",
        "норма выбросов",
        "euro class",
        "tier",
        "engine emission",
    ),
    "ambient_max_c": (
        "max ambient temperature",
        "ambient temperature",
        "rated ambient",
        "ambient max",
        "максимальная температура окружающей среды",
        "температура окружающей среды",
        "температура окружающей среды макс",
        "operating temperature max",
    ),
    "service_points_pk": (
        "service points in pakistan",
        "service points",
        "service centres",
        "service centers",
        "сервисные центры",
        "сервисные центры в пакистане",
        "parts and service points",
    ),
    "spare_parts_lead_days": (
        "spare parts lead time",
        "parts lead time",
        "spare parts delivery",
        "срок поставки запчастей",
        "поставка запасных частей",
    ),
    "local_content_pct": (
        "local content",
        "local assembly",
        "local content share",
        "локализация",
        "местное содержание",
        "доля локализации",
    ),
    "payload_t": (
        "payload",
        "rated payload",
        "load capacity",
        "carrying capacity",
        "грузоподъемность",
        "номинальная грузоподъемность",
        "payload capacity",
    ),
    "body_volume_m3": (
        "body volume",
        "body capacity",
        "heaped volume",
        "body volume heaped",
        "объем кузова",
        "объем кузова с шапкой",
        "вместимость кузова",
        "heaped capacity",
    ),
    "gvw_t": (
        "gross vehicle weight",
        "gvw",
        "gross weight",
        "полная масса",
        "полная масса автомобиля",
        "gross vehicle mass",
        "gvm",
    ),
    "max_speed_kmh": (
        "max speed",
        "maximum speed",
        "top speed",
        "максимальная скорость",
        "скорость максимальная",
        "speed max",
    ),
    "gradeability_pct": (
        "gradeability",
        "max gradeability",
        "climbing ability",
        "преодолеваемый подъем",
        "максимальный подъем",
        "max grade",
    ),
    "fuel_l_per_h": (
        "fuel consumption",
        "fuel",
        "fuel burn",
        "расход топлива",
        "часовой расход топлива",
        "fuel rate",
    ),
    "fuel_l_per_100km": (
        "fuel consumption",
        "fuel",
        "расход топлива",
        "контрольный расход топлива",
        "fuel economy",
    ),
    "operating_weight_t": (
        "operating weight",
        "working weight",
        "эксплуатационная масса",
        "рабочая масса",
        "empty weight",
        "снаряженная масса",
        "tare weight",
    ),
    "bucket_m3": (
        "bucket capacity",
        "bucket",
        "bucket volume",
        "объем ковша",
        "ковш",
        "вместимость ковша",
    ),
    "max_dig_depth_m": (
        "max digging depth",
        "digging depth",
        "dig depth",
        "глубина копания",
        "максимальная глубина копания",
    ),
    "max_reach_m": (
        "max reach",
        "reach",
        "digging reach",
        "вылет",
        "радиус копания",
        "максимальный радиус копания",
        "max digging reach",
    ),
    "battery_kwh": (
        "battery capacity",
        "battery",
        "battery energy",
        "емкость батареи",
        "емкость аккумуляторной батареи",
        "энергоемкость батареи",
    ),
    "range_km": (
        "range",
        "rated range",
        "driving range",
        "запас хода",
        "пробег на одной зарядке",
        "range per charge",
    ),
    "passengers": (
        "passengers",
        "passenger capacity",
        "capacity passengers",
        "пассажировместимость",
        "вместимость пассажиров",
        "пассажиров",
        "total passengers",
    ),
    "charging_kw": (
        "charging power",
        "charger power",
        "charging",
        "мощность зарядки",
        "мощность зарядного устройства",
    ),
    "energy_kwh_per_km": (
        "energy consumption",
        "energy",
        "energy use",
        "расход энергии",
        "расход электроэнергии",
        "удельный расход энергии",
    ),
    "length_m": ("length", "overall length", "длина", "габаритная длина"),
}

_UNIT_IN_BRACKETS = re.compile(r"^(?P<name>.*?)[\s,]*[\(\[](?P<unit>[^\(\)\[\]]*)[\)\]]\s*$")
_WORD = re.compile(r"[0-9a-zа-я]+")
STEM = 5  # compare words by their first letters: Russian endings vary


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold().replace("ё", "е")))


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:STEM] for w in normalise(text).split())


_SYNONYM_STEMS: dict[str, tuple[frozenset[str], ...]] = {
    key: tuple(
        _stems(s) for s in (*phrases, FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key)
    )
    for key, phrases in SYNONYMS.items()
}


_ALL_STEMS: frozenset[str] = frozenset().union(
    *(p for phrases in _SYNONYM_STEMS.values() for p in phrases)
)


@dataclass(frozen=True)
class SplitHeader:
    name: str
    unit: str | None  # as written in the header, None when there is none


def split_header(text: str) -> SplitHeader:
    """Split "Payload (t)" / "Грузоподъёмность, т" / "Fuel, L/h" into name and unit."""
    text = " ".join(text.split())
    match = _UNIT_IN_BRACKETS.match(text)
    if match and match.group("unit").strip():
        return SplitHeader(match.group("name").strip(), match.group("unit").strip())
    name, _, last = text.rpartition(" ")
    if name and last.upper() in CURRENCIES and last.isalpha():
        return SplitHeader(name.strip(" ,"), last.upper())  # "PRICE USD", "Цена EUR"
    if "," in text:
        name, _, tail = text.rpartition(",")
        if tail.strip() and (pint_unit(tail) is not None or _looks_like_currency(tail)):
            return SplitHeader(name.strip(), tail.strip())
    return SplitHeader(text, None)


def _looks_like_currency(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[A-Za-z]{3}\s*", text))


INCOTERM = re.compile(r"^(EXW|FCA|FAS|FOB|CFR|C&F|CNF|CIF|CPT|CIP|DAP|DPU|DAT|DDP)\b", re.I)


@lru_cache(maxsize=4096)
def names_a_field(text: str) -> bool:
    """Whether a cell's text reads like the header of some field (units not checked):
    cheap enough to scan the first rows and columns of a sheet for the header."""
    if len(text) > 120 or _stems(text).isdisjoint(_ALL_STEMS):
        return False  # no word of any field's name: a model name, a value, a note
    name = split_header(text).name
    return any(name_score(name, key) >= MIN_SCORE for key in SYNONYMS) or any(
        name_score(text, key) >= MIN_SCORE for key in SYNONYMS
    )


def currency_of_unit(unit: str) -> str | None:
    """Return the currency a price header's unit names (a code or a symbol), else None."""
    from procure.importing.cells import CURRENCY_SYMBOLS

    text = unit.strip()
    if _looks_like_currency(text):
        return text.upper()
    return CURRENCY_SYMBOLS.get(text.casefold().replace(" ", ""))


def name_score(name: str, key: str) -> float:
    """Return 0..1: how well a header name matches a field's labels and synonyms."""
    words = _stems(name)
    if not words:
        return 0.0
    best = 0.0
    for phrase in _SYNONYM_STEMS[key]:
        if not phrase:
            continue
        common = len(words & phrase)
        if common == 0:
            continue
        score = common / len(words | phrase)
        best = max(best, score)
    return best


@dataclass(frozen=True)
class HeaderMatch:
    key: str | None  # canonical field or identity column; None: keep as extra attribute
    unit: str | None  # the unit text as written
    confidence: float
    alternatives: tuple[str, ...] = ()  # equally good candidates the unit could not separate
    unit_problem: str | None = None
    incoterm: str | None = None  # "Price (FCA Minsk)": the delivery term named in the header


MIN_SCORE = 0.5


def unit_fits(key: str, unit: str | None) -> bool:
    """True when the header's unit can be converted to the field's unit (or is a currency
    for a price)."""
    if unit is None or key in IDENTITY:
        return True
    field = FIELD_BY_KEY.get(key)
    if field is None:
        return True
    if field.kind == "money":
        return currency_of_unit(unit) is not None
    if not field.is_numeric:
        return True
    source = pint_unit(unit)
    if source is None:
        return False
    from procure.importing.units import UnitMismatch, converter

    try:
        converter(source, field.unit)
    except UnitMismatch:
        return False
    return True


def _is_unit(text: str) -> bool:
    return (
        pint_unit(text) is not None
        or currency_of_unit(text) is not None
        or bool(INCOTERM.match(text))
    )


def _same_unit(key: str, unit: str | None) -> bool:
    field = FIELD_BY_KEY.get(key)
    if unit is None or field is None:
        return False
    return pint_unit(unit) == PINT_CANONICAL.get(field.unit)


def match_header(text: str, category: str | None = None, unit: str | None = None) -> HeaderMatch:
    """Map one header to a field, with its unit (from the header, or `unit` when the sheet
    gives units in a column or row of their own) and a confidence.

    With a category, fields that do not apply to it are not candidates.
    """
    split = split_header(text)
    if split.unit is not None and INCOTERM.match(split.unit):
        inner = match_header(split.name, category, unit)
        if inner.key == "unit_price":
            return replace(inner, incoterm=split.unit)
    if split.unit is not None and not _is_unit(split.unit):
        split = SplitHeader(text, None)  # "(с шапкой)", "(heaped)": words, not a unit
    if unit:
        split = SplitHeader(split.name, unit)
    scores = {key: name_score(split.name, key) for key in SYNONYMS}
    if category is not None:
        for key in list(scores):
            field = FIELD_BY_KEY.get(key)
            if field is not None and category not in field.categories:
                scores[key] = 0.0
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best_score = ranked[0][1]
    if best_score < MIN_SCORE:
        return HeaderMatch(None, split.unit, 0.0)
    tied = [k for k, s in ranked if s >= best_score - 1e-9]
    fitting = [k for k in tied if unit_fits(k, split.unit)]
    if len(fitting) > 1:
        # "Warranty (hours)": months and hours are both times; the field kept in that very
        # unit is the one meant.
        exact = [k for k in fitting if _same_unit(k, split.unit)]
        fitting = exact if len(exact) == 1 else fitting
    if len(fitting) == 1:
        return HeaderMatch(fitting[0], split.unit, round(best_score, 3))
    if len(fitting) > 1:
        return HeaderMatch(None, split.unit, round(best_score, 3), tuple(fitting))

    # The name matched but the unit fits none of the candidates.
    key = tied[0]
    field = FIELD_BY_KEY[key]
    expected = field.unit or "a count"
    return HeaderMatch(
        key,
        split.unit,
        round(best_score, 3),
        unit_problem=f"unit '{split.unit}' does not fit {field.label} (stored in {expected})",
    )


__all__ = ["IDENTITY", "PINT_CANONICAL", "HeaderMatch", "match_header", "split_header"]
