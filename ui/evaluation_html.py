"""An evaluation result (the `evaluate --json` document) as HTML for the detail panel."""

from __future__ import annotations

from html import escape
from typing import Any

from procure.text import describe_stability, format_number

METHOD_NAMES = {
    "wsm": "weighted sum",
    "topsis": "TOPSIS",
    "qcbs": "quality and cost based selection",
    "least-cost": "lowest evaluated cost",
}


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


def _num(value: Any, decimals: int | None = None) -> str:
    return format_number(value, decimals=decimals) if isinstance(value, int | float) else "—"


def evaluation_html(result: dict[str, Any], technical: bool = False) -> str:
    """Ranking, non-responsive offers, weights, fleet and cost, sensitivity, assumptions.

    technical=True (two-envelope procedure before the financial opening): no price, nothing
    derived from prices, no ranking that depends on them.
    """
    if technical:
        return _technical_html(result)
    alternatives = result["alternatives"]
    names = {a["offer_id"]: f"{a['vendor']} — {a['model']}" for a in alternatives}
    parts = [
        f"<h2>Evaluation {result['evaluation_id']}: {escape(result['need'])}</h2>",
        f"<p>Method: {escape(METHOD_NAMES.get(result['method'], result['method']))}"
        + (
            f", {escape(str(result['normalisation']))} normalisation"
            if result.get("normalisation")
            else ""
        )
        + f"; weights {escape(result['weighting']['method'])}; money in "
        f"{escape(result['base_currency'])}. Status: {escape(result.get('status', ''))}."
        "</p>",
    ]
    warning = result["weighting"].get("warning")
    if warning:
        parts.append(f"<p style='color:#842029'>{escape(warning)}</p>")
    ranked = sorted((a for a in alternatives if a["rank"]), key=lambda a: a["rank"])
    parts.append("<h3>Ranking</h3>")
    if ranked:
        parts.append(
            _table(
                ["Rank", "Offer", "Score", "Units", "Life-cycle cost (PKR)"],
                [
                    [
                        str(a["rank"]),
                        escape(names[a["offer_id"]]),
                        f"{a['score']:.2f}",
                        _num(a["fleet"].get("units_required")),
                        _num(a["lcc"].get("npv_total_pkr"), 0),
                    ]
                    for a in ranked
                ],
                {0, 2, 3, 4},
            )
        )
    else:
        parts.append("<p>No offer could be ranked.</p>")
    fleet_rows = [
        ("units_required", "Units required", None),
        ("cycle_time_min", "Cycle (min)", 2),
        ("output_tph", "Output per unit (t/h)", 1),
        ("match_factor", "Match factor", 2),
        ("passes", "Loader passes", None),
        ("trips_per_day_per_unit", "Trips per day", None),
        ("energy_with_ac_kwh_per_km", "Energy with AC (kWh/km)", 2),
        ("range_gate", "Range check", None),
    ]
    shown = [
        (k, label, d)
        for k, label, d in fleet_rows
        if any(a["fleet"].get(k) is not None for a in ranked)
    ]
    if ranked and shown:
        parts.append("<h3>Fleet sizing</h3>")
        parts.append(
            _table(
                ["Offer", *[label for _, label, _ in shown]],
                [
                    [
                        escape(a["model"]),
                        *[
                            escape(str(a["fleet"][k]))
                            if isinstance(a["fleet"].get(k), str)
                            else _num(a["fleet"].get(k), d)
                            for k, _, d in shown
                        ],
                    ]
                    for a in ranked
                ],
                set(range(1, 1 + len(shown))),
            )
        )
    others = [a for a in alternatives if not a["rank"]]
    if others:
        parts.append("<h3>Not ranked</h3><ul>")
        for alt in others:
            reasons = [
                f"{g['requirement']}: {g['reason']}" for g in alt["gates"] if not g["passed"]
            ]
            reasons += [f for f in alt["flags"] if "disqualified" in f]
            parts.append(
                f"<li><b>{escape(names[alt['offer_id']])}</b>: {escape('; '.join(reasons))}</li>"
            )
        parts.append("</ul>")
    excluded = result.get("excluded_offers") or []
    if excluded:
        parts.append("<h3>Withdrawn or returned unopened</h3><ul>")
        parts += [
            f"<li><b>{escape(x['vendor'])} — {escape(x['model'])}</b>: "
            f"{escape(x['state'])} ({escape(x.get('reason') or '')})</li>"
            for x in excluded
        ]
        parts.append("</ul>")
    parts.append("<h3>Criteria and weights</h3>")
    parts.append(
        _table(
            ["Criterion", "Unit", "Weight", "Better"],
            [
                [
                    escape(c["label"]),
                    escape(c["unit"]),
                    f"{c['weight']:.1%}",
                    escape(c["direction"]),
                ]
                for c in result["criteria"]
            ],
            {2},
        )
    )
    sensitivity = result.get("sensitivity")
    if sensitivity:
        probability = sensitivity["simulation"]["first_rank_probability"]
        parts.append(
            f"<h3>Sensitivity</h3><p>Probability of ranking first when the weights "
            f"vary ({sensitivity['simulation']['draws']} draws, seed "
            f"{sensitivity['simulation']['seed']}): "
            + escape(
                ", ".join(
                    f"{names[int(k)]} {v:.1%}"
                    for k, v in sorted(probability.items(), key=lambda kv: -kv[1])
                    if v > 0
                )
            )
            + "</p>"
        )
        rows = []
        for s in sensitivity["weight_stability"]:
            change = describe_stability(s, names)
            label = next((c["label"] for c in result["criteria"] if c["key"] == s["key"]), None)
            rows.append([escape(label or s["key"]), f"{s['weight']:.1%}", escape(change)])
        parts.append(_table(["Criterion", "Weight", "First rank changes"], rows, {1}))
    parts.append("<h3>Assumptions</h3>")
    parts.append(
        _table(
            ["Parameter", "Value", "Date", "Source"],
            [
                [
                    escape(a.get("label") or a["key"]),
                    escape(f"{_num(a['value'])} {a['unit']}".strip()),
                    escape(a.get("date") or "—"),
                    escape(a.get("source") or ""),
                ]
                for a in result["assumptions"]
            ],
        )
    )
    rates = result.get("exchange_rates") or []
    if rates:
        parts.append(
            "<h3>Exchange rates</h3>"
            + _table(
                ["Currency", "PKR per unit", "Date", "Source"],
                [
                    [
                        escape(r["currency"]),
                        _num(r["rate"], 4),
                        escape(r.get("date") or "—"),
                        escape(r.get("source") or ""),
                    ]
                    for r in rates
                ],
                {1},
            )
        )
    return "".join(parts)


def _technical_html(result: dict[str, Any]) -> str:
    from procure.criteria import MONEY_CRITERIA

    names = {a["offer_id"]: f"{a['vendor']} — {a['model']}" for a in result["alternatives"]}
    parts = [
        f"<h2>Evaluation {result['evaluation_id']}: {escape(result['need'])}</h2>",
        "<p><b>Technical stage of a two-envelope procedure:</b> the financial envelopes "
        "are sealed; no price and nothing derived from prices is shown until the "
        "technical evaluation is approved and the financial opening is recorded.</p>",
        "<h3>Responsiveness</h3><ul>",
    ]
    for alt in result["alternatives"]:
        failed = [f"{g['requirement']}: {g['reason']}" for g in alt["gates"] if not g["passed"]]
        state = (
            "responsive"
            if alt["responsive"]
            else (
                "not responsive (financial envelope to be returned unopened): " + "; ".join(failed)
            )
        )
        parts.append(f"<li><b>{escape(names[alt['offer_id']])}</b>: {escape(state)}</li>")
    parts.append("</ul><h3>Technical criteria</h3>")
    criteria = [c for c in result["criteria"] if c["key"] not in MONEY_CRITERIA]
    responsive = [a for a in result["alternatives"] if a["responsive"]]
    parts.append(
        _table(
            ["Criterion", "Unit"] + [escape(a["model"]) for a in responsive],
            [
                [escape(c["label"]), escape(c["unit"])]
                + [_num(a["values"].get(c["key"])) for a in responsive]
                for c in criteria
            ],
            set(range(2, 2 + len(responsive))),
        )
    )
    return "".join(parts)
