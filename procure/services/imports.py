"""Import a vendor's offer file into the store: all or nothing, changes recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.audit import append_event, hold_write_lock, record_early
from procure.errors import InvalidInput
from procure.fields import FIELDS
from procure.importing.reader import (
    ColumnMapping,
    ImportOptions,
    OffersSoFar,
    ParsedFile,
    ParsedOffer,
    read_offers,
)
from procure.models import Offer, Vendor
from procure.perf import paused_gc
from procure.rows import json_number
from procure.services.offer_writes import insert_offer_records, update_offer_records, vendor_id
from procure.services.vendors import refuse_near_duplicates, vendor_names
from procure.vendor_names import VendorProposal, propose_vendor

if TYPE_CHECKING:
    from procure.db import Store
    from procure.services.offer_files import ChildReader

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OfferChange:
    status: str  # "added" | "updated" | "unchanged"
    offer: ParsedOffer
    offer_id: int | None
    changes: dict[str, tuple[Any, Any]]  # field -> (old, new), for "updated"

    def to_json(self, parsed: ParsedFile) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.offer_id,
            "status": self.status,
            "vendor": self.offer.vendor,
            "model": self.offer.model,
            "category": self.offer.category,
        }
        for f in FIELDS:
            value = json_number(self.offer.values.get(f.key))
            out[f.key] = int(value) if f.kind == "integer" and value is not None else value
        out["extras"] = dict(self.offer.extras)
        source: dict[str, Any] = {
            "file": parsed.path.name,
            "sheet": parsed.sheet,
            "row": self.offer.row,
        }
        if self.offer.column is not None:
            source["column"] = self.offer.column
        out["source"] = source
        if self.changes:
            out["changes"] = {
                k: [json_number(old), json_number(new)] for k, (old, new) in self.changes.items()
            }
        return out


@dataclass(frozen=True)
class ImportResult:
    parsed: ParsedFile
    changes: list[OfferChange]
    dry_run: bool

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    def summary(self) -> str:
        sheet = f" (sheet {self.parsed.sheet})" if self.parsed.sheet else ""
        verb = "Would add" if self.dry_run else "Added"
        text = (
            f"{verb} {self.count('added')}, updated {self.count('updated')}, unchanged "
            f"{self.count('unchanged')} offers from {self.parsed.path.name}{sheet}."
        )
        if self.parsed.sheet_reason:
            text += f"\nRead {self.parsed.sheet_reason}."
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.parsed.path.name,
            "sheet": self.parsed.sheet,
            "orientation": self.parsed.orientation,
            "sheet_reason": self.parsed.sheet_reason,
            "header_rows": list(self.parsed.header_rows),
            "dry_run": self.dry_run,
            "added": self.count("added"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "mapping": [
                {
                    "column": m.where,
                    "header": m.header,
                    "field": m.key,
                    "unit": m.unit,
                    "units": list(m.units),
                    "incoterm": m.incoterm,
                    "confidence": m.confidence,
                    "source": m.source,
                    "reason": m.note,
                    "note": m.note,
                }
                for m in self.parsed.mapping
            ],
            "warnings": list(self.parsed.warnings),
            "offers": [c.to_json(self.parsed) for c in self.changes],
        }


def remembered_mapping(
    store: Store, vendor: str | None
) -> dict[str, tuple[str | None, str | None]]:
    """Return the column mapping last used for this vendor (header -> field, unit)."""
    if not vendor:
        return {}
    with store() as session:
        stored = session.scalars(select(Vendor.import_mapping).where(Vendor.name == vendor)).first()
    return {
        header: (entry.get("field"), entry.get("unit")) for header, entry in (stored or {}).items()
    }


def _with_remembered(store: Store, options: ImportOptions) -> ImportOptions:
    """The options with the mapping remembered for their vendor, unless they carry one."""
    if options.remembered:
        return options
    return replace(options, remembered=remembered_mapping(store, options.vendor))


def parse_offer_file(
    store: Store,
    path: str | Path,
    options: ImportOptions,
    progress: Progress | None = None,
    *,
    isolated: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    child: ChildReader | None = None,
) -> ParsedFile:
    """Read a file with the vendor's remembered mapping applied (for preview and import).

    ``isolated`` reads it in a child process (procure.importing.isolated), as the window
    does: a file that crashes the reader or exhausts memory cannot take the window down.
    ``child`` is such a reader started earlier, that has read the file meanwhile."""
    options = _with_remembered(store, options)
    if child is not None:
        return child.parse(options, cancelled)
    if isolated:
        from procure.importing.isolated import read_offers_isolated

        return read_offers_isolated(path, options, cancelled)
    with paused_gc():
        return read_offers(path, options, progress)


def read_sample_in_child() -> int:
    """Read a bundled vendor file in a child process, as the window does, and return how
    many offers it holds: the installed program's check that its reader can start."""
    from procure.importing.isolated import read_offers_isolated
    from procure.paths import SAMPLES

    sample = SAMPLES / "amkodor_excavators_offer.xlsx"
    options = ImportOptions(vendor="Sample vendor", category="excavator")
    return len(read_offers_isolated(str(sample), options).offers)


def vendor_choices(store: Store, parsed: ParsedFile) -> tuple[list[str], VendorProposal]:
    """Every stored vendor's name, for the officer to choose from, and the one the file's
    title and name point to, if one clearly does."""
    with store() as session:
        names = vendor_names(session)
    return names, propose_vendor(parsed.vendor_clues, names)


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is new
    if isinstance(old, int | float | Decimal) and isinstance(new, int | float | Decimal):
        return abs(float(old) - float(new)) <= 1e-9 * max(1.0, abs(float(new)))
    return bool(old == new)


@dataclass(frozen=True)
class _Source:
    """Where the offers being written come from, as each offer records it."""

    file: str
    sheet: str | None
    file_hash: str


def _plan(
    session: Session, mapping: list[ColumnMapping], offers: list[ParsedOffer]
) -> list[OfferChange]:
    mapped = {m.key for m in mapping if m.key} | {"currency", "incoterm"}
    plan: list[OfferChange] = []
    existing: dict[tuple[str, str], Offer] = {}
    vendors = sorted({o.vendor for o in offers})
    models = sorted({o.model for o in offers})
    for start in range(0, len(models), 1000):  # a bounded number of parameters a query
        query = (
            select(Offer)
            .join(Vendor)
            .where(Vendor.name.in_(vendors), Offer.model.in_(models[start : start + 1000]))
        )
        for row in session.scalars(query):
            existing[(row.vendor.name, row.model)] = row
    for offer in offers:
        stored = existing.get((offer.vendor, offer.model))
        if stored is None:
            plan.append(OfferChange("added", offer, None, {}))
            continue
        changes = {}
        for f in FIELDS:
            if f.key not in mapped and f.key not in offer.values:
                continue  # the file does not speak of this field: keep what is stored
            old, new = getattr(stored, f.key), offer.values.get(f.key)
            if not _same(old, new):
                changes[f.key] = (old, new)
        if stored.category != offer.category:
            changes["category"] = (stored.category, offer.category)
        for key, value in offer.extras.items():
            if stored.extras.get(key) != value:
                changes[f"extras.{key}"] = (stored.extras.get(key), value)
        status = "updated" if changes else "unchanged"
        plan.append(OfferChange(status, offer, stored.id, changes))
    return plan


def _record(source: _Source, offer: ParsedOffer) -> dict[str, Any]:
    record: dict[str, Any] = {f.key: offer.values.get(f.key) for f in FIELDS}
    record.update(
        vendor=offer.vendor,
        model=offer.model,
        category=offer.category,
        manufacturer=offer.manufacturer,
        is_sample=False,
        extras=offer.extras,
        source_file=source.file,
        source_sheet=source.sheet,
        source_row=offer.row,
        source_hash=source.file_hash,
    )
    return record


def _write(session: Session, source: _Source, plan: list[OfferChange]) -> list[OfferChange]:
    """Write a plan's new and changed offers; return the plan with the new offers' ids."""
    added = [c for c in plan if c.status == "added"]
    ids = insert_offer_records(session, [_record(source, c.offer) for c in added])
    changed = [c for c in plan if c.status == "updated" and c.offer_id is not None]
    stored = {
        o.id: o
        for start in range(0, len(changed), 1000)
        for o in session.scalars(
            select(Offer).where(Offer.id.in_([c.offer_id for c in changed[start : start + 1000]]))
        )
    }
    updates_by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for change in changed:
        assert change.offer_id is not None
        row: dict[str, Any] = {
            k: new for k, (_, new) in change.changes.items() if not k.startswith("extras.")
        }
        row.update(
            offer_id=change.offer_id,
            extras={**stored[change.offer_id].extras, **change.offer.extras},
            source_file=source.file,
            source_sheet=source.sheet,
            source_row=change.offer.row,
            source_hash=source.file_hash,
        )
        updates_by_keys.setdefault(tuple(sorted(row)), []).append(row)
    for rows in updates_by_keys.values():
        update_offer_records(session, rows)
    return [
        replace(c, offer_id=ids.get((c.offer.vendor, c.offer.model))) if c.status == "added" else c
        for c in plan
    ]


def _remember(session: Session, parsed: ParsedFile, vendor: str) -> None:
    vid = vendor_id(session, vendor, create=True)
    target = session.get(Vendor, vid)
    if target is not None:
        target.import_mapping = {m.header: {"field": m.key, "unit": m.unit} for m in parsed.mapping}


def _finish(
    session: Session, parsed: ParsedFile, plan: list[OfferChange], actor: str | None
) -> None:
    """Remember the mapping for the file's vendors and record the import in the trail."""
    for vendor in sorted({o.vendor for o in parsed.offers}):
        _remember(session, parsed, vendor)
    append_event(
        session,
        "offers.imported",
        {
            "file": parsed.path.name,
            "sheet": parsed.sheet,
            "file_sha256": parsed.file_hash,
            "added": [
                {"id": c.offer_id, "model": c.offer.model} for c in plan if c.status == "added"
            ],
            "updated": [
                {
                    "id": c.offer_id,
                    "model": c.offer.model,
                    "changes": {
                        k: [json_number(o), json_number(n)] for k, (o, n) in c.changes.items()
                    },
                }
                for c in plan
                if c.status == "updated"
            ],
            "unchanged": sum(1 for c in plan if c.status == "unchanged"),
        },
        actor=actor,
    )


class _RunWriter:
    """Writes the offers of a file a run at a time as the child reads them, in the
    import's one transaction: the writing overlaps the reading, and a problem found later in
    the file (or an error) rolls all of it back."""

    def __init__(self, session: Session, path: Path, options: ImportOptions) -> None:
        self.session = session
        self.file = path.name
        self.options = options
        self.plan: list[OfferChange] = []
        self.refused = False  # the file has a problem: it will not be imported
        self.vendors: set[str] = set()  # the vendor names checked for near-duplicates

    def write(self, part: OffersSoFar) -> None:
        if self.refused or not part.clean:
            self.refused = True
            return
        names = {o.vendor for o in part.offers} - self.vendors
        if names and not self.options.new_vendor:
            refuse_near_duplicates(self.session, sorted(names))
        self.vendors |= names
        plan = _plan(self.session, part.mapping, part.offers)
        plan = _write(self.session, _Source(self.file, part.sheet, part.file_hash), plan)
        record_early(self.session, "offers", [c.offer_id for c in plan if c.status == "added"])
        self.plan.extend(plan)


def import_offers(
    store: Store,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
    parsed: ParsedFile | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
    child: ChildReader | None = None,
) -> ImportResult:
    """Import an offer file. Any problem raises InvalidInput and nothing is written.

    ``child`` is a reader started earlier (procure import): with ``stream`` it hands the
    offers on as it reads them, and they are written meanwhile."""
    options = options or ImportOptions()
    if parsed is None and child is not None and child.stream and not dry_run:
        return _import_streamed(store, path, options, child, actor)
    if parsed is None:
        parsed = parse_offer_file(store, path, options, progress, child=child)
    if parsed.problems:
        raise InvalidInput([str(p) for p in parsed.problems])
    with paused_gc(), store.begin() as session:
        if not dry_run:
            hold_write_lock(session)  # plan against what is stored, not what was
        if not options.new_vendor:
            refuse_near_duplicates(session, [o.vendor for o in parsed.offers])
        plan = _plan(session, parsed.mapping, parsed.offers)
        if dry_run:
            session.rollback()
            return ImportResult(parsed, plan, True)
        plan = _write(session, _Source(parsed.path.name, parsed.sheet, parsed.file_hash), plan)
        _finish(session, parsed, plan, actor)
    return ImportResult(parsed, plan, False)


def _import_streamed(
    store: Store, path: str | Path, options: ImportOptions, child: ChildReader, actor: str | None
) -> ImportResult:
    options = _with_remembered(store, options)
    with paused_gc(), store.begin() as session:
        hold_write_lock(session)  # plan against what is stored, not what was
        writer = _RunWriter(session, Path(path), options)
        parsed = child.parse(options, on_offers=writer.write)
        if parsed.problems:
            raise InvalidInput([str(p) for p in parsed.problems])  # rolls back what was written
        assert not writer.refused
        _finish(session, parsed, writer.plan, actor)
    return ImportResult(parsed, writer.plan, False)
