"""The evaluation result as typed, frozen data, and its versioned JSON document.

The engine computes an evaluation and hands it over as an EvaluationResult; the store keeps
`to_json()` of it; `from_json()` reads it back, the documents of this version and the ones
stored before the document carried a version (version 1: the engine's dictionary as it was,
with whatever the set-up and the store added). What an old document lacks reads as empty.

Version 2 keeps every key of version 1 (so that a reader of the old keys still reads the
new document) and adds "schema_version". This module imports only plain modules: views load
it before the evaluation engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from procure.criteria import MONEY_CRITERIA
from procure.procedure import prices_sealed

SCHEMA_VERSION = 2
BASE_CURRENCY = "PKR"
# What a bidder read out or lodged in money: sealed with the financial envelope.
_SEALED_BID_KEYS = ("quoted_amount", "quoted_quantity", "bid_security_amount")


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _map(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _numbers(value: Any) -> dict[str, float | None]:
    return {str(k): _float(v) for k, v in _map(value).items()}


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float
    direction: str  # "higher" | "lower"
    unit: str
    kind: str  # "field" | "derived" | "judged"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "weight": self.weight,
            "direction": self.direction,
            "unit": self.unit,
            "kind": self.kind,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Criterion:
        key = str(doc["key"])
        return cls(
            key,
            str(doc.get("label") or key),
            _float(doc.get("weight")) or 0.0,
            str(doc.get("direction") or "higher"),
            str(doc.get("unit") or ""),
            str(doc.get("kind") or ""),
        )


@dataclass(frozen=True)
class Gate:
    """A requirement an offer meets or fails (a mandatory one, or a preliminary check)."""

    requirement: str
    passed: bool
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"requirement": self.requirement, "passed": self.passed, "reason": self.reason}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Gate:
        return cls(str(doc["requirement"]), bool(doc["passed"]), str(doc.get("reason") or ""))


@dataclass(frozen=True)
class Metric:
    """A figure of the engineering model with the inputs it used, or why it is missing."""

    value: float | None
    unit: str
    reason: str | None
    inputs: Mapping[str, Any]  # input name -> number or text, as the model read it

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "reason": self.reason,
            "inputs": dict(self.inputs),
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Metric:
        return cls(
            _float(doc.get("value")),
            str(doc.get("unit") or ""),
            _str(doc.get("reason")),
            _map(doc.get("inputs")),
        )


@dataclass(frozen=True)
class Judged:
    """The committee members' scores of one judged criterion (0–10)."""

    mean: float | None
    scores: Mapping[str, float]  # member -> score
    spread: float
    disagreement: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "mean": self.mean,
            "scores": dict(self.scores),
            "spread": self.spread,
            "disagreement": self.disagreement,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Judged:
        return cls(
            _float(doc.get("mean")),
            {str(k): float(v) for k, v in _map(doc.get("scores")).items()},
            _float(doc.get("spread")) or 0.0,
            bool(doc.get("disagreement")),
        )


@dataclass(frozen=True)
class Cost:
    """The evaluated cost of meeting the need with one offer, in PKR (the engine's
    evaluated_cost works it out)."""

    basis: str  # "landed" | "lcc"
    quantity: float | None
    quantity_source: str  # "need" | "fleet sizing" | "one unit"
    unit_cost: float | None
    total: float | None
    landed_unit: float | None
    landed_total: float | None
    lcc_total: float | None
    reason: str | None
    currency: str = BASE_CURRENCY

    def to_json(self) -> dict[str, Any]:
        return {
            "basis": self.basis,
            "quantity": self.quantity,
            "quantity_source": self.quantity_source,
            "unit_cost": self.unit_cost,
            "total": self.total,
            "currency": self.currency,
            "landed_unit": self.landed_unit,
            "landed_total": self.landed_total,
            "lcc_total": self.lcc_total,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Cost:
        return cls(
            str(doc.get("basis") or "landed"),
            _float(doc.get("quantity")),
            str(doc.get("quantity_source") or ""),
            _float(doc.get("unit_cost")),
            _float(doc.get("total")),
            _float(doc.get("landed_unit")),
            _float(doc.get("landed_total")),
            _float(doc.get("lcc_total")),
            _str(doc.get("reason")),
            str(doc.get("currency") or BASE_CURRENCY),
        )


@dataclass(frozen=True)
class Correction:
    """The arithmetic correction of a read-out amount: the unit price prevails."""

    quantity: float
    unit_price: float
    stated_amount: float
    corrected_amount: float
    difference: float
    currency: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "stated_amount": self.stated_amount,
            "corrected_amount": self.corrected_amount,
            "difference": self.difference,
            "currency": self.currency,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Correction:
        return cls(
            _float(doc.get("quantity")) or 0.0,
            _float(doc.get("unit_price")) or 0.0,
            _float(doc.get("stated_amount")) or 0.0,
            _float(doc.get("corrected_amount")) or 0.0,
            _float(doc.get("difference")) or 0.0,
            _str(doc.get("currency")),
            str(doc.get("text") or ""),
        )


@dataclass(frozen=True)
class Alternative:
    """One offer as evaluated: values, gates, scores, rank, fleet figures and cost."""

    offer_id: int
    vendor: str
    model: str
    category: str
    currency: str | None
    unit_price_base: float | None  # the quoted unit price in PKR
    values: Mapping[str, float | None]  # criterion -> value
    missing: Mapping[str, str]  # criterion -> why its value is missing
    gates: tuple[Gate, ...]
    sample: bool = False
    responsive: bool = True
    qualified: bool = True
    score: float | None = None
    technical_score: float | None = None
    financial_score: float | None = None
    rank: int | None = None
    normalised: Mapping[str, float] = field(default_factory=dict)
    contributions: Mapping[str, float] = field(default_factory=dict)
    judged: Mapping[str, Judged] = field(default_factory=dict)
    fleet: Mapping[str, Any] = field(default_factory=dict)  # fleet figure -> number or text
    lcc: Mapping[str, Any] = field(default_factory=dict)  # life-cycle cost figure -> number
    metrics: Mapping[str, Metric] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    evaluated_cost: Cost | None = None
    preliminary: tuple[Gate, ...] = ()
    passed_preliminary: bool = True
    arithmetic: Correction | None = None
    unit_price: float | None = None  # as quoted, in `currency`
    incoterm: str | None = None
    bid: Mapping[str, Any] = field(default_factory=dict)  # the bid opening record, as entered

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "vendor": self.vendor,
            "model": self.model,
            "category": self.category,
            "sample": self.sample,
            "currency": self.currency,
            "unit_price_base": self.unit_price_base,
            "values": dict(self.values),
            "missing": dict(self.missing),
            "gates": [g.to_json() for g in self.gates],
            "responsive": self.responsive,
            "qualified": self.qualified,
            "score": self.score,
            "technical_score": self.technical_score,
            "financial_score": self.financial_score,
            "rank": self.rank,
            "normalised": dict(self.normalised),
            "contributions": dict(self.contributions),
            "judged": {k: j.to_json() for k, j in self.judged.items()},
            "fleet": dict(self.fleet),
            "lcc": dict(self.lcc),
            "metrics": {k: m.to_json() for k, m in self.metrics.items()},
            "flags": list(self.flags),
            "evaluated_cost": self.evaluated_cost.to_json() if self.evaluated_cost else None,
            "preliminary": [g.to_json() for g in self.preliminary],
            "passed_preliminary": self.passed_preliminary,
            "arithmetic": self.arithmetic.to_json() if self.arithmetic else None,
            "unit_price": self.unit_price,
            "incoterm": self.incoterm,
            "bid": dict(self.bid),
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Alternative:
        preliminary = tuple(Gate.from_json(g) for g in _list(doc.get("preliminary")))
        passed = doc.get("passed_preliminary")
        cost, arithmetic = doc.get("evaluated_cost"), doc.get("arithmetic")
        return cls(
            offer_id=int(doc["offer_id"]),
            vendor=str(doc.get("vendor") or ""),
            model=str(doc.get("model") or ""),
            category=str(doc.get("category") or ""),
            currency=_str(doc.get("currency")),
            unit_price_base=_float(doc.get("unit_price_base")),
            values=_numbers(doc.get("values")),
            missing={str(k): str(v) for k, v in _map(doc.get("missing")).items()},
            gates=tuple(Gate.from_json(g) for g in _list(doc.get("gates"))),
            sample=bool(doc.get("sample")),
            responsive=bool(doc.get("responsive", True)),
            qualified=bool(doc.get("qualified", True)),
            score=_float(doc.get("score")),
            technical_score=_float(doc.get("technical_score")),
            financial_score=_float(doc.get("financial_score")),
            rank=_int(doc.get("rank")),
            normalised={str(k): float(v) for k, v in _map(doc.get("normalised")).items()},
            contributions={str(k): float(v) for k, v in _map(doc.get("contributions")).items()},
            judged={str(k): Judged.from_json(v) for k, v in _map(doc.get("judged")).items()},
            fleet=_map(doc.get("fleet")),
            lcc=_map(doc.get("lcc")),
            metrics={str(k): Metric.from_json(v) for k, v in _map(doc.get("metrics")).items()},
            flags=tuple(str(f) for f in _list(doc.get("flags"))),
            evaluated_cost=Cost.from_json(cost) if isinstance(cost, Mapping) else None,
            preliminary=preliminary,
            passed_preliminary=all(g.passed for g in preliminary)
            if passed is None
            else bool(passed),
            arithmetic=Correction.from_json(arithmetic)
            if isinstance(arithmetic, Mapping)
            else None,
            unit_price=_float(doc.get("unit_price")),
            incoterm=_str(doc.get("incoterm")),
            bid=_map(doc.get("bid")),
        )

    def value(self, key: str) -> Any:
        """A criterion's or figure's value, wherever the result keeps it (None: missing)."""
        for source in (self.values, self.fleet, self.lcc):
            found = source.get(key)
            if found is not None:
                return found
        metric = self.metrics.get(key)
        return metric.value if metric else None

    def without_prices(self) -> Alternative:
        """This offer with its prices and everything derived from them left out."""

        def priced(key: str) -> bool:
            return key in MONEY_CRITERIA or "pkr" in key or "price" in key

        def keep(values: Mapping[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in values.items() if not priced(k)}

        return replace(
            self,
            unit_price_base=None,
            values=keep(self.values),
            missing=keep(self.missing),
            score=None,
            financial_score=None,
            rank=None,
            normalised=keep(self.normalised),
            contributions=keep(self.contributions),
            lcc={},
            metrics={k: m for k, m in self.metrics.items() if not priced(k)},
            flags=tuple(f for f in self.flags if not any(w in f for w in ("cost", "price"))),
            evaluated_cost=None,
            arithmetic=None,
            unit_price=None,
            bid={k: v for k, v in self.bid.items() if k not in _SEALED_BID_KEYS},
        )


@dataclass(frozen=True)
class Weighting:
    method: str  # "direct" | "ahp"
    lambda_max: float | None = None
    ci: float | None = None
    cr: float | None = None
    most_inconsistent: tuple[str, str] | None = None
    warning: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "most_inconsistent": list(self.most_inconsistent) if self.most_inconsistent else None,
            "warning": self.warning,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Weighting:
        pair = _list(doc.get("most_inconsistent"))
        return cls(
            str(doc.get("method") or "direct"),
            _float(doc.get("lambda_max")),
            _float(doc.get("ci")),
            _float(doc.get("cr")),
            (str(pair[0]), str(pair[1])) if len(pair) == 2 else None,
            _str(doc.get("warning")),
        )


@dataclass(frozen=True)
class WeightStability:
    """Where one criterion's weight would change the first-ranked offer."""

    key: str
    weight: float
    lower: float | None
    upper: float | None
    lower_winner: int | None
    upper_winner: int | None
    stable: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "weight": self.weight,
            "lower": self.lower,
            "upper": self.upper,
            "lower_winner": self.lower_winner,
            "upper_winner": self.upper_winner,
            "stable": self.stable,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> WeightStability:
        return cls(
            str(doc["key"]),
            _float(doc.get("weight")) or 0.0,
            _float(doc.get("lower")),
            _float(doc.get("upper")),
            _int(doc.get("lower_winner")),
            _int(doc.get("upper_winner")),
            bool(doc.get("stable")),
        )


@dataclass(frozen=True)
class Sensitivity:
    winner: int | None
    stability: tuple[WeightStability, ...]
    first_rank_probability: Mapping[int, float]  # offer id -> share of the draws
    draws: int
    seed: int
    concentration: float

    def to_json(self) -> dict[str, Any]:
        return {
            "winner": self.winner,
            "weight_stability": [s.to_json() for s in self.stability],
            "simulation": {
                "draws": self.draws,
                "seed": self.seed,
                "concentration": self.concentration,
                "first_rank_probability": {
                    str(k): v for k, v in self.first_rank_probability.items()
                },
            },
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Sensitivity:
        simulation = _map(doc.get("simulation"))
        return cls(
            _int(doc.get("winner")),
            tuple(WeightStability.from_json(s) for s in _list(doc.get("weight_stability"))),
            {int(k): float(v) for k, v in _map(simulation.get("first_rank_probability")).items()},
            _int(simulation.get("draws")) or 0,
            _int(simulation.get("seed")) or 0,
            _float(simulation.get("concentration")) or 0.0,
        )


@dataclass(frozen=True)
class ExchangeRate:
    """PKR per one unit of `currency`, with where and when it was read."""

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

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ExchangeRate:
        return cls(
            str(doc["currency"]),
            _float(doc.get("rate")) or 0.0,
            _str(doc.get("date")),
            str(doc.get("source") or ""),
        )


@dataclass(frozen=True)
class Assumption:
    """A site parameter the evaluation assumed."""

    key: str
    value: Any  # a number, or text (a road surface)
    unit: str
    label: str
    date: str | None
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "date": self.date,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Assumption:
        return cls(
            str(doc["key"]),
            doc.get("value"),
            str(doc.get("unit") or ""),
            str(doc.get("label") or ""),
            _str(doc.get("date")),
            str(doc.get("source") or ""),
        )


@dataclass(frozen=True)
class Requirement:
    """A mandatory requirement of the need, and how the report words it."""

    field: str
    op: str
    value: Any
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "op": self.op, "value": self.value, "text": self.text}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Requirement:
        return cls(
            str(doc.get("field") or ""),
            str(doc.get("op") or ""),
            doc.get("value"),
            str(doc.get("text") or ""),
        )


@dataclass(frozen=True)
class Settings:
    """How the evaluation was run, beyond the need (the engine's options)."""

    normalisation: str = "ratio"
    seed: int = 0
    draws: int = 0
    concentration: float = 0.0
    qcbs_technical_weight: float | None = None
    qcbs_minimum_technical: float | None = None
    least_cost_basis: str | None = None

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

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Settings:
        return cls(
            str(doc.get("normalisation") or "ratio"),
            _int(doc.get("seed")) or 0,
            _int(doc.get("draws")) or 0,
            _float(doc.get("concentration")) or 0.0,
            _float(doc.get("qcbs_technical_weight")),
            _float(doc.get("qcbs_minimum_technical")),
            _str(doc.get("least_cost_basis")),
        )


@dataclass(frozen=True)
class PreliminaryRules:
    """The preliminary examination the tender sets (bid security, validity, signature)."""

    bid_security_min_pct: float | None
    bid_validity_min_days: int | None
    signature_required: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "bid_security_min_pct": self.bid_security_min_pct,
            "bid_validity_min_days": self.bid_validity_min_days,
            "signature_required": self.signature_required,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> PreliminaryRules:
        return cls(
            _float(doc.get("bid_security_min_pct")),
            _int(doc.get("bid_validity_min_days")),
            bool(doc.get("signature_required")),
        )


@dataclass(frozen=True)
class Money:
    value: float | None
    currency: str | None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "currency": self.currency}

    @classmethod
    def from_json(cls, doc: Any) -> Money:
        doc = _map(doc)
        return cls(_float(doc.get("value")), _str(doc.get("currency")))


@dataclass(frozen=True)
class Recommendation:
    """The proposed award: to whom, how many, for what amount, under which rule."""

    offer_id: int
    vendor: str
    model: str
    quantity: float | None
    contract_amount: Money
    contract_amount_base: Money
    evaluated_cost: Cost | None
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "vendor": self.vendor,
            "model": self.model,
            "quantity": self.quantity,
            "contract_amount": self.contract_amount.to_json(),
            "contract_amount_base": self.contract_amount_base.to_json(),
            "evaluated_cost": self.evaluated_cost.to_json() if self.evaluated_cost else None,
            "rule": self.rule,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Recommendation:
        cost = doc.get("evaluated_cost")
        return cls(
            int(doc["offer_id"]),
            str(doc.get("vendor") or ""),
            str(doc.get("model") or ""),
            _float(doc.get("quantity")),
            Money.from_json(doc.get("contract_amount")),
            Money.from_json(doc.get("contract_amount_base")),
            Cost.from_json(cost) if isinstance(cost, Mapping) else None,
            str(doc.get("rule") or ""),
        )


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    designation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "designation": self.designation}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Member:
        return cls(
            str(doc.get("name") or ""),
            str(doc.get("role") or ""),
            str(doc.get("designation") or ""),
        )


@dataclass(frozen=True)
class ExcludedOffer:
    """An offer left out of the evaluation: withdrawn, or returned unopened."""

    offer_id: int
    vendor: str
    model: str
    state: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "vendor": self.vendor,
            "model": self.model,
            "state": self.state,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ExcludedOffer:
        return cls(
            int(doc["offer_id"]),
            str(doc.get("vendor") or ""),
            str(doc.get("model") or ""),
            str(doc.get("state") or ""),
            str(doc.get("reason") or ""),
        )


SETUP_KEYS = ("tender_reference", "agency", "rules", "procedure", "bid_opening_date")


@dataclass(frozen=True)
class SetUp:
    """The tender data and committee of a workspace evaluation (docs/evaluation-rules.md,
    'Procedure and status')."""

    title: str | None = None
    tender_reference: str | None = None
    agency: str | None = None
    rules: str | None = None
    procedure: str | None = None
    bid_opening_date: str | None = None
    committee: tuple[Member, ...] = ()
    excluded_offers: tuple[ExcludedOffer, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "committee": [m.to_json() for m in self.committee],
            **{key: getattr(self, key) for key in SETUP_KEYS},
            "title": self.title,
            "excluded_offers": [o.to_json() for o in self.excluded_offers],
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> SetUp | None:
        keys = (*SETUP_KEYS, "title", "committee", "excluded_offers")
        if not any(k in doc for k in keys):
            return None
        return cls(
            title=_str(doc.get("title")),
            tender_reference=_str(doc.get("tender_reference")),
            agency=_str(doc.get("agency")),
            rules=_str(doc.get("rules")),
            procedure=_str(doc.get("procedure")),
            bid_opening_date=_str(doc.get("bid_opening_date")),
            committee=tuple(Member.from_json(m) for m in _list(doc.get("committee"))),
            excluded_offers=tuple(
                ExcludedOffer.from_json(o) for o in _list(doc.get("excluded_offers"))
            ),
        )


@dataclass(frozen=True)
class Approval:
    by: str | None
    at: str  # ISO date and time

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "at": self.at}


_RECORD_KEYS = (
    "version",
    "parent_id",
    "content_hash",
    "created_at",
    "approval",
    "audit_anchor",
    "bids",
    "need_document",
)


@dataclass(frozen=True)
class Record:
    """What the store knows of a stored evaluation beyond its result document."""

    version: int | None = None
    parent_id: int | None = None
    content_hash: str | None = None
    created_at: str | None = None
    approval: Approval | None = None
    audit_anchor: Mapping[str, Any] | None = None  # {"events": n, "head": hash}
    bids: Mapping[str, Any] = field(default_factory=dict)  # offer id -> bid opening record
    need_document: Mapping[str, Any] | None = None  # the need file as evaluated

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "parent_id": self.parent_id,
            "content_hash": self.content_hash,
            "created_at": self.created_at,
            "approval": self.approval.to_json() if self.approval else None,
            "audit_anchor": dict(self.audit_anchor) if self.audit_anchor is not None else None,
            "bids": dict(self.bids),
            "need_document": dict(self.need_document) if self.need_document is not None else None,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Record | None:
        if not any(k in doc for k in _RECORD_KEYS):
            return None
        approval = _map(doc.get("approval"))
        anchor, need = doc.get("audit_anchor"), doc.get("need_document")
        return cls(
            _int(doc.get("version")),
            _int(doc.get("parent_id")),
            _str(doc.get("content_hash")),
            _str(doc.get("created_at")),
            Approval(_str(approval.get("by")), str(approval.get("at") or "")) if approval else None,
            _map(anchor) if anchor is not None else None,
            _map(doc.get("bids")),
            _map(need) if need is not None else None,
        )


@dataclass(frozen=True)
class EvaluationResult:
    """An evaluation: the need's criteria, every offer as evaluated, gates, scores, ranks,
    figures with their inputs and reasons, sensitivity, assumptions, rates, set-up, approval.
    """

    need: str
    category: str
    method: str
    criteria: tuple[Criterion, ...]
    alternatives: tuple[Alternative, ...]
    evaluation_id: int | None = None
    normalisation: str | None = None
    base_currency: str = BASE_CURRENCY
    weighting: Weighting = Weighting("direct")
    sensitivity: Sensitivity | None = None
    exchange_rates: tuple[ExchangeRate, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    options: Settings = Settings()
    least_cost_basis: str | None = None
    quantity: float | None = None
    preliminary_rules: PreliminaryRules | None = None
    warnings: tuple[str, ...] = ()
    recommendation: Recommendation | None = None
    # False for results stored before the award rule was checked: no recommendation either
    # way, and the views say so.
    recommendation_checked: bool = True
    status: str | None = None
    setup: SetUp | None = None
    record: Record | None = None
    sealed: bool = False  # prices left out: a two-envelope evaluation, financial stage unopened

    @property
    def ranked(self) -> tuple[Alternative, ...]:
        return tuple(
            sorted(
                (a for a in self.alternatives if a.rank is not None),
                key=lambda a: (a.rank or 0, a.offer_id),
            )
        )

    @property
    def winner(self) -> Alternative | None:
        ranked = self.ranked
        return ranked[0] if ranked else None

    @property
    def procedure(self) -> str | None:
        return self.setup.procedure if self.setup else None

    @property
    def prices_sealed(self) -> bool:
        """True while the procedure keeps the financial envelopes closed (procure.procedure)."""
        return prices_sealed({"procedure": self.procedure, "status": self.status or "draft"})

    def alternative(self, offer_id: int) -> Alternative | None:
        return next((a for a in self.alternatives if a.offer_id == offer_id), None)

    def without_prices(self) -> EvaluationResult:
        """The result as a technical-stage reader may see it: no price, nothing derived from
        prices (cost, ranks, scores, the award, sensitivity, the read-out amounts)."""
        if self.sealed:
            return self
        record = self.record
        if record is not None:
            bids = {
                k: {n: v for n, v in _map(b).items() if n not in _SEALED_BID_KEYS}
                for k, b in record.bids.items()
            }
            record = replace(record, bids=bids)
        return replace(
            self,
            alternatives=tuple(a.without_prices() for a in self.alternatives),
            sensitivity=None,
            warnings=(),
            recommendation=None,
            record=record,
            sealed=True,
        )

    def to_json(self) -> dict[str, Any]:
        """The versioned document (`evaluate --json`; README.md, 'Evaluating')."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "evaluation_id": self.evaluation_id,
            "need": self.need,
            "category": self.category,
            "method": self.method,
            "normalisation": self.normalisation,
            "base_currency": self.base_currency,
            "weighting": self.weighting.to_json(),
            "criteria": [c.to_json() for c in self.criteria],
            "alternatives": [a.to_json() for a in self.alternatives],
            "sensitivity": self.sensitivity.to_json() if self.sensitivity else None,
            "exchange_rates": [r.to_json() for r in self.exchange_rates],
            "assumptions": [a.to_json() for a in self.assumptions],
            "requirements": [r.to_json() for r in self.requirements],
            "options": self.options.to_json(),
            "least_cost_basis": self.least_cost_basis,
            "quantity": self.quantity,
            "preliminary_rules": self.preliminary_rules.to_json()
            if self.preliminary_rules
            else None,
            "warnings": list(self.warnings),
        }
        if self.recommendation_checked:
            out["recommendation"] = self.recommendation.to_json() if self.recommendation else None
        if self.setup is not None:
            out |= self.setup.to_json()
        if self.status is not None:
            out["status"] = self.status
        if self.record is not None:
            out |= self.record.to_json()
        if self.sealed:
            out["sealed"] = True
        return out

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> EvaluationResult:
        """Read a result document: this version, or one stored before it (version 1)."""
        version = doc.get("schema_version", 1)
        if version not in (1, SCHEMA_VERSION):
            from procure.errors import ProcureError

            raise ProcureError(
                f"This evaluation was stored by a newer version of procure (result format "
                f"{version}). Update procure to open it."
            )
        sensitivity, rules, rec = (
            doc.get("sensitivity"),
            doc.get("preliminary_rules"),
            doc.get("recommendation"),
        )
        return cls(
            need=str(doc.get("need") or ""),
            category=str(doc.get("category") or ""),
            method=str(doc.get("method") or ""),
            criteria=tuple(Criterion.from_json(c) for c in _list(doc.get("criteria"))),
            alternatives=tuple(Alternative.from_json(a) for a in _list(doc.get("alternatives"))),
            evaluation_id=_int(doc.get("evaluation_id")),
            normalisation=_str(doc.get("normalisation")),
            base_currency=str(doc.get("base_currency") or BASE_CURRENCY),
            weighting=Weighting.from_json(_map(doc.get("weighting"))),
            sensitivity=Sensitivity.from_json(sensitivity)
            if isinstance(sensitivity, Mapping)
            else None,
            exchange_rates=tuple(
                ExchangeRate.from_json(r) for r in _list(doc.get("exchange_rates"))
            ),
            assumptions=tuple(Assumption.from_json(a) for a in _list(doc.get("assumptions"))),
            requirements=tuple(Requirement.from_json(r) for r in _list(doc.get("requirements"))),
            options=Settings.from_json(_map(doc.get("options"))),
            least_cost_basis=_str(doc.get("least_cost_basis")),
            quantity=_float(doc.get("quantity")),
            preliminary_rules=PreliminaryRules.from_json(rules)
            if isinstance(rules, Mapping)
            else None,
            warnings=tuple(str(w) for w in _list(doc.get("warnings"))),
            recommendation=Recommendation.from_json(rec) if isinstance(rec, Mapping) else None,
            recommendation_checked="recommendation" in doc,
            status=_str(doc.get("status")),
            setup=SetUp.from_json(doc),
            record=Record.from_json(doc),
            sealed=bool(doc.get("sealed")),
        )


def offer_names(alternatives: Iterable[Alternative]) -> dict[int, str]:
    """Offer id -> "Vendor — Model"."""
    return {a.offer_id: " — ".join(x for x in (a.vendor, a.model) if x) for a in alternatives}
