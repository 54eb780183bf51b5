"""Keep Python's cyclic garbage collector out of bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector while thousands of short-lived, acyclic objects (cells,
    rows, parameter dicts) are made: reference counting frees them anyway, and the
    collector's repeated passes over SQLAlchemy's and Qt's objects cost a 5,000-row
    import about a quarter of its time. Nested use keeps it paused until the outermost
    block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
