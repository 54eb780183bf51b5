"""The vendor corpus (tests/corpus/vendors.py) imported through the command line.

Each file is written into tmp_path, imported with `procure import FILE --vendor V --category C
--dry-run --json` in a fresh process, and every value compared with the value worked out by
hand. The held-out files were written, with their expectations, before the reader ever ran
on them; they are never used to tune it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.generate import Case
from tests.corpus.vendors import HELD_OUT_CASES, VENDOR_CASES
from tests.unit.test_import_corpus import _differences, _import_json


def _check(case: Case, tmp_path: Path, db_path: Path) -> None:
    path = case.build(tmp_path)
    report = _import_json(db_path, path, *case.options)
    assert report["added"] == len(case.offers), report
    problems = _differences(case, report, path.name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", VENDOR_CASES, ids=lambda c: c.name)
def test_vendor_file_reads_as_a_careful_officer_reads_it(
    case: Case, tmp_path: Path, db_path: Path
) -> None:
    _check(case, tmp_path, db_path)


@pytest.mark.parametrize("case", HELD_OUT_CASES, ids=lambda c: c.name)
def test_held_out_vendor_file(case: Case, tmp_path: Path, db_path: Path) -> None:
    _check(case, tmp_path, db_path)


def test_corpus_is_large_enough() -> None:
    assert len(VENDOR_CASES) + len(HELD_OUT_CASES) >= 30
    assert len(HELD_OUT_CASES) >= 8
    names = [c.name for c in (*VENDOR_CASES, *HELD_OUT_CASES)]
    assert len(set(names)) == len(names)
