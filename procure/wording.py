"""Words a committee reads for the evaluation's internal keys: methods, operators,
requirements, criteria (the one place for them; the GUI and the audit trail use it)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from procure.criteria import criterion_kind
from procure.evaluation.methods import method_label
from procure.fields import FIELD_BY_KEY
from procure.text import MISSING, format_number

# operator key -> as shown
OPERATORS: dict[str, str] = {
    ">=": "≥",
    "<=": "≤",
    "==": "=",
    "in": "one of",
    "present": "stated",
}


def method_name(key: str | None) -> str:
    """A method's name in words, from the method registry."""
    return method_label(key) if key else MISSING


def criterion_label(key: str, label: str | None = None) -> str:
    """A criterion's label (its own, else the field's or metric's)."""
    if label:
        return label
    kind = criterion_kind(key)
    return kind.label if kind else field_label(key)


def field_label(key: str) -> str:
    field = FIELD_BY_KEY.get(key)
    return field.label if field else key.replace("_", " ")


def field_unit(key: str) -> str:
    field = FIELD_BY_KEY.get(key)
    return field.unit if field else ""


def plain_number(value: Any) -> str:
    """A number as typed into a cell: no thousands separators, never an exponent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value) == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def with_unit(value: Any, unit: str) -> str:
    """A value formatted as a number where it is one, followed by its unit."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = format_number(value)
    return f"{text} {unit}" if unit else text


def requirement_text(requirement: Mapping[str, Any]) -> str:
    """'Payload ≥ 90 t', 'Engine make one of YaMZ, Cummins', 'Warranty stated'."""
    key = str(requirement.get("field") or "")
    op = str(requirement.get("op") or "")
    shown = OPERATORS.get(op, op)
    if op == "present":
        return f"{field_label(key)} {shown}"
    value = requirement.get("value")
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = with_unit(value, field_unit(key))
    return f"{field_label(key)} {shown} {text}"


_PLACES = (
    (re.compile(r"\brequirements\[(\d+)\]"), "Mandatory requirement {}"),
    (re.compile(r"\bcriteria\[(\d+)\]"), "Criterion {}"),
    (re.compile(r"\bexchange_rates\[(\d+)\]"), "Exchange rate {}"),
)
_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_QUOTED_OPERATOR = re.compile(r"'(>=|<=|==|in|present)'")


def plain_problem(problem: str) -> str:
    """A validation problem as a committee reads it: places, operators and keys in words
    ("requirements[2]: '>=' needs a number" -> "Mandatory requirement 2: ≥ needs a number")."""
    text = problem
    for pattern, words in _PLACES:
        text = pattern.sub(words.replace("{}", r"\1"), text)
    text = _QUOTED_OPERATOR.sub(lambda m: f"“{OPERATORS[m.group(1)]}”", text)

    def label(match: re.Match[str]) -> str:
        key = match.group(0)
        kind = criterion_kind(key)
        if kind is not None:
            return kind.label
        return FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key

    return _KEY.sub(label, text)
