"""Header matching, one case a line: a header, the category, the cells under it, the field.

Each expected field is what a procurement officer reads from the header and its cells; the
cells matter (numbers cannot be a text field, a mass in an excavator sheet is its operating
weight, values far outside what real machines have make a field unlikely).
"""

from __future__ import annotations

from typing import Any

import pytest

from procure.importing.assign import assign, make_profile

T, D, E, B = "truck", "dumper", "excavator", "electric_bus"

CASES: list[tuple[str, str | None, list[Any], str | None]] = [
    ("Payload, t", T, [20, 25], "payload_t"),
    ("Bid security (USD)", T, [20000], "bid_security_amount"),  # an amount, in a currency
    ("Обеспечение заявки, долл. США", D, ["25 000"], "bid_security_amount"),
    ("Bid validity (days)", E, [120], "bid_validity_days"),
    ("Signed", B, ["Yes", "No"], "bid_signed"),
    ("Подписано", T, ["да"], "bid_signed"),
    ("Грузоподъёмность, т", D, [55, 90], "payload_t"),
    ("Г/п, т", T, ["20", "10,5"], "payload_t"),
    ("Rated payload (lb)", D, ["66,000"], "payload_t"),
    ("Payload (short tons)", D, [49.6], "payload_t"),
    ("Operating mass, kg", D, ["42 000"], "operating_weight_t"),
    ("Эксплуатационная масса, т", E, [22.5], "operating_weight_t"),
    ("Operating weight, lbs", E, ["52,900"], "operating_weight_t"),
    ("GVW, kg", T, [33500], "gvw_t"),
    ("Gross machine weight (lb)", D, ["123,000"], "gvw_t"),
    ("Полная масса, т", D, [97], "gvw_t"),
    ("Engine, kW", T, [309], "engine_power_kw"),
    ("Engine", T, [309, 243], "engine_power_kw"),
    ("Engine (HP)", T, [420], "engine_power_kw"),
    ("Мощность двигателя, кВт (л.с.)", D, ["895 (1 200)"], "engine_power_kw"),
    ("Мощность, л.с.", T, ["420"], "engine_power_kw"),
    ("Traction motor, kW", B, [180], "engine_power_kw"),
    ("Emission", T, ["Euro 5"], "emission_standard"),
    ("Emission standard", E, ["Stage IIIA"], "emission_standard"),
    ("Heaped capacity (yd³)", D, ["25.1"], "body_volume_m3"),
    ("Объём кузова с шапкой, м³", D, [33.3], "body_volume_m3"),
    ("Bucket, cu.yd", E, [1.31], "bucket_m3"),
    ("Вместимость ковша", E, ["1,2"], "bucket_m3"),
    ("Max digging depth, ft", E, [22.3], "max_dig_depth_m"),
    ("Max reach at ground level", E, [9.85], "max_reach_m"),
    ("Fuel consumption at 75 % load, L/h", D, [98], "fuel_l_per_h"),
    ("Fuel consumption, l/100 km", T, [38.5], "fuel_l_per_100km"),
    ("Расход топлива, л/100 км", T, ["38,5"], "fuel_l_per_100km"),
    ("Top speed (mph)", D, [33.5], "max_speed_kmh"),
    ("Макс. скорость, км/ч", T, ["85"], "max_speed_kmh"),
    ("Преодолеваемый подъём, %", D, [18], "gradeability_pct"),
    ("Seating + standing capacity", B, [90], "passengers"),
    ("Вместимость, пасс.", B, [90], "passengers"),
    ("Пассажировместимость, чел.", B, ["150"], "passengers"),
    ("Battery, kWh", B, [261], "battery_kwh"),
    ("Ёмкость АКБ, кВт·ч", B, [261], "battery_kwh"),
    ("Battery capacity", B, ["290 kWh"], "battery_kwh"),
    ("Range per charge, km", B, [200], "range_km"),
    ("Запас хода, км", B, [220], "range_km"),
    ("Charging power, kW", B, [150], "charging_kw"),
    ("Расход электроэнергии, кВт·ч/100 км", B, ["118,5"], "energy_kwh_per_km"),
    ("Length, mm", T, [8600], "length_m"),
    ("Длина, мм", D, [7110], "length_m"),
    ("Price EXW Minsk, USD", T, ["98,500"], "unit_price"),
    ("Цена, долл. США", D, ["1 180 000"], "unit_price"),
    ("Цена, бел. руб.", B, ["1 295 000"], "unit_price"),
    ("Price", E, ["USD 185,000"], "unit_price"),
    ("Price, €", B, ["€ 398,500"], "unit_price"),
    ("Delivery", T, ["14 weeks"], "delivery_weeks"),
    ("Delivery period, days", T, [120], "delivery_weeks"),
    ("Срок поставки, мес.", B, ["6"], "delivery_weeks"),
    ("Warranty", T, ["24 months / 100,000 km"], "warranty_months"),
    ("Warranty", B, ["2 years"], "warranty_months"),
    ("Warranty (hours)", D, [5000], "warranty_hours"),
    ("Гарантия, мес.", E, [12], "warranty_months"),
    ("Max ambient temperature °C", D, ["+50"], "ambient_max_c"),
    ("Service points in Pakistan", D, ["3"], "service_points_pk"),
    ("Spare parts lead time (days)", D, ["21"], "spare_parts_lead_days"),
    ("Local content %", D, ["15"], "local_content_pct"),
    ("Model", T, ["MAZ-6501C9"], "model"),
    ("Модель", D, ["БелАЗ-7555B"], "model"),
    ("Type", T, ["Tipper 6x4"], None),
    ("No.", T, [1, 2, 3], None),
    ("Item", T, ["1", "2"], None),
    ("Wheel formula", T, ["6x4"], None),
    ("Colour", T, ["sand"], None),
    ("Payload, t", B, [20], None),  # no payload for buses
    ("Engine", T, ["YaMZ-652"], None),  # words: the engine's make, not its power
]


@pytest.mark.parametrize(("header", "category", "cells", "key"), CASES)
def test_header_maps_to_field(
    header: str, category: str | None, cells: list[Any], key: str | None
) -> None:
    profile = make_profile(0, header, None, cells)
    assert assign([profile], category, {})[0].key == key


def test_column_already_mapped_is_not_offered_again() -> None:
    profiles = [
        make_profile(0, "Model", None, ["MAZ-6501C9"]),
        make_profile(1, "Engine model", None, ["YaMZ-652"]),
        make_profile(2, "Engine", None, [309]),
    ]
    chosen = assign(profiles, T, {})
    assert [chosen[i].key for i in range(3)] == ["model", None, "engine_power_kw"]


@pytest.mark.parametrize(
    ("headers", "cells", "price"),
    [
        (["Base price (Rs.)", "Options (Rs.)", "Total price (Rs.)"], [[100], [5], [105]], 2),
        (["Unit price, USD", "Amount, USD"], [[412000], [824000]], 0),
        (["Price, USD", "Qty", "Sum, USD"], [[10], [3], [30]], 0),
        (["Цена, USD", "Цена, BYN"], [[236000], [770000]], 0),  # the first of two currencies
    ],
)
def test_the_price_a_committee_compares_wins(
    headers: list[str], cells: list[list[Any]], price: int
) -> None:
    profiles = [
        make_profile(i, h, None, c) for i, (h, c) in enumerate(zip(headers, cells, strict=True))
    ]
    chosen = assign(profiles, T, {})
    assert [i for i in chosen if chosen[i].key == "unit_price"] == [price]


def test_two_prices_nothing_tells_apart_are_asked_about() -> None:
    profiles = [
        make_profile(0, "Price, USD", None, [100]),
        make_profile(1, "Price (USD)", None, [120]),
    ]
    chosen = assign(profiles, T, {})
    assert chosen[0].key is None and chosen[1].key is None
    assert chosen[0].alternatives == ("unit_price",)


def test_a_unit_that_measures_something_else_is_a_problem() -> None:
    chosen = assign([make_profile(0, "Payload, kWh", None, [20])], T, {})
    assert chosen[0].key is None and chosen[0].unit_problem


def test_a_long_column_is_judged_on_a_spread_sample_and_says_so() -> None:
    # 1,000 offers: the field is decided from 300 cells spread over the column, the same
    # rows in every column, so that quantity × price still matches row by row.
    n = 1000
    qty = [1 + i % 4 for i in range(n)]
    price = [400_000 + 10 * i for i in range(n)]
    profiles = [
        make_profile(0, "Price, USD", None, price),
        make_profile(1, "Qty", None, qty),
        make_profile(2, "Amount, USD", None, [q * p for q, p in zip(qty, price, strict=True)]),
    ]
    assert len(profiles[0].values) == 300 and profiles[0].cells == n
    chosen = assign(profiles, T, {})
    assert chosen[0].key == "unit_price" and chosen[2].key is None
    assert "300 of 300 cells (a sample of the 1,000) are numbers" in chosen[0].reason
