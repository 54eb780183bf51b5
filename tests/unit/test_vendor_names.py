"""Which vendor names mean one company, and which stored vendor a file's title names.

Each case is one line, worked out by reading the two names as an officer would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from procure.vendor_names import name_key, near_duplicates, propose_vendor
from tests.corpus import run_procure

STORED = [
    "Amkodor Pakistan (Pvt) Ltd",
    "BelAZ-Trading Pakistan (Pvt) Ltd",
    "Itelma-MAZ Export",
    "MAZ Bus International (Pakistan liaison)",
    "MAZ South Asia (Pvt) Ltd",
    "Punjab Autotrade (MAZ dealer)",
    "Volat Trade Pakistan",
    "БелАЗ",
]


@pytest.mark.parametrize(
    ("name", "same_as"),
    [
        ("Amkodor Pakistan", ["Amkodor Pakistan (Pvt) Ltd"]),  # legal form left out
        ("AMKODOR PAKISTAN (PVT.) LTD.", ["Amkodor Pakistan (Pvt) Ltd"]),  # case, full stops
        ("Amkodor Pakistn (Pvt) Ltd", ["Amkodor Pakistan (Pvt) Ltd"]),  # one letter dropped
        ("MAZ South Asia Pvt. Ltd.", ["MAZ South Asia (Pvt) Ltd"]),
        ("Volat Trade Pakistan LLC", ["Volat Trade Pakistan"]),
        ("BelAZ", ["БелАЗ"]),  # the same name in Latin letters
        ("ОАО «БелАЗ»", ["БелАЗ"]),  # with the Russian legal form and quotes
        ("MAZ", []),  # three MAZ dealers, none of them "MAZ"
        ("BelAZ-Trading", []),  # a trading house is not the Pakistan company
        ("MAZ Bus International", []),  # the liaison office is a different name
        ("Amkodor Pakistan (Pvt) Ltd", []),  # the stored name itself is no duplicate
        ("Ltd", []),  # nothing left that names a company
        ("Volat Trade Pakistan 2", []),  # another number is another company
    ],
)
def test_near_duplicates(name: str, same_as: list[str]) -> None:
    assert near_duplicates(name, STORED) == same_as


@pytest.mark.parametrize(
    ("clues", "proposed"),
    [
        (["Amkodor Pakistan (Pvt) Ltd — authorised agent"], "Amkodor Pakistan (Pvt) Ltd"),
        (["Коммерческое предложение", "ОАО «БЕЛАЗ» — управляющая компания"], "БелАЗ"),
        (["MAZ South Asia (Pvt) Ltd, Lahore", "maz offer"], "MAZ South Asia (Pvt) Ltd"),
        (["MAZ — Minsk Automobile Plant, OJSC"], None),  # fits several MAZ vendors
        (["Commercial offer No. 118/26", "offer"], None),  # names nobody
        ([], None),
    ],
)  # fmt: skip
def test_proposed_vendor(clues: list[str], proposed: str | None) -> None:
    assert propose_vendor(clues, STORED).name == proposed


def test_name_key_drops_legal_forms_and_transliterates() -> None:
    assert name_key("ОАО «Амкодор» — управляющая компания") == "amkodor upravlyayushchaya kompaniya"
    assert (
        name_key("Sindh Mining Equipment Co. (BelAZ dealer)")
        == "sindh mining equipment belaz dealer"
    )


def test_cli_refuses_a_near_duplicate_vendor_until_told(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "offer.csv"
    path.write_text(
        "Model,Operating weight (t),Unit price (USD)\nEK-270,27,250000\n", encoding="utf-8"
    )
    args = ("import", str(path), "--vendor", "Amkodor Pakistan", "--category", "excavator")
    refused = run_procure(db_path, *args)
    assert refused.returncode == 2, refused.stderr
    assert "'Amkodor Pakistan (Pvt) Ltd' is" in refused.stderr
    assert "--new-vendor" in refused.stderr and "Traceback" not in refused.stderr
    listed = run_procure(db_path, "offers", "--json")
    assert "EK-270" not in listed.stdout
    created = run_procure(db_path, *args, "--new-vendor")
    assert created.returncode == 0, created.stderr
    assert "Added 1" in created.stdout
