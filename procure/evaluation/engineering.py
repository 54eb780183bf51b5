"""Engineering models (docs/engineering-models.md): fleet size, landed price, life-cycle cost, CO₂.

Every figure is a `Metric`: its value together with every number it was computed from
(those of the figures it builds on included), or None with the reason it cannot be computed.
Nothing is silently defaulted: a model that needs a site parameter the need lacks, or a value
the offer does not state, says which one.

The formulas (quoted in the report appendix):

Landed price (all categories)
    allowance % = share(Incoterm) × freight_insurance_pct; share = 1 for E and F terms
    (EXW, FCA, FAS, FOB) and for a missing or unknown Incoterm (worst case), 0.2 for CFR,
    C&F, CNF, CPT (freight paid, insurance not), 0 for CIF, CIP, DAP, DPU, DAT, DDP;
    landed = price × (1 + allowance %/100) × (1 + duties_taxes_pct/100), duties 0 for DDP.
Haulage (dumpers; trucks in a pit or quarry) — Caterpillar Performance Handbook, simplified
    passes n = ⌈payload / (B·k·ρ)⌉; load time = n·tc/60 (min);
    power-limited speed v = η·P / (m·g·(G + RR)/100) (P in W, m in kg, g = 9.81 m/s², v in m/s
    × 3.6 → km/h), capped by min(offer max speed, site limit); m = GVW loaded; empty return
    on the grade RR − G with m = GVW − payload, or at the cap when RR − G ≤ 0;
    haul, return = L / v × 60; cycle = spot + load + haul + dump + return (min);
    output = payload × 60 / cycle × E (t/h); N = ⌈P / (output × A)⌉;
    match factor = N × load / (loaders × cycle); trips per unit-year = h/yr × 60 / cycle × E;
    km per unit-year = trips × 2L.
Excavators
    output = B·k·ρ × 3600 / tc × E (t/h); N = ⌈P / (output × A)⌉; cycle = tc / 60.
Road trucks
    speed = min(average speed, offer max speed); trip = 2·route / speed × 60 + load/unload
    (min); trips per day = ⌊h/day × 60 / trip⌋; N = ⌈daily t / (trips × payload × A)⌉;
    km per unit-year = trips × 2·route × days/yr; output = payload × 60 / trip (t/h).
Electric buses
    e = energy_kwh_per_km, else battery_kwh / range_km; e' = e × (1 + AC uplift %/100);
    range gate: range / (1 + uplift %/100) ≥ daily km × (1 + reserve %/100), not applied to an
    opportunity-charging bus (charging ≥ 300 kW and range < 60 km: needs chargers en route);
    N = ⌈passengers per day / (seats × trips per bus-day × A)⌉ (A only when the site gives
    it); km per bus-year = daily km × days/yr; CO₂ = N × km × e' × grid g/kWh / 10⁶ (t/yr);
    diesel reference bus: L/100 km × km / 100 litres, × kg CO₂/L / 1000 t/yr.
Diesel CO₂ = litres per unit-year × kg CO₂/L / 1000 × N (t/yr); litres per unit-year =
    L/h × h/yr (dumpers, excavators) or L/100 km × km / 100 (trucks).
Life-cycle cost, fleet of N units, in PKR, discounted at r = discount_rate_pct/100
    year 0: landed price (+ charger per bus); years 1..life: energy, maintenance (share of
    landed price, + per km for buses), operators; battery replacement per bus in its year;
    − residual (share of landed price) at the end of life;
    NPV = N × [capex + yearly × a + battery / (1+r)^yb − residual / (1+r)^life],
    annuity factor a = Σ_{t=1..life} (1+r)^−t. Breakdown: capex_year0 + pv_energy +
    pv_maintenance + pv_operators (+ pv_battery) + pv_residual (negative) = NPV.
Levelised costs = NPV / (yearly quantity × a): tonnes (production t/h × h/yr, or daily t ×
    days/yr for road trucks), tonne-km (× route km), fleet km, passenger-km (passengers per
    day × days/yr × daily km / trips per bus-day).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from procure.errors import InvalidInput
from procure.fields import FIELD_BY_KEY, Category

G = 9.81  # m/s², standard gravity
DEFAULT_BATTERY_REPLACEMENT_YEAR = 8
OPPORTUNITY_CHARGING_KW = 300.0  # at or above this, with a short range: charges en route
OPPORTUNITY_RANGE_KM = 60.0
# Site parameters that divide or scale a result: zero or below makes no physical sense.
_POSITIVE = frozenset(
    (
        "production_tph", "haul_km", "site_speed_limit_kmh", "loose_density_t_m3",
        "loader_bucket_m3", "fill_factor", "loader_cycle_s", "job_efficiency", "availability",
        "drivetrain_efficiency", "loaders", "route_km", "average_speed_kmh", "hours_per_day",
        "daily_tonnage_t", "passengers_per_day", "trips_per_bus_per_day",
        "battery_replacement_year",
    )
)  # fmt: skip
_EPS = 1e-9  # rounding tolerance so that 3.0000000000000004 passes are 3, not 4

METRIC_UNITS: Mapping[str, str] = {
    "units_required": "units",
    "match_factor": "",
    "cycle_time_min": "min",
    "output_tph": "t/h",
    "landed_price": "PKR",
    "lcc_npv": "PKR",
    "cost_per_tonne": "PKR/t",
    "cost_per_tonne_km": "PKR/t·km",
    "cost_per_km": "PKR/km",
    "cost_per_passenger_km": "PKR/passenger-km",
    "co2_t_per_year": "t/yr",
}
METRIC_KEYS = tuple(METRIC_UNITS)
NO_PRICE = "not computable: no unit price in the base currency (PKR)"

# Share of the site's freight and insurance allowance still owed under each Incoterm.
_INCOTERM_SHARE: Mapping[str, float] = {
    **dict.fromkeys(("EXW", "FCA", "FAS", "FOB"), 1.0),
    **dict.fromkeys(("CFR", "C&F", "CNF", "CPT"), 0.2),
    **dict.fromkeys(("CIF", "CIP", "DAP", "DPU", "DAT", "DDP"), 0.0),
}
_INCOTERM_RE = re.compile(
    r"(?<![A-Z&])(" + "|".join(re.escape(c) for c in _INCOTERM_SHARE) + r")(?![A-Z&])"
)


@dataclass(frozen=True)
class Metric:
    """A derived value with its inputs, or the reason it cannot be computed."""

    value: float | None
    unit: str
    reason: str | None = None  # set (and value None) when not computable
    inputs: Mapping[str, float | str] = field(default_factory=dict)  # every number used


@dataclass(frozen=True)
class FleetResult:
    """The metrics of one offer against one need, with the fleet and life-cycle figures."""

    metrics: Mapping[str, Metric]  # every key of METRIC_KEYS
    fleet: Mapping[str, float | str | None]  # fleet sizing, units in the key names
    lcc: Mapping[str, float | str | None]  # life-cycle cost breakdown, PKR


class _NotComputable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _describe(key: str) -> str:
    known = FIELD_BY_KEY.get(key)
    return f"{key} ({known.label})" if known else key


class _Trace:
    """Read offer values, site parameters and earlier results, recording each number used.

    Offer fields the data dictionary requires to be above zero, and site parameters in
    `_POSITIVE`, are checked: a zero or negative one makes the figure not computable.
    """

    def __init__(
        self,
        values: Mapping[str, float | str | None],
        site: Mapping[str, float],
        results: Mapping[str, Metric],
    ) -> None:
        self._values, self._site, self._results = values, site, results
        self.inputs: dict[str, float | str] = {}

    def offer_opt(self, key: str) -> float | None:
        raw = self._values.get(key)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise _NotComputable(
                f"not computable: the offer's {_describe(key)} is not a number: {raw!r}"
            ) from None
        known = FIELD_BY_KEY.get(key)
        if known is not None and known.exclusive_minimum and value <= (known.minimum or 0):
            raise _NotComputable(f"not computable: the offer's {_describe(key)} is not above 0")
        return self.put(key, value)

    def offer(self, key: str) -> float:
        value = self.offer_opt(key)
        if value is None:
            raise _NotComputable(f"not computable: the offer does not state {_describe(key)}")
        return value

    def param_opt(self, key: str) -> float | None:
        raw = self._site.get(key)
        if raw is None:
            return None
        value = float(raw)
        if key in _POSITIVE and value <= 0:
            raise _NotComputable(f"not computable: site parameter {key} must be above 0")
        return self.put(key, value)

    def param(self, key: str) -> float:
        value = self.param_opt(key)
        if value is None:
            raise _NotComputable(f"not computable: the need's site parameters lack {key}")
        return value

    def dep(self, name: str) -> float:
        """Use an earlier result, taking over its inputs; fail with its reason if it failed."""
        metric = self._results[name]
        if metric.value is None:
            raise _NotComputable(metric.reason or f"not computable: {name}")
        self.inputs.update(metric.inputs)
        return self.put(name, metric.value)

    def has(self, name: str) -> bool:
        return name in self._results

    def put(self, name: str, value: float) -> float:
        self.inputs[name] = value
        return value

    def note(self, name: str, text: str) -> None:
        self.inputs[name] = text


_Fn = Callable[[_Trace], float]
# Short names for long keys, so that each step of a model fits on one line.
_RR, _PL, _DIESEL = "rolling_resistance_pct", "payload_t", "diesel_pkr_per_l"
_LOADED_GRADE, _EMPTY_GRADE = "loaded_effective_grade_pct", "empty_effective_grade_pct"
_E_AC, _REF_L = "energy_with_ac_kwh_per_km", "diesel_ref_l_per_bus_year"
_REF_CO2, _KM_UNIT = "diesel_ref_co2_t_per_bus_year", "annual_km_per_unit"
_Step = tuple[str, str, _Fn]  # result name, unit, computation


def _attempt(unit: str, trace: _Trace, fn: _Fn) -> Metric:
    try:
        value = fn(trace)
    except _NotComputable as exc:
        return Metric(None, unit, exc.reason, dict(trace.inputs))
    return Metric(value, unit, None, dict(trace.inputs))


def _ceil(x: float) -> float:
    return float(math.ceil(x - _EPS * max(1.0, abs(x))))


def _floor(x: float) -> float:
    return float(math.floor(x + _EPS * max(1.0, abs(x))))


def incoterm_code(text: str | None) -> str | None:
    """Return the Incoterm named in free text ("FCA Minsk", "C & F Karachi"), or None."""
    if not text:
        return None
    found = _INCOTERM_RE.search(re.sub(r"\s*&\s*", "&", text.upper()))
    return found.group(1) if found else None


def landed_price(
    unit_price_base: float | None, incoterm: str | None, site: Mapping[str, float]
) -> Metric:
    """Price delivered to site, duty paid: freight/insurance allowance by Incoterm, duties."""
    if unit_price_base is None:
        return Metric(None, METRIC_UNITS["landed_price"], NO_PRICE)
    price = float(unit_price_base)
    return _attempt("PKR", _Trace({}, site, {}), lambda t: _landed(t, price, incoterm))


def _landed(t: _Trace, price: float, incoterm: str | None) -> float:
    t.put("unit_price_base_pkr", price)
    t.note("incoterm", incoterm or "not stated")
    code = incoterm_code(incoterm)
    if code is None:
        share = 1.0
        t.note(
            "incoterm_note",
            "Incoterm missing or not recognised: full freight and insurance allowance (worst case)",
        )
    else:
        share = _INCOTERM_SHARE[code]
        t.note("incoterm_code", code)
    t.put("freight_insurance_share", share)
    allowance_pct = share * t.param("freight_insurance_pct") if share else 0.0
    t.put("freight_insurance_allowance_pct", allowance_pct)
    t.put("freight_insurance_allowance_pkr", price * allowance_pct / 100)
    if code == "DDP":
        duty_pct = 0.0
        t.note("duties_note", "DDP: duties and taxes are included in the price")
    else:
        duty_pct = t.param("duties_taxes_pct")
    t.put("duties_taxes_applied_pct", duty_pct)
    with_freight = price * (1 + allowance_pct / 100)
    t.put("duties_taxes_pkr", with_freight * duty_pct / 100)
    return with_freight * (1 + duty_pct / 100)


# --- performance models ---------------------------------------------------------------


def _param(key: str) -> _Fn:
    return lambda t: t.param(key)


def _speed_cap(t: _Trace, site_key: str) -> float:
    """min(offer max_speed_kmh, site speed); the site's alone when the offer is silent."""
    site_speed = t.param(site_key)
    machine = t.offer_opt("max_speed_kmh")
    if machine is None:
        t.note("speed_note", f"the offer does not state max_speed_kmh: {site_key} only")
        return site_speed
    return min(machine, site_speed)


def _power_speed(mass: Callable[[_Trace], float], grade_name: str) -> _Fn:
    """v = η·P / (m·g·grade/100) in m/s, × 3.6 → km/h, on a positive effective grade."""

    def compute(t: _Trace) -> float:
        grade = t.dep(grade_name)
        if grade <= 0:
            raise _NotComputable("no power limit on a level or downhill effective grade")
        power_w = t.offer("engine_power_kw") * 1000
        mass_kg = mass(t) * 1000
        return t.param("drivetrain_efficiency") * power_w / (mass_kg * G * grade / 100) * 3.6

    return compute


def _loaded_mass_t(t: _Trace) -> float:
    return t.offer("gvw_t")


def _empty_mass_t(t: _Trace) -> float:
    empty = t.offer("gvw_t") - t.offer("payload_t")
    if empty <= 0:
        raise _NotComputable("not computable: the offer's gvw_t is not above its payload_t")
    return t.put("empty_mass_t", empty)


def _travel_speed(prefix: str) -> _Fn:
    """The power-limited speed capped by the speed cap; the cap alone on a level/downhill."""

    def compute(t: _Trace) -> float:
        cap = t.dep("speed_cap_kmh")
        if t.dep(f"{prefix}_effective_grade_pct") <= 0:
            note = "on a level or downhill effective grade: the speed cap, no power limit"
            t.note(f"{prefix}_speed_note", f"{prefix} travel {note}")
            return cap
        return min(t.dep(f"{prefix}_power_limited_speed_kmh"), cap)

    return compute


def _passes(t: _Trace) -> float:
    return _ceil(t.offer("payload_t") / t.dep("bucket_load_t"))


def _haul_cycle(t: _Trace) -> float:
    spot, load, dump = t.dep("spot_time_min"), t.dep("load_time_min"), t.dep("dump_time_min")
    return spot + load + t.dep("haul_time_min") + dump + t.dep("return_time_min")


def _haul_output(t: _Trace) -> float:
    return t.offer("payload_t") * 60 / t.dep("cycle_time_min") * t.param("job_efficiency")


def _units_from_output(t: _Trace) -> float:
    output = t.dep("output_tph") * t.param("availability")
    return _ceil(t.param("production_tph") / output)


def _match_factor(t: _Trace) -> float:
    trucks_loading = t.dep("units_required") * t.dep("load_time_min")
    return trucks_loading / (t.param("loaders") * t.dep("cycle_time_min"))


def _trips_per_year(t: _Trace) -> float:
    hours = t.param("hours_per_year")
    return hours * 60 / t.dep("cycle_time_min") * t.param("job_efficiency")


def _site_bucket(t: _Trace) -> float:
    bucket = t.param("loader_bucket_m3")
    return bucket * t.param("fill_factor") * t.param("loose_density_t_m3")


def _offer_bucket(t: _Trace) -> float:
    return t.offer("bucket_m3") * t.param("fill_factor") * t.param("loose_density_t_m3")


def _dig_output(t: _Trace) -> float:
    passes_per_h = 3600 / t.param("loader_cycle_s")
    return t.dep("bucket_load_t") * passes_per_h * t.param("job_efficiency")


def _production_tonnes(t: _Trace) -> float:
    return t.param("production_tph") * t.param("hours_per_year")


def _fuel_by_hours(t: _Trace) -> float:
    return t.offer("fuel_l_per_h") * t.param("hours_per_year")


def _fuel_by_km(t: _Trace) -> float:
    return t.offer("fuel_l_per_100km") / 100 * t.dep("annual_km_per_unit")


_HAULAGE: tuple[_Step, ...] = (
    ("bucket_load_t", "t", _site_bucket),
    ("passes", "passes", _passes),
    ("load_time_min", "min", lambda t: t.dep("passes") * t.param("loader_cycle_s") / 60),
    ("speed_cap_kmh", "km/h", lambda t: _speed_cap(t, "site_speed_limit_kmh")),
    ("loaded_effective_grade_pct", "%", lambda t: t.param("grade_pct") + t.param(_RR)),
    ("empty_effective_grade_pct", "%", lambda t: t.param(_RR) - t.param("grade_pct")),
    ("loaded_power_limited_speed_kmh", "km/h", _power_speed(_loaded_mass_t, _LOADED_GRADE)),
    ("empty_power_limited_speed_kmh", "km/h", _power_speed(_empty_mass_t, _EMPTY_GRADE)),
    ("loaded_speed_kmh", "km/h", _travel_speed("loaded")),
    ("empty_speed_kmh", "km/h", _travel_speed("empty")),
    ("haul_time_min", "min", lambda t: t.param("haul_km") / t.dep("loaded_speed_kmh") * 60),
    ("return_time_min", "min", lambda t: t.param("haul_km") / t.dep("empty_speed_kmh") * 60),
    ("spot_time_min", "min", _param("spot_time_min")),
    ("dump_time_min", "min", _param("dump_time_min")),
    ("cycle_time_min", "min", _haul_cycle),
    ("output_tph", "t/h", _haul_output),
    ("units_required", "units", _units_from_output),
    ("match_factor", "", _match_factor),
    ("trips_per_unit_year", "trips/yr", _trips_per_year),
    (
        "annual_km_per_unit",
        "km/yr",
        lambda t: t.dep("trips_per_unit_year") * 2 * t.param("haul_km"),
    ),
    ("annual_tonnes", "t/yr", _production_tonnes),
)

_EXCAVATOR: tuple[_Step, ...] = (
    ("bucket_load_t", "t", _offer_bucket),
    ("cycle_time_min", "min", lambda t: t.param("loader_cycle_s") / 60),
    ("output_tph", "t/h", _dig_output),
    ("units_required", "units", _units_from_output),
    ("fuel_l_per_unit_year", "L/yr", _fuel_by_hours),
    ("annual_tonnes", "t/yr", _production_tonnes),
)


def _trip_time(t: _Trace) -> float:
    driving = 2 * t.param("route_km") / t.dep("speed_kmh") * 60
    return driving + t.param("load_unload_min")


def _trips_per_day(t: _Trace) -> float:
    trips = _floor(t.param("hours_per_day") * 60 / t.dep("cycle_time_min"))
    if trips < 1:
        raise _NotComputable("not computable: one round trip takes longer than hours_per_day")
    return trips


def _road_units(t: _Trace) -> float:
    delivered = t.dep("tonnes_per_unit_day") * t.param("availability")
    return _ceil(t.param("daily_tonnage_t") / delivered)


def _road_km(t: _Trace) -> float:
    per_day = t.dep("trips_per_day_per_unit") * 2 * t.param("route_km")
    return per_day * t.param("days_per_year")


_ROAD: tuple[_Step, ...] = (
    ("speed_kmh", "km/h", lambda t: _speed_cap(t, "average_speed_kmh")),
    ("cycle_time_min", "min", _trip_time),
    ("trips_per_day_per_unit", "trips/day", _trips_per_day),
    ("tonnes_per_unit_day", "t/day", lambda t: t.dep("trips_per_day_per_unit") * t.offer(_PL)),
    ("units_required", "units", _road_units),
    ("annual_km_per_unit", "km/yr", _road_km),
    ("output_tph", "t/h", lambda t: t.offer(_PL) * 60 / t.dep("cycle_time_min")),
    ("fuel_l_per_unit_year", "L/yr", _fuel_by_km),
    ("annual_tonnes", "t/yr", lambda t: t.param("daily_tonnage_t") * t.param("days_per_year")),
    ("annual_tonne_km", "t·km/yr", lambda t: t.dep("annual_tonnes") * t.param("route_km")),
)


def _bus_energy(t: _Trace) -> float:
    stated = t.offer_opt("energy_kwh_per_km")
    if stated is not None:
        t.note("energy_note", "energy_kwh_per_km as stated by the offer")
        return stated
    try:
        battery, range_km = t.offer("battery_kwh"), t.offer("range_km")
    except _NotComputable:
        raise _NotComputable(
            "not computable: the offer states neither energy_kwh_per_km (Energy consumption) "
            "nor battery_kwh and range_km"
        ) from None
    t.note("energy_note", "battery_kwh / range_km (the offer states no energy_kwh_per_km)")
    return battery / range_km


def _uplift(t: _Trace) -> float:
    return 1 + t.param("ac_uplift_pct") / 100


def _bus_units(t: _Trace) -> float:
    seats = t.offer("passengers") * t.param("trips_per_bus_per_day")
    availability = t.param_opt("availability")
    if availability is None:
        t.note("availability_note", "the site gives no availability: not applied")
        availability = 1.0
    return _ceil(t.param("passengers_per_day") / (seats * availability))


def _required_range(t: _Trace) -> float:
    return t.param("daily_km") * (1 + t.param("range_reserve_pct") / 100)


def _passenger_km(t: _Trace) -> float:
    trip_km = t.param("daily_km") / t.param("trips_per_bus_per_day")
    return t.param("passengers_per_day") * t.param("days_per_year") * trip_km


def _diesel_ref_litres(t: _Trace) -> float:
    return t.param("diesel_bus_l_per_100km") * t.dep("annual_km_per_unit") / 100


def _diesel_ref_co2(t: _Trace) -> float:
    return t.dep("diesel_ref_l_per_bus_year") * t.param("diesel_co2_kg_per_l") / 1000


_BUS: tuple[_Step, ...] = (
    ("energy_kwh_per_km", "kWh/km", _bus_energy),
    ("energy_with_ac_kwh_per_km", "kWh/km", lambda t: t.dep("energy_kwh_per_km") * _uplift(t)),
    ("effective_range_km", "km", lambda t: t.offer("range_km") / _uplift(t)),
    ("required_range_km", "km", _required_range),
    ("units_required", "units", _bus_units),
    ("annual_km_per_unit", "km/yr", lambda t: t.param("daily_km") * t.param("days_per_year")),
    ("energy_kwh_per_unit_year", "kWh/yr", lambda t: t.dep(_E_AC) * t.dep("annual_km_per_unit")),
    ("diesel_ref_l_per_bus_year", "L/yr", _diesel_ref_litres),
    ("diesel_ref_co2_t_per_bus_year", "t/yr", _diesel_ref_co2),
    ("diesel_ref_co2_t_per_year", "t/yr", lambda t: t.dep(_REF_CO2) * t.dep("units_required")),
    ("diesel_ref_fuel_pkr_per_bus_year", "PKR/yr", lambda t: t.dep(_REF_L) * t.param(_DIESEL)),
    ("passenger_km_per_year", "passenger-km/yr", _passenger_km),
)

# --- life-cycle cost ------------------------------------------------------------------


def _rate(t: _Trace) -> float:
    pct = t.param("discount_rate_pct")
    if pct <= -100:
        raise _NotComputable("not computable: discount_rate_pct must be above -100")
    return pct / 100


def _life(t: _Trace) -> int:
    years = t.param("life_years")
    if years < 1 or years != int(years):
        raise _NotComputable("not computable: life_years must be a whole number of at least 1")
    return int(years)


def _battery_year(t: _Trace) -> float:
    year = t.param_opt("battery_replacement_year")
    if year is None:
        t.note(
            "battery_year_note",
            f"battery_replacement_year not in the site: default {DEFAULT_BATTERY_REPLACEMENT_YEAR}",
        )
        year = t.put("battery_replacement_year", float(DEFAULT_BATTERY_REPLACEMENT_YEAR))
    return year


def _battery_cost(t: _Trace) -> float:
    cost = t.param("battery_replacement_pkr")
    if t.dep("battery_replacement_year") > _life(t):
        t.note("battery_note", "battery replacement falls after the end of life: not counted")
        return 0.0
    return cost


def _discounted(amount: float, r: float, year: float) -> float:
    """Present value of an amount paid at the end of `year`: amount / (1 + r)^year."""
    return amount / math.pow(1 + r, year)


def _annuity(t: _Trace) -> float:
    r, life = _rate(t), _life(t)
    return sum(_discounted(1.0, r, year) for year in range(1, life + 1))


def _npv_per_unit(t: _Trace) -> float:
    r, life = _rate(t), _life(t)
    npv = t.dep("capex_pkr_per_unit") + t.dep("yearly_pkr_per_unit") * t.dep("annuity_factor")
    if t.has("battery_replacement_pkr_per_unit"):
        year = t.dep("battery_replacement_year")
        npv += _discounted(t.dep("battery_replacement_pkr_per_unit"), r, year)
    return npv - _discounted(t.dep("residual_pkr_per_unit"), r, life)


def _fleet_pv(name: str, discounted: bool = True) -> _Fn:
    """Fleet present value of a yearly per-unit cost (× N × a), or of a year-0 one (× N)."""
    return lambda t: (
        t.dep("units_required") * t.dep(name) * (t.dep("annuity_factor") if discounted else 1.0)
    )


def _levelised(quantity: str) -> _Fn:
    """NPV / Σ_t quantity/(1+r)^t, i.e. NPV / (yearly quantity × annuity factor)."""
    return lambda t: t.dep("lcc_npv") / (t.dep(quantity) * t.dep("annuity_factor"))


def _zero(t: _Trace) -> float:
    return 0.0


def _diesel_cost(t: _Trace) -> float:
    return t.dep("fuel_l_per_unit_year") * t.param("diesel_pkr_per_l")


def _electricity_cost(t: _Trace) -> float:
    return t.dep("energy_kwh_per_unit_year") * t.param("tariff_pkr_per_kwh")


def _maintenance(t: _Trace) -> float:
    return t.dep("landed_price") * t.param("maintenance_pct_of_price") / 100


def _bus_maintenance(t: _Trace) -> float:
    per_km = t.param("maintenance_pkr_per_km") * t.dep("annual_km_per_unit")
    return _maintenance(t) + per_km


def _diesel_co2(t: _Trace) -> float:
    litres = t.dep("units_required") * t.dep("fuel_l_per_unit_year")
    return litres * t.param("diesel_co2_kg_per_l") / 1000


def _grid_co2(t: _Trace) -> float:
    kwh = t.dep("units_required") * t.dep("energy_kwh_per_unit_year")
    return kwh * t.param("grid_co2_g_per_kwh") / 1e6


def _pv_residual(t: _Trace) -> float:
    residual = t.dep("units_required") * t.dep("residual_pkr_per_unit")
    return -_discounted(residual, _rate(t), _life(t))


def _pv_battery(t: _Trace) -> float:
    battery = t.dep("units_required") * t.dep("battery_replacement_pkr_per_unit")
    return _discounted(battery, _rate(t), t.dep("battery_replacement_year"))


def _lcc_steps(bus: bool) -> tuple[_Step, ...]:
    """The life-cycle cost, its present-value breakdown and CO₂, common to all models."""
    steps: list[_Step] = [
        ("charger_pkr_per_unit", "PKR", _param("charger_cost_pkr_per_bus") if bus else _zero),
        (
            "capex_pkr_per_unit",
            "PKR",
            lambda t: t.dep("landed_price") + t.dep("charger_pkr_per_unit"),
        ),
        ("energy_pkr_per_unit_year", "PKR/yr", _electricity_cost if bus else _diesel_cost),
        ("maintenance_pkr_per_unit_year", "PKR/yr", _bus_maintenance if bus else _maintenance),
        ("operators_pkr_per_unit_year", "PKR/yr", _param("operator_pkr_per_year")),
        (
            "yearly_pkr_per_unit",
            "PKR/yr",
            lambda t: (
                t.dep("energy_pkr_per_unit_year")
                + t.dep("maintenance_pkr_per_unit_year")
                + t.dep("operators_pkr_per_unit_year")
            ),
        ),
        (
            "residual_pkr_per_unit",
            "PKR",
            lambda t: t.dep("landed_price") * t.param("residual_pct") / 100,
        ),
        ("annuity_factor", "", _annuity),
    ]
    if bus:
        steps += [
            ("battery_replacement_year", "year", _battery_year),
            ("battery_replacement_pkr_per_unit", "PKR", _battery_cost),
        ]
    steps += [
        ("npv_pkr_per_unit", "PKR", _npv_per_unit),
        ("lcc_npv", "PKR", lambda t: t.dep("units_required") * t.dep("npv_pkr_per_unit")),
        ("capex_year0_pkr", "PKR", _fleet_pv("capex_pkr_per_unit", discounted=False)),
        ("pv_energy_pkr", "PKR", _fleet_pv("energy_pkr_per_unit_year")),
        ("pv_maintenance_pkr", "PKR", _fleet_pv("maintenance_pkr_per_unit_year")),
        ("pv_operators_pkr", "PKR", _fleet_pv("operators_pkr_per_unit_year")),
        ("pv_residual_pkr", "PKR", _pv_residual),
    ]
    if bus:
        steps.append(("pv_battery_pkr", "PKR", _pv_battery))
    steps += [
        ("equivalent_annual_cost_pkr", "PKR/yr", _levelised_npv),
        ("co2_t_per_year", "t/yr", _grid_co2 if bus else _diesel_co2),
    ]
    return tuple(steps)


def _levelised_npv(t: _Trace) -> float:
    return t.dep("lcc_npv") / t.dep("annuity_factor")


# Levelised costs (fleet km first: the cost per km needs it); a model takes those it names.
_COSTS: tuple[_Step, ...] = (
    ("fleet_km_per_year", "km/yr", lambda t: t.dep("units_required") * t.dep(_KM_UNIT)),
    ("cost_per_tonne", "PKR/t", _levelised("annual_tonnes")),
    ("cost_per_tonne_km", "PKR/t·km", _levelised("annual_tonne_km")),
    ("cost_per_km", "PKR/km", _levelised("fleet_km_per_year")),
    ("cost_per_passenger_km", "PKR/passenger-km", _levelised("passenger_km_per_year")),
)


@dataclass(frozen=True)
class _Model:
    label: str
    steps: tuple[_Step, ...]
    fleet: tuple[str, ...]  # result names shown as fleet figures
    lcc: tuple[str, ...]  # result names shown in the life-cycle cost breakdown


_LCC_ALIASES = {"landed_price": "landed_price_per_unit_pkr", "lcc_npv": "npv_total_pkr"}


def _model_for(category: str, site: Mapping[str, float]) -> _Model:
    """Choose the performance model for a category (a truck need: road or pit haulage)."""
    km = ("fleet_km_per_year", "cost_per_km")
    costs: tuple[str, ...]
    if category == Category.EXCAVATOR:
        label, perf, costs = "excavator", _EXCAVATOR, ("cost_per_tonne",)
    elif category == Category.ELECTRIC_BUS:
        label, perf, costs = "electric_bus", _BUS, (*km, "cost_per_passenger_km")
    elif category == Category.TRUCK and _is_road(site):
        label, perf, costs = (
            "truck (road haulage)",
            _ROAD,
            ("cost_per_tonne", "cost_per_tonne_km", *km),
        )
    elif category == Category.DUMPER:
        label, costs = "dumper", ("cost_per_tonne",)
        perf = (*_HAULAGE, ("fuel_l_per_unit_year", "L/yr", _fuel_by_hours))
    elif category == Category.TRUCK:
        label, costs = "truck (pit or quarry haulage)", ("cost_per_tonne", *km)
        perf = (*_HAULAGE, ("fuel_l_per_unit_year", "L/yr", _fuel_by_km))
    else:
        choices = ", ".join(c.value for c in Category)
        raise InvalidInput(f"Unknown equipment category '{category}'. Choose one of: {choices}.")
    lcc = _lcc_steps(bus=category == Category.ELECTRIC_BUS)
    steps = (*perf, *lcc, *(step for step in _COSTS if step[0] in costs))
    fleet_km = [name for name in costs if name == "fleet_km_per_year"]
    fleet = (*(name for name, _, _ in perf), *fleet_km, "co2_t_per_year")
    breakdown = ("landed_price", *(name for name, _, _ in lcc if name != "co2_t_per_year"))
    if category == Category.ELECTRIC_BUS:
        breakdown += ("diesel_ref_fuel_pkr_per_bus_year",)
    return _Model(label, steps, fleet, breakdown)


def _is_road(site: Mapping[str, float]) -> bool:
    """A truck need is road haulage when it gives a daily tonnage or a route length."""
    return "daily_tonnage_t" in site or "route_km" in site


def _notes(results: Mapping[str, Metric], names: tuple[str, ...]) -> str | None:
    notes: dict[str, None] = {}
    for name in names:
        for key, value in results[name].inputs.items():
            if key.endswith("_note") and isinstance(value, str):
                notes[value] = None
    return "; ".join(notes) or None


def _range_gate(values: Mapping[str, float | str | None], results: Mapping[str, Metric]) -> str:
    """Opportunity-charging buses pass by charging en route; others need the daily range."""
    charging, range_km = values.get("charging_kw"), values.get("range_km")
    if (
        isinstance(charging, float | int)
        and isinstance(range_km, float | int)
        and charging >= OPPORTUNITY_CHARGING_KW
        and range_km < OPPORTUNITY_RANGE_KM
    ):
        return "opportunity-charging (supercapacitor) bus: needs chargers en route"
    effective, required = results["effective_range_km"], results["required_range_km"]
    if effective.value is None or required.value is None:
        return "not computable: " + (effective.reason or required.reason or "")
    return "pass" if effective.value >= required.value else "fail"


def evaluate_fleet(
    category: str,
    values: Mapping[str, float | str | None],
    site: Mapping[str, float],
    unit_price_base: float | None,
) -> FleetResult:
    """Size the fleet an offer needs to meet a need, and cost it over its life."""
    model = _model_for(category, site)
    incoterm = values.get("incoterm")
    results: dict[str, Metric] = {
        "landed_price": landed_price(
            unit_price_base, None if incoterm is None else str(incoterm), site
        )
    }
    for name, unit, fn in model.steps:
        results[name] = _attempt(unit, _Trace(values, site, results), fn)
    metrics = {
        key: results.get(key) or Metric(None, METRIC_UNITS[key], f"not applicable to {model.label}")
        for key in METRIC_KEYS
    }
    fleet: dict[str, float | str | None] = {"model": model.label}
    fleet.update((name, results[name].value) for name in model.fleet)
    if category == Category.ELECTRIC_BUS:
        fleet["range_gate"] = _range_gate(values, results)
    fleet["notes"] = _notes(results, model.fleet)
    lcc: dict[str, float | str | None] = {
        "currency": "PKR",
        "units_required": results["units_required"].value,
        "discount_rate_pct": site.get("discount_rate_pct"),
        "life_years": site.get("life_years"),
    }
    lcc.update((_LCC_ALIASES.get(name, name), results[name].value) for name in model.lcc)
    lcc["notes"] = _notes(results, model.lcc)
    return FleetResult(metrics, fleet, lcc)
