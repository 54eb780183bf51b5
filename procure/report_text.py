"""The CLI's plain-text view of an evaluation, rendered from the report model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from procure.evaluation.result import EvaluationResult
from procure.report_model import build, fmt


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n"
        for row in rows
    )


def evaluation_text(result: EvaluationResult | Mapping[str, Any]) -> str:
    """Ranking, exclusions with reasons, corrections, warnings, the award and sensitivity."""
    model = build(result)
    weighting = model.evaluation.weighting
    lines = [
        f"Evaluation {model.evaluation_id}: {model.need} — {model.method_label}"
        + (f", least cost on {model.basis_label}" if model.method == "least-cost" else "")
        + f", weights {weighting.method}",
    ]
    if weighting.warning:
        lines.append(f"Warning: {weighting.warning}")
    if model.weights_note:
        lines.append(model.weights_note)
    else:
        lines.append(
            "Criteria: "
            + "; ".join(f"{c.label} {c.weight:.1%} ({c.direction})" for c in model.criteria)
        )
    text = "\n".join(lines) + "\n\n"
    rows = [("RANK", "SCORE", "BID", "OFFER", "UNITS", "EVALUATED COST (PKR)")]
    for offer in model.ranked:
        cost = offer.cost
        rows.append(
            (
                str(offer.rank),
                fmt(offer.score, "score 0–10"),
                offer.bid,
                offer.label,
                fmt(cost.quantity if cost else None, "units"),
                fmt(cost.total if cost else None, "PKR"),
            )
        )
    text += _table(rows) if len(rows) > 1 else "No offer is ranked.\n"
    if model.excluded:
        text += "\nNot ranked:\n" + "".join(
            f"  {o.bid} {o.label}: {o.status}; {'; '.join(o.reasons) or 'no reason recorded'}\n"
            for o in model.by_bid
            if o.rank is None
        )
    corrections = [o for o in model.by_bid if o.arithmetic]
    if corrections:
        text += "\nArithmetic corrections:\n" + "".join(
            f"  {o.bid} {o.label}: {o.arithmetic}\n" for o in corrections
        )
    text += "\n" + "".join(f"Warning: {w}\n" for w in model.warnings)
    if model.award_text:
        text += f"Recommendation: {model.award_text}\n"
    sensitivity = model.evaluation.sensitivity
    if sensitivity and model.ranked:
        shares = sorted(sensitivity.first_rank_probability.items(), key=lambda kv: -kv[1])
        text += (
            f"\nProbability of ranking first (weights varied, {sensitivity.draws} draws): "
            + ", ".join(f"{model.label(k)} {p:.0%}" for k, p in shares if p > 0)
            + "\n"
        )
    return text
