"""How the bundled illustrative sample data is labelled (no SQLAlchemy: used at start-up)."""

from __future__ import annotations

from procure.rows import OfferRow

SAMPLE_LABEL = "Illustrative sample data — not real quotations"

# Catalogue columns kept with each sample offer as extra attributes, with their labels.
SAMPLE_EXTRAS: dict[str, str] = {
    "source_url": "Public source",
    "source_confidence": "Source confidence",
    "illustrative_fields": "Illustrative values",
    "notes": "Notes",
}


def illustrative_keys(offer: OfferRow) -> frozenset[str]:
    """Return the fields whose values were filled in for illustration, not sourced."""
    raw = offer.extras.get("illustrative_fields", "") if offer.is_sample else ""
    return frozenset(k.strip() for k in str(raw).split(";") if k.strip())
