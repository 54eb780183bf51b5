"""Write offers in bulk: one statement for many rows, never the ORM row by row."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from procure.models import Offer, Vendor, utc_now


def _vendor_ids(session: Session, names: list[str]) -> dict[str, int]:
    query = select(Vendor.name, Vendor.id).where(Vendor.name.in_(names))
    return {name: vendor_id for name, vendor_id in session.execute(query)}


def insert_offer_records(session: Session, records: list[dict[str, Any]]) -> int:
    """Insert new offers in bulk, creating their vendors; return how many were inserted."""
    names = sorted({r["vendor"] for r in records})
    known = _vendor_ids(session, names)
    missing = [n for n in names if n not in known]
    if missing:
        now = utc_now()
        session.execute(insert(Vendor), [{"name": n, "created_at": now} for n in missing])
        known.update(_vendor_ids(session, missing))
    if not records:
        return 0
    # Columns empty in every record are left to their NULL default: fewer parameters to
    # bind for each of thousands of rows.
    keys = [k for k in records[0] if k != "vendor" and any(r.get(k) is not None for r in records)]
    now = utc_now()
    rows = [
        {**{k: record.get(k) for k in keys}, "vendor_id": known[record["vendor"]]}
        for record in records
    ]
    # Core insert of the table: one executemany, without the ORM's per-row bookkeeping.
    statement = insert(cast(Table, Offer.__table__)).values(
        imported_at=now, updated_at=now, version_id=1
    )
    session.execute(statement, rows)
    return len(rows)


def vendor_id(session: Session, name: str, *, create: bool) -> int | None:
    """Return the vendor's id, creating the vendor when asked."""
    found = _vendor_ids(session, [name])
    if name in found:
        return found[name]
    if not create:
        return None
    session.execute(insert(Vendor), [{"name": name, "created_at": utc_now()}])
    return _vendor_ids(session, [name])[name]


def update_offer_records(session: Session, updates: list[dict[str, Any]]) -> None:
    """Apply changes to existing offers: each dict holds 'offer_id' and the new values
    (all dicts must carry the same keys)."""
    if not updates:
        return
    table = cast(Table, Offer.__table__)
    keys = [k for k in updates[0] if k != "offer_id"]
    # Bound names must differ from column names in an UPDATE's SET clause.
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_offer_id"))
        .values(
            {
                **{k: bindparam(f"b_{k}") for k in keys},
                "version_id": table.c.version_id + 1,
                "updated_at": utc_now(),
            }
        )
    )
    session.connection().execute(statement, [{f"b_{k}": v for k, v in u.items()} for u in updates])
