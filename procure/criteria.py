"""What a criterion may score: a canonical field, a derived metric or a committee-judged score.

One place for their labels, units and natural directions (docs/evaluation-rules.md, 'Criteria').
"""

from __future__ import annotations

from dataclasses import dataclass

from procure.fields import FIELD_BY_KEY


@dataclass(frozen=True)
class CriterionKind:
    key: str
    label: str
    unit: str
    better: str  # "higher" | "lower"
    source: str  # "field" | "derived" | "judged"


DERIVED: tuple[CriterionKind, ...] = (
    CriterionKind("units_required", "Units required", "units", "lower", "derived"),
    CriterionKind("match_factor", "Match factor", "", "higher", "derived"),
    CriterionKind("cycle_time_min", "Cycle time", "min", "lower", "derived"),
    CriterionKind("output_tph", "Output per unit", "t/h", "higher", "derived"),
    CriterionKind("landed_price", "Landed price", "base currency", "lower", "derived"),
    CriterionKind("lcc_npv", "Life-cycle cost (NPV)", "base currency", "lower", "derived"),
    CriterionKind("cost_per_tonne", "Cost per tonne", "base currency/t", "lower", "derived"),
    CriterionKind(
        "cost_per_tonne_km", "Cost per tonne-km", "base currency/t·km", "lower", "derived"
    ),
    CriterionKind("cost_per_km", "Cost per km", "base currency/km", "lower", "derived"),
    CriterionKind(
        "cost_per_passenger_km",
        "Cost per passenger-km",
        "base currency/passenger-km",
        "lower",
        "derived",
    ),
    CriterionKind("co2_t_per_year", "CO₂ per year", "t/yr", "lower", "derived"),
)

JUDGED: tuple[CriterionKind, ...] = (
    CriterionKind("after_sales_support", "After-sales support", "score 0–10", "higher", "judged"),
    CriterionKind("training", "Training", "score 0–10", "higher", "judged"),
    CriterionKind("technology_transfer", "Technology transfer", "score 0–10", "higher", "judged"),
)

# Criteria that are a price or derived from one: sealed in the technical envelope, and the
# cost side of QCBS.
MONEY_CRITERIA = frozenset(
    {
        "unit_price",
        "landed_price",
        "lcc_npv",
        "cost_per_tonne",
        "cost_per_tonne_km",
        "cost_per_km",
        "cost_per_passenger_km",
    }
)

_BY_KEY: dict[str, CriterionKind] = {c.key: c for c in DERIVED + JUDGED}


def criterion_kind(key: str) -> CriterionKind | None:
    """Describe a criterion key, or return None when no field or metric has that key."""
    if key in _BY_KEY:
        return _BY_KEY[key]
    field = FIELD_BY_KEY.get(key)
    if field is None or not field.is_numeric:
        return None
    return CriterionKind(field.key, field.label, field.unit, field.better or "higher", "field")
