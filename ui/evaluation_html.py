"""An evaluation result as HTML for the detail panel, rendered from the report model."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from procure import report_model
from procure.evaluation.result import EvaluationResult
from procure.report_model import ReportModel, fmt, heading
from procure.text import MISSING


def _table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right or set()
    head = "".join(
        f"<th align='{'right' if i in right else 'left'}'>{h}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{'right' if i in right else 'left'}'>{c}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def _warnings(model: ReportModel) -> str:
    return "".join(f"<p style='color:#842029'><b>{escape(w)}</b></p>" for w in model.warnings)


def evaluation_html(result: EvaluationResult | Mapping[str, Any], technical: bool = False) -> str:
    """Warnings and award, ranking, bids not ranked with the reasons, corrections, fleet and
    cost, criteria, sensitivity, assumptions.

    technical=True (two-envelope procedure before the financial opening): no price, nothing
    derived from prices, no ranking that depends on them.
    """
    model = report_model.build(result, technical=technical)
    if technical:
        return _technical_html(model)
    evaluation = model.evaluation
    weighting = evaluation.weighting
    parts = [
        f"<h2>Evaluation {model.evaluation_id}: {escape(model.need)}</h2>",
        f"<p>Method: {escape(model.method_label)}"
        + (
            f", {escape(evaluation.normalisation)} normalisation"
            if evaluation.normalisation
            else ""
        )
        + (f"; least cost on {escape(model.basis_label)}" if model.method == "least-cost" else "")
        + f"; weights {escape(weighting.method)}; money in "
        f"{escape(evaluation.base_currency)}. Status: "
        f"{escape(model.status)}.</p>",
        _warnings(model),
    ]
    if weighting.warning:
        parts.append(f"<p style='color:#842029'>{escape(weighting.warning)}</p>")
    if model.award_text:
        parts.append(f"<p><b>Proposed award:</b> {escape(model.award_text)}</p>")
    parts.append("<h3>Ranking</h3>")
    if model.ranked:
        parts.append(
            _table(
                [
                    "Rank",
                    "Bid",
                    "Offer",
                    "Score",
                    "Units",
                    "Evaluated cost (PKR)",
                    "Life-cycle cost (PKR)",
                ],
                [
                    [
                        str(o.rank),
                        o.bid,
                        escape(o.label),
                        fmt(o.score, "score 0–10"),
                        fmt(o.cost.quantity if o.cost else None, "units"),
                        fmt(o.cost.total if o.cost else None, "PKR"),
                        fmt(o.cost.lcc_total if o.cost else None, "PKR"),
                    ]
                    for o in model.ranked
                ],
                {0, 3, 4, 5, 6},
            )
        )
    else:
        parts.append("<p>No offer is ranked.</p>")
    parts.append(_fleet(model))
    if model.excluded:
        parts.append("<h3>Not ranked</h3><ul>")
        parts += [
            f"<li><b>{o.bid} {escape(o.label)}</b>: {escape(o.status)}; "
            f"{escape('; '.join(o.reasons) or 'no reason recorded')}</li>"
            for o in model.by_bid
            if o.rank is None
        ]
        parts.append("</ul>")
    corrections = [o for o in model.by_bid if o.arithmetic]
    if corrections:
        parts.append("<h3>Arithmetic corrections</h3><ul>")
        parts += [
            f"<li><b>{o.bid} {escape(o.label)}</b>: {escape(o.arithmetic or '')}</li>"
            for o in corrections
        ]
        parts.append("</ul>")
    excluded = evaluation.setup.excluded_offers if evaluation.setup else ()
    if excluded:
        parts.append("<h3>Withdrawn or returned unopened</h3><ul>")
        parts += [
            f"<li><b>{escape(x.vendor)} — {escape(x.model)}</b>: "
            f"{escape(x.state)} ({escape(x.reason)})</li>"
            for x in excluded
        ]
        parts.append("</ul>")
    parts.append(_criteria(model))
    parts.append(_sensitivity(model))
    parts.append(_assumptions(evaluation))
    return "".join(parts)


_FLEET_KEYS = (
    "units_required",
    "cycle_time_min",
    "output_tph",
    "match_factor",
    "passes",
    "trips_per_day_per_unit",
    "energy_with_ac_kwh_per_km",
    "range_gate",
)


def _fleet(model: ReportModel) -> str:
    ranked = model.ranked
    shown = [k for k in _FLEET_KEYS if any(o.alternative.fleet.get(k) is not None for o in ranked)]
    if not ranked or not shown:
        return ""
    labels = [report_model.figure_label(k) for k in shown]
    return "<h3>Fleet sizing</h3>" + _table(
        ["Offer", *[escape(heading(label, unit)) for label, unit in labels]],
        [
            [
                f"{o.bid} {escape(o.label)}",
                *[
                    escape(fmt(o.alternative.fleet.get(k), unit))
                    for k, (_, unit) in zip(shown, labels, strict=True)
                ],
            ]
            for o in ranked
        ],
        set(range(1, 1 + len(shown))),
    )


def _criteria(model: ReportModel) -> str:
    note = f"<p>{escape(model.weights_note)}</p>" if model.weights_note else ""
    return (
        "<h3>Criteria and weights</h3>"
        + note
        + _table(
            ["Criterion", "Unit", "Weight", "Better"],
            [
                [escape(c.label), escape(c.unit), f"{c.weight:.1%}", escape(c.direction)]
                for c in model.criteria
            ],
            {2},
        )
    )


def _sensitivity(model: ReportModel) -> str:
    sensitivity = model.evaluation.sensitivity
    if not sensitivity or not model.ranked:
        return ""
    probability = sensitivity.first_rank_probability
    text = (
        f"<h3>Sensitivity</h3><p>Probability of ranking first when the weights vary "
        f"({sensitivity.draws} draws, seed {sensitivity.seed}), ranked offers only: "
        + escape(
            ", ".join(
                f"{model.label(k)} {v:.1%}"
                for k, v in sorted(probability.items(), key=lambda kv: -kv[1])
                if v > 0
            )
        )
        + "</p>"
    )
    labels = {c.key: c.label for c in model.criteria}
    rows = [
        [
            escape(labels.get(s.key, s.key)),
            f"{s.weight:.1%}",
            escape(model.stability_text(s)),
        ]
        for s in sensitivity.stability
    ]
    return text + _table(["Criterion", "Weight", "First rank changes"], rows, {1})


def _assumptions(result: EvaluationResult) -> str:
    text = "<h3>Assumptions</h3>" + _table(
        ["Parameter", "Value", "Date", "Source"],
        [
            [
                escape(a.label or a.key),
                escape(fmt(a.value, a.unit, with_unit=True)),
                escape(a.date or MISSING),
                escape(a.source),
            ]
            for a in result.assumptions
        ],
    )
    rates = result.exchange_rates
    if rates:
        text += "<h3>Exchange rates</h3>" + _table(
            ["Currency", "PKR per unit", "Date", "Source"],
            [
                [
                    escape(r.currency),
                    escape(str(r.rate)),
                    escape(r.date or MISSING),
                    escape(r.source),
                ]
                for r in rates
            ],
            {1},
        )
    return text


def _technical_html(model: ReportModel) -> str:
    parts = [
        f"<h2>Evaluation {model.evaluation_id}: {escape(model.need)}</h2>",
        "<p><b>Technical stage of a two-envelope procedure:</b> the financial envelopes "
        "are sealed; no price and nothing derived from prices is shown until the "
        "technical evaluation is approved and the financial opening is recorded.</p>",
        "<h3>Responsiveness</h3><ul>",
    ]
    for o in model.by_bid:
        state = (
            "responsive"
            if o.responsive
            else "not responsive (financial envelope to be returned unopened): "
            + "; ".join(o.reasons)
        )
        parts.append(f"<li><b>{o.bid} {escape(o.label)}</b>: {escape(state)}</li>")
    parts.append("</ul><h3>Technical criteria</h3>")
    responsive = [o for o in model.by_bid if o.responsive]
    parts.append(
        _table(
            ["Criterion", "Unit"] + [f"{o.bid} {escape(o.label)}" for o in responsive],
            [
                [escape(c.label), escape(c.unit)]
                + [fmt(o.alternative.values.get(c.key), c.unit) for o in responsive]
                for c in model.criteria
            ],
            set(range(2, 2 + len(responsive))),
        )
    )
    return "".join(parts)
