"""Alembic environment: runs on the engine that procure.db hands over in the config."""

from __future__ import annotations

from alembic import context

from procure.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table.
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
