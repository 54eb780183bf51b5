"""Need documents (DESIGN.md §9): parse, validate and write the need file format.

A need says what is wanted (category, site parameters), the mandatory requirements, the
weighted criteria and the method. Validation collects every problem before refusing, so a
user fixes a file in one pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, TypeGuard

from procure.criteria import criterion_kind
from procure.errors import InvalidInput
from procure.fields import CURRENCIES, FIELD_BY_KEY, Category
from procure.tender import NO_TERMS, AwardTerms, parse_terms

METHODS = ("wsm", "topsis", "qcbs", "least-cost")
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
class ExchangeRate:
    """PKR (or base currency) per one unit of `currency`, with where and when it was read."""

    currency: str
    rate: float
    date: str | None
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "rate": self.rate,
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
        """Return the need file of DESIGN.md §9 (what `needs export` writes)."""
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


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, text: str) -> None:
        self.lines.append(f"{where}: {text}")


def _text(doc: dict[str, Any], key: str, problems: _Problems, *, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(key, "a non-empty text is required")
        return ""
    return value.strip()


def _parse_site(raw: Any, problems: _Problems) -> tuple[SiteParam, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add("site", "must be an object of parameter: value")
        return ()
    params = []
    for key, entry in raw.items():
        spec = entry if isinstance(entry, dict) else {"value": entry}
        value = spec.get("value")
        if not _is_number(value):
            problems.add(f"site.{key}", f"value must be a number, got {value!r}")
            continue
        date = spec.get("date")
        if date is not None and not isinstance(date, str):
            problems.add(f"site.{key}", "date must be text such as 2025-11-01")
            continue
        params.append(
            SiteParam(
                str(key),
                float(value),
                str(spec.get("unit") or ""),
                str(spec.get("label") or ""),
                date,
                str(spec.get("source") or ""),
            )
        )
    return tuple(params)


def _parse_rates(raw: Any, problems: _Problems) -> tuple[ExchangeRate, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add("exchange_rates", "must be a list")
        return ()
    rates = []
    for i, entry in enumerate(raw, 1):
        where = f"exchange_rates[{i}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object with currency, rate, date, source")
            continue
        currency = entry.get("currency")
        rate = entry.get("rate")
        if currency not in CURRENCIES:
            problems.add(where, f"unknown currency {currency!r}")
        elif not _is_number(rate) or rate <= 0:
            problems.add(where, f"rate must be a positive number, got {rate!r}")
        else:
            rates.append(
                ExchangeRate(
                    currency, float(rate), entry.get("date"), str(entry.get("source") or "")
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
        return None if _is_number(value) else f"'{op}' needs a number, got {value!r}"
    if op == "in":
        if not isinstance(value, list) or not value:
            return f"'in' needs a non-empty list, got {value!r}"
        return None
    if field.is_numeric and not _is_number(value):
        return f"'==' on {field_key} needs a number, got {value!r}"
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
        key, op, value = entry.get("field"), entry.get("op"), entry.get("value")
        if key not in FIELD_BY_KEY:
            problems.add(where, f"unknown field {key!r}")
            continue
        if category and category not in FIELD_BY_KEY[key].categories:
            problems.add(where, f"field {key!r} does not apply to {category}")
            continue
        if op not in OPERATORS:
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
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        problems.add(where, "key is required")
        return None
    judged = bool(entry.get("judged", False))
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
    if direction not in DIRECTIONS:
        problems.add(where, f"direction must be 'higher' or 'lower', got {direction!r}")
        return None
    weight = entry.get("weight")
    if uses_ahp:
        if weight is not None:
            problems.add(where, "give weights either on criteria or through 'ahp', not both")
            return None
    elif not _is_number(weight) or weight < 0:
        problems.add(where, f"weight must be a number ≥ 0, got {weight!r}")
        return None
    label = str(entry.get("label") or "")
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
    if any(not _is_number(x) or x <= 0 for row in raw for x in row):
        problems.add("ahp", "every judgement must be a positive number (Saaty 1/9 … 9)")
        return None
    for i in range(size):
        if abs(raw[i][i] - 1) > 1e-9:
            problems.add(f"ahp[{i + 1}][{i + 1}]", "the diagonal must be 1")
            return None
        for j in range(i + 1, size):
            if abs(raw[i][j] * raw[j][i] - 1) > 0.01:
                problems.add(
                    f"ahp[{i + 1}][{j + 1}]",
                    f"{raw[i][j]:g} and its mirror {raw[j][i]:g} are not reciprocal",
                )
                return None
    return tuple(tuple(float(x) for x in row) for row in raw)


def parse_need(doc: Any) -> NeedDocument:
    """Validate a need file's content; raise InvalidInput listing every problem."""
    problems = _Problems()
    if not isinstance(doc, dict):
        raise InvalidInput("the need file must hold a JSON object")
    name = _text(doc, "name", problems)
    if len(name) > 200:
        problems.add("name", "at most 200 characters")
    sector = _text(doc, "sector", problems)
    description = _text(doc, "description", problems, required=False)
    category = doc.get("category")
    if category not in tuple(Category):
        problems.add("category", f"must be one of {', '.join(Category)}, got {category!r}")
        category = ""
    method = doc.get("method", "wsm")
    if method not in METHODS:
        problems.add("method", f"must be one of {', '.join(METHODS)}, got {method!r}")
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
