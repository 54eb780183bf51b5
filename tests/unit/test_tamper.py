"""The tamper suite: one direct SQL write per case, behind the application's back, as someone
with the database open would make it. `audit verify` must find each one and name the row."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from procure.paths import RESOURCES
from procure.services.audit import verify
from procure.services.imports import ImportOptions, import_offers
from procure.services.workspace import advance
from tests.unit.test_audit import verify_command

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]


def _sql(store: Any, statement: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


def _one(store: Any, query: str, **params: Any) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(text(query), params).one()


def _rows(store: Any, query: str) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(query)))


def _import(store: Any, vendor: str = "Tamper Test Trading") -> None:
    import_offers(
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor=vendor),
    )


def _price_changed(store: Any) -> str:
    offer_id, price = _one(store, "SELECT id, unit_price FROM offers ORDER BY id LIMIT 1")
    _sql(
        store,
        "UPDATE offers SET unit_price = :p WHERE id = :id",
        p=float(price) - 1000,
        id=offer_id,
    )
    return f"offer {offer_id} "


def _offer_deleted(store: Any) -> str:
    (offer_id,) = _one(store, "SELECT max(id) FROM offers")
    _sql(store, "DELETE FROM offers WHERE id = :id", id=offer_id)
    return f"offer {offer_id}: recorded by audit event"


def _last_event_deleted(store: Any) -> str:
    _import(store)  # the last event now records the imported offers
    _sql(store, "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)")
    return "no audit event records it"


def _all_events_deleted(store: Any) -> str:
    _sql(store, "DELETE FROM audit_events")
    return "the audit trail records none of them"


def _approved_set_back_to_draft(store: Any) -> str:
    _sql(store, "UPDATE evaluations SET status = 'draft' WHERE id = 1")
    return "approved evaluation 1: approved at audit event"


def _approved_result_rewritten(store: Any) -> str:
    from procure.services.evaluations import content_hash

    (raw,) = _one(store, "SELECT result FROM evaluations WHERE id = 1")
    result = raw if isinstance(raw, dict) else json.loads(raw)
    result["alternatives"] = list(reversed(result["alternatives"]))
    _sql(
        store,
        "UPDATE evaluations SET result = :doc, content_hash = :digest WHERE id = 1",
        doc=json.dumps(result),
        digest=content_hash(result),  # recomputed with the application's own function
    )
    return "its content hash is not the one it was approved with"


def _need_weights_changed(store: Any) -> str:
    needs = [
        (need_id, raw if isinstance(raw, dict) else json.loads(raw))
        for need_id, raw in _rows(store, "SELECT id, document FROM needs ORDER BY id")
    ]
    need_id, document = next(
        (i, d) for i, d in needs if any(c.get("weight") is not None for c in d["criteria"])
    )
    weighted = next(c for c in document["criteria"] if c.get("weight") is not None)
    weighted["weight"] = weighted["weight"] * 3
    _sql(
        store,
        "UPDATE needs SET document = :doc WHERE id = :id",
        doc=json.dumps(document),
        id=need_id,
    )
    return f"need {need_id} "


def _setup_changed(store: Any) -> str:
    (raw,) = _one(store, "SELECT setup FROM evaluations WHERE id = 1")
    setup = raw if isinstance(raw, dict) else json.loads(raw)
    setup["offers"] = setup["offers"][:1]
    _sql(store, "UPDATE evaluations SET setup = :doc WHERE id = 1", doc=json.dumps(setup))
    return "evaluation 1 (Coal"


def _event_rehashed(store: Any) -> str:
    """An event rewritten and given a fresh hash with the application's hash function: the
    installation key is not in the database, so the seal does not match."""
    from sqlalchemy import select

    from procure.audit import event_hash
    from procure.models import AuditEvent

    with store() as session:
        row = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "evaluation.created")
        ).one()
    detail = {**row.detail, "winner": None}
    forged = event_hash(
        row.prev_hash, row.occurred_at, "someone", row.action, row.evaluation_id, detail
    )
    _sql(
        store,
        "UPDATE audit_events SET actor = 'someone', detail = :d, hash = :h, note = NULL "
        "WHERE id = :id",
        d=json.dumps(detail),
        h=forged,
        id=row.id,
    )
    return f"audit event {row.id}: it is not sealed"


CASES: dict[str, Callable[[Any], str]] = {
    "offer price changed": _price_changed,
    "offer deleted": _offer_deleted,
    "last event deleted": _last_event_deleted,
    "all events deleted": _all_events_deleted,
    "approved evaluation set back to draft": _approved_set_back_to_draft,
    "approved result rewritten, hash recomputed": _approved_result_rewritten,
    "need weights changed": _need_weights_changed,
    "evaluation set-up changed": _setup_changed,
    "event rewritten and rehashed": _event_rehashed,
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_direct_write_is_found(store, case: str) -> None:  # type: ignore[no-untyped-def]
    if "approved" in case:
        assert advance(store, 1) == "approved"
    before = verify(store)
    assert before.intact, before.findings
    expected = CASES[case](store)
    after = verify(store)
    assert not after.intact
    assert any(expected in finding for finding in after.findings), after.findings


def test_the_command_names_the_row_and_exits_1(store) -> None:  # type: ignore[no-untyped-def]
    clean = verify_command(store.url)
    assert clean.returncode == 0, clean.stderr
    assert "Audit trail intact" in clean.stdout
    _price_changed(store)
    result = verify_command(store.url)
    assert result.returncode == 1
    assert "unit_price differs from audit event" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not match its audit trail: 1 finding" in result.stderr


def test_a_printed_report_is_checked_against_the_store(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from procure.exports.pdf import write_pdf
    from procure.services.evaluations import load_result

    pdf = write_pdf(load_result(store, 1), tmp_path / "report.pdf")
    assert verify(store, pdf).intact
    _import(store)  # the trail grows after printing: the report still checks
    assert verify(store, pdf).intact
    # Rewind the trail to before the report: delete every event after the first.
    _sql(store, "DELETE FROM audit_events WHERE id > (SELECT min(id) FROM audit_events)")
    findings = verify(store, pdf).findings
    assert any("report report.pdf: printed when the trail held" in f for f in findings), findings


def test_an_import_erased_with_its_events_is_found_by_the_last_verified_trail(store) -> None:  # type: ignore[no-untyped-def]
    """Rows and their events removed together leave nothing in the store to compare; the
    trail this computer last found intact (kept outside the store) still tells."""
    from procure.services.audit import verify

    _import(store, "Erased Trading")
    assert verify(store).intact  # remembered: the trail up to the import
    (first,) = _one(store, "SELECT min(id) FROM audit_events WHERE action = 'offers.imported'")
    (vendor,) = _one(store, "SELECT id FROM vendors WHERE name = 'Erased Trading'")
    _sql(store, "DELETE FROM offers WHERE vendor_id = :v", v=vendor)
    _sql(store, "DELETE FROM vendors WHERE id = :v", v=vendor)
    _sql(store, "DELETE FROM audit_events WHERE id >= :first", first=first)
    findings = verify(store).findings
    assert any("when last verified intact on this computer" in f for f in findings), findings
    assert not verify(store, remember=False).findings  # the store alone: silent
