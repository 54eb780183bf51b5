"""Alembic migrations of the store.

HEAD_REVISION lets the application see that a store is current without importing
Alembic (a test checks it against the scripts in versions/). KNOWN_REVISIONS lists every
revision this build can upgrade from; any other revision was written by a newer build.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION: str = KNOWN_REVISIONS[-1]
