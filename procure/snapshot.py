"""Read a current SQLite store with the standard library alone, for a fast first paint.

Start-up shows the catalogue from here while SQLAlchemy loads in the background. Anything
unusual (no file yet, an older or newer schema, a locked or broken file, a server URL)
returns None, and the caller takes the full path through procure.db, which migrates,
seeds and reports errors properly.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from procure.migrations import HEAD_REVISION
from procure.rows import (
    NEED_SELECT,
    OFFER_ORDER,
    OFFER_SELECT,
    NeedRow,
    OfferRow,
    need_from_record,
    offer_from_record,
)


@dataclass(frozen=True)
class Snapshot:
    offers: list[OfferRow]
    needs: list[NeedRow]


def read_snapshot(path: Path | None) -> Snapshot | None:
    """Return offers and needs of a SQLite store at the current schema, else None."""
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD_REVISION:
            return None
        offers = [offer_from_record(r) for r in conn.execute(OFFER_SELECT + OFFER_ORDER)]
        needs = [need_from_record(r) for r in conn.execute(NEED_SELECT)]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
    return Snapshot(offers, needs)
