"""Vendor-style offer files as real vendors send them, and what a careful officer reads.

Written to look like the commercial offers and specification sheets that BelAZ, MAZ, MZKT,
Amkodor, BKM and their dealers publish or send (title blocks, covering letters, units in a
second row, group headers, unit columns, spec-sheet layout, Russian and English, cp1251,
UTF-16, South-Asian digit grouping, currencies in words). The expected values of every file
were worked out by hand from the cells as written, before the reader was run on the file,
with these exact factors (compared with a relative tolerance of 1e-3):

    hp = 0.745699872 kW          л.с. / PS = 0.73549875 kW       lb = 0.45359237 kg
    yd³ = 0.764554858 m³         ft = 0.3048 m                   mph = 1.609344 km/h
    month = 30.4375 days = 4.348214 weeks (pint's month: a twelfth of 365.25 days)
    short ton = 0.90718474 t     kWh per 100 km / 100 = kWh per km

`VENDOR_CASES` is read while the reader is developed; `HELD_OUT_CASES` were written, with
their expectations, before the reader was run on them and are never used to tune it.
Every price and most specifications are illustrative, not quotations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.corpus.generate import (
    Builder,
    Case,
    Rows,
    offer,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)

T, D, E, B = "truck", "dumper", "excavator", "electric_bus"


def _opts(vendor: str, category: str) -> tuple[str, ...]:
    return ("--vendor", vendor, "--category", category)


def write_xlsx_sheets(path: Path, sheets: list[tuple[str, Rows]]) -> Path:
    """Write several sheets (name, rows) to one workbook with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def _xlsx(name: str, rows: Rows, **kw: Any) -> Builder:
    return lambda folder: write_xlsx(folder / name, rows, **kw)


def _sheets(name: str, sheets: list[tuple[str, Rows]]) -> Builder:
    return lambda folder: write_xlsx_sheets(folder / name, sheets)


def _xls(name: str, rows: Rows, **kw: Any) -> Builder:
    return lambda folder: write_xls(folder / name, rows, **kw)


def _ods(name: str, rows: Rows, **kw: Any) -> Builder:
    return lambda folder: write_ods(folder / name, rows, **kw)


def _csv(name: str, rows: Rows, **kw: Any) -> Builder:
    return lambda folder: write_csv(folder / name, rows, **kw)


def _renamed(name: str, build: Builder) -> Builder:
    """Build a file and give it a name that claims another format."""

    def make(folder: Path) -> Path:
        path = build(folder)
        return path.rename(folder / name)

    return make


# ----------------------------------------------------------------------------- rows

V01 = [
    ["MAZ Trading House LLC"],
    ["Commercial offer No. 118/26 for the supply of dump trucks"],
    ["Date: 12.03.2026"],
    [],
    ["No.", "Model", "Wheel formula", "Payload, t", "GVW, kg", "Engine, kW", "Emission standard",
     "Max speed, km/h", "Price EXW Minsk, USD", "Delivery", "Warranty"],
    [1, "MAZ-6501C9-8525-000", "6x4", 20, 33500, 309, "Euro 5", 85, "98,500", "14 weeks",
     "24 months / 100,000 km"],
    [2, "MAZ-5550C5-8520-000", "4x2", 10.5, 18000, 243, "Euro 5", 90, "72,300", "12 weeks",
     "24 months / 100,000 km"],
    [3, "MAZ-6516V9-485-000", "8x4", 25, 41000, 338, "Euro 5", 80, "121,900", "16 weeks",
     "36 months / 150,000 km"],
    [None, "Prices are valid for 60 days."],
]  # fmt: skip

V02 = [
    ["ОАО «БЕЛАЗ» — управляющая компания холдинга «БЕЛАЗ-ХОЛДИНГ»"],
    ["Коммерческое предложение на поставку карьерных самосвалов"],
    [],
    ["№ п/п", "Модель", "Грузоподъёмность, т", "Объём кузова с шапкой, м³", "Полная масса, т",
     "Мощность двигателя, кВт (л.с.)", "Максимальная скорость, км/ч", "Экологический класс",
     "Цена, долл. США", "Срок поставки, недель"],
    [1, "БелАЗ-7555B", 55, 33.3, 97, "522 (710)", 55, "Tier 2", "1 180 000", 20],
    [2, "БелАЗ-7558B", 90, 53.3, 161.5, "895 (1 200)", 60, "Tier 2", "1 890 000", 26],
    [3, "БелАЗ-7513", 130, 71.2, 240, "1 193 (1 600)", 50, "Tier 2", "2 650 000", 30],
    [None, "Директор по экспорту ____________"],
]  # fmt: skip

V03 = [
    ["AMKODOR holding — technical specification and prices"],
    [],
    ["Parameter", "Unit", "AMKODOR E320", "AMKODOR E530"],
    ["Operating weight", "kg", "21 800", "31 500"],
    ["Bucket capacity", "m³", "1.0", "1.6"],
    ["Engine power", "kW", 118, 190],
    ["Max digging depth", "mm", 6650, 7300],
    ["Max reach at ground level", "mm", 9850, 10900],
    ["Emission standard", None, "Stage IIIA", "Stage IIIA"],
    ["Fuel consumption", "l/h", 14, 22],
    ["Price, FCA Minsk", "USD", 152000, 214000],
    ["Delivery time", "weeks", 10, 12],
]  # fmt: skip

V04 = [
    ["Модель", "Пассажировместимость, чел.", "Ёмкость батареи, кВт·ч", "Запас хода, км",
     "Мощность тягового двигателя, кВт", "Расход электроэнергии, кВт·ч/100 км", "Длина, мм",
     "Цена, евро", "Срок поставки, мес."],
    ["БКМ Е433 Vitovt Max Electro", "150", "348,5", "220", "180", "118,5", "18 000", "512 000",
     "6"],
    ["БКМ Е321", "90", "261,4", "200", "150", "96,0", "12 000", "398 500", "5"],
]  # fmt: skip

V05_LETTER = [
    ["To: The Procurement Committee"],
    ["Subject: Offer for heavy trucks, tender No. PC-07/2026"],
    ["Dear Sirs,"],
    ["We are pleased to offer the vehicles listed on the sheet 'Price offer'."],
    ["Yours faithfully, MZKT Export Department"],
]
V05_OFFER = [
    ["Item", "Model", "Type", "Payload capacity, t", "Gross vehicle weight, t",
     "Engine power, hp", "Max. speed, km/h", "Unit price, USD", "Delivery period, days"],
    ["1", "MZKT-650108", "Tractor unit", 25, 48, 450, 70, 289000, 120],
    ["2", "MZKT-700600", "Heavy truck", 30, 61, 500, 60, 334000, 150],
]  # fmt: skip

V06 = [
    ["Model", "Payload", "Body volume", "Gross weight", "Engine power", "Fuel consumption",
     "Price"],
    [None, "t", "m³", "kg", "hp", "l/100 km", "USD"],
    ["MAZ-5516X5-480-000", 20, 12, 33500, 400, 36, 95400],
    ["MAZ-6516V9-485-000", 25, 20, 41000, 480, 41.5, 119900],
]  # fmt: skip

V07 = [
    ["Shahzad Motors (Pvt) Ltd — authorised dealer, Lahore"],
    ["Quotation for tipper trucks"],
    [],
    ["Sr. No.", "Model", "Payload (tons)", "Engine (HP)", "Base price (Rs.)", "Options (Rs.)",
     "Total price (Rs.)", "Delivery (weeks)", "Warranty (months)"],
    [1, "MAZ-6501C9", 20, 420, "2,45,00,000", "12,50,000", "2,57,50,000", 16, 24],
    [2, "MAZ-5550C5", 10, 330, "1,62,00,000", "8,00,000", "1,70,00,000", 12, 24],
]  # fmt: skip

V08 = [
    ["Model", "Rated payload (lb)", "Heaped capacity (yd³)", "Gross machine weight (lb)",
     "Gross power (hp)", "Top speed (mph)", "Price (US$)"],
    ["BELAZ-7540A", "66,000", "25.1", "123,000", "400", "33.5", "US$ 398,000"],
    ["BELAZ-7547", "99,200", "34.0", "183,000", "590", "31", "US$ 512,000"],
]  # fmt: skip

V09 = [
    [None, None, "Engine", None, "Dimensions", "Price, USD", None, None],
    ["Model", "Payload, t", "Power, kW", "Emission", "Length, mm", "Base", "Options", "Total"],
    ["MAZ-6501C9-8525-000", 20, 309, "Euro 5", 8600, 92000, 6500, 98500],
    ["MAZ-6516V9-485-000", 25, 338, "Euro 5", 10200, 114000, 7900, 121900],
]  # fmt: skip

V10 = [
    ["Технические характеристики и цены экскаваторов АМКОДОР"],
    [],
    ["Наименование показателя", "Ед. изм.", "Амкодор Э-240", "Амкодор Э-330"],
    ["Эксплуатационная масса", "т", "22,5", "33,0"],
    ["Вместимость ковша", "м³", "1,2", "1,8"],
    ["Мощность двигателя", "кВт (л.с.)", "124 (169)", "190 (258)"],
    ["Глубина копания, макс.", "м", "6,7", "7,4"],
    ["Экологический класс", None, "Stage IIIA", "Stage IIIA"],
    ["Цена с НДС", "бел. руб.", "512 000", "705 000"],
    ["Гарантия", "мес.", 12, 12],
]  # fmt: skip

V11 = [
    ["Model", "Length, m", "Seating + standing capacity", "Battery, kWh", "Range per charge, km",
     "Traction motor, kW", "Charging power, kW", "Price, €"],
    ["BKM E321", 12.0, 90, 261, 200, 180, 150, "€ 398,500"],
    ["BKM E433", 18.0, 150, 348, 220, 240, 300, "€ 512,000"],
]  # fmt: skip

V12 = [
    ["Model", "Passengers", "Battery capacity, kWh", "Range, km", "Motor power, kW",
     "Price, USD"],
    ["MAZ-303E10", "85", "286", "230", "175", "365000"],
    ["MAZ-203E", "90", "240", "200", "150", "330000"],
]  # fmt: skip

V13 = [
    ["Model", "Payload, t", "Operating mass, kg", "Engine power, kW",
     "Fuel consumption at 75 % load, L/h", "Price, USD"],
    ["BELAZ-7555B", "55", "42 000", "522", "98", "1 180 000"],
    ["BELAZ-7558B", "90", "71 000", "895", "165", "1 890 000"],
]  # fmt: skip

V14 = [
    ["#", "Description", "Model", "Qty", "Unit price, USD", "Amount, USD", "Payload, t",
     "Engine power, kW"],
    [1, "Heavy-duty truck 8x8", "MZKT-74296", 2, 412000, 824000, 40, 485],
    [2, "Truck 6x6", "MZKT-600100", 3, 298000, 894000, 25, 330],
]  # fmt: skip

V15 = [
    ["Модель", "Г/п, т", "Полная масса, кг", "Мощность, л.с.", "Макс. скорость, км/ч",
     "Расход топлива, л/100 км", "Цена, руб.", "Гарантия, мес."],
    ["МАЗ-6501C9-8525-000", "20", "33 500", "420", "85", "38,5", "8 950 000", "24"],
    ["МАЗ-5550C5-8520-000", "10,5", "18 000", "330", "90", "29", "6 480 000", "24"],
]  # fmt: skip

V16 = [
    ["Model", "Net power, hp", "Operating weight, lbs", "Bucket, cu.yd",
     "Max digging depth, ft", "Price"],
    ["AMKODOR EX-240", 158, "52,900", 1.31, 22.3, "USD 185,000"],
    ["AMKODOR EX-330", 255, "72,750", 2.09, 24.6, "USD 243,500"],
]  # fmt: skip

V17 = [
    ["Model", "Payload (t)", "Body volume heaped (m3)", "Engine power (kW)", "Price (USD)"],
    ["BELAZ-7540A", 30, 19.2, 294, 398000],
    ["BELAZ-7547", 45, 26, 382, 512000],
]

V18 = [
    ["Model", "Total passengers", "Battery (kWh)", "Driving range (km)",
     "Motor rated power (kW)", "Charging (kW)", "Price"],
    ["E12 City", 85, 350, 250, 200, 150, "¥2,150,000"],
    ["E18 Articulated", 140, 422, 230, 2 * 150, 300, "CNY 3,480,000"],
]  # fmt: skip

V19 = [
    ["Основные технические характеристики"],
    ["Модель", "БелАЗ-7540A", "БелАЗ-7547"],
    ["Грузоподъёмность, т", 30, 45],
    ["Объём кузова (с шапкой), м³", 19.2, 26],
    ["Полная масса, т", 55, 80.5],
    ["Мощность двигателя, кВт", 294, 382],
    ["Максимальная скорость, км/ч", 50, 50],
    ["Преодолеваемый подъём, %", 18, 18],
    ["Длина, мм", 7110, 8090],
    ["Цена EXW Жодино, долл. США", 420000, 610000],
]

V20 = [
    ["Model", "Payload t", "Max ambient temperature °C", "Service points in Pakistan",
     "Spare parts lead time (days)", "Local content %", "Price USD"],
    ["BELAZ-7545", "45", "+50", "3", "21", "15", "890000"],
    ["BELAZ-7555E", "60", "+55", "3", "21", "10", "1320000"],
]  # fmt: skip

V21 = [
    ["Model", "Type", "Engine", "Engine model", "Emission", "Payload, t", "Price, USD"],
    ["MAZ-6501C9", "Tipper 6x4", 309, "YaMZ-652", "Euro 5", 20, 98500],
    ["MAZ-5550C5", "Tipper 4x2", 243, "YaMZ-536", "Euro 5", 10, 72300],
]

V22 = [
    ["Model", "Capacity (passengers)", "Battery capacity", "Range", "Energy consumption",
     "Delivery", "Warranty", "Price, EUR"],
    ["MAZ-303E", 85, "290 kWh", "250 km", "1.1 kWh/km", "90 days", "2 years", 359000],
    ["MAZ-203E", 90, "240 kWh", "210 km", "1.0 kWh/km", "120 days", "3 years", 331000],
]  # fmt: skip

V23 = [
    ["MZKT — Minsk Wheel Tractor Plant"],
    ["Commercial offer"],
    ["Model", "Payload", "GVW", "Engine output", "Maximum speed", "Price FCA Minsk"],
    [None, "kg", "kg", "kW", "km/h", "EUR"],
    ["MZKT-65158", 24000, 46000, 330, 70, "310 000"],
    ["MZKT-600203", 30000, 55000, 375, 60, "355 000"],
    [None, "Total", None, None, None, "665 000"],
]

V24 = [
    ["Model", "Bucket capacity (m3)", "Operating weight (t)", "Engine power (kW)",
     "Digging depth (m)", "Price (USD)"],
    ["AMKODOR E240", "1,2", "22,5", "124", "6,7", "178 000"],
    ["AMKODOR E330", "1,8", "33", "190", "7,4", "236 000"],
]  # fmt: skip

V25 = [
    ["Модель", "Тип", "Эксплуатационная масса, т", "Ёмкость ковша, м3", "Мощность, кВт",
     "Цена, USD", "Цена, BYN"],
    ["ЭО-5126", "гусеничный", "33,5", "1,6", "190", "236 000", "770 000"],
]  # fmt: skip

V26 = [
    ["MAZ — technical data sheet"],
    ["Parameter", "MAZ-6501C9-8525-000", "MAZ-6516V9-485-000"],
    ["Payload capacity, t", 20, 25],
    ["Gross vehicle weight, kg", 33500, 41000],
    ["Engine power, hp (kW)", "420 (309)", "460 (338)"],
    ["Fuel consumption at 60 km/h, l/100 km", 38.5, 42],
    ["Price, USD", 98500, 121900],
    ["Warranty, months", 24, 36],
]

V27 = [
    ["Model", "Payload, t", "Engine power, kW", "Price, USD", "Delivery, weeks"],
    ["MAZ-5550C5-8520-000", "10,5", "243", "72 300", "12"],
    ["MAZ-6501C9-8525-000", "20", "309", "98 500", "14"],
]

V28 = [
    ["Model", "Payload (short tons)", "Body capacity heaped (cu yd)", "Engine (hp)",
     "Price (USD)"],
    ["BELAZ-7547", 49.6, 34, 590, 512000],
    ["BELAZ-7555B", 60.6, 43.6, 700, 1180000],
]  # fmt: skip

V29 = [
    ["Model", "Number of seats / total capacity", "Battery capacity, kWh", "Range, km",
     "Price, USD"],
    ["BKM E321", 90, 261, 200, 398000],
]  # fmt: skip

V30 = [
    ["Model", "Payload, t", "Engine power, kW", "Unit price, USD", "Delivery, weeks"],
    ["MAZ-6501C9-8525-000", 20, 309, 98500, 14],
    ["MAZ-5550C5-8520-000", 10.5, 243, 72300, 12],
]

VENDOR_CASES: list[Case] = [
    Case("v01_maz_offer_title", _xlsx("v01_maz_offer.xlsx", V01), _opts("MAZ", T), (
        # 33 500 kg = 33.5 t; 18 000 kg = 18 t; 41 000 kg = 41 t; warranty in months
        offer("MAZ", T, "MAZ-6501C9-8525-000", 6, payload_t=20, gvw_t=33.5,
              engine_power_kw=309, emission_standard="Euro 5", max_speed_kmh=85,
              unit_price=98500, currency="USD", incoterm="EXW Minsk", delivery_weeks=14,
              warranty_months=24),
        offer("MAZ", T, "MAZ-5550C5-8520-000", 7, payload_t=10.5, gvw_t=18,
              engine_power_kw=243, emission_standard="Euro 5", max_speed_kmh=90,
              unit_price=72300, currency="USD", incoterm="EXW Minsk", delivery_weeks=12,
              warranty_months=24),
        offer("MAZ", T, "MAZ-6516V9-485-000", 8, payload_t=25, gvw_t=41,
              engine_power_kw=338, emission_standard="Euro 5", max_speed_kmh=80,
              unit_price=121900, currency="USD", incoterm="EXW Minsk", delivery_weeks=16,
              warranty_months=36),
    ), "Offer", mapping={"No.": None, "Engine, kW": "engine_power_kw"}),
    Case("v02_belaz_ru_kw_hp", _xlsx("v02_belaz_ru.xlsx", V02, sheet="ТКП"),
         _opts("BelAZ", D), (
        offer("BelAZ", D, "БелАЗ-7555B", 5, payload_t=55, body_volume_m3=33.3, gvw_t=97,
              engine_power_kw=522, max_speed_kmh=55, emission_standard="Tier 2",
              unit_price=1180000, currency="USD", delivery_weeks=20),
        offer("BelAZ", D, "БелАЗ-7558B", 6, payload_t=90, body_volume_m3=53.3, gvw_t=161.5,
              engine_power_kw=895, max_speed_kmh=60, emission_standard="Tier 2",
              unit_price=1890000, currency="USD", delivery_weeks=26),
        offer("BelAZ", D, "БелАЗ-7513", 7, payload_t=130, body_volume_m3=71.2, gvw_t=240,
              engine_power_kw=1193, max_speed_kmh=50, emission_standard="Tier 2",
              unit_price=2650000, currency="USD", delivery_weeks=30),
    ), "ТКП"),
    Case("v03_amkodor_spec_unit_column", _xlsx("v03_amkodor_spec.xlsx", V03, sheet="Spec"),
         _opts("Amkodor", E), (
        # 21 800 kg = 21.8 t; 6 650 mm = 6.65 m; 9 850 mm = 9.85 m
        offer("Amkodor", E, "AMKODOR E320", 3, "C", operating_weight_t=21.8, bucket_m3=1.0,
              engine_power_kw=118, max_dig_depth_m=6.65, max_reach_m=9.85,
              emission_standard="Stage IIIA", fuel_l_per_h=14, unit_price=152000,
              currency="USD", incoterm="FCA Minsk", delivery_weeks=10),
        offer("Amkodor", E, "AMKODOR E530", 3, "D", operating_weight_t=31.5, bucket_m3=1.6,
              engine_power_kw=190, max_dig_depth_m=7.3, max_reach_m=10.9,
              emission_standard="Stage IIIA", fuel_l_per_h=22, unit_price=214000,
              currency="USD", incoterm="FCA Minsk", delivery_weeks=12),
    ), "Spec", orientation="columns"),
    Case("v04_bkm_ebus_cp1251", _csv("v04_bkm_ebus.csv", V04, encoding="cp1251",
                                     delimiter=";"), _opts("BKM", B), (
        # 118,5 kWh/100 km = 1.185 kWh/km; 18 000 mm = 18 m; 6 months = 26.0893 weeks
        offer("BKM", B, "БКМ Е433 Vitovt Max Electro", 2, passengers=150, battery_kwh=348.5,
              range_km=220, engine_power_kw=180, energy_kwh_per_km=1.185, length_m=18,
              unit_price=512000, currency="EUR", delivery_weeks=26.0893),
        # 96,0 kWh/100 km = 0.96 kWh/km; 5 months = 21.7411 weeks
        offer("BKM", B, "БКМ Е321", 3, passengers=90, battery_kwh=261.4, range_km=200,
              engine_power_kw=150, energy_kwh_per_km=0.96, length_m=12, unit_price=398500,
              currency="EUR", delivery_weeks=21.7411),
    ), None),
    Case("v05_mzkt_letter_first", _sheets("v05_mzkt_offer.xlsx",
                                          [("Letter", V05_LETTER), ("Price offer", V05_OFFER)]),
         _opts("MZKT", T), (
        # 450 hp = 335.565 kW; 120 days = 17.1429 weeks
        offer("MZKT", T, "MZKT-650108", 2, extras={"Type": "Tractor unit"}, payload_t=25,
              gvw_t=48, engine_power_kw=335.565, max_speed_kmh=70, unit_price=289000,
              currency="USD", delivery_weeks=17.1429),
        # 500 hp = 372.850 kW; 150 days = 21.4286 weeks
        offer("MZKT", T, "MZKT-700600", 3, extras={"Type": "Heavy truck"}, payload_t=30,
              gvw_t=61, engine_power_kw=372.850, max_speed_kmh=60, unit_price=334000,
              currency="USD", delivery_weeks=21.4286),
    ), "Price offer", mapping={"Type": None, "Item": None}),
    Case("v06_maz_units_second_row", _xlsx("v06_maz_units_row.xlsx", V06), _opts("MAZ", T), (
        # 400 hp = 298.280 kW; 33 500 kg = 33.5 t
        offer("MAZ", T, "MAZ-5516X5-480-000", 3, payload_t=20, body_volume_m3=12, gvw_t=33.5,
              engine_power_kw=298.280, fuel_l_per_100km=36, unit_price=95400, currency="USD"),
        # 480 hp = 357.936 kW
        offer("MAZ", T, "MAZ-6516V9-485-000", 4, payload_t=25, body_volume_m3=20, gvw_t=41,
              engine_power_kw=357.936, fuel_l_per_100km=41.5, unit_price=119900,
              currency="USD"),
    ), "Offer"),
    Case("v07_dealer_pkr_lakh_total", _xlsx("v07_dealer_pkr.xlsx", V07, sheet="Quotation"),
         _opts("Shahzad Motors", T), (
        # 2,57,50,000 = 25 750 000 (the total offered price); 420 hp = 313.194 kW
        offer("Shahzad Motors", T, "MAZ-6501C9", 5, payload_t=20, engine_power_kw=313.194,
              unit_price=25750000, currency="PKR", delivery_weeks=16, warranty_months=24),
        # 1,70,00,000 = 17 000 000; 330 hp = 246.081 kW
        offer("Shahzad Motors", T, "MAZ-5550C5", 6, payload_t=10, engine_power_kw=246.081,
              unit_price=17000000, currency="PKR", delivery_weeks=12, warranty_months=24),
    ), "Quotation", mapping={"Total price (Rs.)": "unit_price", "Base price (Rs.)": None,
                             "Sr. No.": None}),
    Case("v08_belaz_pounds", _xlsx("v08_belaz_lb.xlsx", V08), _opts("BelAZ", D), (
        # 66 000 lb = 29.937 t; 25.1 yd³ = 19.190 m³; 123 000 lb = 55.792 t;
        # 400 hp = 298.280 kW; 33.5 mph = 53.913 km/h
        offer("BelAZ", D, "BELAZ-7540A", 2, payload_t=29.937, body_volume_m3=19.190,
              gvw_t=55.792, engine_power_kw=298.280, max_speed_kmh=53.913, unit_price=398000,
              currency="USD"),
        # 99 200 lb = 44.996 t; 34.0 yd³ = 25.995 m³; 183 000 lb = 83.007 t;
        # 590 hp = 439.963 kW; 31 mph = 49.890 km/h
        offer("BelAZ", D, "BELAZ-7547", 3, payload_t=44.996, body_volume_m3=25.995,
              gvw_t=83.007, engine_power_kw=439.963, max_speed_kmh=49.890, unit_price=512000,
              currency="USD"),
    ), "Offer"),
    Case("v09_maz_group_headers", _xlsx("v09_maz_groups.xlsx", V09,
                                        merges=("C1:D1", "F1:H1")), _opts("MAZ", T), (
        # the total price is compared; 8 600 mm = 8.6 m
        offer("MAZ", T, "MAZ-6501C9-8525-000", 3, payload_t=20, engine_power_kw=309,
              emission_standard="Euro 5", length_m=8.6, unit_price=98500, currency="USD"),
        offer("MAZ", T, "MAZ-6516V9-485-000", 4, payload_t=25, engine_power_kw=338,
              emission_standard="Euro 5", length_m=10.2, unit_price=121900, currency="USD"),
    ), "Offer"),
    Case("v10_amkodor_ru_spec_xls", _xls("v10_amkodor_ru.xls", V10, sheet="Лист1"),
         _opts("Amkodor", E), (
        offer("Amkodor", E, "Амкодор Э-240", 3, "C", operating_weight_t=22.5, bucket_m3=1.2,
              engine_power_kw=124, max_dig_depth_m=6.7, emission_standard="Stage IIIA",
              unit_price=512000, currency="BYN", warranty_months=12),
        offer("Amkodor", E, "Амкодор Э-330", 3, "D", operating_weight_t=33.0, bucket_m3=1.8,
              engine_power_kw=190, max_dig_depth_m=7.4, emission_standard="Stage IIIA",
              unit_price=705000, currency="BYN", warranty_months=12),
    ), "Лист1", orientation="columns"),
    Case("v11_bkm_ebus_ods", _ods("v11_bkm_ebus.ods", V11), _opts("BKM", B), (
        offer("BKM", B, "BKM E321", 2, length_m=12, passengers=90, battery_kwh=261,
              range_km=200, engine_power_kw=180, charging_kw=150, unit_price=398500,
              currency="EUR"),
        offer("BKM", B, "BKM E433", 3, length_m=18, passengers=150, battery_kwh=348,
              range_km=220, engine_power_kw=240, charging_kw=300, unit_price=512000,
              currency="EUR"),
    ), "Offer"),
    Case("v12_maz_ebus_utf16", lambda folder: _utf16_tab(folder / "v12_maz_ebus.csv", V12),
         _opts("MAZ", B), (
        offer("MAZ", B, "MAZ-303E10", 2, passengers=85, battery_kwh=286, range_km=230,
              engine_power_kw=175, unit_price=365000, currency="USD"),
        offer("MAZ", B, "MAZ-203E", 3, passengers=90, battery_kwh=240, range_km=200,
              engine_power_kw=150, unit_price=330000, currency="USD"),
    ), None),
    Case("v13_belaz_operating_mass", _csv("v13_belaz_mass.csv", V13), _opts("BelAZ", D), (
        offer("BelAZ", D, "BELAZ-7555B", 2, payload_t=55, operating_weight_t=42,
              engine_power_kw=522, fuel_l_per_h=98, unit_price=1180000, currency="USD"),
        offer("BelAZ", D, "BELAZ-7558B", 3, payload_t=90, operating_weight_t=71,
              engine_power_kw=895, fuel_l_per_h=165, unit_price=1890000, currency="USD"),
    ), None, mapping={"Operating mass, kg": "operating_weight_t",
                      "Fuel consumption at 75 % load, L/h": "fuel_l_per_h"}),
    Case("v14_mzkt_qty_amount", _xlsx("v14_mzkt_qty.xlsx", V14), _opts("MZKT", T), (
        offer("MZKT", T, "MZKT-74296", 2, payload_t=40, engine_power_kw=485, unit_price=412000,
              currency="USD"),
        offer("MZKT", T, "MZKT-600100", 3, payload_t=25, engine_power_kw=330,
              unit_price=298000, currency="USD"),
    ), "Offer", mapping={"Unit price, USD": "unit_price", "Amount, USD": None}),
    Case("v15_maz_ru_bom_semicolon", _csv("v15_maz_ru.csv", V15, encoding="utf-8-sig",
                                          delimiter=";"), _opts("MAZ", T), (
        # 420 л.с. = 308.910 kW; 330 л.с. = 242.715 kW
        offer("MAZ", T, "МАЗ-6501C9-8525-000", 2, payload_t=20, gvw_t=33.5,
              engine_power_kw=308.910, max_speed_kmh=85, fuel_l_per_100km=38.5,
              unit_price=8950000, currency="RUB", warranty_months=24),
        offer("MAZ", T, "МАЗ-5550C5-8520-000", 3, payload_t=10.5, gvw_t=18,
              engine_power_kw=242.715, max_speed_kmh=90, fuel_l_per_100km=29,
              unit_price=6480000, currency="RUB", warranty_months=24),
    ), None),
    Case("v16_amkodor_imperial", _xlsx("v16_amkodor_us.xlsx", V16), _opts("Amkodor", E), (
        # 158 hp = 117.821 kW; 52 900 lb = 23.995 t; 1.31 yd³ = 1.00157 m³; 22.3 ft = 6.797 m
        offer("Amkodor", E, "AMKODOR EX-240", 2, engine_power_kw=117.821,
              operating_weight_t=23.995, bucket_m3=1.00157, max_dig_depth_m=6.797,
              unit_price=185000, currency="USD"),
        # 255 hp = 190.153 kW; 72 750 lb = 32.999 t; 2.09 yd³ = 1.59792 m³; 24.6 ft = 7.498 m
        offer("Amkodor", E, "AMKODOR EX-330", 3, engine_power_kw=190.153,
              operating_weight_t=32.999, bucket_m3=1.59792, max_dig_depth_m=7.498,
              unit_price=243500, currency="USD"),
    ), "Offer"),
    Case("v17_xlsx_named_xls", _renamed("v17_belaz.xls", _xlsx("v17_belaz.xlsx", V17)),
         _opts("BelAZ", D), (
        offer("BelAZ", D, "BELAZ-7540A", 2, payload_t=30, body_volume_m3=19.2,
              engine_power_kw=294, unit_price=398000, currency="USD"),
        offer("BelAZ", D, "BELAZ-7547", 3, payload_t=45, body_volume_m3=26, engine_power_kw=382,
              unit_price=512000, currency="USD"),
    ), "Offer"),
    Case("v18_cny_buses", _xlsx("v18_cny_buses.xlsx", V18), _opts("Yutong Belarus", B), (
        offer("Yutong Belarus", B, "E12 City", 2, passengers=85, battery_kwh=350, range_km=250,
              engine_power_kw=200, charging_kw=150, unit_price=2150000, currency="CNY"),
        offer("Yutong Belarus", B, "E18 Articulated", 3, passengers=140, battery_kwh=422,
              range_km=230, engine_power_kw=300, charging_kw=300, unit_price=3480000,
              currency="CNY"),
    ), "Offer"),
    Case("v19_belaz_ru_spec_model_row", _xlsx("v19_belaz_spec.xlsx", V19), _opts("BelAZ", D), (
        # 7 110 mm = 7.11 m
        offer("BelAZ", D, "БелАЗ-7540A", 2, "B", payload_t=30, body_volume_m3=19.2, gvw_t=55,
              engine_power_kw=294, max_speed_kmh=50, gradeability_pct=18, length_m=7.11,
              unit_price=420000, currency="USD", incoterm="EXW Жодино"),
        offer("BelAZ", D, "БелАЗ-7547", 2, "C", payload_t=45, body_volume_m3=26, gvw_t=80.5,
              engine_power_kw=382, max_speed_kmh=50, gradeability_pct=18, length_m=8.09,
              unit_price=610000, currency="USD", incoterm="EXW Жодино"),
    ), "Offer", orientation="columns"),
    Case("v20_belaz_plus_degrees", _csv("v20_belaz_service.csv", V20), _opts("BelAZ", D), (
        # 21 days = 3 weeks is a lead time in days, kept in days
        offer("BelAZ", D, "BELAZ-7545", 2, payload_t=45, ambient_max_c=50, service_points_pk=3,
              spare_parts_lead_days=21, local_content_pct=15, unit_price=890000,
              currency="USD"),
        offer("BelAZ", D, "BELAZ-7555E", 3, payload_t=60, ambient_max_c=55,
              service_points_pk=3, spare_parts_lead_days=21, local_content_pct=10,
              unit_price=1320000, currency="USD"),
    ), None),
    Case("v21_maz_engine_without_unit", _xlsx("v21_maz_engine.xlsx", V21), _opts("MAZ", T), (
        offer("MAZ", T, "MAZ-6501C9", 2, extras={"Type": "Tipper 6x4", "Engine model":
              "YaMZ-652"}, engine_power_kw=309, emission_standard="Euro 5", payload_t=20,
              unit_price=98500, currency="USD"),
        offer("MAZ", T, "MAZ-5550C5", 3, extras={"Type": "Tipper 4x2", "Engine model":
              "YaMZ-536"}, engine_power_kw=243, emission_standard="Euro 5", payload_t=10,
              unit_price=72300, currency="USD"),
    ), "Offer", mapping={"Engine": "engine_power_kw", "Type": None, "Engine model": None}),
    Case("v22_maz_ebus_units_in_cells", _xlsx("v22_maz_ebus.xlsx", V22), _opts("MAZ", B), (
        # 90 days = 12.857 weeks; 2 years = 24 months
        offer("MAZ", B, "MAZ-303E", 2, passengers=85, battery_kwh=290, range_km=250,
              energy_kwh_per_km=1.1, delivery_weeks=12.857, warranty_months=24,
              unit_price=359000, currency="EUR"),
        # 120 days = 17.143 weeks; 3 years = 36 months
        offer("MAZ", B, "MAZ-203E", 3, passengers=90, battery_kwh=240, range_km=210,
              energy_kwh_per_km=1.0, delivery_weeks=17.143, warranty_months=36,
              unit_price=331000, currency="EUR"),
    ), "Offer"),
]  # fmt: skip


def _utf16_tab(path: Path, rows: Rows) -> Path:
    """Write rows as Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated."""
    text = "\r\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    path.write_bytes(b"\xff\xfe" + (text + "\r\n").encode("utf-16-le"))
    return path


VENDOR_CASES += [
    Case("v23_mzkt_units_row_eur_total", _xlsx("v23_mzkt_units.xlsx", V23), _opts("MZKT", T), (
        # 24 000 kg = 24 t; 46 000 kg = 46 t; the Total line is no offer
        offer("MZKT", T, "MZKT-65158", 5, payload_t=24, gvw_t=46, engine_power_kw=330,
              max_speed_kmh=70, unit_price=310000, currency="EUR", incoterm="FCA Minsk"),
        offer("MZKT", T, "MZKT-600203", 6, payload_t=30, gvw_t=55, engine_power_kw=375,
              max_speed_kmh=60, unit_price=355000, currency="EUR", incoterm="FCA Minsk"),
    ), "Offer"),
    Case("v24_amkodor_decimal_comma_xlsx_text", _xlsx("v24_amkodor.xlsx", V24),
         _opts("Amkodor", E), (
        offer("Amkodor", E, "AMKODOR E240", 2, bucket_m3=1.2, operating_weight_t=22.5,
              engine_power_kw=124, max_dig_depth_m=6.7, unit_price=178000, currency="USD"),
        offer("Amkodor", E, "AMKODOR E330", 3, bucket_m3=1.8, operating_weight_t=33,
              engine_power_kw=190, max_dig_depth_m=7.4, unit_price=236000, currency="USD"),
    ), "Offer"),
    Case("v25_excavator_two_currencies", _xlsx("v25_ru_two_prices.xlsx", V25),
         _opts("Амкодор-Экскаватор", E), (
        # two prices of one offer in two currencies: the first (USD) is the price
        offer("Амкодор-Экскаватор", E, "ЭО-5126", 2, extras={"Тип": "гусеничный"},
              operating_weight_t=33.5, bucket_m3=1.6, engine_power_kw=190, unit_price=236000,
              currency="USD"),
    ), "Offer", strict=False),
    Case("v26_maz_spec_hp_kw", _xlsx("v26_maz_spec.xlsx", V26), _opts("MAZ", T), (
        # "420 (309)" under "hp (kW)": the vendor states the kW itself (309); MAZ's hp
        # are metric (420 PS = 308.9 kW), so converting the first value would be wrong
        offer("MAZ", T, "MAZ-6501C9-8525-000", 2, "B", payload_t=20, gvw_t=33.5,
              engine_power_kw=309, fuel_l_per_100km=38.5, unit_price=98500,
              currency="USD", warranty_months=24),
        offer("MAZ", T, "MAZ-6516V9-485-000", 2, "C", payload_t=25, gvw_t=41,
              engine_power_kw=338, fuel_l_per_100km=42, unit_price=121900,
              currency="USD", warranty_months=36),
    ), "Offer", orientation="columns"),
    Case("v27_maz_ods_named_xlsx", _renamed("v27_maz.xlsx", _ods("v27_maz.ods", V27)),
         _opts("MAZ", T), (
        offer("MAZ", T, "MAZ-5550C5-8520-000", 2, payload_t=10.5, engine_power_kw=243,
              unit_price=72300, currency="USD", delivery_weeks=12),
        offer("MAZ", T, "MAZ-6501C9-8525-000", 3, payload_t=20, engine_power_kw=309,
              unit_price=98500, currency="USD", delivery_weeks=14),
    ), "Offer"),
    Case("v28_belaz_short_tons", _xlsx("v28_belaz_st.xlsx", V28), _opts("BelAZ", D), (
        # 49.6 sh t = 44.996 t; 34 yd³ = 25.995 m³; 590 hp = 439.963 kW
        offer("BelAZ", D, "BELAZ-7547", 2, payload_t=44.996, body_volume_m3=25.995,
              engine_power_kw=439.963, unit_price=512000, currency="USD"),
        # 60.6 sh t = 54.975 t; 43.6 yd³ = 33.335 m³; 700 hp = 521.990 kW
        offer("BelAZ", D, "BELAZ-7555B", 3, payload_t=54.975, body_volume_m3=33.335,
              engine_power_kw=521.990, unit_price=1180000, currency="USD"),
    ), "Offer"),
    Case("v29_bkm_seats_total", _xlsx("v29_bkm.xlsx", V29), _opts("BKM", B), (
        offer("BKM", B, "BKM E321", 2, passengers=90, battery_kwh=261, range_km=200,
              unit_price=398000, currency="USD"),
    ), "Offer"),
    Case("v30_maz_xls_plain", _xls("v30_maz.xls", V30, sheet="Price list"), _opts("MAZ", T), (
        offer("MAZ", T, "MAZ-6501C9-8525-000", 2, payload_t=20, engine_power_kw=309,
              unit_price=98500, currency="USD", delivery_weeks=14),
        offer("MAZ", T, "MAZ-5550C5-8520-000", 3, payload_t=10.5, engine_power_kw=243,
              unit_price=72300, currency="USD", delivery_weeks=12),
    ), "Price list"),
]  # fmt: skip


# ---------------------------------------------------------------------- held out
# Written with their expectations before the reader was first run on them.

H01_LETTER = [
    ["Исх. № 14-07/512 от 03.03.2026"],
    ["Председателю закупочной комиссии"],
    ["Направляем технико-коммерческое предложение (см. лист «ТКП»)."],
    ["С уважением, ОАО «БЕЛАЗ»"],
]
H01_OFFER = [
    ["Технико-коммерческое предложение"],
    ["Модель", "Грузоподъёмность, т", "Мощность двигателя, кВт", "Эксплуатационная масса, т",
     "Цена FCA Жодино, USD", "Срок поставки, дней", "Гарантия, мес."],
    ["БелАЗ-7547", 45, 382, 35.5, 610000, 90, 24],
    ["БелАЗ-7555B", 55, 522, 42, 1180000, 120, 24],
]  # fmt: skip

H02 = [
    ["Model", "Payload", "Engine power", "Max speed", "Price", "Delivery"],
    ["", "tonnes", "HP", "km/h", "PKR", "weeks"],
    ["MAZ-6501C9", "20", "420", "85", "2,57,50,000", "16"],
    ["MAZ-5550C5", "10.5", "330", "90", "1,70,00,000", "12"],
]

H03 = [
    ["AMKODOR excavators"],
    ["Model", "AMKODOR E240", "AMKODOR E330"],
    ["Operating weight, t", 22.5, 33],
    ["Bucket capacity, m³", 1.2, 1.8],
    ["Engine power, kW", 124, 190],
    ["Max. digging depth, mm", 6700, 7400],
    ["Max. digging reach, mm", 10100, 11300],
    ["Price, USD", 178000, 236000],
]

H04 = [
    ["ОАО «Управляющая компания холдинга «Белкоммунмаш»"],
    ["Модель", "Вместимость, пасс.", "Ёмкость АКБ, кВт·ч", "Запас хода, км",
     "Мощность электродвигателя, кВт", "Цена, бел. руб."],
    ["БКМ Е321", 90, 261, 200, 180, "1 295 000"],
    ["БКМ Е433", 150, 348, 220, 240, "1 660 000"],
]  # fmt: skip

H05 = [
    ["Model", "Payload, t", "GVW, t", "Engine power, kW", "Price (USD)", None],
    [None, None, None, None, "Ex-works", "Total CIF Karachi"],
    ["MZKT-65158", 24, 46, 330, 310000, 338000],
    ["MZKT-600203", 30, 55, 375, 355000, 386500],
]

H06 = [
    ["Model", "Payload (lb)", "Engine power (hp)", "Top speed (mph)", "Price (USD)"],
    ["BELAZ-7540A", 66000, 400, 33.5, 398000],
    ["BELAZ-7547", 99200, 590, 31, 512000],
]

H07 = [
    ["Quotation No. Q-2026-031"],
    [],
    ["Model", "Payload", "GVW", "Engine", "Price"],
    ["", "t", "kg", "kW", "Rs."],
    ["MAZ-6501C9-8525-000", 20, "33,500", 309, "2,45,00,000"],
    ["MAZ-6516V9-485-000", 25, "41,000", 338, "3,05,00,000"],
]

H08 = [
    ["Модель", "Пассажировместимость, чел.", "Ёмкость батареи, кВт·ч", "Запас хода, км",
     "Цена, долл. США"],
    ["МАЗ-303Е10", "85", "286", "230", "365 000"],
    ["МАЗ-203Е", "90", "240", "200", "330 000"],
]  # fmt: skip

HELD_OUT_CASES: list[Case] = [
    Case("h01_belaz_ru_letter_first", _sheets("h01_belaz.xlsx", [("Письмо", H01_LETTER),
                                                                  ("ТКП", H01_OFFER)]),
         _opts("BelAZ", D), (
        # 90 days = 12.857 weeks; 120 days = 17.143 weeks
        offer("BelAZ", D, "БелАЗ-7547", 3, payload_t=45, engine_power_kw=382,
              operating_weight_t=35.5, unit_price=610000, currency="USD",
              incoterm="FCA Жодино", delivery_weeks=12.857, warranty_months=24),
        offer("BelAZ", D, "БелАЗ-7555B", 4, payload_t=55, engine_power_kw=522,
              operating_weight_t=42, unit_price=1180000, currency="USD",
              incoterm="FCA Жодино", delivery_weeks=17.143, warranty_months=24),
    ), "ТКП"),
    Case("h02_maz_pkr_units_row_csv", _csv("h02_maz_pkr.csv", H02), _opts("MAZ", T), (
        # 420 hp = 313.194 kW; 330 hp = 246.081 kW
        offer("MAZ", T, "MAZ-6501C9", 3, payload_t=20, engine_power_kw=313.194,
              max_speed_kmh=85, unit_price=25750000, currency="PKR", delivery_weeks=16),
        offer("MAZ", T, "MAZ-5550C5", 4, payload_t=10.5, engine_power_kw=246.081,
              max_speed_kmh=90, unit_price=17000000, currency="PKR", delivery_weeks=12),
    ), None),
    Case("h03_amkodor_spec_ods", _ods("h03_amkodor.ods", H03), _opts("Amkodor", E), (
        offer("Amkodor", E, "AMKODOR E240", 2, "B", operating_weight_t=22.5, bucket_m3=1.2,
              engine_power_kw=124, max_dig_depth_m=6.7, max_reach_m=10.1, unit_price=178000,
              currency="USD"),
        offer("Amkodor", E, "AMKODOR E330", 2, "C", operating_weight_t=33, bucket_m3=1.8,
              engine_power_kw=190, max_dig_depth_m=7.4, max_reach_m=11.3, unit_price=236000,
              currency="USD"),
    ), "Offer", orientation="columns"),
    Case("h04_bkm_ru_byn", _xlsx("h04_bkm.xlsx", H04), _opts("BKM", B), (
        offer("BKM", B, "БКМ Е321", 3, passengers=90, battery_kwh=261, range_km=200,
              engine_power_kw=180, unit_price=1295000, currency="BYN"),
        offer("BKM", B, "БКМ Е433", 4, passengers=150, battery_kwh=348, range_km=220,
              engine_power_kw=240, unit_price=1660000, currency="BYN"),
    ), "Offer"),
    Case("h05_mzkt_total_cif", _xlsx("h05_mzkt.xlsx", H05, merges=("E1:F1",)),
         _opts("MZKT", T), (
        # the total offered price (CIF Karachi) is compared, not the ex-works price
        offer("MZKT", T, "MZKT-65158", 3, payload_t=24, gvw_t=46, engine_power_kw=330,
              unit_price=338000, currency="USD", incoterm="CIF Karachi"),
        offer("MZKT", T, "MZKT-600203", 4, payload_t=30, gvw_t=55, engine_power_kw=375,
              unit_price=386500, currency="USD", incoterm="CIF Karachi"),
    ), "Offer", strict=False),
    Case("h06_belaz_imperial_xls", _xls("h06_belaz.xls", H06), _opts("BelAZ", D), (
        # 66 000 lb = 29.937 t; 400 hp = 298.280 kW; 33.5 mph = 53.913 km/h
        offer("BelAZ", D, "BELAZ-7540A", 2, payload_t=29.937, engine_power_kw=298.280,
              max_speed_kmh=53.913, unit_price=398000, currency="USD"),
        # 99 200 lb = 44.996 t; 590 hp = 439.963 kW; 31 mph = 49.890 km/h
        offer("BelAZ", D, "BELAZ-7547", 3, payload_t=44.996, engine_power_kw=439.963,
              max_speed_kmh=49.890, unit_price=512000, currency="USD"),
    ), "Offer"),
    Case("h07_maz_title_units_row_lakh", _xlsx("h07_maz.xlsx", H07), _opts("MAZ", T), (
        # 33,500 kg = 33.5 t; 2,45,00,000 = 24 500 000
        offer("MAZ", T, "MAZ-6501C9-8525-000", 5, payload_t=20, gvw_t=33.5,
              engine_power_kw=309, unit_price=24500000, currency="PKR"),
        offer("MAZ", T, "MAZ-6516V9-485-000", 6, payload_t=25, gvw_t=41, engine_power_kw=338,
              unit_price=30500000, currency="PKR"),
    ), "Offer"),
    Case("h08_maz_ebus_ru_cp1251", _csv("h08_maz_ebus.csv", H08, encoding="cp1251",
                                        delimiter=";"), _opts("MAZ", B), (
        offer("MAZ", B, "МАЗ-303Е10", 2, passengers=85, battery_kwh=286, range_km=230,
              unit_price=365000, currency="USD"),
        offer("MAZ", B, "МАЗ-203Е", 3, passengers=90, battery_kwh=240, range_km=200,
              unit_price=330000, currency="USD"),
    ), None),
]  # fmt: skip

# Held out in the session of 2026-12-03, written with their expectations before the reader
# was run on them: a BIFF .xls saved under an .xlsx name, an .ods under an .xls name, the
# four bid fields of the preliminary examination, a UTF-16 dealer sheet in lakh rupees.

H09 = [
    ["MAZ South Asia (Pvt) Ltd — price list, March 2026"],
    [],
    ["Model", "Payload capacity (t)", "Gross weight (t)", "Engine output (hp)",
     "Price FOB Riga (US$)", "Lead time (weeks)", "Cab"],
    ["MAZ-6501C9", 20, 33.5, 420, 99500, 14, "sleeper"],
    ["MAZ-5516", 20, 33, 400, 92000, 12, "day"],
]  # fmt: skip

H10 = [
    ["ОАО «Амкодор» — управляющая компания холдинга"],
    ["Технико-коммерческое предложение: экскаваторы гусеничные"],
    ["Наименование", "Эксплуатационная масса, кг", "Объём ковша, м³",
     "Мощность двигателя, кВт", "Глубина копания, м", "Цена, евро", "Гарантия, мес."],
    ["Амкодор Э-240", 23500, 1.1, 129, 6.6, "175 000", 12],
    ["Амкодор Э-330", 32800, 1.6, 190, 7.2, "239 500", 12],
]  # fmt: skip

H11 = [
    ["Model", "Payload (t)", "Engine power (kW)", "Unit price (USD)", "Bid security (USD)",
     "Bid validity (days)", "Signed"],
    ["MZKT-65158", 24, 330, 338000, 20000, 120, "Yes"],
    ["MZKT-600203", 30, 375, 386500, 20000, 120, "Yes"],
]  # fmt: skip

H12 = [
    ["Lahore E-Mobility Traders — quotation"],
    ["Model", "Seating + standing capacity", "Battery (kWh)", "Range per charge (km)",
     "Charging power (kW)", "Energy use (kWh/100 km)", "Price (Rs.)"],
    ["BKM E433 Vitovt", 150, 348, 220, 150, 120, "9,85,00,000"],
    ["MAZ-303E10", 85, 286, 230, 120, 95, "7,40,00,000"],
]  # fmt: skip

# Bidders the seeded store does not hold, so that every offer is added, none updated.
_VOLAT, _PAK_BUS = "Karachi Heavy Trucks (Pvt) Ltd", "Lahore E-Mobility Traders"

HELD_OUT_CASES += [
    Case("h09_maz_xls_named_xlsx", _renamed("h09_maz.xlsx", _xls("h09_maz.xls", H09)),
         _opts("MAZ", T), (
        # 420 hp = 313.194 kW; 400 hp = 298.280 kW
        offer("MAZ", T, "MAZ-6501C9", 4, extras={"Cab": "sleeper"}, payload_t=20, gvw_t=33.5,
              engine_power_kw=313.194, unit_price=99500, currency="USD", incoterm="FOB Riga",
              delivery_weeks=14),
        offer("MAZ", T, "MAZ-5516", 5, extras={"Cab": "day"}, payload_t=20, gvw_t=33,
              engine_power_kw=298.280, unit_price=92000, currency="USD", incoterm="FOB Riga",
              delivery_weeks=12),
    ), "Offer"),
    Case("h10_amkodor_ods_named_xls", _renamed("h10_amkodor.xls", _ods("h10_amkodor.ods", H10)),
         _opts("Amkodor", E), (
        # 23 500 kg = 23.5 t; 32 800 kg = 32.8 t; "евро" is EUR
        offer("Amkodor", E, "Амкодор Э-240", 4, operating_weight_t=23.5, bucket_m3=1.1,
              engine_power_kw=129, max_dig_depth_m=6.6, unit_price=175000, currency="EUR",
              warranty_months=12),
        offer("Amkodor", E, "Амкодор Э-330", 5, operating_weight_t=32.8, bucket_m3=1.6,
              engine_power_kw=190, max_dig_depth_m=7.2, unit_price=239500, currency="EUR",
              warranty_months=12),
    ), "Offer"),
    Case("h11_mzkt_bid_fields_csv", _csv("h11_mzkt_bid.csv", H11), _opts(_VOLAT, T), (
        offer(_VOLAT, T, "MZKT-65158", 2, payload_t=24, engine_power_kw=330, unit_price=338000,
              currency="USD", bid_security_amount=20000, bid_security_currency="USD",
              bid_validity_days=120, bid_signed="yes"),
        offer(_VOLAT, T, "MZKT-600203", 3, payload_t=30, engine_power_kw=375,
              unit_price=386500, currency="USD", bid_security_amount=20000,
              bid_security_currency="USD", bid_validity_days=120, bid_signed="yes"),
    ), None),
    Case("h12_ebus_utf16_lakh", lambda folder: _utf16_tab(folder / "h12_ebus.txt", H12),
         _opts(_PAK_BUS, B), (
        # 120 kWh/100 km = 1.2 kWh/km; 9,85,00,000 = 98 500 000 (Rs. = PKR)
        offer(_PAK_BUS, B, "BKM E433 Vitovt", 3, passengers=150, battery_kwh=348,
              range_km=220, charging_kw=150, energy_kwh_per_km=1.2, unit_price=98500000,
              currency="PKR"),
        offer(_PAK_BUS, B, "MAZ-303E10", 4, passengers=85, battery_kwh=286, range_km=230,
              charging_kw=120, energy_kwh_per_km=0.95, unit_price=74000000, currency="PKR"),
    ), None),
]  # fmt: skip

ALL_VENDOR_CASES = [*VENDOR_CASES, *HELD_OUT_CASES]
