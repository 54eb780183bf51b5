"""The store setting as the window keeps it: never with a password in it.

A server's password goes to the server's own password file (PostgreSQL's pgpass: libpq and
psycopg read it when they connect), and the setting keeps the URL without it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from procure.errors import ProcureError


@dataclass(frozen=True)
class Setting:
    url: str  # what may be kept in the settings: no password
    password: str | None  # to be kept in the password file, if any


def split_password(url: str) -> Setting:
    """Take the password out of a server URL (a file path is returned as it is)."""
    if "://" not in url:
        return Setting(url, None)
    parsed = make_url(url)
    if parsed.password is None:
        return Setting(url, None)
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return Setting(bare.render_as_string(hide_password=False), str(parsed.password))


def pgpass_path() -> Path:
    """PostgreSQL's password file: PGPASSFILE, else %APPDATA%/postgresql/pgpass.conf on
    Windows, else ~/.pgpass."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def remember_password(url: str, password: str, path: Path | None = None) -> Path:
    """Write (or replace) the server's line in the password file, readable by its owner only
    (libpq ignores a password file others can read)."""
    parsed = make_url(url)
    key = ":".join(
        _escape(str(v))
        for v in (
            parsed.host or "localhost",
            parsed.port or 5432,
            parsed.database or "*",
            parsed.username or "",
        )
    )
    target = path or pgpass_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    kept = [line for line in lines if not line.startswith(key + ":")]
    target.write_text("\n".join([*kept, f"{key}:{_escape(password)}"]) + "\n", encoding="utf-8")
    target.chmod(0o600)
    return target


def check_connection(url: str, timeout_s: int = 5) -> str:
    """Connect to the store once; return a sentence saying what was found, or raise
    ProcureError saying why it cannot be reached."""
    from sqlalchemy import create_engine

    from procure.db import describe, resolve_url

    resolved = resolve_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        where = Path(parsed.database or "")
        if not where.exists():
            return f"{where} does not exist yet; it will be created at the next start."
        return f"{where} is there and will be used from the next start."
    engine = create_engine(resolved, connect_args={"connect_timeout": timeout_s})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ProcureError(f"Cannot reach {describe(resolved)}: {reason}") from None
    finally:
        engine.dispose()
    return f"Connected to {describe(resolved)}."
