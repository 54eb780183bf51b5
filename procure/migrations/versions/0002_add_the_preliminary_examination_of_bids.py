"""Add the preliminary examination of bids to offers

Bid security (amount and currency), bid validity (days) and whether the bid is signed by an
authorised person, as a bid states them; the committee's own record per evaluation lives in
the evaluation's set-up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 18:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offers") as batch:
        batch.add_column(sa.Column("bid_security_amount", sa.Float(), nullable=True))
        batch.add_column(sa.Column("bid_security_currency", sa.String(length=3), nullable=True))
        batch.add_column(sa.Column("bid_validity_days", sa.Float(), nullable=True))
        batch.add_column(sa.Column("bid_signed", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offers") as batch:
        batch.drop_column("bid_signed")
        batch.drop_column("bid_validity_days")
        batch.drop_column("bid_security_currency")
        batch.drop_column("bid_security_amount")
