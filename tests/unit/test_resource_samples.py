"""The example vendor files shipped for users import cleanly, with values worked by hand."""

import pytest

from procure.importing.reader import ImportOptions, read_offers
from procure.paths import RESOURCES

SAMPLES = RESOURCES / "samples"


def offers_of(name: str) -> dict[str, dict]:  # type: ignore[type-arg]
    parsed = read_offers(SAMPLES / name, ImportOptions(vendor="Sample vendor"))
    assert parsed.problems == []
    return {
        o.model: {**o.values, "category": o.category, "extras": o.extras} for o in parsed.offers
    }


def test_two_row_merged_header_with_currency_in_cells() -> None:
    offers = offers_of("amkodor_excavators_offer.xlsx")
    assert set(offers) == {"Amkodor EK-220", "Amkodor EK-250", "Amkodor EK-300 (heavy-duty)"}
    ek220 = offers["Amkodor EK-220"]
    assert ek220["category"] == "excavator"  # from the title: "crawler excavators"
    assert ek220["engine_power_kw"] == pytest.approx(170 * 0.7457, rel=1e-4)  # 126.77 kW
    assert ek220["emission_standard"] == "Stage IIIA"
    assert float(ek220["unit_price"]) == 185_000 and ek220["currency"] == "USD"
    assert ek220["extras"] == {"Air-conditioned cab": True}
    assert offers["Amkodor EK-300 (heavy-duty)"]["extras"] == {"Air-conditioned cab": False}


def test_russian_spec_sheet_with_unit_column() -> None:
    offers = offers_of("bkm_ebuses_spec_ru.xlsx")
    e433 = offers["E433 Vitovt II Max Electro"]
    assert e433["category"] == "electric_bus"  # "Электробусы" in the title
    assert e433["energy_kwh_per_km"] == pytest.approx(1.45)
    assert e433["length_m"] == pytest.approx(18.75)
    assert e433["ambient_max_c"] == 45
    assert float(e433["unit_price"]) == 1_650_000 and e433["currency"] == "BYN"
    assert e433["incoterm"] == "DAP Лахор"
    assert offers["E321"].get("battery_kwh") is None  # blank cell: not stated


def test_semicolon_cp1251_csv_with_decimal_commas() -> None:
    offers = offers_of("belaz_dumpers_offer.csv")
    b7555 = offers["БелАЗ-7555В"]
    assert b7555["category"] == "dumper"  # "dumpers" in the file name
    assert b7555["body_volume_m3"] == pytest.approx(33.3)
    assert b7555["engine_power_kw"] == pytest.approx(730 * 0.73549875)  # л.с. = metric hp
    assert offers["БелАЗ-7547"]["fuel_l_per_h"] == pytest.approx(38.5)
    assert float(offers["БелАЗ-75581"]["unit_price"]) == 2_350_000
