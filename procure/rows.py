"""Plain rows read from the store (offers, needs) and the one query that reads each.

The queries are plain SQL over the schema of procure.models, so that the same text runs
through SQLAlchemy on any back end and, at start-up, through the standard library's sqlite3
before SQLAlchemy is loaded (procure.snapshot). The converters accept what either driver
returns (JSON as text or parsed, booleans as 0/1, money as int, float or Decimal).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from procure.fields import FIELDS

if TYPE_CHECKING:
    from procure.needs import NeedDocument

Value = float | str | Decimal | None

OFFER_SELECT = (
    "SELECT o.id, v.name, o.model, o.category, o.manufacturer, o.is_sample, o.extras, "
    "o.source_file, o.source_sheet, o.source_row, "
    + ", ".join(f"o.{f.key}" for f in FIELDS)
    + " FROM offers o JOIN vendors v ON o.vendor_id = v.id"
)
OFFER_ORDER = " ORDER BY o.category, v.name, o.model, o.id"
NEED_SELECT = "SELECT id, is_sample, document FROM needs ORDER BY sector, name, id"


@dataclass(frozen=True)
class OfferSource:
    file: str | None
    sheet: str | None
    row: int | None


@dataclass(frozen=True)
class OfferRow:
    """One offer as the UI, the CLI and the engine see it: docs/data-dictionary.md's units."""

    id: int
    vendor: str
    model: str
    category: str
    manufacturer: str | None
    is_sample: bool
    values: Mapping[str, Value]
    extras: Mapping[str, Any] = field(default_factory=dict)
    source: OfferSource = OfferSource(None, None, None)

    def value(self, key: str) -> Value:
        return self.values.get(key)

    def to_json(self) -> dict[str, Any]:
        """Return the `offers --json` shape (docs/data-dictionary.md, 'Identity and provenance')."""
        out: dict[str, Any] = {
            "id": self.id,
            "vendor": self.vendor,
            "model": self.model,
            "category": self.category,
        }
        for f in FIELDS:
            value = json_number(self.values.get(f.key))
            out[f.key] = int(value) if f.kind == "integer" and value is not None else value
        out["extras"] = dict(self.extras)
        out["source"] = {
            "file": self.source.file,
            "sheet": self.source.sheet,
            "row": self.source.row,
        }
        return out


@dataclass(frozen=True)
class NeedRow:
    id: int
    is_sample: bool
    document: NeedDocument

    @property
    def name(self) -> str:
        return self.document.name


def json_number(value: Value) -> Any:
    """Return a JSON-ready value: Decimal as an exact int or float, never rounded text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _money(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def offer_from_record(record: Any) -> OfferRow:
    (
        offer_id,
        vendor,
        model,
        category,
        manufacturer,
        is_sample,
        extras,
        source_file,
        source_sheet,
        source_row,
        *values,
    ) = record
    converted: dict[str, Value] = {}
    for f, v in zip(FIELDS, values, strict=True):
        if f.kind == "money":
            converted[f.key] = _money(v)
        elif f.is_numeric and v is not None:
            converted[f.key] = float(v)
        else:
            converted[f.key] = v
    return OfferRow(
        id=offer_id,
        vendor=vendor,
        model=model,
        category=category,
        manufacturer=manufacturer,
        is_sample=bool(is_sample),
        values=converted,
        extras=_json(extras) or {},
        source=OfferSource(source_file, source_sheet, source_row),
    )


def need_from_record(record: Any) -> NeedRow:
    need_id, is_sample, document = record
    from procure.needs import parse_need  # the need rules: read with the needs, not at start

    return NeedRow(need_id, bool(is_sample), parse_need(_json(document)))
