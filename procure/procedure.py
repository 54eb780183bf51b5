"""Procurement procedures and evaluation statuses (PPR r.36).

The rules: docs/evaluation-rules.md, 'Procedure and status'."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DRAFT, TECHNICAL_APPROVED, FINANCIAL_OPENED, APPROVED = (
    "draft",
    "technical approved",
    "financial opened",
    "approved",
)
PROCEDURES = (
    "single stage one envelope",
    "single stage two envelope",
    "two stage",
    "two stage two envelope",
)
TWO_ENVELOPE = frozenset({"single stage two envelope", "two stage two envelope"})
# What each step of the procedure leads to, and what the step is called.
NEXT_STEP = {
    (False, DRAFT): (APPROVED, "Approve"),
    (True, DRAFT): (TECHNICAL_APPROVED, "Approve technical"),
    (True, TECHNICAL_APPROVED): (FINANCIAL_OPENED, "Open financial"),
    (True, FINANCIAL_OPENED): (APPROVED, "Approve"),
}


def prices_sealed(result: Mapping[str, Any]) -> bool:
    """True while a two-envelope evaluation's financial envelopes are still closed: prices
    and everything derived from them must not be shown (GUI, CLI, reports)."""
    return result.get("procedure") in TWO_ENVELOPE and result.get("status", DRAFT) not in (
        FINANCIAL_OPENED,
        APPROVED,
    )
