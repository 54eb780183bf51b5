"""Where the store is: --db / PROCURE_DB / the user data folder, without importing SQLAlchemy.

Kept apart from procure.db so that start-up can find the store before the ORM is loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from procure.errors import StoreError

ENV_VAR = "PROCURE_DB"


def default_db_path() -> Path:
    """Return the SQLite file in the user data directory (platformdirs)."""
    import platformdirs

    return platformdirs.user_data_path("procure", appauthor=False) / "procure.db"


@dataclass(frozen=True)
class StoreLocation:
    url: str
    sqlite_path: Path | None  # set for a SQLite file store

    @property
    def label(self) -> str:
        """The store as a user should see it (a server URL without its password)."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        scheme, _, rest = self.url.partition("://")
        credentials, at, host = rest.rpartition("@")
        if at and ":" in credentials:
            rest = f"{credentials.split(':', 1)[0]}:***@{host}"
        return f"{scheme}://{rest}"


def locate_store(db: str | os.PathLike[str] | None) -> StoreLocation:
    """Turn --db / PROCURE_DB / the default into a store location; check a file's folder."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR)
    if not value:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return StoreLocation(f"sqlite:///{path}", path)
    if "://" in value:
        return StoreLocation(value, None)
    path = Path(value).expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"The store path '{path}' is a folder; give a file name.")
    if not path.parent.is_dir():
        raise StoreError(f"Cannot open the store '{path}': folder '{path.parent}' does not exist.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"Cannot open the store '{path}': no permission to read and write it.")
    return StoreLocation(f"sqlite:///{path}", path)
