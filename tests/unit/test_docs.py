"""The docs/ pages say what the code does: their tables are checked against the modules."""

import re
import tomllib
from pathlib import Path

import pytest

from procure.ahp import RANDOM_INDEX
from procure.criteria import DERIVED, JUDGED
from procure.evaluation.engineering import METRIC_UNITS
from procure.fields import ALL, FIELDS, Category, Field
from procure.rows import OfferRow, OfferSource

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


ROOT = DOCS.parent
# Where the code and its tests live; their comments, docstrings and messages cite the pages.
CODE_FOLDERS = ("procure", "ui", "tests", "bench")
# A citation of a page's section: "docs/evaluation-rules.md, 'Methods'" or "README.md, 'Reports'".
CITATION = re.compile(r"\b(docs/[\w-]+\.md|README\.md), '")
# The design document the code once cited; it was never part of the repository.
OLD_DESIGN = re.compile(r"DESIGN\.md|DESIGN\s*§")


def _code_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for folder in CODE_FOLDERS:
        files += (
            p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    return sorted(files)


def headings(page: Path) -> list[str]:
    """Return the text of every Markdown heading of `page`, outside code blocks."""
    out, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (found := re.match(r"#+ (.+)", line)):
            out.append(found.group(1).strip())
    return out


def _anchor(heading: str) -> str:
    """Return GitHub's anchor for a heading: lower case, punctuation dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def citations(text: str) -> list[tuple[str, str]]:
    """Return (page, the text after its "page, '") for each citation, line breaks joined."""
    joined = re.sub(r"\s*\n\s*(?:#\s*)?", " ", text)
    return [(m.group(1), joined[m.end() : m.end() + 200]) for m in CITATION.finditer(joined)]


def test_headings_and_citations_are_read_as_written() -> None:
    assert headings(ROOT / "README.md")[:2] == ["procure", "Setup (Linux, Python ≥ 3.11)"]
    assert _anchor("Mandatory requirements (gates)") == "mandatory-requirements-gates"
    # a comment wrapped after "and", a docstring after the page
    wrapped = "see README.md, 'Importing vendors' spreadsheets' and\n    # "
    wrapped += "docs/data-dictionary.md,\n'Fields'"
    assert citations(wrapped) == [
        ("README.md", "Importing vendors' spreadsheets' and docs/data-dictionary.md, 'Fields'"),
        ("docs/data-dictionary.md", "Fields'"),
    ]


def test_the_code_cites_no_design_document_outside_the_repository() -> None:
    cited = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _code_files()
        # Bytes, so that sample files in other encodings and binary resources are read too.
        for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1)
        if OLD_DESIGN.search(line)
    ]
    assert cited == []


def test_every_section_the_code_cites_is_on_its_page() -> None:
    found = []
    for path in _code_files():
        if path.suffix != ".py":
            continue
        text = path.read_text(encoding="utf-8")
        for page in re.findall(r"\bdocs/[\w-]+\.md\b", text):
            assert (ROOT / page).exists(), f"{path.relative_to(ROOT)} cites {page}, not a page"
        for page, after in citations(text):
            found.append(page)
            assert any(after.startswith(h + "'") for h in headings(ROOT / page)), (
                f"{path.relative_to(ROOT)} cites {page}, '{after[:40]}…', not a heading there"
            )
    # The scan must see the citations, or this test would pass whatever they said.
    assert len(found) >= 20
    assert {"README.md", "docs/evaluation-rules.md", "docs/engineering-models.md"} <= set(found)


@pytest.mark.parametrize(
    "page", ["README.md", *sorted(f"docs/{p.name}" for p in DOCS.glob("*.md"))]
)
def test_every_link_to_a_section_names_a_heading_there(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([^)#:]*)#([^)]+)\)", text):
        linked = (ROOT / page).parent / target if target else ROOT / page
        assert anchor in {_anchor(h) for h in headings(linked)}, (
            f"{page} links to {target}#{anchor}"
        )


def section(page: Path, heading: str) -> str:
    """Return the text of the `## heading` section of `page`, up to the next one."""
    text = page.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : None if end < 0 else end]


def test_the_architecture_is_a_map_of_every_module() -> None:
    architecture = section(ROOT / "README.md", "Architecture")
    missing = []
    for package in ("procure", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts[:-1] or path.name == "__init__.py":
                continue
            if not re.search(rf"\b{re.escape(path.stem)}\b", architecture):
                missing.append(str(path.relative_to(ROOT)))
        for init in sorted((ROOT / package).rglob("__init__.py")):
            folder = init.parent.name + "/"
            if "migrations" not in init.parts[:-2] and folder not in architecture:
                missing.append(str(init.parent.relative_to(ROOT)) + "/")
    assert missing == []


def test_the_architecture_states_every_import_contract() -> None:
    architecture = " ".join(section(ROOT / "README.md", "Architecture").split())
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert len(contracts) >= 3
    for contract in contracts:
        assert f"**{contract['name']}**" in architecture, contract["name"]


def test_the_offers_json_is_the_shape_the_data_dictionary_gives() -> None:
    text = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    paragraph = text[text.index("`procure offers --json`") :].split("\n\n")[0]
    named = re.findall(r"`([^`]+)`", paragraph)
    offer = OfferRow(
        7,
        "BelAZ-Trading",
        "7547",
        "dumper",
        None,
        False,
        {"payload_t": 45.0},
        {"Colour": "red"},
        OfferSource("offer.csv", None, 3),
    )
    shown = offer.to_json()
    keys = list(shown)
    # identity, every field of the table in its order, then extras and where it came from
    assert keys == [*named[1:5], *(f.key for f in FIELDS), *named[5:7]]
    assert list(shown["source"]) == named[7:]
    assert shown["payload_t"] == 45.0
    assert shown["unit_price"] is None
