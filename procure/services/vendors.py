"""Vendors: find one by name or create it, even while another process creates the same one."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from procure.audit import hold_write_lock, touch
from procure.errors import InvalidInput, NearDuplicateVendor
from procure.models import Vendor, utc_now
from procure.text_rules import check_text
from procure.vendor_names import near_duplicates


def vendor_ids(session: Session, names: list[str]) -> dict[str, int]:
    query = select(Vendor.name, Vendor.id).where(Vendor.name.in_(names))
    return {name: vendor_id for name, vendor_id in session.execute(query)}


def get_or_create_vendors(session: Session, names: list[str]) -> dict[str, int]:
    """Return the ids of the named vendors, creating those the store does not hold.

    The store's write lock is taken first, so that two procure processes creating one vendor
    wait for each other; the insert itself runs in a savepoint, so that a writer that took no
    lock and won the race makes this one find the vendor instead of failing on the name."""
    for name in names:
        checked = check_text(name)
        if checked.problem is not None:
            raise InvalidInput(f"vendor name {name[:60]!r}…: {checked.problem}")
    wanted = sorted(set(names))
    known = vendor_ids(session, wanted)
    missing = [n for n in wanted if n not in known]
    if not missing:
        return known
    hold_write_lock(session)
    known.update(vendor_ids(session, missing))
    for name in [n for n in missing if n not in known]:
        try:
            with session.begin_nested():
                session.execute(insert(Vendor), [{"name": name, "created_at": utc_now()}])
        except IntegrityError:
            pass  # created by another process since we looked: use theirs
        else:
            created = vendor_ids(session, [name])
            touch(session, "vendors", created.values())
    known.update(vendor_ids(session, [n for n in missing if n not in known]))
    return known


def get_or_create_vendor(session: Session, name: str) -> int:
    """Return the vendor's id, creating the vendor if the store has none of that name."""
    return get_or_create_vendors(session, [name])[name]


def vendor_names(session: Session) -> list[str]:
    """Every stored vendor's name, sorted."""
    return sorted(session.scalars(select(Vendor.name)))


def refuse_near_duplicates(session: Session, names: list[str]) -> None:
    """Raise NearDuplicateVendor for the first name that is new but means a stored vendor."""
    stored = vendor_names(session)
    for name in sorted(set(names) - set(stored)):
        similar = near_duplicates(name, stored)
        if similar:
            raise NearDuplicateVendor(name, similar)
