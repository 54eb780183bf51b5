"""The command line, run as a real process on a temporary store."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from procure.fields import FIELDS

ROOT = Path(__file__).resolve().parents[2]


def procure(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py")]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        command + list(args),
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(db.parent if db else ROOT)},
    )


def test_offers_json_uses_canonical_keys(db_path: Path) -> None:
    result = procure("offers", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    offers = json.loads(result.stdout)
    assert len(offers) >= 20
    expected = {"id", "vendor", "model", "category", "extras", "source"} | {f.key for f in FIELDS}
    for offer in offers:
        assert set(offer) == expected
        assert isinstance(offer["unit_price"], int | float)
        assert len(offer["currency"]) == 3
        assert set(offer["source"]) == {"file", "sheet", "row"}


def test_offers_category_filter(db_path: Path) -> None:
    result = procure("offers", "--category", "electric_bus", "--json", db=db_path)
    offers = json.loads(result.stdout)
    assert offers and {o["category"] for o in offers} == {"electric_bus"}
    text = procure("offers", "--category", "dumper", db=db_path)
    assert "BelAZ-75710" in text.stdout and "MAZ-303E10" not in text.stdout
    assert "Illustrative sample data" in text.stdout
    buses = procure("offers", "--category", "electric_bus", db=db_path).stdout
    assert "Electric buses" in buses and "electric_bus" not in buses  # the label, not the key


def test_unknown_category_is_invalid_input(db_path: Path) -> None:
    result = procure("offers", "--category", "tractor", db=db_path)
    assert result.returncode == 2
    assert "invalid choice: 'tractor'" in result.stderr
    assert "Traceback" not in result.stderr


def test_needs_list_export_and_reimport_round_trip(db_path: Path, tmp_path: Path) -> None:
    listed = json.loads(procure("needs", "--json", db=db_path).stdout)
    assert len(listed) >= 5
    name = listed[0]["name"]
    out = tmp_path / "need.json"
    exported = procure("needs", "export", name, "-o", str(out), db=db_path)
    assert exported.returncode == 0, exported.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc == listed[0]
    doc["name"] = "Copy of " + name
    doc["criteria"][0]["weight"] = 7
    out.write_text(json.dumps(doc), encoding="utf-8")
    imported = procure("needs", "import", str(out), db=db_path)
    assert imported.returncode == 0, imported.stderr
    assert "Added need 'Copy of" in imported.stdout
    again = json.loads(procure("needs", "export", "Copy of " + name, db=db_path).stdout)
    assert again == doc


def test_export_refuses_to_overwrite(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "exists.json"
    out.write_text("keep me", encoding="utf-8")
    name = json.loads(procure("needs", "--json", db=db_path).stdout)[0]["name"]
    result = procure("needs", "export", name, "-o", str(out), db=db_path)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "line 1, column 2: not valid JSON"),
        (
            '{"name": "X", "sector": "coal", "category": "dumper", "criteria": '
            '[{"key": "payload_t", "weight": 1}], "requirements": '
            '[{"field": "payload", "op": ">=", "value": 9}]}',
            "requirements[1]: unknown field",
        ),
        ("[1, 2]", "must hold a JSON object"),
        (b"\xff\xfe\x00garbage", "not a UTF-8 text file"),
    ],
)
def test_bad_need_file_exits_2_and_writes_nothing(
    db_path: Path, tmp_path: Path, content: str | bytes, expected: str
) -> None:
    before = procure("needs", "--json", db=db_path).stdout
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    result = procure("needs", "import", str(bad), db=db_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert procure("needs", "--json", db=db_path).stdout == before


def test_unknown_need_name_lists_the_known_ones(db_path: Path) -> None:
    result = procure("needs", "export", "No such need", db=db_path)
    assert result.returncode == 2
    assert "no need called 'No such need'" in result.stderr and ";" in result.stderr


@pytest.mark.parametrize("kind", ["missing-folder", "folder", "not-a-database", "bad-url"])
def test_unreadable_store_is_a_one_line_message(tmp_path: Path, kind: str) -> None:
    if kind == "missing-folder":
        db = str(tmp_path / "missing" / "x.db")
    elif kind == "folder":
        db = str(tmp_path)
    elif kind == "not-a-database":
        path = tmp_path / "text.db"
        path.write_text("this is not a database\n" * 100, encoding="utf-8")
        db = str(path)
    else:
        db = "nosuchdialect://user@host/db"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "offers"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("procure: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_console_script_is_the_same_program(db_path: Path) -> None:
    script = shutil.which("procure", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the procure console script is not installed in this environment")
    via_script = subprocess.run(
        [script, "--db", str(db_path), "needs", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert via_script.returncode == 0
    assert json.loads(via_script.stdout) == json.loads(
        procure("needs", "--json", db=db_path).stdout
    )
