"""Mandatory requirements (gates): an offer failing any is non-responsive.

The rules: docs/evaluation-rules.md, 'Mandatory requirements (gates)'."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from procure.fields import FIELD_BY_KEY
from procure.text import format_number

if TYPE_CHECKING:
    from procure.needs import Requirement


@dataclass(frozen=True)
class GateResult:
    requirement: str  # as printed: "Rated payload ≥ 90 t"
    passed: bool
    reason: str  # why it passed or failed, with the offer's value

    def to_json(self) -> dict[str, Any]:
        return {"requirement": self.requirement, "passed": self.passed, "reason": self.reason}


def _shown(key: str, value: Any) -> str:
    field = FIELD_BY_KEY[key]
    if isinstance(value, float | int | Decimal):
        text = format_number(float(value))
        return f"{text} {field.unit}".strip()
    return str(value)


def _same_text(a: Any, b: Any) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def check_gate(requirement: Requirement, values: Mapping[str, Any]) -> GateResult:
    """Check one requirement; a value the offer does not state fails as 'not stated'."""
    text = requirement.describe()
    value = values.get(requirement.field)
    if value is None or value == "":
        return GateResult(text, False, "not stated in offer")
    shown = _shown(requirement.field, value)
    op, wanted = requirement.op, requirement.value
    if op == "present":
        passed = True
    elif op == ">=":
        passed = float(value) >= float(wanted)
    elif op == "<=":
        passed = float(value) <= float(wanted)
    elif op == "==":
        passed = (
            float(value) == float(wanted)
            if FIELD_BY_KEY[requirement.field].is_numeric
            else _same_text(value, wanted)
        )
    else:  # "in"
        passed = any(_same_text(value, option) for option in wanted)
    return GateResult(
        text,
        passed,
        f"offer states {shown}" if passed else f"offer states {shown}, which does not meet it",
    )


def check_gates(
    requirements: tuple[Requirement, ...], values: Mapping[str, Any]
) -> list[GateResult]:
    return [check_gate(r, values) for r in requirements]
