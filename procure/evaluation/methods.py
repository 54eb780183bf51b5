"""The scoring methods (docs/evaluation-rules.md, 'Methods'), one registry entry each.

An entry names the method for readers (label, the formula the reports print, the award rule)
and says how it is computed: its score function, its weight-sensitivity hook (None: the
method does not use the weights) and the workbook's formula builder (None: the workbook
shows the recorded scores). Needs validation, the command line's choices, the engine, the
labels and the reports read it: a new method is one new entry (`register`) plus its tests.

This module imports only the standard library, so that the window's first paint may read
the labels; the score functions load the numeric modules when they are first called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from procure.evaluation.result import Sensitivity
    from procure.evaluation.scoring import Scoring

ScoreFunction = Callable[["Scoring"], None]  # sets the responsive offers' scores and ranks
SensitivityHook = Callable[["Scoring"], "Sensitivity"]
CHOSEN = "chosen"  # normalisation: the evaluation's option (ratio or min–max)


@dataclass(frozen=True)
class Method:
    key: str
    label: str  # what a reader sees: "Weighted sum"
    description: str  # the formula, printed with the result
    award_rule: str  # the rule a recommendation rests on
    score: ScoreFunction
    sensitivity: SensitivityHook | None = None  # None: the weights are not used
    workbook: str | None = None  # a key of procure.exports.xlsx.SCORE_FORMULAS
    normalisation: str | None = None  # CHOSEN, a fixed one ("vector") or None
    summary: str = ""  # one plain sentence for a committee choosing the method

    @property
    def weighted(self) -> bool:
        """Uses the criteria weights (so a weight sensitivity can be computed)."""
        return self.sensitivity is not None


def _scoring(name: str) -> Callable[[Scoring], Any]:
    """The built-in score function or sensitivity hook `name` of procure.evaluation.scoring,
    which loads the numeric modules when it is first called, not when this one is read."""

    def call(s: Scoring) -> Any:
        from procure.evaluation import scoring

        return getattr(scoring, name)(s)

    return call


BUILT_IN: tuple[Method, ...] = (
    Method(
        "wsm",
        "Weighted sum",
        "Weighted sum model: ratio normalisation (higher-better x / max, lower-better "
        "min / x), score = 100 · Σ wⱼ rⱼ with Σ wⱼ = 1.",
        "Most advantageous bid: highest weighted score among the responsive bids",
        _scoring("wsm"),
        _scoring("wsm_sensitivity"),
        "wsm",
        CHOSEN,
        "Each criterion is scored against the best offer, weighted and added up to a "
        "score out of 100.",
    ),
    Method(
        "topsis",
        "Closeness to the ideal (TOPSIS)",
        "TOPSIS (Hwang & Yoon): vector normalisation rᵢⱼ = xᵢⱼ / √Σ xᵢⱼ², weighted vᵢⱼ = wⱼ rᵢⱼ, "
        "distances d⁺ to the ideal and d⁻ to the anti-ideal, closeness C = d⁻ / (d⁺ + d⁻), "
        "score = 100 · C.",
        "Most advantageous bid: closest to the ideal (TOPSIS) among the responsive bids",
        _scoring("topsis"),
        _scoring("topsis_sensitivity"),
        "topsis",
        "vector",
        "Offers are ranked by how close they come to the best value on every criterion "
        "and how far they stay from the worst.",
    ),
    Method(
        "qcbs",
        "Quality and cost based selection",
        "Quality and cost based selection: technical score T by weighted sum over the "
        "non-price criteria; offers below the minimum technical score are disqualified; "
        "financial score F = 100 · min(cost) / cost over the qualified; S = t·T + (1 − t)·F.",
        "Quality and cost based selection: highest combined score among the qualified bids",
        _scoring("qcbs"),
        _scoring("qcbs_sensitivity"),
        "qcbs",
        CHOSEN,
        "A technical score on the non-price criteria (an offer below the minimum is "
        "disqualified) is combined with a financial score from the evaluated cost.",
    ),
    Method(
        "least-cost",
        "Lowest evaluated cost",
        "Lowest evaluated cost: responsive offers ranked by evaluated cost in PKR (quantity × "
        "landed unit price, or the fleet life-cycle cost when the need says so); "
        "score = 100 · min(cost) / cost.",
        "Lowest evaluated bid (PPR 2004 r.2): the responsive bid with the lowest evaluated cost",
        _scoring("least_cost"),
        None,
        "least-cost",
        None,
        "The responsive offer that meets the need at the lowest evaluated cost ranks first.",
    ),
)
# The registry: key -> entry, in the order readers are offered the methods.
METHOD_BY_KEY: dict[str, Method] = {m.key: m for m in BUILT_IN}


def register(method: Method) -> None:
    """Add a method (a key already registered is refused: unregister it first)."""
    if method.key in METHOD_BY_KEY:
        raise ValueError(f"method {method.key!r} is registered already")
    METHOD_BY_KEY[method.key] = method


def unregister(key: str) -> None:
    if any(m.key == key for m in BUILT_IN):
        raise ValueError(f"method {key!r} is built in")
    METHOD_BY_KEY.pop(key, None)


def methods() -> tuple[Method, ...]:
    return tuple(METHOD_BY_KEY.values())


def method_keys() -> tuple[str, ...]:
    return tuple(METHOD_BY_KEY)


def get(key: str) -> Method:
    """The registered method `key` (KeyError names the registered ones)."""
    try:
        return METHOD_BY_KEY[key]
    except KeyError:
        raise KeyError(f"no method {key!r}: one of {', '.join(METHOD_BY_KEY)}") from None


def method_label(key: str) -> str:
    method = METHOD_BY_KEY.get(key)
    return method.label if method else key


def method_summary(key: str) -> str:
    method = METHOD_BY_KEY.get(key)
    return method.summary if method else ""
