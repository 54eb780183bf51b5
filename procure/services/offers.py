"""Read offers from the store as plain rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from procure.fields import FIELDS, Category
from procure.models import Offer, Vendor

Value = float | str | Decimal | None


@dataclass(frozen=True)
class OfferSource:
    file: str | None
    sheet: str | None
    row: int | None


@dataclass(frozen=True)
class OfferRow:
    """One offer as the UI, the CLI and the engine see it: values in DESIGN.md §3 units."""

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
        """Return the `offers --json` shape of DESIGN.md §9."""
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


def json_number(value: Value) -> Any:
    """Return a JSON-ready value: Decimal as an exact int or float, never rounded text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


_FIELD_COLUMNS = [getattr(Offer, f.key) for f in FIELDS]


def _offer_query() -> Select[Any]:
    return (
        select(
            Offer.id,
            Vendor.name,
            Offer.model,
            Offer.category,
            Offer.manufacturer,
            Offer.is_sample,
            Offer.extras,
            Offer.source_file,
            Offer.source_sheet,
            Offer.source_row,
            *_FIELD_COLUMNS,
        )
        .join(Vendor, Offer.vendor_id == Vendor.id)
        .order_by(Offer.category, Vendor.name, Offer.model)
    )


def _to_row(record: Any) -> OfferRow:
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
    return OfferRow(
        id=offer_id,
        vendor=vendor,
        model=model,
        category=category,
        manufacturer=manufacturer,
        is_sample=bool(is_sample),
        values={f.key: v for f, v in zip(FIELDS, values, strict=True)},
        extras=extras or {},
        source=OfferSource(source_file, source_sheet, source_row),
    )


def query_offers(
    session: Session, category: str | None = None, ids: list[int] | None = None
) -> list[OfferRow]:
    """Return offers, optionally of one category or with the given ids, sorted for display."""
    query = _offer_query()
    if category is not None:
        query = query.where(Offer.category == Category(category).value)
    if ids is not None:
        query = query.where(Offer.id.in_(ids))
    return [_to_row(r) for r in session.execute(query)]


def list_offers(factory: sessionmaker[Session], category: str | None = None) -> list[OfferRow]:
    """Return every offer (of a category), in one read-only transaction."""
    with factory() as session:
        return query_offers(session, category)
