"""Decide which field each column is: column profiles, scored candidates, one assignment.

A column's profile is its header (name, units, delivery term) and what its cells hold:
numbers or words, units written in the cells, the range of the values. Every profile is
scored against every field that applies to the category: the header's words (fields.py),
whether the unit measures the field's dimension (a mass, a power, ...), whether the cells are
numbers for a number field and words for a text field, and whether the values fall in the
range real machines of the category have. The best assignment over all columns is then
chosen at once, so that a column already mapped is not offered again, and where several
columns give one field the one a committee compares wins (the total price over a base or
options price; a unit price over an amount). Each choice carries its reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, TypeVar

from procure.fields import FIELD_BY_KEY, Field
from procure.importing.cells import (
    DATE_LIKE,
    Ambiguous,
    is_blank,
    parse_number,
    split_money,
    value_parts,
)
from procure.importing.headers import (
    IDENTITY,
    SplitHeader,
    currency_of_unit,
    name_scores,
    normalise,
    same_unit,
    split_header,
    units_of,
)
from procure.importing.units import UnitMismatch, converter, hour_meter_mismatch, pint_unit

MIN_NAME = 0.45  # below this, a header's words do not name the field at all
MIN_TOTAL = 0.6  # name and evidence together: below this the column stays an extra attribute
TIE = 0.03  # two candidates closer than this, with nothing else to tell them apart: ask

CATEGORY_CELL_WORDS = frozenset(
    {
        "truck", "trucks", "tipper", "dumper", "dumpers", "dump truck", "excavator",
        "excavators", "electric bus", "electric_bus", "e-bus", "самосвал", "карьерный самосвал",
        "экскаватор", "электробус",
    }
)  # fmt: skip
QUANTITY_WORDS = ("quantity", "qty", "количество", "кол", "pcs", "nos", "units")
AMOUNT_WORDS = ("amount", "sum", "сумма", "extended", "line total", "стоимость партии")
TOTAL_WORDS = ("total", "итого", "всего", "итоговая", "полная", "общая", "final")
BASE_WORDS = ("base", "basic", "базовая", "базовой", "стандартная")
OPTION_WORDS = ("option", "options", "extras", "accessories", "опции", "дополнительн")


@dataclass(frozen=True)
class Profile:
    """One column (a parameter row in a spec sheet) as the reader sees it."""

    position: int
    header: str
    split: SplitHeader
    values: tuple[Any, ...]  # the cells, one per offer, as read (a sample in a long sheet)
    cells: int = 0  # how many cells the column has; more than len(values) when sampled

    @cached_property
    def filled(self) -> list[Any]:
        return [v for v in self.values if not is_blank(v)]


# A column's field is judged from at most this many of its cells, spread evenly over the
# sheet, and the same rows of every column (so that quantity × price can still be matched
# row by row); every cell is still read and checked once the field is decided.
EVIDENCE_CELLS = 300

Item = TypeVar("Item")


def spread_sample(items: Sequence[Item], most: int = EVIDENCE_CELLS) -> Sequence[Item]:
    """At most `most` of the items, spread evenly over them; all of them when fewer."""
    if len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(i * step)] for i in range(most)]


def make_profile(position: int, header: str, unit: str | None, values: Sequence[Any]) -> Profile:
    """Build a profile; `unit` comes from a unit row or column, when the sheet has one."""
    split = split_header(header)
    if unit:
        own = _unit_pieces(unit)
        split = SplitHeader(split.name, own[0], (*own, *split.units), split.incoterm)
    return Profile(position, header, split, tuple(spread_sample(values)), len(values))


def _unit_pieces(unit: str) -> tuple[str, ...]:
    return units_of(unit) or (unit,)


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    reason: str


@dataclass(frozen=True)
class Assignment:
    key: str | None
    confidence: float
    reason: str
    alternatives: tuple[str, ...] = ()  # set: the column could be any of these; ask
    unit_problem: str | None = None


# ------------------------------------------------------------------------- evidence


def _numbers(value: Any) -> tuple[list[tuple[float, str | None]], bool]:
    """The numbers a cell holds with the unit written after each (both readings of a
    two-way number), and whether the cell is a number at all."""
    if isinstance(value, bool):
        return [], False
    if isinstance(value, int | float):
        return [(float(value), None)], True
    if isinstance(value, datetime | date):
        return [], True  # a date where a number belongs: read, and reported, as a value
    if not isinstance(value, str):
        return [], False
    text, _currency = split_money(value)
    if DATE_LIKE.match(str(text)):
        return [], True
    parts = value_parts(str(text))
    if not parts:
        return [], False
    found: list[tuple[float, str | None]] = []
    for number, unit in parts[:1]:
        try:
            found.append((parse_number(number), unit))
        except Ambiguous as exc:
            found += [(exc.readings[0], unit), (exc.readings[1], unit)]
        except ValueError:
            return [], False
    return found, True


def _convert(field: Field, number: float, unit: str | None) -> float | None:
    source = pint_unit(unit) if unit else None
    if unit and source is None:
        return None
    if source is None:
        return number
    if hour_meter_mismatch(source, field.unit):
        return None
    try:
        return converter(source, field.unit)(number)
    except UnitMismatch:
        return None


def _unit_fits(field: Field, unit: str) -> bool:
    if field.is_money:
        return currency_of_unit(unit) is not None
    if not field.is_numeric:
        return False
    source = pint_unit(unit)
    if source is None or hour_meter_mismatch(source, field.unit):
        return False
    try:
        converter(source, field.unit)
    except UnitMismatch:
        return False
    return True


def _cell_units(profile: Profile) -> list[str]:
    units = []
    for value in profile.filled:
        if isinstance(value, str):
            parts = value_parts(str(split_money(value)[0]))
            units += [u for _, u in parts[:1] if u]
    return units


def _score_field(profile: Profile, key: str, name: float, category: str | None) -> Candidate:
    """Score one field for a column: its header words plus the evidence of unit and cells."""
    field = FIELD_BY_KEY.get(key)
    reasons = [f"header words match '{_label(key)}' ({name:.2f})"]
    score = name
    filled = profile.filled
    numeric = [v for v in filled if _numbers(v)[1]]
    share = len(numeric) / len(filled) if filled else 0.0
    if field is None:  # an identity column: model, vendor, category, manufacturer
        if key == "category" and filled:
            known = sum(1 for v in filled if str(v).strip().casefold() in CATEGORY_CELL_WORDS)
            if known * 2 < len(filled):
                return Candidate(key, 0.0, "the cells are not categories")
        if key != "model" and share > 0.8:
            return Candidate(key, 0.0, "the cells are numbers")
        if profile.split.units and not all(
            currency_of_unit(u) is None and pint_unit(u) is None for u in profile.split.units
        ):
            return Candidate(key, 0.0, "the header states a unit")
        return Candidate(key, score, "; ".join(reasons))
    units = list(profile.split.units)
    cell_units = _cell_units(profile)
    if field.is_numeric:
        if filled and share < 0.5:
            return Candidate(key, 0.0, "the cells are words, not numbers")
        if filled:
            score += 0.1
            sample = profile.cells > len(profile.values)
            sampled = f" (a sample of the {profile.cells:,})" if sample else ""
            reasons.append(f"{len(numeric)} of {len(filled)} cells{sampled} are numbers")
    elif filled and share > 0.8 and key != "currency":
        return Candidate(key, 0.0, "the cells are numbers, not words")
    stated = units
    fitting = [u for u in stated if _unit_fits(field, u)]
    if field.is_money and not stated:
        codes = [c for v in filled if isinstance(v, str) and (c := split_money(v)[1])]
        if codes:
            score += 0.2
            reasons.append(f"the cells name the currency {codes[0]}")
    elif stated:
        if not fitting:
            return Candidate(key, -1.0, f"unit '{stated[0]}' does not measure {_label(key)}")
        own = same_unit(key, fitting[0]) or field.is_money
        score += 0.35 if own else 0.3
        article = "an" if field.dimension[0] in "aeiou" else "a"
        what = "a currency" if field.is_money else f"{article} {field.dimension}"
        reasons.append(f"unit '{fitting[0]}' is {what}")
    elif cell_units:
        fits = [u for u in cell_units if _unit_fits(field, u)]
        if len(fits) * 2 < len(cell_units):
            return Candidate(key, -1.0, f"the cells' unit '{cell_units[0]}' does not fit")
        score += 0.35 if same_unit(key, fits[0]) else 0.3
        reasons.append(f"the cells state '{fits[0]}'")
    if field.is_numeric and not field.is_money and numeric:
        stated_unit = fitting[0] if fitting else None
        typical = field.typical_range(category)
        inside = outside = 0
        for value in numeric:
            readings, _ = _numbers(value)
            converted = [
                k for n, u in readings if (k := _convert(field, n, u or stated_unit)) is not None
            ]
            if typical and any(typical[0] <= c <= typical[1] for c in converted):
                inside += 1
            if converted and all(
                (field.minimum is not None and c < field.minimum)
                or (field.maximum is not None and c > field.maximum)
                for c in converted
            ):
                outside += 1
        if typical and inside:
            score += 0.2 * inside / len(numeric)
            reasons.append(
                f"{inside} of {len(numeric)} values in the range of real machines "
                f"({typical[0]:g}–{typical[1]:g} {field.unit})".replace(" )", ")")
            )
        if outside:
            score -= 0.4 * outside / len(numeric)
            reasons.append(f"{outside} values implausible for {_label(key)}")
    return Candidate(key, score, "; ".join(reasons))


def _label(key: str) -> str:
    field = FIELD_BY_KEY.get(key)
    return field.heading() if field is not None else key


def candidates(profile: Profile, category: str | None) -> list[Candidate]:
    """Every field the column could be, best first (the fields of other categories left out)."""
    found = []
    for key, name in name_scores(profile.split.name).items():
        field = FIELD_BY_KEY.get(key)
        if field is not None and category is not None and category not in field.categories:
            continue
        if name < MIN_NAME:
            continue
        found.append(_score_field(profile, key, name, category))
    return sorted(found, key=lambda c: -c.score)


# ----------------------------------------------------------------------- assignment


def _words(profile: Profile) -> str:
    return f" {normalise(profile.split.name)} "


def _has(profile: Profile, words: Sequence[str]) -> bool:
    text = _words(profile)
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def price_role(profile: Profile) -> tuple[int, str]:
    """Rank a price column: the one a committee compares ranks highest."""
    if _has(profile, AMOUNT_WORDS):
        return -1, "an amount (quantity × price)"
    if _has(profile, TOTAL_WORDS):
        return 3, "the total offered price"
    if _has(profile, OPTION_WORDS):
        return 0, "the price of options"
    if _has(profile, BASE_WORDS):
        return 1, "a base price"
    return 2, "the price"


def _numbers_of(profile: Profile) -> list[float | None]:
    out: list[float | None] = []
    for value in profile.values:
        readings, ok = _numbers(value)
        out.append(readings[-1][0] if ok and readings else None)
    return out


def _is_amount(price: Profile, others: Sequence[Profile], quantity: Profile | None) -> bool:
    """A column whose every value is quantity × another price column's value."""
    if quantity is None:
        return False
    qty, mine = _numbers_of(quantity), _numbers_of(price)
    for other in others:
        if other is price:
            continue
        theirs = _numbers_of(other)
        pairs = [
            (q, a, b)
            for q, a, b in zip(qty, mine, theirs, strict=False)
            if q is not None and a is not None and b is not None
        ]
        if pairs and all(abs(a - q * b) <= 1e-6 * max(1.0, a) and q != 1 for q, a, b in pairs):
            return True
    return False


def assign(
    profiles: Sequence[Profile], category: str | None, fixed: dict[int, str | None]
) -> dict[int, Assignment]:
    """Choose one field (or none) for every column, over all columns at once.

    `fixed` holds the columns the user settled (position -> key); their fields are not
    offered to other columns.
    """
    result: dict[int, Assignment] = {}
    taken: dict[str, int] = {}
    for position, key in fixed.items():
        if key is not None:
            taken[key] = position
    open_profiles = [p for p in profiles if p.position not in fixed]
    scored = {p.position: candidates(p, category) for p in open_profiles}
    _resolve_prices(open_profiles, scored, taken, result)
    pairs = sorted(
        (
            (c.score, -p.position, p, c)
            for p in open_profiles
            if p.position not in result
            for c in scored[p.position]
            if c.score >= MIN_TOTAL
        ),
        key=lambda t: (-t[0], -t[1]),
    )
    for _score, _neg, profile, cand in pairs:
        if profile.position in result or cand.key in taken:
            continue
        rivals = [
            c
            for c in scored[profile.position]
            if c.key != cand.key
            and c.key not in taken
            and c.score >= cand.score - TIE
            and c.score >= MIN_TOTAL
        ]
        if rivals:
            keys = (cand.key, *(r.key for r in rivals))
            result[profile.position] = Assignment(
                None, round(min(1.0, cand.score / 1.3), 2), "ambiguous", keys
            )
            continue
        taken[cand.key] = profile.position
        result[profile.position] = Assignment(
            cand.key, round(min(1.0, cand.score / 1.3), 2), cand.reason
        )
    for profile in open_profiles:
        if profile.position in result:
            continue
        cands = scored[profile.position]
        mismatch = next((c for c in cands if c.score < 0 and "unit" in c.reason), None)
        best_name = max(name_scores(profile.split.name).values(), default=0.0)
        if (
            mismatch is not None
            and not any(c.score >= MIN_TOTAL for c in cands)
            and best_name >= 0.8
            and mismatch.key not in taken
        ):
            result[profile.position] = Assignment(
                None, 0.0, mismatch.reason, unit_problem=mismatch.reason
            )
            continue
        lost = next((c for c in cands if c.score >= MIN_TOTAL and c.key in taken), None)
        if lost is not None:
            other = next(p for p in profiles if p.position == taken[lost.key])
            reason = f"also reads as {_label(lost.key)}, which '{other.header}' gives"
        elif (
            refused := next(
                (c for c in cands if name_scores(profile.split.name)[c.key] >= 0.8), None
            )
        ) is not None:
            reason = f"reads as {_label(refused.key)}, but {refused.reason}"
        else:
            reason = "its words name no field of the data dictionary"
        result[profile.position] = Assignment(None, 0.0, reason)
    return result


def _resolve_prices(
    profiles: Sequence[Profile],
    scored: dict[int, list[Candidate]],
    taken: dict[str, int],
    result: dict[int, Assignment],
) -> None:
    """Several price columns: keep the one a committee compares, say why for the others."""
    priced = [
        p
        for p in profiles
        if scored[p.position]
        and scored[p.position][0].key == "unit_price"
        and scored[p.position][0].score >= MIN_TOTAL
    ]
    if len(priced) < 2 or "unit_price" in taken:
        return
    quantity = next((p for p in profiles if _has(p, QUANTITY_WORDS)), None)
    ranked = []
    for p in priced:
        rank, role = price_role(p)
        if rank >= 0 and _is_amount(p, priced, quantity):
            rank, role = -1, "an amount (quantity × price)"
        ranked.append((rank, p, role))
    best = max(r for r, _, _ in ranked)
    top = [(p, role) for r, p, role in ranked if r == best]
    winner, role = top[0]
    if len(top) > 1:
        currencies = [_currency_of(p) for p, _ in top]
        if None in currencies or len(set(currencies)) != len(top):
            names = " and ".join(f"'{p.header}'" for p, _ in top)
            for p, _ in top:
                result[p.position] = Assignment(
                    None, 0.0, f"several prices: {names}", ("unit_price",)
                )
            for _rank, other, _role in ranked:
                result.setdefault(other.position, Assignment(None, 0.0, "another price"))
            return
        role = f"the first of prices in {len(top)} currencies"
    cand = scored[winner.position][0]
    taken["unit_price"] = winner.position
    result[winner.position] = Assignment(
        "unit_price",
        round(min(1.0, cand.score / 1.3), 2),
        f"{cand.reason}; {role}, chosen over "
        + ", ".join(f"'{p.header}'" for _, p, _ in ranked if p is not winner),
    )
    for _, p, other_role in ranked:
        if p is not winner:
            result[p.position] = Assignment(
                None,
                0.0,
                f"{other_role}: kept as an extra attribute; '{winner.header}' is the unit price",
            )


def _currency_of(profile: Profile) -> str | None:
    for unit in profile.split.units:
        code = currency_of_unit(unit)
        if code:
            return code
    for value in profile.filled:
        code = split_money(value)[1] if isinstance(value, str) else None
        if code:
            return code
    return None


__all__ = ["IDENTITY", "Assignment", "Profile", "assign", "candidates", "make_profile"]
