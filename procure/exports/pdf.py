"""The PDF evaluation report (reportlab): what the committee signs and publishes.

Data in (a stored result, README.md, 'Evaluating'), path out. Every number is printed with
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

from procure import report_model
from procure.errors import ProcureError
from procure.evaluation.result import EvaluationResult, SetUp
from procure.paths import resource_path
from procure.report_model import OfferView
from procure.text import CHART_COLOURS, MISSING, format_number, lcc_series, series_colours

FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
OFFERS_PER_TABLE = 6  # wide comparisons are split into column groups of this many offers
ACCENT = "#1f4e79"
PASS_FILL, FAIL_FILL = "#d1e7dd", "#f8d7da"
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
    folder = resource_path("fonts")
    # A Unicode TrueType font, embedded, so that Cyrillic model names and ≥, ³, ₂ print.
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    from reportlab.graphics import shapes

    # A drawing starts in reportlab's default graphics font (Helvetica, not embedded): start
    # charts in the embedded font, so that no page refers to a font the file lacks.
    shapes.STATE_DEFAULTS["fontName"] = FONT


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


def _three(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


class _Report:
    """Builds the flowables of the report from the report model, in the order of a bid
    evaluation report (PPR 2004 r.35; the World Bank's standard bid evaluation report)."""

    def __init__(
        self, result: EvaluationResult | Mapping[str, Any], technical: bool = False
    ) -> None:
        # Two-envelope procedure, technical stage: prices and everything derived from them
        # stay sealed, so the report shows the technical criteria only.
        self.m = report_model.build(result, technical=technical)
        self.technical = self.m.sealed
        self.e = self.m.evaluation  # the result as the model has it (no prices when sealed)
        self.r = self.m.result
        self.s = _Styles()
        self.sample = any(o.alternative.sample for o in self.m.offers)
        self.story: list[Any] = []
        self.number = 0
        # One colour per criterion across the report (charts and legends alike).
        self.colours = {
            c.key: CHART_COLOURS[i % len(CHART_COLOURS)] for i, c in enumerate(self.m.criteria)
        }

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
            ("FONT", (0, 0), (-1, -1), FONT, 8),
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

    def section(self, title: str, *first: Any) -> None:
        """A numbered heading kept on one page with what follows it."""
        from reportlab.platypus import CondPageBreak, KeepTogether

        self.number += 1
        self.story += [
            CondPageBreak(180),  # never a heading and a line alone at the foot of a page
            KeepTogether([self.p(f"{self.number}. {escape(title)}", self.s.h2), *first]),
        ]

    def sub(self, title: str, *first: Any) -> None:
        from reportlab.platypus import KeepTogether

        self.story.append(KeepTogether([self.p(escape(title), self.s.h3), *first]))

    @staticmethod
    def groups(offers: Sequence[OfferView]) -> list[list[OfferView]]:
        return [
            list(offers[i : i + OFFERS_PER_TABLE]) for i in range(0, len(offers), OFFERS_PER_TABLE)
        ] or [[]]

    def head(self, offer: OfferView) -> Any:
        return self.cell(f"<b>{offer.bid}</b><br/>{escape(offer.label)}")

    def widths(self, fixed: Sequence[float], count: int) -> list[float]:
        return [*fixed, *[(PAGE_WIDTH - sum(fixed)) / max(count, 1)] * count]

    # -- sections --------------------------------------------------------------------------

    def cover(self) -> None:
        from reportlab.platypus import PageBreak, Spacer

        m = self.m
        self.story += [
            Spacer(1, 30),
            self.p(
                "Technical evaluation report" if self.technical else "Bid evaluation report",
                self.s.h1,
            ),
            self.p(escape(m.title), self.s.h2),
            Spacer(1, 8),
        ]
        rows = [[self.cell(k, True), self.cell(escape(str(v)))] for k, v in m.cover]
        self.story.append(self.table(rows, [130, 630], header_rows=0))
        if self.sample:
            self.story += [
                Spacer(1, 10),
                self.p(
                    "Illustrative sample data: the offers, prices and several specifications in "
                    "this report come from the bundled sample catalogue and are not real "
                    "quotations.",
                    self.s.warning,
                ),
            ]
        self.story.append(Spacer(1, 10))
        self.story += self.award_paragraphs()
        self.story.append(PageBreak())

    def award_paragraphs(self) -> list[Any]:
        m = self.m
        total, ranked = len(m.offers), len(m.ranked)
        responsive = sum(1 for o in m.offers if o.responsive)
        out = [
            self.p(
                escape(
                    f"{total} bids were evaluated; {responsive} passed the preliminary "
                    f"examination and met every mandatory requirement; {ranked} were ranked."
                )
            )
        ]
        if self.technical:
            out.append(
                self.p(
                    "Two-envelope procedure, technical stage: the financial envelopes are "
                    "sealed; this report states no price and nothing derived from prices. "
                    "Bids found not responsive have their financial envelope returned unopened."
                )
            )
            return out
        if m.award_text:
            out.append(self.p("<b>Proposed award:</b> " + escape(m.award_text)))
        out += [self.p(escape(w), self.s.warning) for w in m.warnings]
        warning = self.e.weighting.warning
        if warning:
            out.append(self.p(escape(warning), self.s.warning))
        return out

    def opening(self) -> None:
        header = ["Bid", "Bidder", "Model", "Price as read out (currency, Incoterm)"]
        header += ["Bid security", "Validity", "Signed"]
        rows = [[self.cell(h, True) for h in header]]
        for o in self.m.by_bid:
            bid = o.alternative.bid
            security = bid.get("bid_security_amount")
            security_text = (
                "none"
                if security in (None, 0)
                else f"{bid.get('bid_security_currency') or o.alternative.currency or ''} "
                f"{report_model.fmt(security, 'PKR')}"
            )
            signed = bid.get("bid_signed")
            rows.append(
                [
                    self.cell(o.bid),
                    self.cell(escape(o.vendor)),
                    self.cell(escape(o.model)),
                    self.cell(escape(o.quoted)),
                    self.cell(escape("sealed" if self.technical else security_text)),
                    self.cell(
                        MISSING
                        if bid.get("bid_validity_days") is None
                        else f"{report_model.fmt(bid['bid_validity_days'], 'days')} days"
                    ),
                    self.cell(MISSING if signed is None else ("yes" if signed else "no")),
                ]
            )
        setup = self.e.setup or SetUp()
        for excluded in setup.excluded_offers:
            rows.append(
                [
                    self.cell("—"),
                    self.cell(escape(excluded.vendor)),
                    self.cell(escape(excluded.model)),
                    self.cell(escape(f"{excluded.state}: {excluded.reason or 'no reason'}")),
                    "",
                    "",
                    "",
                ]
            )
        self.section(
            "Bid opening record",
            self.p(
                escape(
                    "Bids as read out at the opening"
                    + (f" on {setup.bid_opening_date}" if setup.bid_opening_date else "")
                    + ", in the currency quoted, with their Incoterm."
                )
            ),
            self.table(rows, [40, 170, 170, 170, 90, 60, 60]),
        )

    def preliminary(self) -> None:
        from reportlab.lib import colors

        m = self.m
        rules = m.preliminary_rules
        intro = (
            "Required of every bid: " + "; ".join(rules) + "."
            if rules
            else "The need sets no preliminary requirement (bid security, validity, "
            "signature); every bid goes on to technical responsiveness."
        )
        rows = [[self.cell(h, True) for h in ("Bid", "Offer", "Check", "Result")]]
        style = []
        for o in m.by_bid:
            for gate in o.alternative.preliminary:
                reason = gate.reason
                if self.technical and gate.requirement.startswith("Bid security"):
                    reason = "examined (amount sealed)"
                rows.append(
                    [
                        self.cell(o.bid),
                        self.cell(escape(o.label)),
                        self.cell(escape(gate.requirement)),
                        self.cell(f"<b>{'Pass' if gate.passed else 'FAIL'}</b>: {escape(reason)}"),
                    ]
                )
                style.append(
                    (
                        "BACKGROUND",
                        (3, len(rows) - 1),
                        (3, len(rows) - 1),
                        colors.HexColor(PASS_FILL if gate.passed else FAIL_FILL),
                    )
                )
        first = [self.p(escape(intro))]
        if len(rows) > 1:
            first.append(self.table(rows, [40, 260, 200, 260], style))
        self.section("Preliminary examination", *first)
        corrections = [o for o in m.by_bid if o.arithmetic]
        if corrections:
            self.sub(
                "Arithmetic corrections (the unit price prevails)",
                self.table(
                    [[self.cell(h, True) for h in ("Bid", "Offer", "Correction")]]
                    + [
                        [
                            self.cell(o.bid),
                            self.cell(escape(o.label)),
                            self.cell(escape(o.arithmetic or "")),
                        ]
                        for o in corrections
                    ],
                    [40, 260, 460],
                ),
            )
        elif not self.technical:
            self.story.append(self.p("No arithmetic error was found in the bids as read out."))

    def responsiveness(self) -> None:
        from reportlab.lib import colors

        offers = [o for o in self.m.by_bid if o.passed_preliminary]
        tables = []
        for group in self.groups(offers):
            rows: list[list[Any]] = [
                [self.cell("Requirement", True)] + [self.head(o) for o in group]
            ]
            style = []
            requirements = [g.requirement for g in (group[0].alternative.gates if group else ())]
            for i, requirement in enumerate(requirements, start=1):
                row = [self.cell(escape(requirement))]
                for j, offer in enumerate(group, start=1):
                    gate = next(
                        (g for g in offer.alternative.gates if g.requirement == requirement), None
                    )
                    if gate is None:
                        row.append(self.cell(MISSING))
                        continue
                    word = "Pass" if gate.passed else "FAIL"
                    row.append(self.cell(f"<b>{word}</b>: {escape(gate.reason)}"))
                    style.append(
                        (
                            "BACKGROUND",
                            (j, i),
                            (j, i),
                            colors.HexColor(PASS_FILL if gate.passed else FAIL_FILL),
                        )
                    )
                rows.append(row)
            rows.append(
                [self.cell("Responsive", True)]
                + [
                    self.cell(
                        "yes"
                        if o.responsive
                        else (
                            "<b>no</b> — financial envelope returned unopened"
                            if self.technical
                            else "<b>no</b>"
                        )
                    )
                    for o in group
                ]
            )
            tables.append(self.table(rows, self.widths([170], len(group)), style))
        failed = [o for o in self.m.by_bid if not o.passed_preliminary]
        note = (
            [
                self.p(
                    escape(
                        "Not examined (failed the preliminary examination): "
                        + ", ".join(f"{o.bid} {o.label}" for o in failed)
                        + "."
                    ),
                    self.s.small,
                )
            ]
            if failed
            else []
        )
        self.section("Technical responsiveness: mandatory requirements", *tables[:1])
        self.story += tables[1:] + note

    def evaluation(self) -> None:
        m = self.m
        weighting = self.e.weighting
        normalisation = self.e.normalisation or MISSING
        how = f"{m.method_description} "
        if m.method == "least-cost":
            how += f"Evaluated cost: {m.basis_label}. {m.weights_note}"
        elif m.weights_note:
            how += m.weights_note
        elif weighting.method == "ahp":
            cr, ci, lambda_max = weighting.cr, weighting.ci, weighting.lambda_max
            how += (
                f"Normalisation: {normalisation}. Weights derived by AHP (λmax = "
                f"{_three(lambda_max)}, CI = {_three(ci)}, CR = {_three(cr)})."
            )
        else:
            how += (
                f"Normalisation: {normalisation}. Weights entered directly and normalised to sum 1."
            )
        self.section("Evaluation", self.p(escape(how)))
        if m.weighted:
            self.scores()
            if m.method == "topsis":
                self.topsis()
            self.contributions_chart()
        if not self.technical:
            self.costs()
        self.fleet()
        self.members()

    def scores(self) -> None:
        m = self.m
        offers = [o for o in m.offers if o.responsive]
        for index, group in enumerate(self.groups(offers)):
            header = [self.cell(h, True) for h in ("Criterion", "Unit", "Weight", "Better")]
            rows = [header + [self.head(o) for o in group]]
            for c in m.criteria:
                row = [
                    self.cell(escape(c.label)),
                    self.cell(escape(c.unit)),
                    self.cell(f"{c.weight:.1%}"),
                    self.cell(c.direction),
                ]
                for o in group:
                    value = o.alternative.values.get(c.key)
                    norm = o.alternative.normalised.get(c.key)
                    contribution = o.alternative.contributions.get(c.key)
                    text = report_model.fmt(value, c.unit)
                    if norm is not None:
                        text += f"<br/><font size='7' color='#555555'>r = {norm:.3f}"
                        if contribution is not None and m.method != "topsis":
                            text += f" · {contribution:.2f} pts"
                        text += "</font>"
                    if value is None:
                        reason = o.alternative.missing.get(c.key, "missing")
                        text = f"— <font size='7' color='#842029'>{escape(reason)}</font>"
                    row.append(self.cell(text))
                rows.append(row)
            if not self.technical:
                if m.method == "qcbs":
                    for label, parts in (
                        ("Technical score T", [o.alternative.technical_score for o in group]),
                        ("Financial score F", [o.alternative.financial_score for o in group]),
                    ):
                        rows.append(
                            [self.cell(label, True), "", "", ""]
                            + [self.cell(report_model.fmt(v, "score 0–10")) for v in parts]
                        )
                rows.append(
                    [self.cell("Score (0–100)", True), "", "", ""]
                    + [
                        self.cell(f"<b>{report_model.fmt(o.score, 'score 0–10')}</b>")
                        for o in group
                    ]
                )
                rows.append(
                    [self.cell("Rank", True), "", "", ""]
                    + [self.cell(f"<b>{o.rank or MISSING}</b>") for o in group]
                )
            table = self.table(rows, self.widths([150, 70, 45, 40], len(group)))
            if index == 0:
                self.sub("Scores", table)
            else:
                self.story.append(table)

    def topsis(self) -> None:
        """Weighted normalised values v = w·r, the ideal and anti-ideal, both distances."""
        m = self.m
        offers = [o for o in m.offers if o.responsive]
        if not offers:
            return
        criteria = list(m.criteria)
        values = {
            o.offer_id: [o.alternative.contributions.get(c.key) or 0.0 for c in criteria]
            for o in offers
        }
        ideal = [
            (max if c.direction == "higher" else min)(values[o.offer_id][j] for o in offers)
            for j, c in enumerate(criteria)
        ]
        anti = [
            (min if c.direction == "higher" else max)(values[o.offer_id][j] for o in offers)
            for j, c in enumerate(criteria)
        ]
        header = [self.cell("Offer", True)] + [self.cell(escape(c.label), True) for c in criteria]
        header += [self.cell("d⁺", True), self.cell("d⁻", True), self.cell("C × 100", True)]
        rows = [header]
        for o in offers:
            v = values[o.offer_id]
            d_plus = sum((a - b) ** 2 for a, b in zip(v, ideal, strict=True)) ** 0.5
            d_minus = sum((a - b) ** 2 for a, b in zip(v, anti, strict=True)) ** 0.5
            rows.append(
                [self.cell(f"{o.bid} {escape(o.label)}")]
                + [self.cell(f"{x:.4f}") for x in v]
                + [
                    self.cell(f"{d_plus:.4f}"),
                    self.cell(f"{d_minus:.4f}"),
                    self.cell(report_model.fmt(o.score, "score 0–10")),
                ]
            )
        rows.append(
            [self.cell("Ideal", True)] + [self.cell(f"{x:.4f}") for x in ideal] + ["", "", ""]
        )
        rows.append(
            [self.cell("Anti-ideal", True)] + [self.cell(f"{x:.4f}") for x in anti] + ["", "", ""]
        )
        fixed = 190.0
        width = (PAGE_WIDTH - fixed) / (len(criteria) + 3)
        self.sub(
            "TOPSIS: weighted normalised values, ideal and anti-ideal, distances",
            self.table(rows, [fixed] + [width] * (len(criteria) + 3)),
        )

    def contributions_chart(self) -> None:
        m = self.m
        ranked = list(m.ranked)
        if self.technical or not ranked or m.method not in ("wsm", "qcbs"):
            return
        criteria = [c for c in m.criteria if not (m.method == "qcbs" and c.money)]
        data = [[o.alternative.contributions.get(c.key) or 0.0 for o in ranked] for c in criteria]
        title = (
            "Weighted contributions to each ranked offer's score (points)"
            if m.method == "wsm"
            else "Contributions to each ranked offer's technical score T (points)"
        )
        self.sub(
            title,
            _stacked_bars(
                [o.short() for o in ranked],
                data,
                [c.label for c in criteria],
                [self.colours[c.key] for c in criteria],
                "points",
            ),
        )

    def costs(self) -> None:
        m = self.m
        offers = [o for o in m.offers if o.responsive and o.cost is not None]
        if not offers:
            return
        header = [
            "Rank",
            "Bid",
            "Offer",
            "How the evaluated cost was reached",
            f"Evaluated cost, {m.basis_label} (PKR)",
        ]
        rows = [[self.cell(h, True) for h in header]]
        for o in offers:
            cost = o.cost
            assert cost is not None
            how = " → ".join(cost.steps) + (f" ({cost.reason})" if cost.reason else "")
            rows.append(
                [
                    self.cell(str(o.rank or MISSING)),
                    self.cell(o.bid),
                    self.cell(escape(o.label)),
                    self.cell(escape(how)),
                    self.cell(f"<b>{report_model.fmt(cost.total, 'PKR')}</b>"),
                ]
            )
        intro = (
            "The evaluated cost is the cost of meeting the need: quantity (stated on the need, "
            "or the units the fleet sizing requires) × landed unit price in PKR"
            + (", or the fleet life-cycle cost" if "life-cycle" in m.basis_label else "")
            + ". "
            + (
                "It ranks the bids."
                if m.method == "least-cost"
                else "It is the contract basis of an award."
            )
        )
        self.sub("Evaluated cost", self.p(escape(intro)), self.table(rows, [35, 40, 180, 385, 120]))

    def fleet(self) -> None:
        m = self.m
        offers = [o for o in m.offers if o.responsive]
        if not offers:
            return
        keys: list[str] = []
        for o in offers:
            for source in ("fleet", "lcc"):
                for key in getattr(o.alternative, source):
                    if key in keys or key in ("model", "notes", "currency"):
                        continue
                    if self.technical and ("pkr" in key or key == "annuity_factor"):
                        continue
                    values = [getattr(x.alternative, source).get(key) for x in offers]
                    if not any(isinstance(v, int | float | str) for v in values):
                        continue
                    if key.startswith("charger") and not any(values):
                        continue  # no charger for machines that burn diesel
                    keys.append(key)
        tables = []
        for group in self.groups(offers):
            rows = [
                [self.cell("Figure", True), self.cell("Unit", True)] + [self.head(o) for o in group]
            ]
            for key in keys:
                label, unit = report_model.figure_label(key)
                row = [self.cell(escape(label)), self.cell(escape(unit))]
                for o in group:
                    value = o.alternative.value(key)
                    row.append(self.cell(escape(report_model.fmt(value, unit))))
                rows.append(row)
            tables.append(self.table(rows, self.widths([190, 60], len(group))))
        title = "Fleet sizing" if self.technical else "Fleet sizing and life-cycle cost"
        self.sub(title, tables[0])
        self.story += tables[1:]
        for o in offers:
            note = o.alternative.fleet.get("notes")
            if note:
                self.story.append(self.p(f"<i>{escape(o.label)}:</i> {escape(note)}", self.s.small))
        ranked = list(m.ranked)
        if self.technical or not ranked:
            return
        labels, data = lcc_series([o.data for o in ranked])
        if labels:
            self.sub(
                "Life-cycle cost of each ranked offer's fleet (present values, million PKR)",
                _stacked_bars(
                    [o.short() for o in ranked],
                    data,
                    labels,
                    series_colours(labels),
                    "million PKR",
                ),
            )

    def members(self) -> None:
        judged = [c for c in self.m.criteria if c.kind == "judged"]
        if not judged:
            return
        rows = [[self.cell(h, True) for h in ("Offer", "Criterion", "Scores", "Mean", "Spread")]]
        for o in self.m.by_bid:
            for c in judged:
                j = o.alternative.judged.get(c.key)
                if not j or not j.scores:
                    continue
                scores = ", ".join(f"{escape(k)} {v:g}" for k, v in j.scores.items())
                spread = f"{j.spread:g}" + (" — disagreement" if j.disagreement else "")
                rows.append(
                    [
                        self.cell(f"{o.bid} {escape(o.label)}"),
                        self.cell(escape(c.label)),
                        self.cell(scores),
                        self.cell(report_model.fmt(j.mean, "score 0–10")),
                        self.cell(spread),
                    ]
                )
        if len(rows) == 1:
            names = ", ".join(c.label for c in judged)
            self.sub(
                "Members' scores",
                self.p(
                    escape(
                        f"No member scores are recorded for the judged criteria ({names}); "
                        "they count as missing values and no recommendation can stand."
                    ),
                    self.s.warning,
                ),
            )
        else:
            self.sub("Members' scores", self.table(rows, [260, 140, 220, 50, 90]))

    def ranking(self) -> None:
        m = self.m
        if self.technical:
            rows = [[self.cell(h, True) for h in ("Bid", "Offer", "Responsive", "Units")]]
            rows += [
                [
                    self.cell(o.bid),
                    self.cell(escape(o.label)),
                    self.cell(
                        "yes" if o.responsive else "no — financial envelope returned unopened"
                    ),
                    self.cell(report_model.fmt(o.alternative.value("units_required"), "units")),
                ]
                for o in m.by_bid
            ]
            self.section("Technical result", self.table(rows, [40, 420, 240, 60]))
            return
        least = m.method == "least-cost"
        header = ["Rank", "Bid", "Offer"]
        header += ["Evaluated cost (PKR)", "Score"] if least else ["Score", "Evaluated cost (PKR)"]
        header += ["Units", "Fleet life-cycle cost (PKR)", "Status"]
        rows = [[self.cell(h, True) for h in header]]
        for o in m.offers:
            cost = o.cost
            total = report_model.fmt(cost.total if cost and o.responsive else None, "PKR")
            score = report_model.fmt(o.score, "score 0–10")
            rows.append(
                [
                    self.cell(str(o.rank or MISSING)),
                    self.cell(o.bid),
                    self.cell(escape(o.label)),
                    self.cell(f"<b>{total}</b>" if least else score),
                    self.cell(score if least else total),
                    self.cell(
                        report_model.fmt(cost.quantity if cost and o.responsive else None, "units")
                    ),
                    self.cell(
                        report_model.fmt(cost.lcc_total if cost and o.responsive else None, "PKR")
                    ),
                    self.cell(
                        escape(o.status + (": " + "; ".join(o.reasons) if o.reasons else ""))
                    ),
                ]
            )
        self.section("Ranking", self.table(rows, [32, 36, 190, 90, 90, 40, 100, 182]))

    def award(self) -> None:
        if self.technical:
            return
        m = self.m
        if m.award_text:
            body = [self.p(escape(m.award_text))]
        else:
            body = [self.p(escape(w), self.s.warning) for w in m.warnings] or [
                self.p("No recommendation.", self.s.warning)
            ]
        self.section("Proposed award", *body)

    def sensitivity(self) -> None:
        sensitivity = self.e.sensitivity
        if self.technical:
            return
        if not sensitivity or not self.m.ranked:
            why = (
                f"{self.m.weights_note} There are no weights to vary."
                if self.m.weights_note
                else "No offer is ranked: there is no first rank to test."
            )
            self.section("Sensitivity of the ranking", self.p(escape(why)))
            return
        rows = [[self.cell(h, True) for h in ("Criterion", "Weight", "First rank changes")]]
        labels = {c.key: c.label for c in self.m.criteria}
        for s in sensitivity.stability:
            if s.key not in labels:
                continue
            rows.append(
                [
                    self.cell(escape(labels[s.key])),
                    self.cell(f"{s.weight:.1%}"),
                    self.cell(escape(self.m.stability_text(s))),
                ]
            )
        self.section(
            "Sensitivity of the ranking",
            self.p(
                escape(
                    f"For each criterion, the weight at which another offer would rank first "
                    "(the other weights rescaled in proportion), over the ranked offers only. "
                    f"Weights drawn {sensitivity.draws} times from a Dirichlet distribution "
                    "centred on the chosen weights (concentration "
                    f"{sensitivity.concentration:g}, seed {sensitivity.seed})."
                )
            ),
            self.table(rows, [220, 60, 480]),
        )
        ranked = list(self.m.ranked)
        probability = sensitivity.first_rank_probability
        self.sub(
            "Probability of ranking first when the weights vary (%)",
            _stacked_bars(
                [o.short() for o in ranked],
                [[100 * probability.get(o.offer_id, 0.0) for o in ranked]],
                ["share of draws ranked first"],
                series_colours(["share of draws ranked first"]),
                "%",
            ),
        )

    def signatures(self) -> None:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        members = list(self.m.committee) or [
            {"role": role, "name": "", "designation": ""}
            for role in ("Chairman", "Member/Secretary", "Member", "Member", "Co-opted expert")
        ]
        rows = [[self.cell(h, True) for h in ("Role", "Name", "Designation", "Signature", "Date")]]
        rows += [
            [
                self.cell(escape(str(member.get("role") or ""))),
                self.cell(escape(str(member.get("name") or ""))),
                self.cell(escape(str(member.get("designation") or ""))),
                "",
                "",
            ]
            for member in members
        ]
        table = Table(
            rows, colWidths=[120, 180, 170, 200, 90], rowHeights=[16] + [34] * len(members)
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
        self.section(
            "Committee certification",
            self.p(
                "We certify that this evaluation followed the criteria and procedure stated in "
                "the bidding documents, and that the reasons for accepting or rejecting each "
                "bid are stated in this report."
            ),
            self.p(
                "<b>Declaration of no conflict of interest.</b> Each member signing below "
                "declares that he or she has no financial, family or other interest in any "
                "bidder, its agent or the equipment offered, and has received no gift or "
                "favour from any of them; a member with such an interest has declared it to "
                "the chairman and taken no part in the evaluation."
            ),
            table,
        )

    def assumptions(self) -> None:
        from reportlab.platypus import PageBreak

        self.story.append(PageBreak())
        rows = [[self.cell(h, True) for h in ("Parameter", "Value", "Date", "Source")]]
        for a in self.e.assumptions:
            unit = a.unit
            shown = report_model.unit_text(unit)
            rows.append(
                [
                    self.cell(escape(a.label or a.key)),
                    self.cell(
                        escape(
                            report_model.fmt(a.value, unit, with_unit=True, raw_unit=unit)
                            if shown
                            else report_model.fmt(a.value, unit)
                        )
                    ),
                    self.cell(escape(a.date or MISSING)),
                    self.cell(escape(a.source)),
                ]
            )
        self.section(
            "Appendix: assumptions and exchange rates", self.table(rows, [190, 110, 70, 390])
        )
        rows = [[self.cell(h, True) for h in ("Currency", "PKR per unit", "Date", "Source")]]
        rows += [
            [
                self.cell(escape(x.currency)),
                self.cell(format_number(x.rate, decimals=4)),
                self.cell(escape(x.date or MISSING)),
                self.cell(escape(x.source)),
            ]
            for x in self.e.exchange_rates
        ]
        self.sub("Exchange rates", self.table(rows, [70, 90, 70, 530]))
        options = self.e.options.to_json()
        self.sub(
            "Method and options",
            self.p(escape(self.m.method_description)),
            self.p(
                escape(
                    "; ".join(
                        f"{_OPTION_LABELS.get(k, k.replace('_', ' '))}: {v}"
                        for k, v in options.items()
                        if v is not None
                    )
                )
            ),
        )
        self.section(
            "Appendix: engineering models",
            *[
                self.p("• " + escape(m))
                for m in MODELS
                if not (self.technical and m.startswith(("Landed price", "Life-cycle")))
            ],
        )

    def build(self) -> list[Any]:
        self.cover()
        for section in (
            self.opening,
            self.preliminary,
            self.responsiveness,
            self.evaluation,
            self.ranking,
            self.award,
            self.sensitivity,
            self.signatures,
            self.assumptions,
        ):
            section()
        return self.story


_OPTION_LABELS = {
    "normalisation": "normalisation",
    "seed": "simulation seed",
    "draws": "simulation draws",
    "concentration": "Dirichlet concentration",
    "qcbs_technical_weight": "QCBS technical weight t",
    "qcbs_minimum_technical": "QCBS minimum technical score",
    "least_cost_basis": "least-cost basis",
}
PAGE_WIDTH = 760.0


def _stacked_bars(
    names: list[str], data: list[list[float]], series: list[str], colours: Sequence[str], unit: str
) -> Any:
    """A horizontal stacked bar chart, rank 1 on top, each bar labelled with its total."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    # reportlab draws the first category at the bottom: reverse so that rank 1 is on top.
    names = list(reversed(names))
    data = [list(reversed(row)) for row in data]
    height = 40 + 22 * len(names)
    legend_height = 12 * len(series) + 10
    drawing = Drawing(PAGE_WIDTH, max(height, legend_height) + 30)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 230, 25, 330, height - 20
    chart.data = [tuple(row) for row in data]
    chart.categoryAxis.categoryNames = [report_model.elide(n, 44) for n in names]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.categoryAxis.style = "stacked"
    totals = [sum(col) for col in zip(*data, strict=True)] if data else []
    low = min(
        0.0, min((sum(v for v in col if v < 0) for col in zip(*data, strict=True)), default=0.0)
    )
    high = max([*totals, 0.0]) or 1.0
    chart.valueAxis.valueMin = low
    chart.valueAxis.valueMax = high * 1.18  # room for the value labels
    for i in range(len(data)):
        chart.bars[i].fillColor = colors.HexColor(colours[i % len(colours)])
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    step = chart.height / max(len(names), 1)
    for i, total in enumerate(totals):
        x = chart.x + chart.width * (total - low) / (high * 1.18 - low) + 4
        y = chart.y + step * (i + 0.5) - 3
        label = f"{total:,.1f}" if unit != "million PKR" else f"{total:,.0f}"
        drawing.add(String(x, y, label, fontName=FONT, fontSize=8))
    legend = Legend()
    legend.x, legend.y = 585, max(height, legend_height) + 5
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment = "right"
    legend.columnMaximum = 14
    legend.colorNamePairs = [
        (colors.HexColor(colours[i % len(colours)]), report_model.elide(s, 34))
        for i, s in enumerate(series)
    ]
    drawing.add(legend)
    drawing.add(String(230, 5, unit, fontName=FONT, fontSize=8))
    return drawing


def _footer(result: Mapping[str, Any], identity: str, digest: str, status: str) -> str:
    """The footer's left part: the evaluation's identity, content hash and status (further
    parts, such as the audit chain head, are appended to `parts`)."""
    parts = [identity, f"content hash {digest[:16]}…", status]
    return " · ".join(parts)


def _draw_audit_anchor(canvas: Any, result: Mapping[str, Any]) -> None:
    """Print the audit trail's event count and chain head in the footer, and keep them with
    the evaluation's content hash in the document's keywords, for `audit verify --report`."""
    anchor = result.get("audit_anchor")
    if not anchor:
        return
    count, head = int(anchor["events"]), str(anchor["head"])
    content = result.get("content_hash") or ""
    canvas.setKeywords(
        f"procure-audit events={count} head={head} "
        f"evaluation={result.get('evaluation_id') or ''} content={content}"
    )
    canvas.drawString(36, 10, f"Audit trail when printed: {count} events, chain head {head[:16]}…")


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
        canvas.drawString(36, 20, _footer(result, identity, digest, status))
        _draw_audit_anchor(canvas, result)
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
            # The embedded font from the first operator on, so that no page refers to the
            # standard (non-embedded) Helvetica.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
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
            title=f"{'Technical evaluation' if technical else 'Bid evaluation'} report — "
            f"{result.get('title') or result['need']}",
            author=str(result.get("agency") or "procure"),
            subject=f"Evaluation {result['evaluation_id']}"
            + (f", tender {result['tender_reference']}" if result.get("tender_reference") else ""),
            creator="procure",
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
