"""Write offers in bulk: one statement for many rows, never the ORM row by row.

Each write names the rows it wrote to the audit trail (procure.audit.touch), which records
their content hashes when the transaction commits.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from procure.audit import touch
from procure.errors import InvalidInput
from procure.models import Offer, utc_now
from procure.services.vendors import get_or_create_vendor, get_or_create_vendors, vendor_ids
from procure.text_rules import check_text


def _check_models(records: list[dict[str, Any]]) -> None:
    problems = []
    for record in records:
        model = record.get("model")
        checked = check_text(model) if isinstance(model, str) else None
        if checked is None or checked.problem is not None:
            shown = model[:60] if isinstance(model, str) else model
            problems.append(
                f"offer model {shown!r}: {checked.problem if checked else 'is not a text'}"
            )
    if problems:
        raise InvalidInput(problems)


def insert_offer_records(
    session: Session, records: list[dict[str, Any]]
) -> dict[tuple[str, str], int]:
    """Insert new offers in bulk, creating their vendors; return each new offer's id by its
    (vendor, model)."""
    names = sorted({r["vendor"] for r in records})
    _check_models(records)
    known = get_or_create_vendors(session, names) if names else {}
    if not records:
        return {}
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
    name_of: dict[int, str] = {vid: name for name, vid in known.items()}
    written = {(row["vendor_id"], row["model"]) for row in rows}
    models = sorted({str(record["model"]) for record in records})
    ids: dict[tuple[str, str], int] = {}
    for start in range(0, len(models), 1000):  # a bounded number of parameters a query
        query = select(Offer.vendor_id, Offer.model, Offer.id).where(
            Offer.vendor_id.in_(sorted(name_of)), Offer.model.in_(models[start : start + 1000])
        )
        ids.update({(name_of[v], m): i for v, m, i in session.execute(query) if (v, m) in written})
    touch(session, "offers", ids.values())
    return ids


def vendor_id(session: Session, name: str, *, create: bool) -> int | None:
    """Return the vendor's id, creating the vendor when asked."""
    if create:
        return get_or_create_vendor(session, name)
    return vendor_ids(session, [name]).get(name)


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
    touch(session, "offers", [u["offer_id"] for u in updates])
