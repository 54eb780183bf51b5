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


def verify_command(url: str) -> subprocess.CompletedProcess[str]:
    """Run `procure audit verify` as a user would."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", url, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _events(store) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return [
            tuple(r) for r in conn.execute(text("SELECT id, action FROM audit_events ORDER BY id"))
        ]


def test_changes_are_recorded_and_the_chain_holds(store) -> None:  # type: ignore[no-untyped-def]
    import_offers(
        store,
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
    report = verify(store)
    assert report.events == 5 and report.broken is None and report.intact, report.findings
    with store() as session:
        from procure.models import AuditEvent

        last = session.get(AuditEvent, events[-1][0])
        assert last is not None
        recorded = last.detail["rows"]["offers"]["entries"]
        assert len(recorded) == 3  # the file's three offers, each with its content hash
        assert all(len(entry[1]) == 32 for entry in recorded)
        assert last.note.startswith("sealed with key ")
        assert last.actor == "secretary"  # the rows are recorded as the importer's


def test_an_altered_event_is_named(store) -> None:  # type: ignore[no-untyped-def]
    import_offers(
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="BelAZ-Trading"),
    )
    second = next(i for i, action in _events(store) if action == "offers.imported")
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_events SET actor = 'someone else' WHERE id = :id"), {"id": second}
        )
    report = verify(store)
    assert report.broken is not None and report.broken.event_id == second
    assert "altered" in report.broken.reason


def test_a_removed_event_breaks_the_chain_after_it(store, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    for vendor in ("A", "B"):
        import_offers(
            store,
            RESOURCES / "samples" / "belaz_dumpers_offer.csv",
            ImportOptions(vendor=vendor),
        )
    ids = [event_id for event_id, _ in _events(store)]
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[1]})
    report = verify(store)
    assert report.broken is not None and report.broken.event_id == ids[2]
    assert "removed or reordered" in report.broken.reason
    result = verify_command(store.url)
    assert result.returncode == 1
    assert f"audit event {ids[2]}: it does not follow the event before it" in result.stdout


def test_an_approved_evaluation_altered_outside_the_app_is_found(store) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import advance

    advance(store, 1)
    report = verify(store)
    assert report.intact and report.approved == 1
    with store.engine.begin() as conn:  # behind the application's back, as an attacker would
        conn.execute(
            text("UPDATE evaluations SET result = :doc WHERE id = 1"),
            {"doc": '{"alternatives": [], "tampered": true}'},
        )
    report = verify(store)
    assert report.altered == [1] and not report.intact
    result = verify_command(store.url)
    assert result.returncode == 1
    assert "approved evaluation 1: its result no longer matches its content hash" in result.stdout


def test_appends_from_several_connections_at_once_keep_one_chain(store) -> None:  # type: ignore[no-untyped-def]
    """Without the chain lock, two writers read the same last event and fork the chain
    (seen on PostgreSQL in the soak benchmark)."""
    from concurrent.futures import ThreadPoolExecutor

    from procure.audit import append_event

    def append_many(worker: int) -> None:
        for i in range(25):
            with store.begin() as session:
                append_event(
                    session, "test.append", {"worker": worker, "i": i}, actor=f"worker {worker}"
                )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(append_many, range(4)))
    report = verify(store)
    assert report.broken is None and report.events >= 100


def _make_legacy(store) -> None:  # type: ignore[no-untyped-def]
    """Turn the store into one written by the previous version: its events plain SHA-256,
    unsealed, and no row events."""
    from datetime import UTC, datetime

    from procure.audit import GENESIS, event_hash

    when = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    detail = {"need": "sample", "offers": [1, 2]}
    digest = event_hash(GENESIS, when, "secretary", "evaluation.created", 1, detail)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events"))
        conn.execute(
            text(
                "INSERT INTO audit_events (occurred_at, actor, action, detail, evaluation_id, "
                "prev_hash, hash) VALUES (:t, 'secretary', 'evaluation.created', :d, 1, :p, :h)"
            ),
            {"t": when, "d": '{"need": "sample", "offers": [1, 2]}', "p": GENESIS, "h": digest},
        )


def test_a_store_from_the_previous_version_gets_its_baseline_once(store) -> None:  # type: ignore[no-untyped-def]
    from procure.services.store import open_store

    _make_legacy(store)
    assert not verify(store).intact  # rows, but no row event yet
    for _ in range(2):  # the baseline is written at the first open, and only then
        open_store(store.url).engine.dispose()
    actions = [a for _, a in _events(store)]
    assert actions == ["evaluation.created", "rows.baseline"]
    report = verify(store)
    assert report.intact, report.findings
    with store() as session:
        from procure.models import AuditEvent

        baseline = session.scalars(
            text("SELECT id FROM audit_events WHERE action = 'rows.baseline'")
        ).one()
        event = session.get(AuditEvent, baseline)
        assert event is not None and event.detail["legacy_events"] == 1
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE offers SET model = 'renamed' WHERE id = 2"))
    assert any("offer 2 " in f and "model" in f for f in verify(store).findings)


def test_a_store_whose_events_were_all_removed_gets_no_baseline(store) -> None:  # type: ignore[no-untyped-def]
    from procure.services.store import open_store

    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events"))
    open_store(store.url).engine.dispose()
    assert _events(store) == []
    assert not verify(store).intact


def test_the_installation_key_is_private_and_outside_the_store(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import stat

    from procure import audit_key

    monkeypatch.setenv(audit_key.CONFIG_ENV, str(tmp_path / "config"))
    key_id, key = audit_key.installation_key()
    path = tmp_path / "config" / audit_key.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 32 and audit_key.installation_key() == (key_id, key)
    # A second installation's key, dropped into audit-keys/, is trusted as well.
    other = bytes(range(32))
    (tmp_path / "config" / audit_key.OTHER_KEYS).mkdir()
    (tmp_path / "config" / audit_key.OTHER_KEYS / "chair.key").write_text(other.hex())
    assert set(audit_key.trusted_keys()) == {key_id, audit_key.key_id(other)}


def test_events_sealed_with_a_key_this_installation_lacks_are_named(
    store, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from procure import audit_key

    monkeypatch.setenv(audit_key.CONFIG_ENV, str(tmp_path / "elsewhere"))
    report = verify(store)
    assert report.broken is not None and report.broken.event_id == 1
    assert "which this installation does not hold" in report.broken.reason


def test_a_column_hashed_at_once_hashes_as_each_row_alone() -> None:
    """Rows are hashed column by column, each distinct value once: 0.0 must not be given
    -0.0's token, Decimal 1.0 that of 1, True that of 1, whatever else the column holds."""
    from decimal import Decimal

    from procure.audit import row_digests, rows_digests

    values = [0.0, -0.0, Decimal("1.0"), 1, True, 1.0, Decimal("-0"), Decimal("0"), None]
    rows = [[value, value, "USD"] for value in values] + [[1.5, None, "USD"], [-0.0, 0.0, ""]]
    names = ["mixed", "same", "currency"]
    alone = [row_digests(names, row) for row in rows]
    assert rows_digests(names, rows) == alone
    assert len({content for content, _ in alone}) == len(rows)  # every row writes differently
    floats = [[0.0], [-0.0], [2.0]]  # one type, with a zero of each sign
    assert rows_digests(["x"], floats) == [row_digests(["x"], row) for row in floats]
    assert rows_digests(["x"], floats)[0] != rows_digests(["x"], floats)[1]
