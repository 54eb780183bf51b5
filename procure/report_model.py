"""What every view of an evaluation shows, computed once from the evaluation result.

The window, the PDF, the workbook and the CLI text render this model: the offers' labels
(bidder and model, and their bid number), ranked and excluded offers with the reasons, the
human label and unit of every figure, one number format per unit, the warnings and the
proposed award. Sealed prices (two-envelope procedure before the financial opening) are
left out here, so that no view can print them.

Old stored results (without evaluated cost, warnings or recommendation) still load: what
they lack is shown as missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from procure.criteria import MONEY_CRITERIA, criterion_kind
from procure.evaluation.methods import METHOD_BY_KEY, method_label
from procure.evaluation.result import (
    Alternative,
    EvaluationResult,
    Recommendation,
    Record,
    SetUp,
    WeightStability,
)
from procure.tender import BASIS_LABELS, PreliminaryRules
from procure.text import MISSING

# Figures of the engineering model and the life-cycle cost: key -> (label, unit).
FIGURES: Mapping[str, tuple[str, str]] = {
    "speed_kmh": ("Average speed", "km/h"),
    "speed_cap_kmh": ("Speed limit (machine or site)", "km/h"),
    "loaded_effective_grade_pct": ("Effective grade, loaded", "%"),
    "empty_effective_grade_pct": ("Effective grade, empty", "%"),
    "loaded_power_limited_speed_kmh": ("Power-limited speed, loaded", "km/h"),
    "empty_power_limited_speed_kmh": ("Power-limited speed, empty", "km/h"),
    "spot_time_min": ("Spot time at the loader", "min"),
    "dump_time_min": ("Dump time", "min"),
    "haul_time_min": ("Haul time, loaded", "min"),
    "return_time_min": ("Return time, empty", "min"),
    "energy_kwh_per_km": ("Energy per km", "kWh/km"),
    "energy_with_ac_kwh_per_km": ("Energy per km with air-conditioning", "kWh/km"),
    "diesel_ref_l_per_bus_year": ("Diesel reference bus: fuel per year", "L/yr"),
    "diesel_ref_co2_t_per_bus_year": ("Diesel reference bus: CO₂ per year", "t/yr"),
    "loaded_speed_kmh": ("Loaded speed", "km/h"),
    "empty_speed_kmh": ("Empty speed", "km/h"),
    "passes": ("Passes per load", ""),
    "load_time_min": ("Loading time", "min"),
    "haul_min": ("Haul time", "min"),
    "return_min": ("Return time", "min"),
    "cycle_time_min": ("Cycle time", "min"),
    "trips_per_day_per_unit": ("Trips per unit and day", "trips"),
    "tonnes_per_unit_day": ("Tonnes per unit and day", "t"),
    "units_required": ("Units required", "units"),
    "match_factor": ("Match factor", ""),
    "output_tph": ("Output per unit", "t/h"),
    "bucket_load_t": ("Bucket load", "t"),
    "trips_per_unit_year": ("Trips per unit and year", "trips"),
    "annual_km_per_unit": ("Distance per unit and year", "km/yr"),
    "fuel_l_per_unit_year": ("Fuel per unit and year", "L/yr"),
    "energy_kwh_per_unit_year": ("Energy per unit and year", "kWh/yr"),
    "annual_tonnes": ("Tonnes per year", "t/yr"),
    "annual_tonne_km": ("Tonne-km per year", "t·km/yr"),
    "fleet_km_per_year": ("Fleet distance per year", "km/yr"),
    "passenger_km_per_year": ("Passenger-km per year", "passenger-km/yr"),
    "co2_t_per_year": ("CO₂ per year (fleet)", "t/yr"),
    "diesel_ref_co2_t_per_year": ("CO₂ per year, diesel reference fleet", "t/yr"),
    "energy_kwh_per_km_hot": ("Energy per km with air-conditioning", "kWh/km"),
    "effective_range_km": ("Range with air-conditioning", "km"),
    "required_range_km": ("Range required", "km"),
    "range_gate": ("Range check", ""),
    "discount_rate_pct": ("Discount rate", "%"),
    "life_years": ("Economic life", "years"),
    "landed_price_per_unit_pkr": ("Landed price per unit", "PKR"),
    "charger_pkr_per_unit": ("Charger per unit", "PKR"),
    "capex_pkr_per_unit": ("Purchase per unit (year 0)", "PKR"),
    "energy_pkr_per_unit_year": ("Fuel or energy per unit and year", "PKR/yr"),
    "maintenance_pkr_per_unit_year": ("Maintenance per unit and year", "PKR/yr"),
    "operators_pkr_per_unit_year": ("Operators per unit and year", "PKR/yr"),
    "yearly_pkr_per_unit": ("Running cost per unit and year", "PKR/yr"),
    "residual_pkr_per_unit": ("Residual value per unit", "PKR"),
    "annuity_factor": ("Annuity factor", ""),
    "battery_replacement_year": ("Battery replacement year", "year"),
    "battery_replacement_pkr_per_unit": ("Battery replacement per unit", "PKR"),
    "npv_pkr_per_unit": ("Life-cycle cost per unit (NPV)", "PKR"),
    "npv_total_pkr": ("Life-cycle cost of the fleet (NPV)", "PKR"),
    "capex_year0_pkr": ("Purchase of the fleet (year 0)", "PKR"),
    "pv_energy_pkr": ("Fuel or energy (present value)", "PKR"),
    "pv_maintenance_pkr": ("Maintenance (present value)", "PKR"),
    "pv_operators_pkr": ("Operators (present value)", "PKR"),
    "pv_battery_pkr": ("Battery replacement (present value)", "PKR"),
    "pv_residual_pkr": ("Residual value (present value)", "PKR"),
    "equivalent_annual_cost_pkr": ("Equivalent annual cost of the fleet", "PKR/yr"),
    "diesel_ref_fuel_pkr_per_bus_year": ("Diesel reference bus fuel per year", "PKR/yr"),
}
# Unit spellings a reader expects.
_UNIT_TEXT = {
    "m3": "m³",
    "t/m3": "t/m³",
    "fraction": "%",
    "base currency": "PKR",
    "g CO2e/kWh": "g CO₂e/kWh",
    "kg CO2/L": "kg CO₂/L",
    "count": "",
}
# Decimals per unit: one format for one unit, whatever the value.
_DECIMALS = {
    "": 2,
    "units": 0,
    "trips": 0,
    "t": 1,
    "t/h": 1,
    "min": 1,
    "km/h": 1,
    "km": 0,
    "km/yr": 0,
    "L/yr": 0,
    "kWh/yr": 0,
    "t/yr": 0,
    "t·km/yr": 0,
    "passenger-km/yr": 0,
    "%": 1,
    "years": 0,
    "year": 0,
    "kWh/km": 2,
    "score 0–10": 2,
    "m³": 1,
    "m": 1,
    "kW": 0,
    "weeks": 0,
    "months": 0,
    "days": 0,
    "°C": 0,
}


def unit_text(unit: str) -> str:
    return _UNIT_TEXT.get(unit, unit.replace("base currency", "PKR"))


def is_money(unit: str) -> bool:
    return unit.split("/")[0] in ("PKR", "USD", "EUR", "BYN", "CNY", "RUB", "GBP", "AED", "JPY")


def decimals_for(unit: str) -> int:
    """The one number of decimals a unit is printed with."""
    unit = unit_text(unit)
    if is_money(unit):
        return 0 if "/" not in unit or unit.endswith("/yr") else 2
    return _DECIMALS.get(unit, -1)  # -1: a unit of its own; whole numbers stay whole


def fmt(value: Any, unit: str = "", *, with_unit: bool = False, raw_unit: str = "") -> str:
    """Format a number in its unit's one format (money whole with separators); a fraction
    as a percentage; None as '—'."""
    if isinstance(value, str):
        return value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return MISSING
    if (raw_unit or unit) == "fraction":
        value, unit = 100 * float(value), "%"
    shown = unit_text(unit)
    number = float(value)
    places = decimals_for(shown)
    if places < 0:
        places = 0 if number == int(number) else 2
    if shown == "" and number == int(number) and unit in ("", "count"):
        places = 0  # a count without a unit (service points, passes)
    text = f"{number:,.{places}f}"
    if with_unit and shown:
        return f"{shown} {text}" if is_money(shown) and "/" not in shown else f"{text} {shown}"
    return text


def figure_label(key: str) -> tuple[str, str]:
    """A figure's label and unit: known figures by name, criteria by the data dictionary."""
    if key in FIGURES:
        return FIGURES[key]
    kind = criterion_kind(key)
    if kind is not None:
        return kind.label, unit_text(kind.unit)
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:], ""


def heading(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


@dataclass(frozen=True)
class CostView:
    """The evaluated cost of one offer and how it was reached."""

    basis: str
    basis_label: str
    quantity: float | None
    quantity_source: str
    unit_cost: float | None
    total: float | None
    landed_total: float | None
    lcc_total: float | None
    steps: tuple[str, ...]  # quoted → converted → landed → × quantity
    reason: str | None


@dataclass(frozen=True)
class OfferView:
    offer_id: int
    bid: str  # "Bid 3": numbered in the order of the bid opening record
    vendor: str
    model: str
    label: str  # "Vendor — Model": tells two bidders of one model apart
    rank: int | None
    score: float | None
    responsive: bool
    passed_preliminary: bool
    status: str
    reasons: tuple[str, ...]  # why it is not ranked
    quoted: str  # "USD 245,000 CIF Karachi" as read out, or "sealed"
    cost: CostView | None
    arithmetic: str | None
    data: Mapping[str, Any]  # the alternative's document, for tables of values
    alternative: Alternative

    def short(self, width: int = 44) -> str:
        """For charts and narrow columns: the bid number and model first, then the bidder,
        so that an elided label still tells offers apart."""
        return elide(f"{self.bid}: {self.model} — {self.vendor}", width)


@dataclass(frozen=True)
class CriterionView:
    key: str
    label: str
    unit: str
    weight: float
    direction: str
    kind: str
    money: bool

    @property
    def heading(self) -> str:
        return heading(self.label, self.unit)


@dataclass(frozen=True)
class ReportModel:
    evaluation_id: int | None
    need: str
    title: str
    status: str
    method: str
    method_label: str
    method_description: str
    basis_label: str
    sealed: bool
    cover: tuple[tuple[str, str], ...]
    offers: tuple[OfferView, ...]  # ranked first (by rank), then the others by bid number
    criteria: tuple[CriterionView, ...]
    warnings: tuple[str, ...]
    recommendation: Mapping[str, Any] | None
    award_text: str | None
    committee: tuple[Mapping[str, Any], ...]
    preliminary_rules: tuple[str, ...]
    result: Mapping[str, Any]  # the result's document (prices left out when sealed)
    evaluation: EvaluationResult

    @property
    def ranked(self) -> tuple[OfferView, ...]:
        return tuple(o for o in self.offers if o.rank is not None)

    @property
    def weighted(self) -> bool:
        """The method uses the criteria weights (the registry's entry says so)."""
        entry = METHOD_BY_KEY.get(self.method)
        return entry.weighted if entry else True

    @property
    def weights_note(self) -> str | None:
        """What every view says where the weights would be shown, if the method ignores them."""
        if self.weighted:
            return None
        if self.method == "least-cost":
            return "Ranked on evaluated cost alone: the criteria weights are not used."
        return f"{self.method_label}: the criteria weights are not used."

    @property
    def excluded(self) -> tuple[OfferView, ...]:
        return tuple(o for o in self.offers if o.rank is None)

    @property
    def by_bid(self) -> tuple[OfferView, ...]:
        return tuple(sorted(self.offers, key=lambda o: o.offer_id))

    def label(self, offer_id: int | None) -> str:
        if offer_id is None:
            return "no offer (none qualifies)"
        for offer in self.offers:
            if offer.offer_id == offer_id:
                return offer.label
        return f"offer {offer_id}"

    def no_recommendation(self) -> str | None:
        """The sentence views print where the award would stand, or None."""
        if self.recommendation is not None:
            return None
        return " ".join(self.warnings) or "No recommendation."

    def stability_text(self, entry: WeightStability | Mapping[str, Any]) -> str:
        """Where a criterion's weight would change the first-ranked offer."""
        if isinstance(entry, WeightStability):
            entry = entry.to_json()
        bits = []
        if entry.get("lower") is not None:
            bits.append(f"below {share(entry['lower'])}: {self.label(entry['lower_winner'])} first")
        if entry.get("upper") is not None:
            bits.append(f"above {share(entry['upper'])}: {self.label(entry['upper_winner'])} first")
        return "; ".join(bits) or "cannot change the first rank (stable over 0–100 %)"


def share(value: float) -> str:
    """A weight as a percentage; near the ends of the range with more decimals, so that a
    threshold inside 0–100 % never reads as "100.0 %" or "0.0 %"."""
    pct = 100 * value
    text = f"{pct:.1f} %"
    if text in ("100.0 %", "0.0 %") and 0 < value < 1:
        text = f"{pct:.4f} %"
    return text


def elide(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _quoted(alt: Alternative, sealed: bool) -> str:
    if sealed:
        return "sealed (financial envelope)"
    price = alt.unit_price
    if price is None and alt.currency == "PKR":
        price = alt.values.get("unit_price")
    currency = alt.currency or ""
    text = f"{currency} {fmt(price, currency)}".strip() if price is not None else MISSING
    return f"{text} {alt.incoterm}" if alt.incoterm else text


def _rate_text(result: EvaluationResult, currency: str | None) -> str | None:
    for rate in result.exchange_rates:
        if rate.currency == currency:
            exact = f"{rate.rate:,.6f}".rstrip("0").rstrip(".")  # as recorded
            return f"at {exact} PKR/{currency}" + (f" (rate of {rate.date})" if rate.date else "")
    return None


_QUANTITY_SOURCES = {
    "need": "stated on the need",
    "fleet sizing": "units required by fleet sizing",
    "one unit": "one unit: the need states no quantity",
}


def _cost(alt: Alternative, result: EvaluationResult) -> CostView | None:
    cost = alt.evaluated_cost
    if cost is None:
        return None
    steps = []
    currency, price = alt.currency, alt.unit_price
    if price is not None and currency:
        steps.append(f"quoted {currency} {fmt(price, currency)} {alt.incoterm or ''}".strip())
        if currency != "PKR":
            rate = _rate_text(result, currency)
            steps.append(
                f"converted {rate} = PKR {fmt(alt.unit_price_base, 'PKR')}"
                if rate
                else f"not converted: no exchange rate recorded for {currency}"
            )
    landed = alt.metrics.get("landed_price")
    inputs = landed.inputs if landed else {}
    if cost.landed_unit is not None:
        extras = []
        if inputs.get("freight_insurance_allowance_pct") is not None:
            extras.append(
                f"freight and insurance {fmt(inputs['freight_insurance_allowance_pct'], '%')} %"
            )
        if inputs.get("duties_taxes_applied_pct") is not None:
            extras.append(f"duties and taxes {fmt(inputs['duties_taxes_applied_pct'], '%')} %")
        steps.append(
            f"landed PKR {fmt(cost.landed_unit, 'PKR')}"
            + (f" ({', '.join(extras)})" if extras else "")
        )
    source = _QUANTITY_SOURCES.get(cost.quantity_source, cost.quantity_source)
    if cost.quantity is not None:
        if cost.basis == "lcc":
            steps.append(f"life-cycle cost per unit PKR {fmt(cost.unit_cost, 'PKR')}")
        total = fmt(cost.total, "PKR")
        steps.append(f"× {fmt(cost.quantity, 'units')} units ({source}) = PKR {total}")
    return CostView(
        cost.basis,
        BASIS_LABELS.get(cost.basis, cost.basis),
        cost.quantity,
        source,
        cost.unit_cost,
        cost.total,
        cost.landed_total,
        cost.lcc_total,
        tuple(steps),
        cost.reason,
    )


def _reasons(alt: Alternative, result: EvaluationResult) -> tuple[str, ...]:
    out = [
        f"preliminary examination: {g.requirement}: {g.reason}"
        for g in alt.preliminary
        if not g.passed
    ]
    if not out:
        out += [f"{g.requirement}: {g.reason}" for g in alt.gates if not g.passed]
    out += [f for f in alt.flags if "disqualified" in f]
    if not out and alt.rank is None and result.method == "qcbs":
        out.append("below the minimum technical score")
    return tuple(out)


def _status(alt: Alternative, reasons: Sequence[str]) -> str:
    if alt.rank is not None:
        return f"ranked {alt.rank}"
    if not alt.passed_preliminary:
        return "failed the preliminary examination"
    if not alt.responsive:
        return "not responsive"
    if any("disqualified" in r for r in reasons):
        return "disqualified"
    return "not ranked"


def _approval(result: EvaluationResult) -> str:
    approval = result.record.approval if result.record else None
    if approval is None:
        return MISSING
    when = approval.at[:16].replace("T", " ")
    return f"{approval.by or 'unknown'}, {when}".strip(", ")


def build(
    result: EvaluationResult | Mapping[str, Any], *, technical: bool | None = None
) -> ReportModel:
    """Compute what every view shows from an evaluation result (a result document, as
    `load_result` or `--json` give it, is read into one first).

    technical=True shows the technical stage of a two-envelope procedure whatever the
    status; prices are then left out here too (procure.services.evaluations leaves them
    out of a sealed result before any view receives it)."""
    if not isinstance(result, EvaluationResult):
        result = EvaluationResult.from_json(result)
    sealed = result.sealed or (result.prices_sealed if technical is None else technical)
    if sealed:
        result = result.without_prices()
    doc = result.to_json()
    bids = {
        a.offer_id: f"Bid {i}"
        for i, a in enumerate(sorted(result.alternatives, key=lambda a: a.offer_id), 1)
    }
    offers = []
    for alt, data in zip(result.alternatives, doc["alternatives"], strict=True):
        reasons = _reasons(alt, result) if alt.rank is None else ()
        name = " — ".join(x for x in (alt.vendor, alt.model) if x) or bids[alt.offer_id]
        offers.append(
            OfferView(
                alt.offer_id,
                bids[alt.offer_id],
                alt.vendor,
                alt.model,
                name,
                alt.rank,
                alt.score,
                alt.responsive,
                alt.passed_preliminary,
                _status(alt, reasons),
                reasons,
                _quoted(alt, sealed),
                None if sealed else _cost(alt, result),
                None if sealed or alt.arithmetic is None else alt.arithmetic.text,
                data,
                alt,
            )
        )
    offers.sort(key=lambda o: (o.rank is None, o.rank or 0, o.offer_id))
    criteria = tuple(
        CriterionView(
            c.key,
            c.label,
            unit_text(c.unit),
            c.weight,
            c.direction,
            c.kind,
            c.key in MONEY_CRITERIA,
        )
        for c in result.criteria
        if not (sealed and c.key in MONEY_CRITERIA)
    )
    method = result.method
    entry = METHOD_BY_KEY.get(method)
    basis = result.least_cost_basis or "landed"
    recommendation = None if sealed else result.recommendation
    warnings = result.warnings
    if not result.recommendation_checked and not sealed:
        warnings += (
            "No recommendation: this result was computed before recommendations were "
            "checked; recompute it to see whether one can stand.",
        )
    award = _award_text(recommendation, result) if recommendation else None
    rules = result.preliminary_rules
    preliminary = tuple(
        PreliminaryRules(
            rules.bid_security_min_pct,
            rules.bid_validity_min_days,
            rules.signature_required,
        ).describe()
        if rules
        else ()
    )
    setup = result.setup or SetUp()
    record = result.record or Record()
    status = result.status or "draft"
    cover = (
        ("Procuring agency", setup.agency or MISSING),
        ("Tender reference", setup.tender_reference or MISSING),
        ("Procurement rules", setup.rules or MISSING),
        ("Procedure", setup.procedure or MISSING),
        ("Bid opening", setup.bid_opening_date or MISSING),
        ("Evaluation", str(result.evaluation_id)),
        ("Date", (record.created_at or "")[:10] or MISSING),
        ("Status", status),
        ("Approved by", _approval(result)),
        ("Method", method_label(method)),
        ("Base currency", result.base_currency),
        ("Content hash", record.content_hash or MISSING),
    )
    return ReportModel(
        result.evaluation_id,
        result.need,
        setup.title or result.need,
        status,
        method,
        method_label(method),
        entry.description if entry else method,
        BASIS_LABELS.get(basis, basis),
        sealed,
        cover,
        tuple(offers),
        criteria,
        () if sealed else warnings,
        recommendation.to_json() if recommendation else None,
        award,
        tuple(m.to_json() for m in setup.committee),
        preliminary,
        doc,
        result,
    )


def _award_text(rec: Recommendation, result: EvaluationResult) -> str:
    amount, base = rec.contract_amount, rec.contract_amount_base
    currency = amount.currency or ""
    parts = [
        f"Award to {rec.vendor} for {fmt(rec.quantity, 'units')} × {rec.model}",
        f"contract amount {currency} {fmt(amount.value, currency)}",
    ]
    if currency != "PKR" and base.value is not None:
        parts[-1] += f" (PKR {fmt(base.value, 'PKR')} at the recorded rate)"
    if rec.evaluated_cost is not None and rec.evaluated_cost.total is not None:
        parts.append(f"evaluated cost PKR {fmt(rec.evaluated_cost.total, 'PKR')}")
    return "; ".join(parts) + f". Rule: {rec.rule or method_label(result.method)}."
