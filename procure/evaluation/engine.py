"""Evaluate offers against a need: gates, criterion values, scores, ranks, sensitivity.

The input is plain data (a need document, offer rows, member scores); the output is an
EngineResult, the evaluation as worked out; its result() is the typed EvaluationResult
(procure.evaluation.result) and its to_json() the versioned `evaluate --json` document
(README.md, 'Evaluating'). The method's score function and sensitivity hook come from the
method registry (procure.evaluation.methods).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from procure.criteria import criterion_kind
from procure.evaluation import methods, preliminary
from procure.evaluation.engineering import FleetResult, Metric, evaluate_fleet
from procure.evaluation.gates import GateResult, check_gates
from procure.evaluation.result import (
    Cost,
    Criterion,
    EvaluationResult,
    Sensitivity,
    Weighting,
)
from procure.evaluation.scoring import Scoring
from procure.fields import CATEGORY_LABELS
from procure.text import format_number

if TYPE_CHECKING:
    from procure.needs import NeedDocument
    from procure.rows import OfferRow

BASE_CURRENCY = "PKR"
DISAGREEMENT_SPREAD = 4.0  # members' scores further apart than this (on 0–10) are flagged
DEFAULT_QCBS_TECHNICAL_WEIGHT = 0.7
DEFAULT_QCBS_MINIMUM_TECHNICAL = 70.0


@dataclass(frozen=True)
class Options:
    """How to evaluate, beyond the need: method, normalisation, simulation, QCBS, basis."""

    method: str | None = None  # None: the need's method
    normalisation: str = "ratio"
    seed: int = 20261127
    draws: int = 2000
    concentration: float = 200.0  # Dirichlet concentration around the chosen weights
    qcbs_technical_weight: float = DEFAULT_QCBS_TECHNICAL_WEIGHT
    qcbs_minimum_technical: float = DEFAULT_QCBS_MINIMUM_TECHNICAL
    least_cost_basis: str | None = None  # None: the need's ("landed" or "lcc")

    def to_json(self) -> dict[str, Any]:
        return {
            "normalisation": self.normalisation,
            "seed": self.seed,
            "draws": self.draws,
            "concentration": self.concentration,
            "qcbs_technical_weight": self.qcbs_technical_weight,
            "qcbs_minimum_technical": self.qcbs_minimum_technical,
            "least_cost_basis": self.least_cost_basis,
        }

    def basis(self, need: NeedDocument) -> str:
        """The least-cost basis: set here, or the need's; old names still read."""
        chosen = self.least_cost_basis or need.terms.least_cost_basis
        return _OLD_BASES.get(chosen, chosen)


# Site parameters that make a need size a fleet (docs/evaluation-rules.md, 'Evaluated cost').
FLEET_TARGETS = ("production_tph", "daily_tonnage_t", "passengers_per_day")
_OLD_BASES = {"landed_price": "landed", "lcc_npv": "lcc"}


def _product(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a * b


def evaluated_cost(need: NeedDocument, fleet: FleetResult, basis: str) -> Cost:
    """Quantity × landed unit price and the fleet's life-cycle cost, on the chosen basis
    (docs/evaluation-rules.md, 'Evaluated cost'): the quantity stated on the need, else the
    fleet size of the engineering model; the unit cost is the landed unit price (basis
    "landed") or the life-cycle cost of one unit (basis "lcc"), in PKR, unrounded."""
    stated = need.terms.quantity
    units = fleet.metrics["units_required"]
    quantity: float | None
    if stated is not None:
        quantity, source = float(stated), "need"
    elif not any(need.site_value(k) is not None for k in FLEET_TARGETS):
        quantity, source = 1.0, "one unit"  # the need states no quantity and sizes no fleet
    else:
        quantity, source = units.value, "fleet sizing"
    landed = fleet.metrics["landed_price"]
    npv_unit = fleet.lcc.get("npv_pkr_per_unit")
    npv_unit = float(npv_unit) if isinstance(npv_unit, int | float) else None
    landed_total = _product(quantity, landed.value)
    lcc_total = _product(quantity, npv_unit)
    unit_cost = landed.value if basis == "landed" else npv_unit
    total = landed_total if basis == "landed" else lcc_total
    reason = None
    if quantity is None:
        reason = f"no quantity: the need states none and fleet sizing failed ({units.reason})"
    elif total is None:
        why = landed.reason if basis == "landed" else fleet.metrics["lcc_npv"].reason
        reason = (why or "not computable").removeprefix("not computable: ")
    return Cost(
        basis, quantity, source, unit_cost, total, landed.value, landed_total, lcc_total, reason
    )


@dataclass(frozen=True)
class JudgedScore:
    mean: float | None
    scores: Mapping[str, float]  # member -> 0..10
    spread: float
    disagreement: bool


@dataclass
class Alternative:
    offer_id: int
    vendor: str
    model: str
    category: str
    currency: str | None
    price_base: float | None
    values: dict[str, float | None]
    reasons: dict[str, str]  # criterion -> why its value is missing
    gates: list[GateResult]
    fleet: FleetResult
    judged: dict[str, JudgedScore] = field(default_factory=dict)
    sample: bool = False  # from the illustrative sample catalogue, not a real quotation
    responsive: bool = True
    qualified: bool = True  # QCBS: technical score reaches the minimum
    score: float | None = None
    technical_score: float | None = None
    financial_score: float | None = None
    rank: int | None = None
    normalised: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    evaluated_cost: Cost | None = None
    preliminary: list[GateResult] = field(default_factory=list)
    arithmetic: dict[str, Any] | None = None  # the correction of the read-out amount, if any
    unit_price: float | None = None  # as quoted, in `currency`
    incoterm: str | None = None
    bid: dict[str, Any] = field(default_factory=dict)  # recorded at bid opening

    @property
    def passed_preliminary(self) -> bool:
        return all(g.passed for g in self.preliminary)

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "vendor": self.vendor,
            "model": self.model,
            "category": self.category,
            "sample": self.sample,
            "currency": self.currency,
            "unit_price_base": self.price_base,
            "values": dict(self.values),
            "missing": dict(self.reasons),
            "gates": [g.to_json() for g in self.gates],
            "responsive": self.responsive,
            "qualified": self.qualified,
            "score": self.score,
            "technical_score": self.technical_score,
            "financial_score": self.financial_score,
            "rank": self.rank,
            "normalised": dict(self.normalised),
            "contributions": dict(self.contributions),
            "judged": {
                k: {
                    "mean": j.mean,
                    "scores": dict(j.scores),
                    "spread": j.spread,
                    "disagreement": j.disagreement,
                }
                for k, j in self.judged.items()
            },
            "fleet": dict(self.fleet.fleet),
            "lcc": dict(self.fleet.lcc),
            "metrics": {
                k: {"value": m.value, "unit": m.unit, "reason": m.reason, "inputs": dict(m.inputs)}
                for k, m in self.fleet.metrics.items()
            },
            "flags": list(self.flags),
            "evaluated_cost": self.evaluated_cost.to_json() if self.evaluated_cost else None,
            "preliminary": [g.to_json() for g in self.preliminary],
            "passed_preliminary": self.passed_preliminary,
            "arithmetic": self.arithmetic,
            "unit_price": self.unit_price,
            "incoterm": self.incoterm,
            "bid": dict(self.bid),
        }


@dataclass(frozen=True)
class EngineResult:
    """The evaluation as the engine worked it out (offers still being scored are mutable);
    result() hands it over as typed, frozen data."""

    need: NeedDocument
    method: str
    options: Options
    weighting: Weighting
    criteria: list[Criterion]
    alternatives: list[Alternative]
    sensitivity: Sensitivity | None
    rates: dict[str, float]
    evaluation_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    recommendation: dict[str, Any] | None = None

    @property
    def ranked(self) -> list[Alternative]:
        return sorted(
            (a for a in self.alternatives if a.rank is not None), key=lambda a: (a.rank, a.offer_id)
        )

    @property
    def winner(self) -> Alternative | None:
        ranked = self.ranked
        return ranked[0] if ranked else None

    def result(self) -> EvaluationResult:
        """The evaluation as typed, frozen data (read from the engine's own document, the
        shape every stored result had before the document carried a version)."""
        return EvaluationResult.from_json(self._document())

    def to_json(self) -> dict[str, Any]:
        """The versioned result document (procure.evaluation.result.SCHEMA_VERSION)."""
        return self.result().to_json()

    def _document(self) -> dict[str, Any]:
        need = self.need
        chosen = methods.get(self.method).normalisation
        return {
            "evaluation_id": self.evaluation_id,
            "need": need.name,
            "category": need.category,
            "method": self.method,
            "normalisation": self.options.normalisation if chosen == methods.CHOSEN else chosen,
            "base_currency": BASE_CURRENCY,
            "weighting": self.weighting.to_json(),
            "criteria": [c.to_json() for c in self.criteria],
            "alternatives": [a.to_json() for a in self.alternatives],
            "sensitivity": self.sensitivity.to_json() if self.sensitivity else None,
            "exchange_rates": [r.to_json() for r in need.exchange_rates],
            "assumptions": [{"key": p.key, **p.to_json()} for p in need.site],
            "requirements": [r.to_json() | {"text": r.describe()} for r in need.requirements],
            "options": self.options.to_json(),
            "least_cost_basis": self.options.basis(need),
            "quantity": need.terms.quantity,
            "preliminary_rules": need.terms.preliminary.to_json()
            if need.terms.preliminary
            else None,
            "warnings": list(self.warnings),
            "recommendation": self.recommendation,
        }


# -- weights ------------------------------------------------------------------------------


def _weighting(need: NeedDocument) -> tuple[Weighting, list[float]]:
    weights = need.weights()
    if need.ahp is None:
        return Weighting("direct"), weights
    from procure.ahp import CR_LIMIT, ahp_weights

    ahp = ahp_weights(need.ahp)
    pair = None
    if ahp.most_inconsistent is not None:
        i, j = ahp.most_inconsistent
        pair = (need.criteria[i].key, need.criteria[j].key)
    warning = None
    if not ahp.consistent and ahp.cr is not None:
        warning = (
            f"CR {ahp.cr:.3f} is above {CR_LIMIT:.2f}: the judgements are inconsistent; "
            f"the most inconsistent compares {pair[0]} with {pair[1]}"
            if pair
            else ""
        )
    return Weighting("ahp", ahp.lambda_max, ahp.ci, ahp.cr, pair, warning), weights


# -- values -------------------------------------------------------------------------------


def _rates(need: NeedDocument) -> dict[str, float]:
    rates = {r.currency: r.rate for r in need.exchange_rates}
    rates[BASE_CURRENCY] = 1.0
    return rates


def _price_base(offer: OfferRow, rates: Mapping[str, float]) -> tuple[float | None, str | None]:
    price, currency = offer.value("unit_price"), offer.value("currency")
    if price is None:
        return None, "the offer states no price"
    if not isinstance(currency, str) or currency not in rates:
        return None, f"no exchange rate recorded for {currency}"
    return float(Decimal(str(price)) * Decimal(str(rates[currency]))), None


def _judged(key: str, member_scores: Mapping[str, Mapping[str, float]]) -> JudgedScore:
    scores = {member: float(s[key]) for member, s in member_scores.items() if key in s}
    if not scores:
        return JudgedScore(None, {}, 0.0, False)
    values = list(scores.values())
    spread = max(values) - min(values)
    return JudgedScore(sum(values) / len(values), scores, spread, spread > DISAGREEMENT_SPREAD)


def _alternative(
    offer: OfferRow,
    need: NeedDocument,
    rates: Mapping[str, float],
    site: Mapping[str, float],
    member_scores: Mapping[str, Mapping[str, float]],
    basis: str,
    bid: Mapping[str, Any],
) -> Alternative:
    price_base, price_problem = _price_base(offer, rates)
    values_in: dict[str, Any] = {
        k: (float(v) if isinstance(v, Decimal) else v) for k, v in offer.values.items()
    }
    fleet = evaluate_fleet(offer.category, values_in, site, price_base)
    gates = check_gates(need.requirements, values_in)
    if offer.category != need.category:
        label = CATEGORY_LABELS.get(need.category, need.category)
        gates.insert(
            0, GateResult(f"Category: {label}", False, f"the offer is for {offer.category}")
        )
    currency = offer.value("currency")
    alt = Alternative(
        offer.id,
        offer.vendor,
        offer.model,
        offer.category,
        currency if isinstance(currency, str) else None,
        price_base,
        {},
        {},
        gates,
        fleet,
    )
    alt.sample = offer.is_sample
    quoted = offer.value("unit_price")
    alt.unit_price = None if quoted is None or isinstance(quoted, str) else float(quoted)
    incoterm = offer.value("incoterm")
    alt.incoterm = incoterm if isinstance(incoterm, str) else None
    alt.evaluated_cost = evaluated_cost(need, fleet, basis)
    record = {k: offer.value(k) for k in preliminary.RECORD_KEYS if offer.value(k) is not None}
    record.update(bid)
    alt.bid = record
    alt.arithmetic = preliminary.arithmetic_check(record, alt.unit_price, alt.currency)
    alt.preliminary = preliminary.examine(
        need.terms.preliminary,
        record,
        unit_price=alt.unit_price,
        currency=alt.currency,
        quantity=alt.evaluated_cost.quantity,
        rates=rates,
    )
    if price_problem and offer.value("unit_price") is not None:
        alt.flags.append(price_problem)
    for criterion in need.criteria:
        value, reason = _criterion_value(
            criterion.key,
            criterion.judged,
            offer,
            price_base,
            price_problem,
            fleet,
            member_scores,
            alt,
        )
        alt.values[criterion.key] = value
        if value is None:
            alt.reasons[criterion.key] = reason or "not stated in offer"
    alt.responsive = alt.passed_preliminary and all(g.passed for g in gates)
    return alt


def _criterion_value(
    key: str,
    judged: bool,
    offer: OfferRow,
    price_base: float | None,
    price_problem: str | None,
    fleet: FleetResult,
    member_scores: Mapping[str, Mapping[str, float]],
    alt: Alternative,
) -> tuple[float | None, str | None]:
    if judged:
        score = _judged(key, member_scores)
        alt.judged[key] = score
        if score.disagreement:
            alt.flags.append(f"members disagree on {key}: spread {score.spread:g} points")
        return score.mean, None if score.mean is not None else "no member has scored it yet"
    if key == "unit_price":
        return price_base, price_problem
    if key in fleet.metrics:
        metric: Metric = fleet.metrics[key]
        return metric.value, metric.reason
    value = offer.value(key)
    if value is None or isinstance(value, str):
        return None, "not stated in offer"
    return float(value), None


# -- scoring: the registered method's score function ------------------------------------


def evaluate(
    need: NeedDocument,
    offers: Sequence[OfferRow],
    member_scores: Mapping[int, Mapping[str, Mapping[str, float]]] | None = None,
    options: Options | None = None,
    bids: Mapping[int, Mapping[str, Any]] | None = None,
) -> EngineResult:
    """Evaluate offers against a need. member_scores: offer id -> member -> criterion -> 0..10;
    bids: offer id -> what the committee recorded at bid opening (procure.evaluation
    .preliminary.RECORD_KEYS)."""
    options = options or Options()
    method = options.method or need.method
    basis = options.basis(need)
    weighting, weights = _weighting(need)
    rates = _rates(need)
    site = {p.key: p.value for p in need.site}
    member_scores = member_scores or {}
    bids = bids or {}
    alternatives = [
        _alternative(o, need, rates, site, member_scores.get(o.id, {}), basis, bids.get(o.id, {}))
        for o in offers
    ]
    criteria = []
    for criterion, weight in zip(need.criteria, weights, strict=True):
        kind = criterion_kind(criterion.key)
        unit = kind.unit.replace("base currency", BASE_CURRENCY) if kind else "score 0–10"
        label = criterion.label or (kind.label if kind else criterion.key)
        criteria.append(
            Criterion(
                criterion.key,
                label,
                weight,
                criterion.direction,
                unit,
                "judged" if criterion.judged else (kind.source if kind else "judged"),
            )
        )
    entry = methods.get(method)
    scoring = Scoring(
        [a for a in alternatives if a.responsive],
        [c.key for c in criteria],
        np.array([c.direction == "higher" for c in criteria], dtype=bool),
        np.array(weights, dtype=float),
        options,
    )
    entry.score(scoring)
    ranked = [a for a in scoring.alternatives if a.rank is not None]
    sensitivity = None
    if entry.sensitivity is not None and ranked:
        sensitivity = entry.sensitivity(scoring)
    result = EngineResult(
        need, method, options, weighting, criteria, alternatives, sensitivity, rates
    )
    warnings = recommendation_blockers(result)
    return replace(
        result, warnings=warnings, recommendation=None if warnings else _recommend(result)
    )


# -- recommendation -----------------------------------------------------------------------


def _name(alt: Alternative) -> str:
    return f"{alt.vendor} — {alt.model}"


def recommendation_blockers(result: EngineResult) -> list[str]:
    """Why no offer can be recommended yet, one sentence each (empty: it can stand)."""
    out: list[str] = []
    method = result.method
    weighted = methods.get(method).weighted
    responsive = [a for a in result.alternatives if a.responsive]
    for criterion in result.criteria:
        if not weighted or criterion.weight <= 0:
            continue  # least cost ranks on cost alone; an unweighted criterion changes nothing
        pct = format_number(round(100 * criterion.weight, 1))
        share = f"{criterion.label[:1].lower()}{criterion.label[1:]} ({pct} %)"
        if criterion.kind == "judged":
            unscored = [a for a in responsive if a.values.get(criterion.key) is None]
            if responsive and len(unscored) == len(responsive):
                out.append(f"No recommendation yet: {share} has not been scored by any member.")
            elif unscored:
                names = ", ".join(_name(a) for a in unscored)
                out.append(f"No recommendation yet: {share} has no member's score for {names}.")
            continue
        if responsive and all(a.values.get(criterion.key) is None for a in responsive):
            reasons = sorted({a.reasons.get(criterion.key, "not stated") for a in responsive})
            out.append(
                f"No recommendation yet: {share} has no value for any offer ({'; '.join(reasons)})."
            )
    if not result.ranked:
        if not responsive:
            out.append(
                "No recommendation: no offer passed the preliminary examination and met every "
                "mandatory requirement."
            )
        elif method == "qcbs":
            out.append(
                "No recommendation: no offer reached the minimum technical score of "
                f"{result.options.qcbs_minimum_technical:g}."
            )
        else:
            out.append("No recommendation: no offer could be ranked.")
        return out
    winner = result.ranked[0]
    ties = [a for a in result.ranked if a.rank == winner.rank]
    if len(ties) > 1:
        out.append(
            "No recommendation yet: "
            + " and ".join(_name(a) for a in ties)
            + " share the first rank; the committee must break the tie."
        )
    cost = winner.evaluated_cost
    if cost is None or cost.total is None:
        out.append(
            f"No recommendation yet: the evaluated cost of {_name(winner)} cannot be computed "
            f"({cost.reason if cost else 'no quantity'})."
        )
    return out


def _recommend(result: EngineResult) -> dict[str, Any] | None:
    winner = result.winner
    if winner is None or winner.evaluated_cost is None:
        return None
    quantity = winner.evaluated_cost.quantity
    amount = _product(quantity, winner.unit_price)
    return {
        "offer_id": winner.offer_id,
        "vendor": winner.vendor,
        "model": winner.model,
        "quantity": quantity,
        "contract_amount": {"value": amount, "currency": winner.currency},
        "contract_amount_base": {
            "value": _product(quantity, winner.price_base),
            "currency": BASE_CURRENCY,
        },
        "evaluated_cost": winner.evaluated_cost.to_json(),
        "rule": methods.get(result.method).award_rule,
    }


__all__ = [
    "BASE_CURRENCY",
    "EngineResult",
    "EvaluationResult",
    "Options",
    "evaluate",
]
