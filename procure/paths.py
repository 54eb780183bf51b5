"""Where the bundled resources live: package data found through importlib.resources.

Every reader of a bundled file goes through this module, so the same code works from a
checkout, an installed wheel and a frozen desktop bundle.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

RESOURCES: Traversable = files("procure.resources")
SAMPLE_CATALOGUE = RESOURCES / "sample_catalogue.csv"
NEED_TEMPLATES = RESOURCES / "needs"
SAMPLES = RESOURCES / "samples"

# Files extracted for libraries that open by name, kept until the process ends.
_extracted = ExitStack()
atexit.register(_extracted.close)


def resource_path(*parts: str) -> Path:
    """Return a bundled file as a path on disk, for libraries that open files by name
    (reportlab's fonts); extract it to a temporary file if the package is not on disk."""
    entry = RESOURCES.joinpath(*parts)
    if isinstance(entry, Path):
        return entry
    if not entry.is_file():
        raise FileNotFoundError(f"procure's bundled file {'/'.join(parts)} is missing")
    return _extracted.enter_context(as_file(entry))
