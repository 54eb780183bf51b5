"""The PDF evaluation report (reportlab): what the committee signs and publishes.

Data in (a stored evaluation result, DESIGN.md §9), path out. Every number is printed with
its unit; the method, weights, exchange rates and assumptions are printed with the result;
each page carries the evaluation's identity, its content hash and "Page x of y"; a DRAFT
watermark stands on every page until the evaluation is approved.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from procure.criteria import MONEY_CRITERIA
from procure.errors import ProcureError
from procure.paths import RESOURCES
from procure.text import CHART_COLOURS, describe_stability, format_number, lcc_series

FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
OFFERS_PER_TABLE = 6  # wide comparisons are split into column groups of this many offers
ACCENT = "#1f4e79"
PASS_FILL, FAIL_FILL = "#d1e7dd", "#f8d7da"
METHODS = {
    "wsm": "Weighted sum model: ratio normalisation (higher-better x / max, lower-better "
    "min / x), score = 100 · Σ wⱼ rⱼ with Σ wⱼ = 1.",
    "topsis": "TOPSIS (Hwang & Yoon): vector normalisation rᵢⱼ = xᵢⱼ / √Σ xᵢⱼ², weighted, "
    "distances to the ideal and anti-ideal, closeness C = d⁻ / (d⁺ + d⁻), "
    "score = 100 · C.",
    "qcbs": "Quality and cost based selection: technical score T by weighted sum over the "
    "non-price criteria; offers below the minimum technical score are disqualified; "
    "financial score F = 100 · min(cost) / cost over the qualified; S = t·T + (1 − t)·F.",
    "least-cost": "Lowest evaluated cost: responsive offers ranked by evaluated cost in the "
    "base currency; score = 100 · min(cost) / cost.",
}
MODELS = (
    "Landed price: price in PKR at the recorded exchange rate, plus the freight and insurance "
    "allowance by Incoterm (E and F terms 100 %, CFR/CPT 20 %, C and D terms with insurance 0 % "
    "of the allowance), plus duties and taxes (none for DDP).",
    "Haulage (Caterpillar Performance Handbook method, simplified): passes "
    "n = ⌈payload / (B·k·ρ)⌉; load time = n·tc; travel speed v = η·P / (m·g·(grade + RR)/100) "
    "capped by the machine's and the site's limits; cycle = spot + load + haul + dump + "
    "return; output = payload · 60 / cycle · E; units N = ⌈P / (output · A)⌉; match factor "
    "= N · load / (loaders · cycle).",
    "Excavators: output = B·k·ρ·3600 / tc · E; units = ⌈P / (output · A)⌉.",
    "Road trucks: trip = 2 · route / speed + load and unload; trips per day, tonnes per "
    "truck-day, units = ⌈daily tonnage / (tonnes per truck-day · A)⌉.",
    "Electric buses: energy per km with the air-conditioning uplift; range check range / "
    "uplift ≥ daily km · (1 + reserve); units from passengers per day; CO₂ from the grid "
    "factor, compared with a diesel bus.",
    "Life-cycle cost: fleet landed price at year 0, yearly energy, maintenance and operators, "
    "battery replacement for buses, less the residual value at the end of life, all "
    "discounted at the evaluation's rate; levelised cost per tonne, tonne-km, km or "
    "passenger-km = NPV / discounted output.",
)


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = RESOURCES / "fonts"
    # A Unicode TrueType font, embedded, so that Cyrillic model names and ≥, ³, ₂ print.
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def _num(value: Any, decimals: int | None = None, unit: str = "") -> str:
    if not isinstance(value, int | float):
        return "—"
    text = format_number(value, decimals=decimals)
    return f"{text} {unit}".strip()


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7.5, leading=9.5)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=7.5, leading=9)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=FONT_BOLD)
        self.h1 = ParagraphStyle(
            "h1",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=25,
            textColor=ACCENT,
            spaceAfter=10,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=6,
        )
        self.h3 = ParagraphStyle(
            "h3",
            parent=self.body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=3,
        )
        self.warning = ParagraphStyle(
            "warn", parent=self.body, textColor="#842029", fontName=FONT_BOLD
        )


class _Report:
    """Builds the flowables of the report from the result document."""

    def __init__(self, result: Mapping[str, Any], technical: bool = False) -> None:
        self.r = result
        # Two-envelope procedure, technical stage: prices and everything derived from them
        # stay sealed, so the report shows the technical criteria only.
        self.technical = technical
        self.s = _Styles()
        self.alts: list[dict[str, Any]] = sorted(
            result["alternatives"], key=lambda a: (a["rank"] is None, a["rank"] or 0, a["offer_id"])
        )
        self.names = {a["offer_id"]: f"{a['vendor']} — {a['model']}" for a in self.alts}
        self.short = {a["offer_id"]: a["model"] for a in self.alts}
        self.sample = any(a.get("sample") for a in self.alts)
        self.story: list[Any] = []

    # -- helpers ---------------------------------------------------------------------------

    def p(self, text: str, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, style or self.s.body)

    def cell(self, text: str, bold: bool = False) -> Any:
        return self.p(text, self.s.cell_bold if bold else self.s.cell)

    def table(
        self,
        rows: list[list[Any]],
        widths: Sequence[float] | None = None,
        extra: Sequence[tuple[Any, ...]] = (),
        header_rows: int = 1,
    ) -> Any:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        table = Table(rows, colWidths=widths, repeatRows=header_rows)
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, 7.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b7c3")),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8eef6")),
            (
                "ROWBACKGROUNDS",
                (0, header_rows),
                (-1, -1),
                [colors.white, colors.HexColor("#f6f8fb")],
            ),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        table.setStyle(TableStyle(style + list(extra)))
        return table

    def groups(self, alts: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        return [
            list(alts[i : i + OFFERS_PER_TABLE]) for i in range(0, len(alts), OFFERS_PER_TABLE)
        ] or [[]]

    # -- sections --------------------------------------------------------------------------

    def cover(self) -> None:
        from reportlab.platypus import PageBreak, Spacer

        r = self.r
        self.story += [
            Spacer(1, 60),
            self.p(
                "Technical evaluation report" if self.technical else "Evaluation report", self.s.h1
            ),
            self.p(escape(r["need"]), self.s.h2),
            Spacer(1, 12),
        ]
        rows = [
            ["Procuring agency", r.get("agency") or "—"],
            ["Tender reference", r.get("tender_reference") or "—"],
            ["Evaluation", str(r["evaluation_id"])],
            ["Date", (r.get("created_at") or "")[:10] or "—"],
            ["Status", r.get("status", "draft")],
            ["Method", METHODS.get(r["method"], r["method"])],
            ["Base currency", r["base_currency"]],
            ["Content hash", r.get("content_hash") or "—"],
        ]
        self.story.append(
            self.table(
                [[self.cell(k, True), self.cell(escape(str(v)))] for k, v in rows],
                [130, 560],
                header_rows=0,
            )
        )
        if self.sample:
            self.story += [
                Spacer(1, 14),
                self.p(
                    "Illustrative sample data: the offers, prices and several specifications in "
                    "this report come from the bundled sample catalogue and are not real "
                    "quotations.",
                    self.s.warning,
                ),
            ]
        self.story.append(PageBreak())

    def summary(self) -> None:
        ranked = [a for a in self.alts if a["rank"]]
        self.story.append(self.p("1. Summary and recommendation", self.s.h2))
        total, responsive = len(self.alts), sum(1 for a in self.alts if a["responsive"])
        text = (
            f"{total} offers were evaluated against the need; {responsive} met every "
            f"mandatory requirement and {len(ranked)} were ranked."
        )
        self.story.append(self.p(escape(text)))
        if self.technical:
            self._technical_summary()
            return
        if ranked:
            best = ranked[0]
            lcc = best["lcc"].get("npv_total_pkr")
            units = best["fleet"].get("units_required")
            self.story.append(
                self.p(
                    f"<b>Recommended: {escape(self.names[best['offer_id']])}</b>, ranked first "
                    f"with a score of {best['score']:.2f} out of 100"
                    + (f"; {_num(units)} units meet the need" if units is not None else "")
                    + (f"; fleet life-cycle cost {_num(lcc, 0, 'PKR')}" if lcc is not None else "")
                    + "."
                )
            )
        else:
            self.story.append(
                self.p(
                    "No offer could be ranked: see the responsiveness matrix "
                    "and the scoring table for the reasons.",
                    self.s.warning,
                )
            )
        rows = [
            [
                self.cell(h, True)
                for h in ("Rank", "Offer", "Score", "Responsive", "Units", "Life-cycle cost (PKR)")
            ]
        ]
        for a in self.alts:
            rows.append(
                [
                    self.cell(str(a["rank"] or "—")),
                    self.cell(escape(self.names[a["offer_id"]])),
                    self.cell("—" if a["score"] is None else f"{a['score']:.2f}"),
                    self.cell("yes" if a["responsive"] else "no"),
                    self.cell(_num(a["fleet"].get("units_required"))),
                    self.cell(_num(a["lcc"].get("npv_total_pkr"), 0)),
                ]
            )
        self.story.append(self.table(rows, [35, 360, 55, 65, 45, 120]))
        for excluded in self.r.get("excluded_offers") or []:
            self.story.append(
                self.p(
                    escape(
                        f"{excluded['vendor']} — {excluded['model']}: {excluded['state']} "
                        f"({excluded.get('reason') or 'no reason recorded'})."
                    ),
                    self.s.small,
                )
            )
        warning = self.r["weighting"].get("warning")
        if warning:
            self.story.append(self.p(escape(warning), self.s.warning))

    def _technical_summary(self) -> None:
        self.story.append(
            self.p(
                "Two-envelope procedure, technical stage: the financial envelopes are sealed; this "
                "report states no price and nothing derived from prices. Offers found not "
                "responsive have their financial envelope returned unopened."
            )
        )
        rows = [[self.cell(h, True) for h in ("Offer", "Responsive", "Units")]]
        rows += [
            [
                self.cell(escape(self.names[a["offer_id"]])),
                self.cell(
                    "yes" if a["responsive"] else "no — financial envelope returned unopened"
                ),
                self.cell(_num(a["fleet"].get("units_required"))),
            ]
            for a in self.alts
        ]
        self.story.append(self.table(rows, [420, 220, 60]))

    def responsiveness(self) -> None:
        from reportlab.lib import colors

        self.story.append(self.p("2. Responsiveness: mandatory requirements", self.s.h2))
        for group in self.groups(self.alts):
            header = [self.cell("Requirement", True)] + [
                self.cell(escape(self.short[a["offer_id"]]), True) for a in group
            ]
            rows, style = [header], []
            requirements = [g["requirement"] for g in (group[0]["gates"] if group else [])]
            for i, requirement in enumerate(requirements, start=1):
                row = [self.cell(escape(requirement))]
                for j, alt in enumerate(group, start=1):
                    gate = next((g for g in alt["gates"] if g["requirement"] == requirement), None)
                    if gate is None:
                        row.append(self.cell("—"))
                        continue
                    word = "Pass" if gate["passed"] else "FAIL"
                    row.append(self.cell(f"<b>{word}</b>: {escape(gate['reason'])}"))
                    style.append(
                        (
                            "BACKGROUND",
                            (j, i),
                            (j, i),
                            colors.HexColor(PASS_FILL if gate["passed"] else FAIL_FILL),
                        )
                    )
                rows.append(row)
            rows.append(
                [self.cell("Responsive", True)]
                + [self.cell("yes" if a["responsive"] else "<b>no</b>") for a in group]
            )
            width = 180
            self.story.append(
                self.table(rows, [width] + [(760 - width) / max(len(group), 1)] * len(group), style)
            )

    def scoring(self) -> None:
        r = self.r
        self.story.append(self.p("3. Scoring", self.s.h2))
        method = METHODS.get(r["method"], r["method"])
        weighting = r["weighting"]
        how = f"{method} Normalisation: {r.get('normalisation') or '—'}. Weights: "
        if weighting["method"] == "ahp":
            how += (
                f"derived by AHP (λmax = {weighting['lambda_max']:.3f}, CI = "
                f"{weighting['ci']:.3f}, CR = "
                f"{'n/a' if weighting['cr'] is None else format(weighting['cr'], '.3f')})."
            )
        else:
            how += "entered directly and normalised to sum 1."
        self.story.append(self.p(escape(how)))
        ranked = [a for a in self.alts if a["rank"] is not None or a["responsive"]]
        for group in self.groups(ranked):
            header = [self.cell(h, True) for h in ("Criterion", "Unit", "Weight", "Better")]
            header += [self.cell(escape(self.short[a["offer_id"]]), True) for a in group]
            rows = [header]
            for c in self.criteria():
                row = [
                    self.cell(escape(c["label"])),
                    self.cell(escape(c["unit"])),
                    self.cell(f"{c['weight']:.1%}"),
                    self.cell(c["direction"]),
                ]
                for a in group:
                    value = a["values"].get(c["key"])
                    norm = a["normalised"].get(c["key"])
                    contribution = a["contributions"].get(c["key"])
                    text = _num(value)
                    if norm is not None:
                        text += f"<br/><font size='6.5' color='#555555'>r = {norm:.3f}"
                        if contribution is not None and r["method"] != "topsis":
                            text += f" · {contribution:.2f} pts"
                        text += "</font>"
                    if value is None:
                        reason = a["missing"].get(c["key"], "missing")
                        text = f"— <font size='6.5' color='#842029'>{escape(reason)}</font>"
                    row.append(self.cell(text))
                rows.append(row)
            if self.technical:
                self.story.append(self.table(rows, self.score_widths(len(group))))
                continue
            if r["method"] == "qcbs":
                rows.append(
                    [self.cell("Technical score T", True), "", "", ""]
                    + [self.cell(_num(a.get("technical_score"), 2)) for a in group]
                )
                rows.append(
                    [self.cell("Financial score F", True), "", "", ""]
                    + [self.cell(_num(a.get("financial_score"), 2)) for a in group]
                )
            rows.append(
                [self.cell("Score (0–100)", True), "", "", ""]
                + [
                    self.cell("<b>" + ("—" if a["score"] is None else f"{a['score']:.2f}") + "</b>")
                    for a in group
                ]
            )
            rows.append(
                [self.cell("Rank", True), "", "", ""]
                + [self.cell(f"<b>{a['rank'] or '—'}</b>") for a in group]
            )
            fixed = [150, 70, 45, 40]
            self.story.append(
                self.table(rows, fixed + [(760 - sum(fixed)) / max(len(group), 1)] * len(group))
            )

    def criteria(self) -> list[dict[str, Any]]:
        return [
            c for c in self.r["criteria"] if not (self.technical and c["key"] in MONEY_CRITERIA)
        ]

    @staticmethod
    def score_widths(offers: int) -> list[float]:
        fixed = [150.0, 70.0, 45.0, 40.0]
        return fixed + [(760 - sum(fixed)) / max(offers, 1)] * offers

    def charts(self) -> None:
        from reportlab.platypus import CondPageBreak, KeepTogether

        if self.technical:
            return

        ranked = [a for a in self.alts if a["rank"]]
        if not ranked:
            return
        self.story += [CondPageBreak(260), self.p("4. Charts", self.s.h2)]
        keys = [c["key"] for c in self.r["criteria"]]
        labels = [c["label"] for c in self.r["criteria"]]
        if self.r["method"] in ("wsm", "qcbs"):
            data = [[a["contributions"].get(k, 0.0) for a in ranked] for k in keys]
            self.story.append(
                KeepTogether(
                    [
                        self.p("Weighted contributions to each ranked offer's score", self.s.h3),
                        _stacked_bars(
                            [self.short[a["offer_id"]] for a in ranked], data, labels, "points"
                        ),
                    ]
                )
            )
        labels_lcc, data_lcc = lcc_series(ranked)
        if labels_lcc:
            self.story.append(
                KeepTogether(
                    [
                        self.p(
                            "Life-cycle cost breakdown (present values, million PKR)", self.s.h3
                        ),
                        _stacked_bars(
                            [self.short[a["offer_id"]] for a in ranked],
                            data_lcc,
                            labels_lcc,
                            "million PKR",
                        ),
                    ]
                )
            )
        sensitivity = self.r.get("sensitivity")
        if sensitivity:
            probability = sensitivity["simulation"]["first_rank_probability"]
            self.story.append(
                KeepTogether(
                    [
                        self.p("Probability of ranking first when the weights vary", self.s.h3),
                        _stacked_bars(
                            [self.short[a["offer_id"]] for a in ranked],
                            [[100 * probability.get(str(a["offer_id"]), 0.0) for a in ranked]],
                            ["probability"],
                            "%",
                        ),
                    ]
                )
            )

    def fleet(self) -> None:
        ranked = [a for a in self.alts if a["responsive"]]
        if not ranked:
            return
        self.story.append(self.p("5. Fleet sizing and life-cycle cost", self.s.h2))
        fleet_keys = [
            k
            for k in ranked[0]["fleet"]
            if k not in ("model", "notes")
            and any(isinstance(a["fleet"].get(k), int | float | str) for a in ranked)
        ]
        lcc_keys = (
            []
            if self.technical
            else [
                k
                for k in ranked[0]["lcc"]
                if k not in ("currency", "notes")
                and any(isinstance(a["lcc"].get(k), int | float) for a in ranked)
            ]
        )
        for group in self.groups(ranked):
            header = [self.cell("Figure", True)] + [
                self.cell(escape(self.short[a["offer_id"]]), True) for a in group
            ]
            rows = [header]
            for key in fleet_keys + lcc_keys:
                source = "fleet" if key in fleet_keys else "lcc"
                row = [self.cell(escape(_figure_label(key)))]
                for a in group:
                    value = a[source].get(key)
                    row.append(
                        self.cell(
                            escape(value)
                            if isinstance(value, str)
                            else _num(value, 0 if "pkr" in key else None)
                        )
                    )
                rows.append(row)
            self.story.append(self.table(rows, [200] + [560 / max(len(group), 1)] * len(group)))
        notes = {a["offer_id"]: a["fleet"].get("notes") for a in ranked if a["fleet"].get("notes")}
        for offer_id, note in notes.items():
            self.story.append(
                self.p(f"<i>{escape(self.short[offer_id])}:</i> {escape(note)}", self.s.small)
            )

    def sensitivity(self) -> None:
        sensitivity = self.r.get("sensitivity")
        if not sensitivity or self.technical:
            return
        self.story.append(self.p("6. Sensitivity of the ranking", self.s.h2))
        simulation = sensitivity["simulation"]
        self.story.append(
            self.p(
                escape(
                    f"Weights drawn {simulation['draws']} times from a Dirichlet distribution "
                    "centred on the chosen weights (concentration "
                    f"{simulation['concentration']:g}, seed {simulation['seed']}); for each "
                    "criterion, the weight at which another offer would rank first, the other "
                    "weights rescaled in proportion."
                )
            )
        )
        rows = [[self.cell(h, True) for h in ("Criterion", "Weight", "First rank changes")]]
        labels = {c["key"]: c["label"] for c in self.r["criteria"]}
        for s in sensitivity["weight_stability"]:
            change = describe_stability(s, self.names)
            rows.append(
                [
                    self.cell(escape(labels.get(s["key"], s["key"]))),
                    self.cell(f"{s['weight']:.1%}"),
                    self.cell(escape(change)),
                ]
            )
        self.story.append(self.table(rows, [200, 60, 500]))

    def members(self) -> None:
        self.story.append(self.p("7. Members' scores", self.s.h2))
        judged = [c for c in self.r["criteria"] if c.get("kind") == "judged"]
        rows = [[self.cell(h, True) for h in ("Offer", "Criterion", "Scores", "Mean", "Spread")]]
        for a in self.alts:
            for c in judged:
                j = a.get("judged", {}).get(c["key"])
                if not j or not j["scores"]:
                    continue
                scores = ", ".join(f"{escape(m)} {v:g}" for m, v in j["scores"].items())
                spread = f"{j['spread']:g}" + (" — disagreement" if j["disagreement"] else "")
                rows.append(
                    [
                        self.cell(escape(self.names[a["offer_id"]])),
                        self.cell(escape(c["label"])),
                        self.cell(scores),
                        self.cell(_num(j["mean"], 2)),
                        self.cell(spread),
                    ]
                )
        if len(rows) == 1:
            names = ", ".join(c["label"] for c in judged) or "none"
            self.story.append(
                self.p(
                    escape(
                        f"No member scores are recorded for the judged criteria ({names}); "
                        "they count as missing values."
                    )
                )
            )
        else:
            self.story.append(self.table(rows, [260, 140, 220, 50, 90]))

    def assumptions(self) -> None:
        from reportlab.platypus import PageBreak

        self.story += [PageBreak(), self.p("Appendix A. Assumptions and exchange rates", self.s.h2)]
        rows = [[self.cell(h, True) for h in ("Parameter", "Value", "Date", "Source")]]
        for a in self.r["assumptions"]:
            rows.append(
                [
                    self.cell(escape(a.get("label") or a["key"])),
                    self.cell(escape(_num(a["value"], unit=a.get("unit") or ""))),
                    self.cell(escape(a.get("date") or "—")),
                    self.cell(escape(a.get("source") or "")),
                ]
            )
        self.story.append(self.table(rows, [190, 110, 70, 390]))
        rates = self.r.get("exchange_rates") or []
        rows = [[self.cell(h, True) for h in ("Currency", "PKR per unit", "Date", "Source")]]
        rows += [
            [
                self.cell(escape(x["currency"])),
                self.cell(_num(x["rate"], 4)),
                self.cell(escape(x.get("date") or "—")),
                self.cell(escape(x.get("source") or "")),
            ]
            for x in rates
        ]
        self.story += [self.p("Exchange rates", self.s.h3), self.table(rows, [70, 90, 70, 530])]
        options = self.r.get("options") or {}
        self.story.append(self.p("Method and options", self.s.h3))
        self.story.append(self.p(escape(METHODS.get(self.r["method"], self.r["method"]))))
        self.story.append(
            self.p(escape(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in options.items())))
        )
        self.story += [self.p("Appendix B. Engineering models", self.s.h2)]
        self.story += [
            self.p("• " + escape(m))
            for m in MODELS
            if not (self.technical and m.startswith(("Landed price", "Life-cycle")))
        ]

    def signatures(self) -> None:
        from reportlab.platypus import CondPageBreak

        self.story += [
            CondPageBreak(220),
            self.p("Committee certification", self.s.h2),
            self.p(
                "We certify that this evaluation followed the criteria and "
                "procedure stated in the bidding documents."
            ),
        ]
        members = self.r.get("committee") or [
            {"role": role, "name": "", "designation": ""}
            for role in ("Chairman", "Member/Secretary", "Member", "Member", "Co-opted expert")
        ]
        rows = [[self.cell(h, True) for h in ("Role", "Name", "Designation", "Signature", "Date")]]
        rows += [
            [
                self.cell(escape(m["role"])),
                self.cell(escape(m.get("name") or "")),
                self.cell(escape(m.get("designation") or "")),
                "",
                "",
            ]
            for m in members
        ]
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        table = Table(
            rows, colWidths=[120, 180, 170, 180, 90], rowHeights=[16] + [34] * len(members)
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b7c3")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ]
            )
        )
        self.story.append(table)

    def build(self) -> list[Any]:
        self.cover()
        for section in (
            self.summary,
            self.responsiveness,
            self.scoring,
            self.charts,
            self.fleet,
            self.sensitivity,
            self.members,
            self.signatures,
            self.assumptions,
        ):
            section()
        return self.story


_SUFFIXES = (
    ("_pkr_per_unit_year", "PKR per unit-year"),
    ("_per_unit_year", "per unit-year"),
    ("_pkr_per_unit", "PKR per unit"),
    ("_pkr", "PKR"),
    ("_kwh_per_km", "kWh/km"),
    ("_kmh", "km/h"),
    ("_tph", "t/h"),
    ("_pct", "%"),
    ("_min", "min"),
    ("_km", "km"),
    ("_t", "t"),
    ("_kwh", "kWh"),
    ("_years", "years"),
)


def _figure_label(key: str) -> str:
    """'loaded_speed_kmh' -> 'Loaded speed (km/h)'."""
    for suffix, unit in _SUFFIXES:
        if key.endswith(suffix):
            name = key[: -len(suffix)].replace("_", " ")
            return f"{name[:1].upper()}{name[1:]} ({unit})"
    name = key.replace("_", " ")
    return name[:1].upper() + name[1:]


def _stacked_bars(names: list[str], data: list[list[float]], series: list[str], unit: str) -> Any:
    """A horizontal stacked bar chart (one bar per offer) with a legend."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    palette = CHART_COLOURS
    height = 40 + 22 * len(names)
    drawing = Drawing(760, height + 30)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 180, 25, 390, height - 20
    chart.data = [tuple(row) for row in data]
    chart.categoryAxis.categoryNames = [n[:34] for n in names]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = min(
        0.0, min((sum(v for v in col if v < 0) for col in zip(*data, strict=True)), default=0.0)
    )
    for i in range(len(data)):
        chart.bars[i].fillColor = colors.HexColor(palette[i % len(palette)])
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 590, height + 5
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 12
    legend.colorNamePairs = [
        (colors.HexColor(palette[i % len(palette)]), s[:40]) for i, s in enumerate(series)
    ]
    drawing.add(legend)
    drawing.add(String(180, 5, unit, fontName=FONT, fontSize=7))
    return drawing


def _page_decorations(result: Mapping[str, Any], sample: bool) -> Callable[..., None]:
    status = result.get("status", "draft")
    identity = f"Evaluation {result['evaluation_id']}"
    digest = result.get("content_hash") or ""
    header = f"{result.get('tender_reference') or result['need']}"

    def draw(canvas: Any, _doc: Any) -> None:
        from reportlab.lib import colors

        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(36, height - 24, header[:120])
        canvas.drawRightString(
            width - 36,
            height - 24,
            "Illustrative sample data — not real quotations" if sample else f"Status: {status}",
        )
        canvas.drawString(36, 20, f"{identity} · content hash {digest[:16]}… · {status}")
        if status != "approved":
            canvas.setFont(FONT_BOLD, 90)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.10))
            canvas.translate(width / 2, height / 2)
            canvas.rotate(30)
            canvas.drawCentredString(0, -30, "DRAFT")
        canvas.restoreState()

    return draw


def _numbered_canvas() -> Any:
    """A canvas that writes "Page x of y" once the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(FONT, 7.5)
                self.drawRightString(width - 36, 20, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def write_pdf(
    result: Mapping[str, Any],
    path: str | Path,
    *,
    overwrite: bool = False,
    technical: bool = False,
) -> Path:
    """Write the evaluation report (technical=True: the two-envelope technical report, with
    no price and nothing derived from prices); refuse to overwrite unless asked; all or
    nothing."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    target = Path(path)
    if target.exists() and not overwrite:
        raise ProcureError(f"{target} already exists; choose another name or allow overwriting.")
    _register_fonts()
    report = _Report(result, technical)
    story = report.build()
    decorate = _page_decorations(result, report.sample)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".procure-", suffix=".pdf", dir=target.parent)
        os.close(handle)
        mask = os.umask(0)  # the user's usual permissions for the export, not mkstemp's 0600
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
    except OSError as exc:
        raise ProcureError(
            f"Cannot write {target}: {exc.strerror or exc}. Choose another folder."
        ) from None
    try:
        document = SimpleDocTemplate(
            temporary,
            pagesize=landscape(A4),
            leftMargin=36,
            rightMargin=36,
            topMargin=40,
            bottomMargin=36,
            title=f"Evaluation report — {result['need']}",
            author="procure",
            subject=f"Evaluation {result['evaluation_id']}",
        )
        document.build(
            story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas()
        )
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ProcureError(
            f"Cannot write {target}: {exc.strerror or exc}. Close the file if "
            "another program has it open, or choose another folder."
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
