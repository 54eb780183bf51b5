"""Write offers in bulk: one statement for many rows, never the ORM row by row.

Each write names the rows it wrote to the audit trail (procure.audit.touch), which records
their content hashes when the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
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
    table = cast(Table, Offer.__table__)
    now = utc_now()
    # The columns with a default get their value here (a list of one: the same in every row).
    columns: dict[str, list[Any]] = {
        "vendor_id": [known[r["vendor"]] for r in records],
        "extras": [r.get("extras") or {} for r in records],
        "is_sample": [r.get("is_sample", False) for r in records],
        "imported_at": [now],
        "updated_at": [now],
        "version_id": [1],
    }
    # The others as the records give them; one empty in every record is left out (NULL):
    # fewer values to bind for each of thousands of rows.
    for key in (column.key for column in table.columns):
        if key != "id" and key not in columns and any(r.get(key) is not None for r in records):
            columns[key] = [r.get(key) for r in records]
    insert_columns(session, table, columns, len(records))
    name_of: dict[int, str] = {vid: name for name, vid in known.items()}
    written = set(zip(columns["vendor_id"], columns["model"], strict=True))
    models = sorted({str(record["model"]) for record in records})
    ids: dict[tuple[str, str], int] = {}
    for start in range(0, len(models), 1000):  # a bounded number of parameters a query
        query = select(Offer.vendor_id, Offer.model, Offer.id).where(
            Offer.vendor_id.in_(sorted(name_of)), Offer.model.in_(models[start : start + 1000])
        )
        ids.update({(name_of[v], m): i for v, m, i in session.execute(query) if (v, m) in written})
    touch(session, "offers", ids.values())
    return ids


def insert_columns(
    session: Session, table: Table, columns: dict[str, list[Any]], count: int
) -> None:
    """INSERT ``count`` rows given column by column (a list of one value: the same in every
    row) in one executemany.

    Each value is prepared for the database by its column's SQLAlchemy type, as SQLAlchemy
    would prepare it, but a column at a time: SQLAlchemy's own executemany assembles the
    parameters row by row, which for 5,000 offers costs more than the insert itself. No
    column default is applied: every column that has one must be given."""
    connection = session.connection()
    dialect = connection.dialect
    keys = list(columns)
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    prepared: dict[str, Iterable[Any]] = {}
    for key, values in columns.items():
        bind = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if bind is not None:
            values = [None if v is None else bind(v) for v in values]
        prepared[key] = repeat(values[0], count) if len(values) == 1 else values
    if dialect.positional:
        order = [compiled.binds[name].key for name in compiled.positiontup or []]
        parameters: list[Any] = list(zip(*(prepared[k] for k in order), strict=False))
    else:
        rows = zip(*prepared.values(), strict=False)
        parameters = [dict(zip(keys, row, strict=True)) for row in rows]
    if len(parameters) != count:
        raise AssertionError(f"{len(parameters)} rows prepared for {count}")
    connection.exec_driver_sql(compiled.string, parameters)


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
