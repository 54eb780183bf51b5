"""Need documents (README.md, 'Command line'): parse, validate and write the need file format.

A need says what is wanted (category, site parameters), the mandatory requirements, the
weighted criteria and the method. Validation collects every problem before refusing, so a
user fixes a file in one pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from procure.criteria import criterion_kind
from procure.errors import InvalidInput
from procure.evaluation.methods import method_keys
from procure.evaluation.result import ExchangeRate
from procure.fields import CURRENCIES, FIELD_BY_KEY, Category
from procure.tender import NO_TERMS, AwardTerms, parse_terms
from procure.text_rules import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, check_text

OPERATORS = (">=", "<=", "==", "in", "present")
DIRECTIONS = ("higher", "lower")
OPERATOR_SYMBOLS = {">=": "≥", "<=": "≤", "==": "=", "in": "one of", "present": "stated"}


@dataclass(frozen=True)
class SiteParam:
    key: str
    value: float
    unit: str = ""
    label: str = ""
    date: str | None = None
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "date": self.date,
            "source": self.source,
        }


@dataclass(frozen=True)
class Requirement:
    field: str
    op: str
    value: Any = None

    def describe(self) -> str:
        field = FIELD_BY_KEY[self.field]
        if self.op == "present":
            return f"{field.label} stated"
        if self.op == "in":
            return f"{field.label} one of {', '.join(str(v) for v in self.value)}"
        unit = f" {field.unit}" if field.unit else ""
        value = f"{self.value:g}" if isinstance(self.value, float | int) else str(self.value)
        return f"{field.label} {OPERATOR_SYMBOLS[self.op]} {value}{unit}"

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "op": self.op, "value": self.value}


@dataclass(frozen=True)
class Criterion:
    key: str
    direction: str
    weight: float | None = None
    judged: bool = False
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key}
        if self.weight is not None:
            out["weight"] = self.weight
        out["direction"] = self.direction
        if self.judged:
            out["judged"] = True
        if self.label:
            out["label"] = self.label
        return out


@dataclass(frozen=True)
class NeedDocument:
    name: str
    sector: str
    category: str
    description: str
    site: tuple[SiteParam, ...]
    requirements: tuple[Requirement, ...]
    criteria: tuple[Criterion, ...]
    method: str
    ahp: tuple[tuple[float, ...], ...] | None = None
    exchange_rates: tuple[ExchangeRate, ...] = ()
    terms: AwardTerms = NO_TERMS  # quantity, least-cost basis, preliminary examination

    def weights(self) -> list[float]:
        """Return the criteria weights normalised to sum 1 (derived from AHP if given)."""
        if self.ahp is not None:
            from procure.ahp import ahp_weights

            return list(ahp_weights(self.ahp).weights)
        raw = [c.weight or 0.0 for c in self.criteria]
        total = sum(raw)
        return [w / total for w in raw]

    def site_value(self, key: str) -> float | None:
        for param in self.site:
            if param.key == key:
                return param.value
        return None

    def to_json(self) -> dict[str, Any]:
        """Return the need file (README.md, 'Command line'; what `needs export` writes)."""
        out: dict[str, Any] = {
            "name": self.name,
            "sector": self.sector,
            "category": self.category,
            "description": self.description,
            "site": {p.key: p.to_json() for p in self.site},
            "requirements": [r.to_json() for r in self.requirements],
            "criteria": [c.to_json() for c in self.criteria],
            "method": self.method,
        }
        if self.ahp is not None:
            out["ahp"] = [list(row) for row in self.ahp]
        if self.exchange_rates:
            out["exchange_rates"] = [r.to_json() for r in self.exchange_rates]
        out.update(self.terms.to_json())
        return out


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# Numbers a need file may hold: finite and far from overflowing a sum (weights of 1e308 once
# added up to infinity and made every weight 0 %).
MAX_MAGNITUDE = 1e12
MAX_WEIGHT = 1e6
MAX_RATE = 1e9
SAATY_MIN, SAATY_MAX = 1 / 9, 9.0
TOP_KEYS = frozenset(
    {
        "name",
        "sector",
        "category",
        "description",
        "site",
        "requirements",
        "criteria",
        "method",
        "ahp",
        "exchange_rates",
        # the award terms, read by procure.tender
        "quantity",
        "least_cost_basis",
        "preliminary",
    }
)
SITE_KEYS = frozenset({"value", "unit", "label", "date", "source"})

# What a site parameter the engineering models read is called where a need file gives it no
# label of its own (every view prints the label, never the key).
SITE_LABELS: dict[str, str] = {
    "ac_uplift_pct": "Air-conditioning energy uplift",
    "ambient_design_c": "Design ambient temperature (maximum)",
    "availability": "Mechanical availability",
    "average_speed_kmh": "Average road speed",
    "battery_replacement_pkr": "Battery replacement once in life",
    "battery_replacement_year": "Year of the battery replacement",
    "charger_cost_pkr_per_bus": "Depot charger cost per bus",
    "daily_km": "Distance per bus per day",
    "daily_tonnage_t": "Daily tonnage to move",
    "days_per_year": "Operating days per year",
    "diesel_bus_l_per_100km": "Diesel reference bus fuel consumption",
    "diesel_co2_kg_per_l": "Diesel CO2 (tank-to-wheel)",
    "diesel_pkr_per_l": "Diesel price",
    "discount_rate_pct": "Discount rate",
    "drivetrain_efficiency": "Drivetrain efficiency",
    "dump_time_min": "Dump time",
    "duties_taxes_pct": "Import duties and taxes on landed value",
    "fill_factor": "Bucket fill factor",
    "freight_insurance_pct": "Freight and insurance allowance, share of price",
    "grade_pct": "Average adverse grade",
    "grid_co2_g_per_kwh": "Grid CO2 intensity",
    "haul_km": "One-way haul distance",
    "hours_per_day": "Operating hours per day",
    "hours_per_year": "Operating hours per year",
    "job_efficiency": "Job efficiency",
    "life_years": "Economic life",
    "load_unload_min": "Loading and unloading time per trip",
    "loader_bucket_m3": "Loading tool bucket",
    "loader_cycle_s": "Loading tool cycle time",
    "loaders": "Loading tools working the fleet",
    "loose_density_t_m3": "Loose material density",
    "maintenance_pct_of_price": "Maintenance and repair per year, share of price",
    "maintenance_pkr_per_km": "Maintenance per km",
    "operator_pkr_per_year": "Operator cost per machine per year",
    "passengers_per_day": "Passenger trips per day",
    "production_tph": "Production target",
    "range_reserve_pct": "Range reserve over daily distance",
    "residual_pct": "Residual value at end of life, share of price",
    "rolling_resistance_pct": "Rolling resistance",
    "route_km": "Route length, one way",
    "site_speed_limit_kmh": "Site speed limit",
    "spot_time_min": "Spot time at loader",
    "tariff_pkr_per_kwh": "Electricity tariff",
    "trips_per_bus_per_day": "Trips per bus per day",
}


def site_label(key: str) -> str:
    """The label of a site parameter a need file names without one: the known parameter's,
    else its key written as words ("spare_tyres_per_year" -> "Spare tyres per year")."""
    return SITE_LABELS.get(key) or key.replace("_", " ").capitalize()


REQUIREMENT_KEYS = frozenset({"field", "op", "value"})
CRITERION_KEYS = frozenset({"key", "weight", "direction", "judged", "label"})
RATE_KEYS = frozenset({"currency", "rate", "date", "source"})


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, text: str) -> None:
        self.lines.append(f"{where}: {text}")

    def unknown_keys(self, where: str, entry: dict[str, Any], allowed: frozenset[str]) -> None:
        unknown = sorted(str(k) for k in entry if k not in allowed)
        if unknown:
            self.add(
                where,
                f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                f"(allowed: {', '.join(sorted(allowed))})",
            )

    def text(
        self,
        where: str,
        value: Any,
        *,
        max_length: int = MAX_NAME_LENGTH,
        multiline: bool = False,
    ) -> str:
        """Check an optional text (None or missing is empty) with the store's text rule."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(where, f"must be a text, got {value!r}")
            return ""
        checked = check_text(value, max_length=max_length, multiline=multiline)
        if checked.problem is not None:
            self.add(where, checked.problem)
        elif checked.warning is not None:
            # A need file is the committee's own text: say so rather than change it unseen.
            self.add(where, f"contains {checked.warning.replace(' removed', '')}; remove them")
        return checked.value

    def date(self, where: str, value: Any) -> str | None:
        """Check an optional ISO 8601 date: 2025-11-01, or 2025-11 / 2025 when only the month
        or year is known."""
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                date(parts[0], parts[1], parts[2])
                return value
            except ValueError:
                pass
        self.add(where, f"date must be an ISO date such as 2025-11-01, got {value!r}")
        return None


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _bounded(value: Any, limit: float = MAX_MAGNITUDE) -> TypeGuard[float]:
    return _is_number(value) and abs(value) <= limit


def _text(doc: dict[str, Any], key: str, problems: _Problems, *, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(key, "a non-empty text is required")
        return ""
    if required:
        return problems.text(key, value)
    return problems.text(key, value, max_length=MAX_TEXT_LENGTH, multiline=True)


def _parse_site(raw: Any, problems: _Problems) -> tuple[SiteParam, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add("site", "must be an object of parameter: value")
        return ()
    params = []
    for key, entry in raw.items():
        where = f"site.{key}"
        spec = entry if isinstance(entry, dict) else {"value": entry}
        problems.unknown_keys(where, spec, SITE_KEYS)
        value = spec.get("value")
        if not _bounded(value):
            problems.add(
                where, f"value must be a number of at most {MAX_MAGNITUDE:g}, got {value!r}"
            )
            continue
        params.append(
            SiteParam(
                problems.text(f"{where}.key", str(key)),
                float(value),
                problems.text(f"{where}.unit", spec.get("unit")),
                problems.text(f"{where}.label", spec.get("label")) or site_label(str(key)),
                problems.date(where, spec.get("date")),
                problems.text(f"{where}.source", spec.get("source")),
            )
        )
    return tuple(params)


def _parse_rates(raw: Any, problems: _Problems) -> tuple[ExchangeRate, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("exchange_rates", "must be a list")
        return ()
    rates: list[ExchangeRate] = []
    for i, entry in enumerate(raw, 1):
        where = f"exchange_rates[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object with currency, rate, date, source")
            continue
        problems.unknown_keys(where, entry, RATE_KEYS)
        currency = entry.get("currency")
        rate = entry.get("rate")
        if currency not in CURRENCIES:
            problems.add(where, f"unknown currency {currency!r}")
        elif not _bounded(rate, MAX_RATE) or rate <= 0:
            problems.add(where, f"rate must be a positive number up to {MAX_RATE:g}, got {rate!r}")
        elif any(r.currency == currency for r in rates):
            problems.add(where, f"a second rate for {currency}; give one rate per currency")
        else:
            rates.append(
                ExchangeRate(
                    currency,
                    float(rate),
                    problems.date(where, entry.get("date")),
                    problems.text(f"{where}.source", entry.get("source")),
                )
            )
    return tuple(rates)


def _check_requirement_value(field_key: str, op: str, value: Any) -> str | None:
    field = FIELD_BY_KEY[field_key]
    if op == "present":
        return None if value is None else "'present' takes no value"
    if op in (">=", "<="):
        if not field.is_numeric:
            return f"'{op}' needs a numeric field; {field_key} is text"
        return None if _bounded(value) else f"'{op}' needs a number, got {value!r}"
    if op == "in":
        if not isinstance(value, list) or not value:
            return f"'in' needs a non-empty list, got {value!r}"
        wanted = "number" if field.is_numeric else "text"
        wrong = [
            v
            for v in value
            if not (_bounded(v) if field.is_numeric else isinstance(v, str) and v.strip())
        ]
        if wrong:
            return f"'in' on {field_key} needs a list of {wanted}s; not a {wanted}: {wrong[0]!r}"
        if len({str(v) for v in value}) != len(value):
            return f"'in' on {field_key} lists a value twice"
        return None
    if field.is_numeric and not _bounded(value):
        return f"'==' on {field_key} needs a number, got {value!r}"
    if not field.is_numeric and not isinstance(value, str):
        return f"'==' on {field_key} needs a text, got {value!r}"
    return None


def _parse_requirements(raw: Any, category: str, problems: _Problems) -> tuple[Requirement, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("requirements", "must be a list")
        return ()
    out = []
    for i, entry in enumerate(raw, 1):
        where = f"requirements[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object with field, op and value")
            continue
        problems.unknown_keys(where, entry, REQUIREMENT_KEYS)
        key, op, value = entry.get("field"), entry.get("op"), entry.get("value")
        if not isinstance(key, str) or key not in FIELD_BY_KEY:
            problems.add(where, f"unknown field {key!r}")
            continue
        if category and category not in FIELD_BY_KEY[key].categories:
            problems.add(where, f"field {key!r} does not apply to {category}")
            continue
        if not isinstance(op, str) or op not in OPERATORS:
            problems.add(where, f"op must be one of {', '.join(OPERATORS)}, got {op!r}")
            continue
        why = _check_requirement_value(key, op, value)
        if why:
            problems.add(where, why)
            continue
        out.append(Requirement(key, op, value))
    return tuple(out)


def _parse_criterion(
    entry: dict[str, Any], where: str, uses_ahp: bool, problems: _Problems
) -> Criterion | None:
    problems.unknown_keys(where, entry, CRITERION_KEYS)
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        problems.add(where, "key is required")
        return None
    judged = entry.get("judged", False)
    if not isinstance(judged, bool):
        problems.add(where, f"judged must be true or false, got {judged!r}")
        return None
    kind = criterion_kind(key)
    if kind is None and not judged:
        problems.add(
            where,
            f"unknown criterion {key!r}: not a numeric field, derived metric "
            'or judged criterion (mark custom judged criteria "judged": true)',
        )
        return None
    if kind is not None and judged and kind.source != "judged":
        problems.add(where, f"{key!r} is a {kind.source} value, it cannot be judged")
        return None
    direction = entry.get("direction", kind.better if kind else "higher")
    if not isinstance(direction, str) or direction not in DIRECTIONS:
        problems.add(where, f"direction must be 'higher' or 'lower', got {direction!r}")
        return None
    weight = entry.get("weight")
    if uses_ahp:
        if weight is not None:
            problems.add(where, "give weights either on criteria or through 'ahp', not both")
            return None
    elif not _bounded(weight, MAX_WEIGHT) or weight < 0:
        problems.add(where, f"weight must be a number from 0 to {MAX_WEIGHT:g}, got {weight!r}")
        return None
    label = problems.text(f"{where}.label", entry.get("label"))
    return Criterion(
        key,
        direction,
        float(weight) if weight is not None else None,
        judged or (kind is not None and kind.source == "judged"),
        label,
    )


def _parse_criteria(raw: Any, uses_ahp: bool, problems: _Problems) -> tuple[Criterion, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add("criteria", "at least one criterion is required")
        return ()
    out: list[Criterion] = []
    for i, entry in enumerate(raw, 1):
        where = f"criteria[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object with key, weight and direction")
            continue
        criterion = _parse_criterion(entry, where, uses_ahp, problems)
        if criterion is None:
            continue
        if any(c.key == criterion.key for c in out):
            problems.add(where, f"criterion {criterion.key!r} is listed twice")
            continue
        out.append(criterion)
    if not uses_ahp and out and len(out) == len(raw) and sum(c.weight or 0 for c in out) <= 0:
        problems.add("criteria", "the weights sum to zero; give at least one positive weight")
    return tuple(out)


def _parse_ahp(raw: Any, size: int, problems: _Problems) -> tuple[tuple[float, ...], ...] | None:
    if raw is None:
        return None
    if (
        not isinstance(raw, list)
        or len(raw) != size
        or any(not isinstance(row, list) or len(row) != size for row in raw)
    ):
        problems.add("ahp", f"must be a {size}×{size} matrix (one row per criterion)")
        return None
    before = len(problems.lines)
    for i, row in enumerate(raw):
        for j, x in enumerate(row):
            where = f"ahp[{i + 1}][{j + 1}]"
            if not _is_number(x) or x <= 0:
                problems.add(where, f"a judgement must be a positive number, got {x!r}")
            elif i == j and abs(x - 1) > 1e-9:
                problems.add(where, f"the diagonal must be 1, got {x:g}")
            elif not SAATY_MIN * 0.99 <= x <= SAATY_MAX * 1.0001:
                problems.add(where, f"{x:g} is outside Saaty's scale (1/9 … 9)")
            elif j > i and _is_number(raw[j][i]) and abs(x * raw[j][i] - 1) > 0.01:
                problems.add(where, f"{x:g} and its mirror {raw[j][i]:g} are not reciprocal")
    if len(problems.lines) > before:
        return None
    return tuple(tuple(float(x) for x in row) for row in raw)


def parse_need(doc: Any) -> NeedDocument:
    """Validate a need file's content; raise InvalidInput listing every problem."""
    problems = _Problems()
    if not isinstance(doc, dict):
        raise InvalidInput("the need file must hold a JSON object")
    problems.unknown_keys("need file", doc, TOP_KEYS)
    name = _text(doc, "name", problems)
    sector = _text(doc, "sector", problems)
    description = _text(doc, "description", problems, required=False)
    category = doc.get("category")
    if not isinstance(category, str) or category not in tuple(Category):
        problems.add("category", f"must be one of {', '.join(Category)}, got {category!r}")
        category = ""
    method = doc.get("method", "wsm")
    if not isinstance(method, str) or method not in method_keys():
        problems.add("method", f"must be one of {', '.join(method_keys())}, got {method!r}")
    uses_ahp = doc.get("ahp") is not None
    criteria = _parse_criteria(doc.get("criteria"), uses_ahp, problems)
    ahp = _parse_ahp(doc.get("ahp"), len(criteria), problems) if criteria else None
    need = NeedDocument(
        name=name,
        sector=sector,
        category=str(category),
        description=description,
        site=_parse_site(doc.get("site"), problems),
        requirements=_parse_requirements(doc.get("requirements"), str(category), problems),
        criteria=criteria,
        method=str(method),
        ahp=ahp,
        exchange_rates=_parse_rates(doc.get("exchange_rates"), problems),
        terms=parse_terms(doc, problems.add),
    )
    if problems.lines:
        raise InvalidInput(problems.lines)
    return need
