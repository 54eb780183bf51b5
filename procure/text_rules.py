"""What text the store accepts: one rule for names and free text, on SQLite and PostgreSQL alike.

SQLite stores a string of any length in a VARCHAR(200) column while PostgreSQL refuses it, and
a name full of control characters breaks the reports later: so every text that reaches the
store (an import, a need file, a form in the window) is checked here first, and the store
behaves the same on every backend.

- Control characters (Unicode category Cc, other than tab and newline in free text) are refused:
  they are never part of a vendor's or a committee's wording.
- Invisible format characters (category Cf: zero-width spaces, the byte-order mark, soft
  hyphens, bidirectional overrides) are removed with a warning: they make two names that look
  the same differ, and a bidirectional override can make a name print backwards.
- A name is at most ``MAX_NAME_LENGTH`` characters, free text at most ``MAX_TEXT_LENGTH``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 4000

_ALLOWED_CONTROLS_IN_TEXT = frozenset("\t\n")


@dataclass(frozen=True)
class CheckedText:
    """A text as it will be stored, with the reason it cannot be, or what was removed."""

    value: str
    problem: str | None = None  # set: refuse the text, naming this
    warning: str | None = None  # set: stored as ``value``, but say this


def _code_points(chars: list[str]) -> str:
    shown = sorted(set(chars))[:3]
    return ", ".join(f"U+{ord(c):04X}" for c in shown)


def check_text(
    raw: str, *, max_length: int = MAX_NAME_LENGTH, multiline: bool = False
) -> CheckedText:
    """Return the text as it would be stored, or the problem that keeps it out.

    Surrounding white space is stripped and non-breaking spaces become spaces; a name
    (``multiline=False``) also has its runs of white space folded to one space.
    """
    if raw.isascii() and raw.isprintable():  # no control or format character can be in it
        return _fitted(raw.strip() if multiline else " ".join(raw.split()), max_length, [])
    controls = [
        c
        for c in raw
        if unicodedata.category(c) == "Cc"
        and not (multiline and c in _ALLOWED_CONTROLS_IN_TEXT)
        and not (not multiline and c in " \t\n\r")
    ]
    if controls:
        return CheckedText(
            raw,
            problem=f"contains control characters ({_code_points(controls)}), not allowed in text",
        )
    invisible = [c for c in raw if unicodedata.category(c) == "Cf"]
    text = "".join(c for c in raw if unicodedata.category(c) != "Cf").replace("\u00a0", " ")
    return _fitted(text.strip() if multiline else " ".join(text.split()), max_length, invisible)


def _fitted(text: str, max_length: int, invisible: list[str]) -> CheckedText:
    if len(text) > max_length:
        return CheckedText(
            text, problem=f"is {len(text):,} characters long; at most {max_length:,} are allowed"
        )
    warning = f"invisible characters ({_code_points(invisible)}) removed" if invisible else None
    return CheckedText(text, warning=warning)


def comparison_key(text: str) -> str:
    """Return the form in which two names that look the same are equal (case, width, spacing
    and invisible characters ignored)."""
    if text.isascii() and text.isprintable():  # already in normal form, nothing invisible
        return " ".join(text.casefold().split())
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", visible).casefold().split())
