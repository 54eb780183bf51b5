"""The hash-chained audit trail: every change recorded, tampering outside the app found."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from procure.paths import RESOURCES
from procure.services.audit import verify
from procure.services.imports import ImportOptions, import_offers

pytestmark = pytest.mark.both_backends

ROOT = Path(__file__).resolve().parents[2]


def _events(store) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return [
            tuple(r) for r in conn.execute(text("SELECT id, action FROM audit_events ORDER BY id"))
        ]


def test_changes_are_recorded_and_the_chain_holds(store) -> None:  # type: ignore[no-untyped-def]
    import_offers(
        store.session_factory,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="BelAZ-Trading"),
        actor="secretary",
    )
    events = _events(store)
    # Seeding (offers and needs; the sample evaluation), then the import: each change is
    # followed by the rows it wrote.
    assert [a for _, a in events] == [
        "rows.recorded",
        "evaluation.created",
        "rows.recorded",
        "offers.imported",
        "rows.recorded",
    ]
    report = verify(store.session_factory)
    assert report.events == 5 and report.broken is None and report.intact, report.findings
    with store.session_factory() as session:
        from procure.models import AuditEvent

        last = session.get(AuditEvent, events[-1][0])
        assert last is not None
        recorded = last.detail["rows"]["offers"]["entries"]
        assert len(recorded) == 3  # the file's three offers, each with its content hash
        assert all(len(entry[1]) == 32 for entry in recorded)
        assert last.note.startswith("sealed with key ")


def test_an_altered_event_is_named(store) -> None:  # type: ignore[no-untyped-def]
    import_offers(
        store.session_factory,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="BelAZ-Trading"),
    )
    second = next(i for i, action in _events(store) if action == "offers.imported")
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_events SET actor = 'someone else' WHERE id = :id"), {"id": second}
        )
    report = verify(store.session_factory)
    assert report.broken is not None and report.broken.event_id == second
    assert "altered" in report.broken.reason


def test_a_removed_event_breaks_the_chain_after_it(store, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    for vendor in ("A", "B"):
        import_offers(
            store.session_factory,
            RESOURCES / "samples" / "belaz_dumpers_offer.csv",
            ImportOptions(vendor=vendor),
        )
    ids = [event_id for event_id, _ in _events(store)]
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
    report = verify(store.session_factory)
    assert report.broken is not None and report.broken.event_id == ids[2]
    assert "removed or reordered" in report.broken.reason
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", store.url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"audit event {ids[2]}: it does not follow the event before it" in result.stdout


def test_an_approved_evaluation_altered_outside_the_app_is_found(store) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import advance

    advance(store.session_factory, 1)
    report = verify(store.session_factory)
    assert report.intact and report.approved == 1
    with store.engine.begin() as conn:  # behind the application's back, as an attacker would
        conn.execute(
            text("UPDATE evaluations SET result = :doc WHERE id = 1"),
            {"doc": '{"alternatives": [], "tampered": true}'},
        )
    report = verify(store.session_factory)
    assert report.altered == [1] and not report.intact
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", store.url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "approved evaluation 1: its result no longer matches its content hash" in result.stdout


def test_appends_from_several_connections_at_once_keep_one_chain(store) -> None:  # type: ignore[no-untyped-def]
    """Without the chain lock, two writers read the same last event and fork the chain
    (seen on PostgreSQL in the soak benchmark)."""
    from concurrent.futures import ThreadPoolExecutor

    from procure.audit import append_event

    def append_many(worker: int) -> None:
        for i in range(25):
            with store.session_factory.begin() as session:
                append_event(
                    session, "test.append", {"worker": worker, "i": i}, actor=f"worker {worker}"
                )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(append_many, range(4)))
    report = verify(store.session_factory)
    assert report.broken is None and report.events >= 100
