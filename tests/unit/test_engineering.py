"""docs/engineering-models.md's models against values worked out by hand in the comments."""

import json
import math
from pathlib import Path

import pytest

from procure.errors import InvalidInput
from procure.evaluation.engineering import (
    METRIC_KEYS,
    METRIC_UNITS,
    evaluate_fleet,
    incoterm_code,
    landed_price,
)
from procure.paths import resource_path

NEEDS = resource_path("needs")
REL = 1e-6

# The cost side shared by the hand-worked cases: DDP at PKR 10 m, so landed = price.
COSTS = {
    "life_years": 3.0,
    "discount_rate_pct": 10.0,
    "diesel_pkr_per_l": 250.0,
    "tariff_pkr_per_kwh": 30.0,
    "maintenance_pct_of_price": 5.0,
    "operator_pkr_per_year": 1_500_000.0,
    "residual_pct": 20.0,
    "freight_insurance_pct": 3.0,
    "duties_taxes_pct": 18.0,
    "grid_co2_g_per_kwh": 309.55,
    "diesel_co2_kg_per_l": 2.68,
}


def haul_site(**changes: float) -> dict[str, float]:
    """The overburden haulage of the brief: 3 km at 8 % + 3 % RR, 2 loaders, 2,500 t/h."""
    site = {
        "production_tph": 2500.0,
        "haul_km": 3.0,
        "grade_pct": 8.0,
        "rolling_resistance_pct": 3.0,
        "site_speed_limit_kmh": 40.0,
        "loose_density_t_m3": 1.6,
        "loader_bucket_m3": 15.0,
        "fill_factor": 1.0,
        "loader_cycle_s": 30.0,
        "spot_time_min": 0.6,
        "dump_time_min": 1.1,
        "job_efficiency": 0.83,
        "availability": 0.85,
        "drivetrain_efficiency": 0.75,
        "loaders": 2.0,
        "hours_per_year": 6000.0,
        **COSTS,
    }
    site.update(changes)
    return site


DUMPER = {
    "payload_t": 90.0,
    "gvw_t": 164.0,
    "engine_power_kw": 783.0,
    "max_speed_kmh": 60.0,
    "fuel_l_per_h": 100.0,
    "incoterm": "FCA Minsk",
}


def test_passes_follow_the_handbook_bucket_example() -> None:
    # 1.8 t/m³ bank with 20 % swell -> 1.8 / 1.2 = 1.5 t/m³ loose; a pass carries
    # 3.0 × 0.9 × 1.5 = 4.05 t; 18 / 4.05 = 4.44 -> 5 passes; load = 5 × 30 s = 2.5 min.
    site = haul_site(loader_bucket_m3=3.0, fill_factor=0.9, loose_density_t_m3=1.8 / 1.2)
    fleet = evaluate_fleet("dumper", {**DUMPER, "payload_t": 18.0}, site, 1e7).fleet
    assert fleet["bucket_load_t"] == pytest.approx(4.05, rel=REL)
    assert fleet["passes"] == 5
    assert fleet["load_time_min"] == pytest.approx(2.5, rel=REL)


def test_whole_numbers_of_passes_are_not_rounded_up_by_float_noise() -> None:
    # 48 t / (10 × 1.0 × 1.6 = 16 t per pass) = exactly 3 passes, not 4.
    site = haul_site(loader_bucket_m3=10.0)
    fleet = evaluate_fleet("dumper", {**DUMPER, "payload_t": 48.0}, site, 1e7).fleet
    assert fleet["passes"] == 3


def test_haulage_cycle_worked_by_hand() -> None:
    # Passes: 90 / (15 × 1.0 × 1.6 = 24) = 3.75 -> 4; load = 4 × 30 s / 60 = 2.0 min.
    # Loaded, up 8 % + 3 % RR = 11 %: v = η·P / (m·g·0.11)
    #   = 0.75 × 783,000 W / (164,000 kg × 9.81 × 0.11) = 587,250 / 176,972.4
    #   = 3.318314 m/s = 11.945931 km/h, under the cap min(60, 40) = 40 km/h.
    # Empty: 3 % − 8 % = −5 % (downhill) -> the cap, 40 km/h.
    # Haul = 3 / 11.945931 × 60 = 15.067893 min; return = 3 / 40 × 60 = 4.5 min.
    # Cycle = 0.6 + 2.0 + 15.067893 + 1.1 + 4.5 = 23.267893 min.
    # Output = 90 × 60 / 23.267893 × 0.83 = 192.625953 t/h.
    # Units = ⌈2,500 / (192.625953 × 0.85) = 15.2688⌉ = 16.
    # Match factor = 16 × 2.0 / (2 × 23.267893) = 0.687643.
    result = evaluate_fleet("dumper", DUMPER, haul_site(), 1e7)
    fleet, metrics = result.fleet, result.metrics
    loaded_kmh = 587_250 / 176_972.4 * 3.6
    assert loaded_kmh == pytest.approx(11.945931, rel=REL)
    haul = 3 / loaded_kmh * 60
    cycle = 0.6 + 2.0 + haul + 1.1 + 4.5
    assert fleet["passes"] == 4
    assert fleet["load_time_min"] == pytest.approx(2.0, rel=REL)
    assert fleet["loaded_effective_grade_pct"] == pytest.approx(11.0, rel=REL)
    assert fleet["loaded_speed_kmh"] == pytest.approx(loaded_kmh, rel=REL)
    assert fleet["empty_effective_grade_pct"] == pytest.approx(-5.0, rel=REL)
    assert fleet["empty_power_limited_speed_kmh"] is None
    assert fleet["empty_speed_kmh"] == pytest.approx(40.0, rel=REL)
    assert fleet["haul_time_min"] == pytest.approx(15.067893, rel=REL)
    assert fleet["return_time_min"] == pytest.approx(4.5, rel=REL)
    assert metrics["cycle_time_min"].value == pytest.approx(23.267893, rel=REL)
    assert metrics["cycle_time_min"].value == pytest.approx(cycle, rel=REL)
    assert metrics["output_tph"].value == pytest.approx(192.625953, rel=REL)
    assert metrics["output_tph"].value == pytest.approx(90 * 60 / cycle * 0.83, rel=REL)
    assert metrics["units_required"].value == 16
    assert metrics["match_factor"].value == pytest.approx(0.687643, rel=REL)
    assert metrics["match_factor"].value == pytest.approx(16 * 2.0 / (2 * cycle), rel=REL)
    # Every number used is recorded with the metric.
    inputs = metrics["units_required"].inputs
    assert inputs["gvw_t"] == 164.0 and inputs["production_tph"] == 2500.0
    assert inputs["output_tph"] == metrics["output_tph"].value
    # CO₂ = 100 L/h × 6,000 h × 2.68 kg/L / 1000 × 16 units = 25,728 t/yr.
    assert metrics["co2_t_per_year"].value == pytest.approx(25_728.0, rel=REL)
    # Dumpers: cost per tonne only; road and bus metrics are not applicable.
    assert metrics["cost_per_tonne"].value is not None
    assert metrics["cost_per_km"].reason == "not applicable to dumper"


def test_missing_max_speed_uses_the_site_limit_and_says_so() -> None:
    # Level haul, no grade: 0 % + 3 % = 3 %: v = 0.75 × 783,000 / (164,000 × 9.81 × 0.03)
    # = 40.57 km/h -> capped at the site's 40 km/h (the offer states no max speed).
    values = {k: v for k, v in DUMPER.items() if k != "max_speed_kmh"}
    result = evaluate_fleet("dumper", values, haul_site(grade_pct=0.0), 1e7)
    assert result.fleet["loaded_speed_kmh"] == pytest.approx(40.0, rel=REL)
    assert "max_speed_kmh" in str(result.fleet["notes"])
    assert "speed_note" in result.metrics["cycle_time_min"].inputs


def test_excavator_output_and_units() -> None:
    # Output = 2 m³ × 1.0 × 1.5 t/m³ × 3600 / 30 s × 0.8 = 3 × 120 × 0.8 = 288 t/h;
    # units = ⌈1,000 / (288 × 0.9) = 3.858⌉ = 4; cycle = 30 / 60 = 0.5 min.
    site = {"production_tph": 1000.0, "loose_density_t_m3": 1.5, "fill_factor": 1.0}
    site |= {"loader_cycle_s": 30.0, "job_efficiency": 0.8, "availability": 0.9}
    site |= {"hours_per_year": 1000.0, **COSTS}
    values = {"bucket_m3": 2.0, "fuel_l_per_h": 20.0, "incoterm": "DDP"}
    metrics = evaluate_fleet("excavator", values, site, 1e7).metrics
    assert metrics["output_tph"].value == pytest.approx(288.0, rel=REL)
    assert metrics["units_required"].value == 4
    assert metrics["cycle_time_min"].value == pytest.approx(0.5, rel=REL)
    assert metrics["match_factor"].value is None
    assert metrics["match_factor"].reason == "not applicable to excavator"


def road_site(**changes: float) -> dict[str, float]:
    site = {
        "daily_tonnage_t": 1200.0,
        "route_km": 60.0,
        "average_speed_kmh": 40.0,
        "load_unload_min": 60.0,
        "hours_per_day": 16.0,
        "days_per_year": 300.0,
        "availability": 0.9,
        **COSTS,
    }
    site.update(changes)
    return site


def test_road_truck_trips_and_units() -> None:
    # Trip = 2 × 60 km / 40 km/h × 60 + 60 = 240 min; trips = ⌊16 × 60 / 240⌋ = 4;
    # 4 × 25 t = 100 t per truck-day; units = ⌈1,200 / (100 × 0.9) = 13.33⌉ = 14;
    # km per truck-year = 4 × 120 × 300 = 144,000; output = 25 × 60 / 240 = 6.25 t/h.
    values = {"payload_t": 25.0, "max_speed_kmh": 90.0, "fuel_l_per_100km": 40.0}
    result = evaluate_fleet("truck", values, road_site(), 1e7)
    fleet, metrics = result.fleet, result.metrics
    assert fleet["model"] == "truck (road haulage)"
    assert metrics["cycle_time_min"].value == pytest.approx(240.0, rel=REL)
    assert fleet["trips_per_day_per_unit"] == 4
    assert fleet["tonnes_per_unit_day"] == pytest.approx(100.0, rel=REL)
    assert metrics["units_required"].value == 14
    assert fleet["annual_km_per_unit"] == pytest.approx(144_000.0, rel=REL)
    assert metrics["output_tph"].value == pytest.approx(6.25, rel=REL)
    # CO₂ = 40 L/100 km × 144,000 km / 100 = 57,600 L × 2.68 kg/L = 154.368 t per truck,
    # × 14 = 2,161.152 t/yr.
    assert metrics["co2_t_per_year"].value == pytest.approx(2_161.152, rel=REL)
    # Levelised over Σ_t q/(1+r)^t = q × a, a = 1/1.1 + 1/1.21 + 1/1.331.
    a = 1 / 1.1 + 1 / 1.21 + 1 / 1.331
    npv = metrics["lcc_npv"].value
    assert npv is not None
    assert metrics["cost_per_tonne"].value == pytest.approx(npv / (360_000 * a), rel=REL)
    tonne_km = 360_000 * 60
    assert metrics["cost_per_tonne_km"].value == pytest.approx(npv / (tonne_km * a), rel=REL)
    assert metrics["cost_per_km"].value == pytest.approx(npv / (14 * 144_000 * a), rel=REL)
    assert metrics["match_factor"].reason == "not applicable to truck (road haulage)"


def test_road_truck_slower_than_the_road_is_limited_by_its_own_max_speed() -> None:
    # Speed = min(40, 35) = 35 km/h; trip = 120 / 35 × 60 + 60 = 265.71 min;
    # trips = ⌊960 / 265.71 = 3.61⌋ = 3.
    values = {"payload_t": 25.0, "max_speed_kmh": 35.0, "fuel_l_per_100km": 40.0}
    fleet = evaluate_fleet("truck", values, road_site(), 1e7).fleet
    assert fleet["speed_kmh"] == pytest.approx(35.0, rel=REL)
    assert fleet["cycle_time_min"] == pytest.approx(120 / 35 * 60 + 60, rel=REL)
    assert fleet["trips_per_day_per_unit"] == 3


def test_truck_in_a_pit_uses_the_haulage_model() -> None:
    result = evaluate_fleet("truck", {**DUMPER, "fuel_l_per_100km": 150.0}, haul_site(), 1e7)
    assert result.fleet["model"] == "truck (pit or quarry haulage)"
    assert result.metrics["units_required"].value == 16
    assert result.metrics["cost_per_tonne_km"].value is None


def bus_site(**changes: float) -> dict[str, float]:
    site = {
        "daily_km": 150.0,
        "days_per_year": 330.0,
        "passengers_per_day": 1200.0,
        "trips_per_bus_per_day": 6.0,
        "ac_uplift_pct": 25.0,
        "range_reserve_pct": 15.0,
        "charger_cost_pkr_per_bus": 9_000_000.0,
        "battery_replacement_pkr": 12_600_000.0,
        "maintenance_pkr_per_km": 30.0,
        "diesel_bus_l_per_100km": 38.0,
        **COSTS,
        "life_years": 12.0,
    }
    site.update(changes)
    return site


BUS = {"battery_kwh": 300.0, "range_km": 250.0, "passengers": 80.0, "charging_kw": 150.0}


def test_bus_fleet_energy_and_co2() -> None:
    # Units = ⌈1,200 / (80 × 6 = 480) = 2.5⌉ = 3; e = 300 kWh / 250 km = 1.2 kWh/km,
    # with 25 % AC: 1.5 kWh/km; km per bus-year = 150 × 330 = 49,500;
    # CO₂ = 3 × 49,500 × 1.5 × 309.55 g / 10⁶ = 222,750 kWh × 309.55 / 10⁶ = 68.9522625 t/yr.
    # Range gate: 250 / 1.25 = 200 km ≥ 150 × 1.15 = 172.5 km -> pass.
    # Diesel reference: 38 × 49,500 / 100 = 18,810 L -> × 2.68 / 1000 = 50.4108 t per bus.
    result = evaluate_fleet("electric_bus", BUS, bus_site(), 50e6)
    fleet, metrics = result.fleet, result.metrics
    assert metrics["units_required"].value == 3
    assert fleet["energy_kwh_per_km"] == pytest.approx(1.2, rel=REL)
    assert fleet["energy_with_ac_kwh_per_km"] == pytest.approx(1.5, rel=REL)
    assert "battery_kwh / range_km" in str(fleet["notes"])
    assert metrics["co2_t_per_year"].value == pytest.approx(68.9522625, rel=REL)
    assert fleet["effective_range_km"] == pytest.approx(200.0, rel=REL)
    assert fleet["required_range_km"] == pytest.approx(172.5, rel=REL)
    assert fleet["range_gate"] == "pass"
    assert fleet["diesel_ref_co2_t_per_bus_year"] == pytest.approx(50.4108, rel=REL)
    assert result.lcc["diesel_ref_fuel_pkr_per_bus_year"] == pytest.approx(18_810 * 250.0)
    assert metrics["cycle_time_min"].reason == "not applicable to electric_bus"
    # The stated consumption wins over battery / range: 1.0 × 1.25 = 1.25 kWh/km.
    fleet = evaluate_fleet("electric_bus", {**BUS, "energy_kwh_per_km": 1.0}, bus_site(), 1).fleet
    assert fleet["energy_with_ac_kwh_per_km"] == pytest.approx(1.25, rel=REL)


def test_bus_availability_applies_when_the_site_gives_it() -> None:
    # ⌈1,200 / (480 × 0.8 = 384) = 3.125⌉ = 4 buses.
    result = evaluate_fleet("electric_bus", BUS, bus_site(availability=0.8), 50e6)
    assert result.metrics["units_required"].value == 4


def test_opportunity_charging_bus_needs_chargers_en_route() -> None:
    values = {**BUS, "battery_kwh": 20.0, "range_km": 30.0, "charging_kw": 400.0}
    fleet = evaluate_fleet("electric_bus", values, bus_site(), 50e6).fleet
    assert "needs chargers en route" in str(fleet["range_gate"])
    short = {**BUS, "range_km": 150.0}  # 150 / 1.25 = 120 km < 172.5 km
    assert evaluate_fleet("electric_bus", short, bus_site(), 50e6).fleet["range_gate"] == "fail"


@pytest.mark.parametrize(
    ("incoterm", "expected"),
    [
        ("FCA Minsk", 1_000_000 * 1.03 * 1.18),  # 100 % of 3 %, then 18 %: 1,215,400
        ("CFR Karachi", 1_000_000 * 1.006 * 1.18),  # 20 % of 3 % = 0.6 %: 1,187,080
        ("C & F Karachi", 1_000_000 * 1.006 * 1.18),
        ("CIF Karachi", 1_000_000 * 1.18),  # freight and insurance paid: 1,180,000
        ("DDP Thar site", 1_000_000.0),  # everything paid
        (None, 1_000_000 * 1.03 * 1.18),  # missing: the worst case
        ("ex works", 1_000_000 * 1.03 * 1.18),  # not recognised: the worst case
    ],
)
def test_landed_price_by_incoterm(incoterm: str | None, expected: float) -> None:
    site = {"freight_insurance_pct": 3.0, "duties_taxes_pct": 18.0}
    metric = landed_price(1_000_000.0, incoterm, site)
    assert metric.value == pytest.approx(expected, rel=1e-9)
    assert metric.unit == "PKR"
    assert metric.inputs["unit_price_base_pkr"] == 1_000_000.0
    if incoterm in (None, "ex works"):
        assert "worst case" in str(metric.inputs["incoterm_note"])


def test_incoterm_codes_are_read_from_free_text() -> None:
    assert incoterm_code("fob Riga (Incoterms 2020)") == "FOB"
    assert incoterm_code("CNF Karachi") == "CNF"
    assert incoterm_code("DAP Fobville") == "DAP"
    assert incoterm_code("") is None


def test_landed_price_needs_only_the_parameters_its_incoterm_uses() -> None:
    assert landed_price(100.0, "DDP", {}).value == pytest.approx(100.0)
    metric = landed_price(100.0, "FCA", {"duties_taxes_pct": 18.0})
    assert metric.value is None and "freight_insurance_pct" in str(metric.reason)


def excavator_case() -> tuple[dict[str, float | str | None], dict[str, float]]:
    # Output = 2 × 1.0 × 1.5 × 3600 / 30 × 0.8 = 288 t/h; ⌈200 / (288 × 0.9)⌉ = 1 unit.
    site = {"production_tph": 200.0, "loose_density_t_m3": 1.5, "fill_factor": 1.0}
    site |= {"loader_cycle_s": 30.0, "job_efficiency": 0.8, "availability": 0.9}
    site |= {"hours_per_year": 1000.0, **COSTS}
    return {"bucket_m3": 2.0, "fuel_l_per_h": 20.0, "incoterm": "DDP Sahiwal"}, site


def test_life_cycle_cost_of_one_unit_over_three_years() -> None:
    # Year 0: landed 10,000,000 (DDP). Yearly: fuel 20 L/h × 1,000 h × 250 = 5,000,000;
    # maintenance 5 % × 10 m = 500,000; operator 1,500,000; total 7,000,000.
    # Residual 20 % × 10 m = 2,000,000 at the end of year 3; r = 10 %.
    # NPV = 10,000,000 + 7,000,000/1.1 + 7,000,000/1.21 + 7,000,000/1.331 − 2,000,000/1.331
    #     = 10,000,000 + 6,363,636.36 + 5,785,123.97 + 5,259,203.61 − 1,502,629.60
    #     = 25,905,334.34
    values, site = excavator_case()
    result = evaluate_fleet("excavator", values, site, 10_000_000.0)
    explicit = (
        10_000_000 + 7_000_000 / 1.1 + 7_000_000 / 1.21 + 7_000_000 / 1.331 - 2_000_000 / 1.331
    )
    assert explicit == pytest.approx(25_905_334.34, abs=0.01)
    # Second method, without a loop: annuity factor a = (1 − 1.1⁻³) / 0.1 = 2.486852.
    a = (1 - 1.1**-3) / 0.1
    closed_form = 10_000_000 + 7_000_000 * a - 2_000_000 * 1.1**-3
    assert closed_form == pytest.approx(explicit, rel=1e-12)
    assert result.metrics["units_required"].value == 1
    assert result.metrics["lcc_npv"].value == pytest.approx(explicit, rel=REL)
    lcc = result.lcc
    assert lcc["npv_total_pkr"] == pytest.approx(explicit, rel=REL)
    assert lcc["annuity_factor"] == pytest.approx(a, rel=REL)
    assert lcc["energy_pkr_per_unit_year"] == pytest.approx(5_000_000.0)
    assert lcc["maintenance_pkr_per_unit_year"] == pytest.approx(500_000.0)
    assert lcc["yearly_pkr_per_unit"] == pytest.approx(7_000_000.0)
    assert lcc["residual_pkr_per_unit"] == pytest.approx(2_000_000.0)
    parts = ("capex_year0_pkr", "pv_energy_pkr", "pv_maintenance_pkr", "pv_operators_pkr")
    total = sum(float(lcc[p] or 0) for p in (*parts, "pv_residual_pkr"))
    assert total == pytest.approx(explicit, rel=REL)
    # Cost per tonne = NPV / (200 t/h × 1,000 h × a) = 25,905,334.34 / 497,370.40 = 52.0846.
    assert result.metrics["cost_per_tonne"].value == pytest.approx(52.084592, rel=REL)
    # CO₂ = 20 L/h × 1,000 h × 2.68 kg/L / 1000 = 53.6 t/yr.
    assert result.metrics["co2_t_per_year"].value == pytest.approx(53.6, rel=REL)


def test_bus_life_cycle_cost_with_a_battery_replacement() -> None:
    # One bus: ⌈300 / (50 × 6)⌉ = 1. Landed 20 m (DDP) + charger 2 m = 22 m at year 0.
    # e' = 1.0 × 1.2 = 1.2 kWh/km × 30,000 km × PKR 30 = 1,080,000; maintenance 0 % of
    # price + 10 PKR/km × 30,000 = 300,000; driver 1,000,000; yearly 2,380,000.
    # Battery 5,000,000 in year 2; residual 10 % × 20 m = 2,000,000 at year 3.
    # NPV = 22,000,000 + 2,380,000/1.1 + (2,380,000 + 5,000,000)/1.21
    #       + (2,380,000 − 2,000,000)/1.331
    #     = 22,000,000 + 2,163,636.36 + 6,099,173.55 + 285,499.62 = 30,548,309.54
    site = bus_site(
        daily_km=100.0, days_per_year=300.0, passengers_per_day=300.0, ac_uplift_pct=20.0,
        charger_cost_pkr_per_bus=2_000_000.0, battery_replacement_pkr=5_000_000.0,
        battery_replacement_year=2.0, maintenance_pkr_per_km=10.0, life_years=3.0,
        maintenance_pct_of_price=0.0, operator_pkr_per_year=1_000_000.0, residual_pct=10.0,
    )  # fmt: skip
    values = {"energy_kwh_per_km": 1.0, "passengers": 50.0, "range_km": 300.0, "incoterm": "DDP"}
    result = evaluate_fleet("electric_bus", values, site, 20_000_000.0)
    metrics = result.metrics
    assert metrics["units_required"].value == 1
    assert metrics["lcc_npv"].value == pytest.approx(30_548_309.54, abs=0.01)
    # Passenger-km a year = 300 × 300 × (100 km / 6 trips) = 1,500,000;
    # cost = 30,548,309.54 / (1,500,000 × 2.486852) = 8.189285 PKR per passenger-km;
    # per km = 30,548,309.54 / (30,000 × 2.486852) = 409.464250 PKR.
    assert metrics["cost_per_passenger_km"].value == pytest.approx(8.189285, rel=REL)
    assert metrics["cost_per_km"].value == pytest.approx(409.464250, rel=REL)
    # Without the year in the site the default (8) applies, is recorded, and here falls
    # after the 3-year life, so no replacement is counted.
    site.pop("battery_replacement_year")
    lcc = evaluate_fleet("electric_bus", values, site, 20_000_000.0).lcc
    assert lcc["battery_replacement_year"] == 8
    assert lcc["battery_replacement_pkr_per_unit"] == 0
    assert "default 8" in str(lcc["notes"])


def test_missing_gvw_makes_speed_dependent_metrics_not_computable() -> None:
    values = {k: v for k, v in DUMPER.items() if k != "gvw_t"}
    result = evaluate_fleet("dumper", values, haul_site(), 1e7)
    for key in ("cycle_time_min", "output_tph", "units_required", "match_factor", "lcc_npv"):
        metric = result.metrics[key]
        assert metric.value is None
        assert "gvw_t (Gross vehicle weight)" in str(metric.reason), key
    assert result.fleet["passes"] == 4  # passes need no weight
    assert result.metrics["landed_price"].value is not None


def test_missing_site_parameter_is_named_and_spares_what_does_not_need_it() -> None:
    site = haul_site()
    del site["loaders"], site["diesel_pkr_per_l"]
    metrics = evaluate_fleet("dumper", DUMPER, site, 1e7).metrics
    assert metrics["units_required"].value == 16
    assert metrics["match_factor"].value is None
    assert "loaders" in str(metrics["match_factor"].reason)
    for key in ("lcc_npv", "cost_per_tonne"):
        assert "diesel_pkr_per_l" in str(metrics[key].reason)
    assert metrics["co2_t_per_year"].value is not None


def test_no_price_in_the_base_currency() -> None:
    result = evaluate_fleet("dumper", DUMPER, haul_site(), None)
    for key in ("landed_price", "lcc_npv", "cost_per_tonne"):
        assert result.metrics[key].value is None
        assert "price" in str(result.metrics[key].reason)
    assert result.metrics["units_required"].value == 16
    assert result.lcc["landed_price_per_unit_pkr"] is None


@pytest.mark.parametrize("path", sorted(NEEDS.glob("*.json")), ids=lambda p: p.stem)
def test_every_metric_has_a_value_or_a_reason_for_every_template(path: Path) -> None:
    need = json.loads(path.read_text(encoding="utf-8"))
    site = {key: float(param["value"]) for key, param in need["site"].items()}
    values = {**DUMPER, **BUS, "fuel_l_per_100km": 40.0, "bucket_m3": 6.0}
    result = evaluate_fleet(need["category"], values, site, 5e7)
    assert tuple(result.metrics) == METRIC_KEYS
    for key, metric in result.metrics.items():
        assert metric.unit == METRIC_UNITS[key]
        assert (metric.value is None) == (metric.reason is not None), key
        assert metric.value is None or math.isfinite(metric.value)
    assert result.lcc["currency"] == "PKR"


def test_unknown_category_is_refused() -> None:
    with pytest.raises(InvalidInput, match="Unknown equipment category"):
        evaluate_fleet("tractor", {}, {}, None)
