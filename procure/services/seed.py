"""Seed an empty store with the illustrative sample catalogue and the need templates."""

from __future__ import annotations

import csv
import hashlib
import json
from decimal import Decimal
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from procure.audit import hold_write_lock
from procure.fields import FIELD_BY_KEY, FIELDS, Category
from procure.models import Need, Vendor
from procure.needs import parse_need
from procure.paths import NEED_TEMPLATES, SAMPLE_CATALOGUE
from procure.sample_data import SAMPLE_EXTRAS
from procure.services.needs import save_need
from procure.services.offer_writes import insert_offer_records

if TYPE_CHECKING:
    from procure.db import Store


def _cell(key: str, raw: str) -> Any:
    raw = raw.strip()
    if not raw:
        return None
    field = FIELD_BY_KEY[key]
    if field.kind == "money":
        return Decimal(raw)
    return float(raw) if field.is_numeric else raw


def read_sample_catalogue(path: Traversable = SAMPLE_CATALOGUE) -> list[dict[str, Any]]:
    """Return the sample catalogue as offer records (vendor name under 'vendor')."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    records = []
    reader = csv.DictReader(data.decode("utf-8").splitlines())
    for line_number, row in enumerate(reader, start=2):
        record: dict[str, Any] = {f.key: _cell(f.key, row.get(f.key) or "") for f in FIELDS}
        record.update(
            vendor=row["vendor"].strip(),
            model=row["model"].strip(),
            category=Category(row["category"].strip()).value,
            manufacturer=(row.get("manufacturer") or "").strip() or None,
            is_sample=True,
            extras={k: row[k] for k in SAMPLE_EXTRAS if (row.get(k) or "").strip()},
            source_file=path.name,
            source_sheet=None,
            source_row=line_number,
            source_hash=digest,
        )
        records.append(record)
    return records


def read_need_templates(folder: Traversable = NEED_TEMPLATES) -> list[Any]:
    return [
        parse_need(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".json")
    ]


# Evaluated once at first start, so that a newcomer finds a real evaluation waiting.
SAMPLE_EVALUATION_NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"


def seed_samples(store: Store) -> tuple[int, int]:
    """Load the sample catalogue and need templates and evaluate one need; return (offers,
    needs) added (none when the store already holds vendors or needs)."""
    offers = read_sample_catalogue()
    needs = read_need_templates()
    with store.begin() as session:
        # Several first starts at once: the first to hold the lock seeds, the others find
        # the samples there and leave them.
        hold_write_lock(session)
        if session.scalars(select(Vendor.id).limit(1)).first() is not None:
            return 0, 0
        if session.scalars(select(Need.id).limit(1)).first() is not None:
            return 0, 0
        count = len(insert_offer_records(session, offers))
        for need in needs:
            save_need(session, need, is_sample=True)
    if any(n.name == SAMPLE_EVALUATION_NEED for n in needs):
        from procure.services.evaluations import run_evaluation

        run_evaluation(store, SAMPLE_EVALUATION_NEED, actor="procure (sample data)")
    return count, len(needs)
