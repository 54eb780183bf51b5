"""ORM models of the store. No Qt, no I/O: tables and their columns only.

The offer columns follow the data dictionary in procure/fields.py; a test checks that the
two agree, so a new field is added in both places or the suite fails.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names so that Alembic batch migrations on SQLite can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The column mapping last used to import this vendor's spreadsheets.
    import_mapping: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    offers: Mapped[list[Offer]] = relationship(back_populates="vendor")


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("vendor_id", "model", name="uq_offers_vendor_model"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    model: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(20), index=True)
    manufacturer: Mapped[str | None] = mapped_column(String(200))
    # True for the bundled illustrative catalogue: never a real quotation.
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)

    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    currency: Mapped[str | None] = mapped_column(String(3))
    incoterm: Mapped[str | None] = mapped_column(String(100))
    delivery_weeks: Mapped[float | None] = mapped_column(Float)
    warranty_months: Mapped[float | None] = mapped_column(Float)
    warranty_hours: Mapped[float | None] = mapped_column(Float)
    engine_power_kw: Mapped[float | None] = mapped_column(Float)
    emission_standard: Mapped[str | None] = mapped_column(String(50))
    ambient_max_c: Mapped[float | None] = mapped_column(Float)
    service_points_pk: Mapped[float | None] = mapped_column(Float)
    spare_parts_lead_days: Mapped[float | None] = mapped_column(Float)
    local_content_pct: Mapped[float | None] = mapped_column(Float)
    payload_t: Mapped[float | None] = mapped_column(Float)
    body_volume_m3: Mapped[float | None] = mapped_column(Float)
    gvw_t: Mapped[float | None] = mapped_column(Float)
    max_speed_kmh: Mapped[float | None] = mapped_column(Float)
    gradeability_pct: Mapped[float | None] = mapped_column(Float)
    fuel_l_per_h: Mapped[float | None] = mapped_column(Float)
    fuel_l_per_100km: Mapped[float | None] = mapped_column(Float)
    operating_weight_t: Mapped[float | None] = mapped_column(Float)
    bucket_m3: Mapped[float | None] = mapped_column(Float)
    max_dig_depth_m: Mapped[float | None] = mapped_column(Float)
    max_reach_m: Mapped[float | None] = mapped_column(Float)
    battery_kwh: Mapped[float | None] = mapped_column(Float)
    range_km: Mapped[float | None] = mapped_column(Float)
    passengers: Mapped[float | None] = mapped_column(Float)
    charging_kw: Mapped[float | None] = mapped_column(Float)
    energy_kwh_per_km: Mapped[float | None] = mapped_column(Float)
    length_m: Mapped[float | None] = mapped_column(Float)
    # Preliminary examination, as the bid states it (revision 0002).
    bid_security_amount: Mapped[float | None] = mapped_column(Float)
    bid_security_currency: Mapped[str | None] = mapped_column(String(3))
    bid_validity_days: Mapped[float | None] = mapped_column(Float)
    bid_signed: Mapped[str | None] = mapped_column(String(10))

    # Vendor columns that map to no canonical field: kept, never thrown away.
    extras: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Provenance: where the values came from.
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_row: Mapped[int | None] = mapped_column(Integer)
    source_hash: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    vendor: Mapped[Vendor] = relationship(back_populates="offers")

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class Need(Base):
    """A sector need template: site, mandatory requirements, weighted criteria, method."""

    __tablename__ = "needs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sector: Mapped[str] = mapped_column(String(50))
    category: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    # The whole need file as validated (README.md, 'Command line'): an export returns the import.
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )


class Evaluation(Base):
    __tablename__ = "evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    method: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(30), default="draft")
    # The set-up (need snapshot, rates, defaults, offers, committee) and the computed result.
    setup: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("evaluations.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class AuditEvent(Base):
    """An append-only, hash-chained record of one change."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int | None] = mapped_column(ForeignKey("evaluations.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    note: Mapped[str | None] = mapped_column(Text)


@event.listens_for(Evaluation, "before_update")
def _approved_is_read_only(_mapper: Any, _connection: Any, target: Evaluation) -> None:
    """An approved evaluation is read-only in the store too: any ORM update is refused.

    (Revising makes a new evaluation; the audit chain catches changes made outside
    the ORM.)"""
    history = inspect(target).attrs.status.history
    stored_status = history.deleted[0] if history.deleted else target.status
    if stored_status == "approved":
        from procure.errors import ProcureError

        raise ProcureError(
            f"Evaluation {target.id} is approved and read-only. Revise it to make a new version."
        )
