"""The installation key that seals the audit trail, kept outside the database.

The key lives in the user's configuration folder (platformdirs' user_config_path, or the
folder named by PROCURE_CONFIG_DIR), is created on first use with owner-only permissions, and
never enters the store: whoever can write the database but not this folder cannot forge an
event. PCs sharing one server store copy the same key file (or drop each other's into
``audit-keys/``), so that each verifies what the others sealed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from pathlib import Path

from procure.errors import ProcureError

CONFIG_ENV = "PROCURE_CONFIG_DIR"
KEY_FILE = "audit.key"
OTHER_KEYS = "audit-keys"

_lock = threading.Lock()
_cache: dict[Path, tuple[str, bytes]] = {}


def config_folder() -> Path:
    """The user's procure configuration folder (PROCURE_CONFIG_DIR overrides it)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("procure", appauthor=False)


def key_id(key: bytes) -> str:
    """A key's public name: enough of its hash to tell keys apart, nothing to forge with."""
    return hashlib.sha256(b"procure audit key " + key).hexdigest()[:16]


def _read_key(path: Path) -> bytes | None:
    try:
        raw = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProcureError(f"Cannot read the audit key {path}: {exc}.") from None
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        raise ProcureError(f"The audit key {path} is damaged (not a hexadecimal key).") from None
    if len(key) < 16:
        raise ProcureError(f"The audit key {path} is damaged (too short).")
    return key


def _create_key(path: Path) -> None:
    """Write a new key so that it appears whole or not at all, and never replaces another
    process's key written at the same moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(handle, secrets.token_bytes(32).hex().encode("ascii") + b"\n")
        os.fsync(handle)
    finally:
        os.close(handle)
    try:
        os.link(temporary, path)  # fails if another process made the key first: keep theirs
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)


def installation_key() -> tuple[str, bytes]:
    """Return (key id, key) of this installation, creating the key on first use."""
    path = config_folder() / KEY_FILE
    with _lock:
        cached = _cache.get(path)
        if cached is not None:
            return cached
        key = _read_key(path)
        if key is None:
            try:
                _create_key(path)
            except OSError as exc:
                raise ProcureError(
                    f"Cannot create the audit key in {path.parent}: {exc.strerror or exc}."
                ) from None
            key = _read_key(path)
            if key is None:
                raise ProcureError(f"Cannot create the audit key {path}.")
        _cache[path] = (key_id(key), key)
        return _cache[path]


def trusted_keys() -> dict[str, bytes]:
    """Every key this installation accepts seals from: its own and those in audit-keys/."""
    own_id, own = installation_key()
    keys = {own_id: own}
    folder = config_folder() / OTHER_KEYS
    if folder.is_dir():
        for path in sorted(folder.glob("*.key")):
            key = _read_key(path)
            if key is not None:
                keys[key_id(key)] = key
    return keys
