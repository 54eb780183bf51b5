"""Read offers from the store as plain rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from procure.fields import Category
from procure.rows import OFFER_ORDER, OFFER_SELECT, OfferRow, OfferSource, offer_from_record

if TYPE_CHECKING:
    from procure.db import Store

__all__ = ["OfferRow", "OfferSource", "list_offers", "query_offers"]


def query_offers(
    session: Session, category: str | None = None, ids: list[int] | None = None
) -> list[OfferRow]:
    """Return offers, optionally of one category or with the given ids, sorted for display."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if category is not None:
        conditions.append("o.category = :category")
        params["category"] = Category(category).value
    if ids is not None:
        conditions.append("o.id IN :ids")
        params["ids"] = list(ids)
    sql = OFFER_SELECT + (" WHERE " + " AND ".join(conditions) if conditions else "")
    statement = text(sql + OFFER_ORDER)
    if ids is not None:
        statement = statement.bindparams(bindparam("ids", expanding=True))
    return [offer_from_record(r) for r in session.execute(statement, params)]


def list_offers(store: Store, category: str | None = None) -> list[OfferRow]:
    """Return every offer (of a category), in one read-only transaction."""
    with store() as session:
        return query_offers(session, category)
