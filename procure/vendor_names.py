"""When two vendor names mean one company, and which stored vendor a file's title names.

A committee's store holds each bidder once. Vendors write their own name many ways: with or
without the legal form ("(Pvt) Ltd", "LLC", "ОАО"), in Latin or Cyrillic letters, with
hyphens, quotes or full stops. ``name_key`` removes what does not tell companies apart, and
rapidfuzz (a maintained C++ implementation of edit-distance ratios, far faster and better
tested than a hand-written Levenshtein) measures how close what is left is.

- Two names are **near-duplicates** when their keys are equal, or differ only by a typing
  slip (a ratio of at least ``NEAR_DUPLICATE``) and carry the same numbers: an import
  never creates the second one without being told to.
- The vendor a file's title line or name points to is **proposed** only when one stored
  vendor is clearly closer than every other; where several fit as well ("MAZ" against three
  MAZ dealers) nothing is proposed and the officer chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from procure.text_rules import comparison_key

NEAR_DUPLICATE = 92.0  # ratio (0–100) of two keys above which the names are one company
PROPOSE = 80.0  # a stored vendor is proposed from a title only this close …
PROPOSE_LEAD = 10.0  # … and this much closer than the next one

# Legal forms and words that every company in this trade may or may not write.
_LEGAL_FORMS = frozenset(
    {
        *("llc", "ltd", "pvt", "private", "limited", "co", "company", "inc", "corp"),
        *("corporation", "plc", "gmbh", "jsc", "ojsc", "cjsc", "pjsc"),
        *("ooo", "oao", "zao", "pao", "ao", "uk", "ip", "chup", "sp"),  # Russian forms
    }
)

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіў",
        (
            *("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o"),
            *("p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e"),
            *("yu", "ya", "i", "u"),
        ),
        strict=True,
    )
)


def _latin(text: str) -> str:
    return "".join(_CYRILLIC.get(c, c) for c in text)


def name_key(name: str) -> str:
    """Return the part of a company name that tells companies apart, lower-case Latin."""
    words = re.split(r"[^0-9a-z]+", _latin(comparison_key(name)))
    return " ".join(w for w in words if w and w not in _LEGAL_FORMS)


def _same_company(key: str, other_key: str) -> bool:
    """Two name keys written almost alike and carrying the same numbers ("Depot 1" is not
    "Depot 2")."""
    same_numbers = re.findall(r"\d+", key) == re.findall(r"\d+", other_key)
    return same_numbers and fuzz.ratio(key, other_key) >= NEAR_DUPLICATE


def near_duplicates(name: str, stored: Iterable[str]) -> list[str]:
    """Return the stored names, other than ``name`` itself, that mean the same company."""
    key = name_key(name)
    if not key:
        return []
    return sorted(o for o in stored if o != name and _same_company(key, name_key(o)))


@dataclass(frozen=True)
class VendorProposal:
    """The stored vendor a file points to (or none), and the sentence that says why."""

    name: str | None
    reason: str


def propose_vendor(clues: Iterable[str], stored: Iterable[str]) -> VendorProposal:
    """Propose the stored vendor that the file's clues (its title's lines, its name) name.

    Each stored name is scored by its best partial match against any clue: a title
    "ОАО «БЕЛАЗ» — управляющая компания" names "BelAZ" even though it says much more."""
    texts = [(clue, key) for clue in clues if (key := name_key(clue))]
    scored: list[tuple[float, str, str]] = []
    for name in stored:
        key = name_key(name)
        if not key:
            continue
        best = max(
            ((float(fuzz.token_set_ratio(key, text)), clue) for clue, text in texts),
            default=(0.0, ""),
        )
        scored.append((best[0], name, best[1]))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < PROPOSE:
        return VendorProposal(None, "no stored vendor is named in the file's title or name")
    score, name, clue = scored[0]
    rivals = [s for s in scored[1:] if score - s[0] < PROPOSE_LEAD]
    if rivals:
        names = ", ".join(f"'{s[1]}'" for s in [scored[0], *rivals][:4])
        why = f"the file's '{clue[:60]}' fits several stored vendors: {names}"
        return VendorProposal(None, why)
    return VendorProposal(name, f"the file's '{clue[:60]}' names the stored vendor '{name}'")
