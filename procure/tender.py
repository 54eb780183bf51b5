"""What a need says about the award beyond its criteria: quantity, least-cost basis and the
preliminary examination of bids (bid security, bid validity, signature; PPR 2004 r.25, r.26).

Kept apart from procure.needs so that the need parser only calls `parse_terms` and stores
what it returns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LEAST_COST_BASES = ("landed", "lcc")
BASIS_LABELS = {"landed": "landed price × quantity", "lcc": "fleet life-cycle cost (NPV)"}


@dataclass(frozen=True)
class PreliminaryRules:
    """What every bid must carry to go on to technical evaluation."""

    bid_security_min_pct: float | None = None  # of the bid price
    bid_validity_min_days: int | None = None
    signature_required: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "bid_security_min_pct": self.bid_security_min_pct,
            "bid_validity_min_days": self.bid_validity_min_days,
            "signature_required": self.signature_required,
        }

    def describe(self) -> list[str]:
        """The rules in words, as the report prints them."""
        out = []
        if self.bid_security_min_pct is not None:
            out.append(f"Bid security of at least {self.bid_security_min_pct:g} % of the bid price")
        if self.bid_validity_min_days is not None:
            out.append(f"Bid valid for at least {self.bid_validity_min_days} days")
        if self.signature_required:
            out.append("Bid signed by a person authorised to bind the bidder")
        return out


@dataclass(frozen=True)
class AwardTerms:
    quantity: int | None = None  # stated on the need; None: the fleet size of the engineering model
    least_cost_basis: str = "landed"
    preliminary: PreliminaryRules | None = None

    def to_json(self) -> dict[str, Any]:
        """The need-file keys these terms come from (only those set)."""
        out: dict[str, Any] = {}
        if self.quantity is not None:
            out["quantity"] = self.quantity
        if self.least_cost_basis != "landed":
            out["least_cost_basis"] = self.least_cost_basis
        if self.preliminary is not None:
            out["preliminary"] = self.preliminary.to_json()
        return out


NO_TERMS = AwardTerms()
PRELIMINARY_KEYS = frozenset(
    {"bid_security_min_pct", "bid_validity_min_days", "signature_required"}
)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def parse_terms(doc: Mapping[str, Any], problem: Callable[[str, str], None]) -> AwardTerms:
    """Read `quantity`, `least_cost_basis` and `preliminary` of a need file; report each
    problem through `problem(where, text)`."""
    quantity = doc.get("quantity")
    if quantity is not None and (
        not _number(quantity) or quantity < 1 or quantity != int(quantity)
    ):
        problem("quantity", f"must be a whole number of units, at least 1, got {quantity!r}")
        quantity = None
    basis = doc.get("least_cost_basis", "landed")
    if basis not in LEAST_COST_BASES:
        problem("least_cost_basis", f"must be one of {', '.join(LEAST_COST_BASES)}, got {basis!r}")
        basis = "landed"
    raw = doc.get("preliminary")
    rules = None
    if raw is not None:
        if not isinstance(raw, dict):
            problem("preliminary", "must be an object")
        else:
            unknown = sorted(str(key) for key in raw if key not in PRELIMINARY_KEYS)
            if unknown:
                problem(
                    "preliminary",
                    f"unknown key {', '.join(map(repr, unknown))} "
                    f"(allowed: {', '.join(sorted(PRELIMINARY_KEYS))})",
                )
            pct, days = raw.get("bid_security_min_pct"), raw.get("bid_validity_min_days")
            if pct is not None and (not _number(pct) or not 0 <= pct <= 100):
                problem("preliminary.bid_security_min_pct", f"a percentage 0–100, got {pct!r}")
                pct = None
            if days is not None and (not _number(days) or days < 0 or days != int(days)):
                problem("preliminary.bid_validity_min_days", f"whole days, got {days!r}")
                days = None
            signed = raw.get("signature_required", False)
            if not isinstance(signed, bool):
                problem("preliminary.signature_required", f"true or false, got {signed!r}")
                signed = False
            rules = PreliminaryRules(
                None if pct is None else float(pct), None if days is None else int(days), signed
            )
    return AwardTerms(None if quantity is None else int(quantity), str(basis), rules)
