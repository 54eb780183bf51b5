"""The scoring methods: one entry each, read by the engine's award rule, the report model's
labels and the reports' method descriptions (docs/evaluation-rules.md, 'Methods')."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Method:
    key: str
    label: str  # what a reader sees: "Weighted sum"
    description: str  # the formula, printed with the result
    award_rule: str  # the rule a recommendation rests on
    weighted: bool  # uses the criteria weights (so it has a weight sensitivity)


METHODS: tuple[Method, ...] = (
    Method(
        "wsm",
        "Weighted sum",
        "Weighted sum model: ratio normalisation (higher-better x / max, lower-better "
        "min / x), score = 100 · Σ wⱼ rⱼ with Σ wⱼ = 1.",
        "Most advantageous bid: highest weighted score among the responsive bids",
        True,
    ),
    Method(
        "topsis",
        "TOPSIS",
        "TOPSIS (Hwang & Yoon): vector normalisation rᵢⱼ = xᵢⱼ / √Σ xᵢⱼ², weighted vᵢⱼ = wⱼ rᵢⱼ, "
        "distances d⁺ to the ideal and d⁻ to the anti-ideal, closeness C = d⁻ / (d⁺ + d⁻), "
        "score = 100 · C.",
        "Most advantageous bid: closest to the ideal (TOPSIS) among the responsive bids",
        True,
    ),
    Method(
        "qcbs",
        "Quality and cost based selection",
        "Quality and cost based selection: technical score T by weighted sum over the "
        "non-price criteria; offers below the minimum technical score are disqualified; "
        "financial score F = 100 · min(cost) / cost over the qualified; S = t·T + (1 − t)·F.",
        "Quality and cost based selection: highest combined score among the qualified bids",
        True,
    ),
    Method(
        "least-cost",
        "Lowest evaluated cost",
        "Lowest evaluated cost: responsive offers ranked by evaluated cost in PKR (quantity × "
        "landed unit price, or the fleet life-cycle cost when the need says so); "
        "score = 100 · min(cost) / cost.",
        "Lowest evaluated bid (PPR 2004 r.2): the responsive bid with the lowest evaluated cost",
        False,
    ),
)
METHOD_BY_KEY: dict[str, Method] = {m.key: m for m in METHODS}


def method_label(key: str) -> str:
    method = METHOD_BY_KEY.get(key)
    return method.label if method else key
