"""The docs/ pages say what the code does: their tables are checked against the modules."""

import re
from pathlib import Path

import pytest

from procure.ahp import RANDOM_INDEX
from procure.criteria import DERIVED, JUDGED
from procure.evaluation.engineering import METRIC_UNITS
from procure.fields import ALL, FIELDS, Category, Field

DOCS = Path(__file__).resolve().parents[2] / "docs"


def table(page: str, header: str) -> list[list[str]]:
    """Return the cells of the rows of the table whose header row starts with `header`."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _plausible(field: Field) -> str:
    if field.minimum is None or field.maximum is None:
        return "—"
    low = ("> " if field.exclusive_minimum else "≥ ") + _number(field.minimum)
    return f"{low}, ≤ {_number(field.maximum)}"


def _categories(field: Field) -> str:
    if field.categories == ALL:
        return "all"
    return ", ".join(c.value for c in Category if c in field.categories)


def test_the_data_dictionary_table_is_the_one_in_the_code() -> None:
    expected = [
        [
            f"`{f.key}`",
            f.label,
            f.unit or "—",
            f.kind,
            _categories(f),
            f.better or "—",
            _plausible(f),
        ]
        for f in FIELDS
    ]
    assert table("data-dictionary.md", "| key | label |") == expected


def test_the_criterion_tables_are_the_ones_in_the_code() -> None:
    rows = table("evaluation-rules.md", "| key | label | unit | better |")
    expected = [
        [f"`{c.key}`", c.label, c.unit.replace("base currency", "PKR") or "—", c.better]
        for c in (*DERIVED, *JUDGED)
    ]
    assert rows == expected
    # The derived metrics the rules list are exactly the ones the engineering models compute,
    # in the units the models give them.
    derived = {row[0].strip("`"): row[2] for row in rows[: len(DERIVED)]}
    assert derived == {k: (u or "—") for k, u in METRIC_UNITS.items()}


def test_the_random_indices_are_saatys_as_the_code_has_them() -> None:
    text = " ".join((DOCS / "evaluation-rules.md").read_text(encoding="utf-8").split())
    listed = re.search(r"RI = (.+?) for n = 3 … 10", text)
    assert listed is not None
    assert [float(v) for v in listed.group(1).split(", ")] == [
        RANDOM_INDEX[n] for n in range(3, 11)
    ]


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_every_link_between_pages_leads_somewhere(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (DOCS / target).exists(), f"{page} links to {target}, which does not exist"
