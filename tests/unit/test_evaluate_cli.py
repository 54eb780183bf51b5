"""`procure evaluate` as a process: its JSON (README.md, 'Evaluating') and exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERBURDEN = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"


def procure(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory) -> tuple[Path, dict]:  # type: ignore[no-untyped-def, type-arg]
    db = tmp_path_factory.mktemp("evaluate") / "procure.db"
    result = procure(db, "evaluate", OVERBURDEN, "--json")
    assert result.returncode == 0, result.stderr
    return db, json.loads(result.stdout)


def test_json_follows_the_contract(evaluated) -> None:  # type: ignore[no-untyped-def]
    _, data = evaluated
    assert isinstance(data["evaluation_id"], int)
    assert data["need"] == OVERBURDEN and data["method"] == "wsm"
    assert data["normalisation"] == "ratio"
    assert data["weighting"]["method"] == "direct"
    # after-sales support is judged and nobody has scored it yet: no award can stand
    assert data["recommendation"] is None
    assert any("after-sales support" in w for w in data["warnings"])
    assert sum(c["weight"] for c in data["criteria"]) == pytest.approx(1.0)
    for criterion in data["criteria"]:
        assert set(criterion) >= {"key", "label", "weight", "direction", "unit"}
    for alt in data["alternatives"]:
        assert set(alt) >= {
            "offer_id",
            "vendor",
            "model",
            "values",
            "gates",
            "responsive",
            "score",
            "rank",
            "fleet",
            "lcc",
        }
        assert set(alt["values"]) == {c["key"] for c in data["criteria"]}
        cost = alt["evaluated_cost"]
        assert set(cost) >= {"basis", "quantity", "unit_cost", "total", "currency"}
        assert cost["currency"] == "PKR" and cost["basis"] == "landed"
        if cost["total"] is not None:  # quantity × landed unit price, unrounded
            assert cost["total"] == pytest.approx(cost["quantity"] * cost["unit_cost"], rel=1e-15)
        for gate in alt["gates"]:
            assert set(gate) == {"requirement", "passed", "reason"}
        if alt["responsive"]:
            assert 0 <= alt["score"] <= 100 and alt["rank"] >= 1
        else:
            assert alt["rank"] is None
            assert any(not g["passed"] for g in alt["gates"])


def test_ranks_follow_scores_and_the_75131_fails_the_thar_heat_gate(evaluated) -> None:  # type: ignore[no-untyped-def]
    _, data = evaluated
    ranked = sorted((a for a in data["alternatives"] if a["rank"]), key=lambda a: a["rank"])
    assert [a["score"] for a in ranked] == sorted((a["score"] for a in ranked), reverse=True)
    b75131 = next(a for a in data["alternatives"] if a["model"] == "BelAZ-75131")
    failed = [g for g in b75131["gates"] if not g["passed"]]
    assert failed == [
        {
            "requirement": "Rated max ambient temperature ≥ 50 °C",
            "passed": False,
            "reason": "offer states 45 °C, which does not meet it",
        }
    ]


def test_unscored_judged_criterion_is_flagged_not_invented(evaluated) -> None:  # type: ignore[no-untyped-def]
    _, data = evaluated
    for alt in (a for a in data["alternatives"] if a["responsive"]):
        assert alt["values"]["after_sales_support"] is None
        assert alt["missing"]["after_sales_support"] == "no member has scored it yet"
        assert alt["contributions"]["after_sales_support"] == 0


def test_offers_option_and_method_override(evaluated) -> None:  # type: ignore[no-untyped-def]
    db, data = evaluated
    ids = [a["offer_id"] for a in data["alternatives"] if a["responsive"]][:2]
    result = procure(
        db,
        "evaluate",
        OVERBURDEN,
        "--method",
        "topsis",
        "--offers",
        ",".join(map(str, ids)),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    again = json.loads(result.stdout)
    assert again["method"] == "topsis" and again["normalisation"] == "vector"
    assert sorted(a["offer_id"] for a in again["alternatives"]) == sorted(ids)
    assert again["evaluation_id"] == data["evaluation_id"] + 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("evaluate", "No such need"), "no need called 'No such need'"),
        (("evaluate", OVERBURDEN, "--offers", "1,x"), "--offers: expected ids"),
        (("evaluate", OVERBURDEN, "--offers", "99999"), "no offer with id 99999"),
        (("evaluate", OVERBURDEN, "--method", "magic"), "invalid choice: 'magic'"),
    ],
)
def test_bad_input_exits_2_with_a_message(evaluated, args, message) -> None:  # type: ignore[no-untyped-def]
    db, _ = evaluated
    result = procure(db, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_export_writes_a_pdf_and_refuses_to_overwrite(evaluated, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, data = evaluated
    target = tmp_path / "report.pdf"
    first = procure(db, "export", str(data["evaluation_id"]), "--pdf", str(target))
    assert first.returncode == 0, first.stderr
    assert target.read_bytes()[:4] == b"%PDF"
    again = procure(db, "export", str(data["evaluation_id"]), "--pdf", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr
    missing = procure(db, "export", "9999", "--pdf", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "no evaluation with id 9999" in missing.stderr
    neither = procure(db, "export", str(data["evaluation_id"]))
    assert neither.returncode == 2 and "--pdf FILE, --xlsx FILE or both" in neither.stderr


def test_sealed_two_envelope_evaluation_exports_only_the_technical_report(tmp_path: Path) -> None:
    from procure.services.store import open_store
    from procure.services.workspace import set_procedure

    db = tmp_path / "sealed.db"
    store = open_store(db)
    set_procedure(store, 1, "two stage two envelope")
    store.engine.dispose()
    refused = procure(db, "export", "1", "--xlsx", str(tmp_path / "cs.xlsx"))
    assert refused.returncode == 2 and "still sealed" in refused.stderr
    assert not (tmp_path / "cs.xlsx").exists()
    written = procure(db, "export", "1", "--pdf", str(tmp_path / "technical.pdf"))
    assert written.returncode == 0 and "technical evaluation report" in written.stdout
