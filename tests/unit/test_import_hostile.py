"""`procure import` refuses hostile files quickly, with bounded memory, and writes nothing.

Every file is generated into tmp_path at test time (tests/corpus/generate.py). The child runs
with a 1.5 GiB address-space limit so that a runaway reader dies instead of swapping, and with
a 30 s timeout; a healthy refusal takes well under 10 s.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import assert_refused, run_procure, stored_offers
from tests.corpus.generate import HOSTILE_CASES, Refusal

PASSWD = Path("/etc/passwd")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    """The offers of a freshly seeded store, to prove that a refused import wrote nothing."""
    return stored_offers(tmp_path_factory.mktemp("seeded") / "procure.db")


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=lambda c: c.name)
def test_hostile_file_is_refused_quickly(
    case: Refusal, tmp_path: Path, db_path: Path, seeded: list[Any]
) -> None:
    path = case.build(tmp_path)
    started = time.monotonic()
    try:
        result = run_procure(
            db_path, "import", str(path), *case.options, limit_memory=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: no answer within 30 s")
    elapsed = time.monotonic() - started
    assert "MemoryError" not in result.stderr, f"{elapsed:.1f} s\n{result.stderr}"
    assert_refused(result, case, file_name=path.name)
    if PASSWD.is_file():
        secret = PASSWD.read_text(encoding="utf-8", errors="replace").splitlines()[0]
        assert secret not in result.stdout and secret not in result.stderr
    assert stored_offers(db_path) == seeded


@pytest.mark.parametrize(
    ("reference", "refused"),
    [
        ("ALL100000", False),  # column 1,000 and row 100,000: the largest sheet allowed
        ("ALM1", True),  # column 1,001
        ("A100001", True),
        ("ZZ99999", False),
        ("XFD1048576", True),
        ("B0100001", True),  # leading zeros hide no row
    ],
)
def test_the_sheet_size_limit_falls_where_it_is_stated(
    reference: str, refused: bool, tmp_path: Path
) -> None:
    from procure.errors import InvalidInput
    from procure.importing.files import MAX_COLUMNS, MAX_ROWS, open_workbook
    from tests.corpus.generate import write_xlsx_by_hand

    assert (MAX_ROWS, MAX_COLUMNS) == (100_000, 1_000)  # the references above are chosen so
    row = int(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        f'Model</t></is></c></row><row r="{row}"><c r="{reference}"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    path = write_xlsx_by_hand(tmp_path / "edge.xlsx", sheet)
    if refused:
        with pytest.raises(InvalidInput, match="too large for an offer sheet"):
            open_workbook(path)
    else:
        assert open_workbook(path).sheet_names == ["Offer"]
