"""Where the bundled resources live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_CATALOGUE = RESOURCES / "sample_catalogue.csv"
NEED_TEMPLATES = RESOURCES / "needs"
