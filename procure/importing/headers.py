"""Read vendors' header text: its name, its units, a delivery term, and how well the name
matches each field's words (procure/fields.py carries the words, English and Russian).

A header is split into a name and its units ("Грузоподъёмность, т", "Engine power, hp (kW)",
"Price EXW Minsk, USD"). Names are compared word by word, order and case ignored; Russian
words by their stem (the first letters, endings vary: "двигателя"/"двигатель"), words with a
typing slip by their closeness. Which field a column is, is decided in assign.py, from the
name together with the unit, the cells, the category and the other columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Indel

from procure.fields import CURRENCIES, FIELD_BY_KEY, FIELDS, IDENTITY_WORDS
from procure.importing.cells import currency_code
from procure.importing.units import PINT_CANONICAL, pint_unit

# Identity columns of an offer, beside the data dictionary's fields.
IDENTITY = ("model", "vendor", "category", "manufacturer")

_LABELS = [f.label for f in FIELDS]
SYNONYMS: dict[str, tuple[str, ...]] = {
    **IDENTITY_WORDS,
    # A label two fields share ("Warranty": months and hours) names neither by itself.
    **{
        f.key: (*f.words, *((f.label,) if _LABELS.count(f.label) == 1 else ()))
        for f in FIELDS
        if f.words
    },
}

_WORD = re.compile(r"[0-9a-zа-я]+")
STEM = 5  # compare words by their first letters: Russian endings vary
# Words that say nothing about which field a header names.
STOP_WORDS = frozenset(
    {
        "at", "of", "the", "in", "for", "and", "per", "with", "to", "a", "an", "incl",
        "при", "в", "на", "с", "и", "для", "по", "до", "не", "из", "от", "все", "всего",
        "max", "maximum", "макс", "максимальная", "максимальный", "rated", "nominal",
        "номинальная", "номинальный", "km", "h", "kg", "t", "m", "load", "нагрузке",
    }
)  # fmt: skip
# Abbreviations written with a slash or dots, spelled out before words are compared.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bг\s*/\s*п\b", "грузоподъемность"),
    (r"\bл\s*\.?\s*с\b\.?", "лс"),
    (r"\bакб\b", "аккумуляторной батареи"),
    (r"\bqty\b", "quantity"),
    (r"\bкол-во\b", "количество"),
)


def normalise(text: str) -> str:
    text = text.casefold().replace("ё", "е")
    for pattern, spelled in ABBREVIATIONS:
        text = re.sub(pattern, spelled, text)
    return " ".join(_WORD.findall(text))


def _stems(text: str) -> tuple[str, ...]:
    words = [w for w in normalise(text).split() if w not in STOP_WORDS and not w.isdigit()]
    return tuple(dict.fromkeys(w[:STEM] for w in words))


_SYNONYM_STEMS: dict[str, tuple[tuple[str, ...], ...]] = {
    key: tuple(s for s in (_stems(p) for p in phrases) if s) for key, phrases in SYNONYMS.items()
}
_ALL_STEMS: frozenset[str] = frozenset(
    w for phrases in _SYNONYM_STEMS.values() for p in phrases for w in p
)


@lru_cache(maxsize=65536)
def _word_match(a: str, b: str) -> float:
    """1 for the same stem, 0.8 for a typing slip in a longer word, else 0."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:
        return 0.0
    # SequenceMatcher's ratio counts matching blocks, never more characters than the longest
    # common subsequence that Indel's similarity counts: below 0.8 there, below 0.8 here,
    # and most pairs of words are told apart in C without building a matcher.
    if Indel.normalized_similarity(a, b) < 0.8 - 1e-9:
        return 0.0
    if SequenceMatcher(None, a, b).ratio() >= 0.8:
        return 0.8
    return 0.0


def _phrase_score(words: tuple[str, ...], phrase: tuple[str, ...]) -> float:
    common = 0.0
    for p in phrase:
        common += max((_word_match(w, p) for w in words), default=0.0)
    if common == 0:
        return 0.0
    coverage = common / len(phrase)  # how much of the field's phrase the header says
    extra = min(1.0, common / len(words))  # how much of the header the phrase explains
    return float(coverage * extra**0.35)


@lru_cache(maxsize=16384)
def name_score(name: str, key: str) -> float:
    """Return 0..1: how well a header name matches a field's words."""
    words = _stems(name)
    if not words:
        return 0.0
    return max((_phrase_score(words, p) for p in _SYNONYM_STEMS[key]), default=0.0)


@lru_cache(maxsize=16384)
def name_scores(name: str) -> dict[str, float]:
    """Every field's (and identity column's) name score for a header name, those above 0."""
    words = _stems(name)
    if not words or (all(w not in _ALL_STEMS for w in words) and not _near_any(words)):
        return {}
    scores = {key: name_score(name, key) for key in SYNONYMS}
    return {k: s for k, s in scores.items() if s > 0}


def _near_any(words: tuple[str, ...]) -> bool:
    return any(len(w) >= 4 and any(_word_match(w, s) for s in _ALL_STEMS) for w in words)


@dataclass(frozen=True)
class SplitHeader:
    name: str
    unit: str | None  # the first unit as written in the header, None when there is none
    units: tuple[str, ...] = ()  # every unit: "кВт (л.с.)" -> ("кВт", "л.с.")
    incoterm: str | None = None  # "Price EXW Minsk": the delivery term named in the header


INCOTERM = re.compile(r"^(EXW|FCA|FAS|FOB|CFR|C&F|CNF|CIF|CPT|CIP|DAP|DPU|DAT|DDP)\b", re.I)
_INCOTERM_IN = re.compile(
    r"(?<![A-Za-z])(EXW|FCA|FAS|FOB|CFR|C&F|CNF|CIF|CPT|CIP|DAP|DPU|DAT|DDP)(?![A-Za-z])"
    r"(?:[\s,]+((?:(?!USD|EUR|PKR|BYN|RUB|CNY)[A-ZА-ЯЁ][\w\-]*\s?){1,3}))?"
)
_BRACKETS = re.compile(r"^(?P<name>.*?)[\s,]*[\(\[](?P<unit>[^\(\)\[\]]*)[\)\]]\s*$")


def is_unit_text(text: str) -> bool:
    """Whether a piece of a header is a unit or a currency (not words such as "heaped")."""
    text = text.strip()
    return bool(text) and (pint_unit(text) is not None or currency_of_unit(text) is not None)


def units_of(piece: str) -> tuple[str, ...] | None:
    """The units a bracket or comma piece names: "кВт (л.с.)", "hp / kW", "t" -> units."""
    piece = piece.strip()
    if is_unit_text(piece):
        return (piece,)
    parts = [p for p in re.split(r"\s*[()/]\s*|\s+", piece) if p]
    if len(parts) > 1 and all(is_unit_text(p) for p in parts):
        return tuple(parts)
    return None


@lru_cache(maxsize=8192)
def split_header(text: str) -> SplitHeader:
    """Split "Payload (t)" / "Грузоподъёмность, т" / "Price EXW Minsk, USD" / "Мощность,
    кВт (л.с.)" into a name, its units and a delivery term."""
    name = " ".join(str(text).split())
    incoterm = None
    found = _INCOTERM_IN.search(name)
    if found:
        place = (found.group(2) or "").strip()
        incoterm = f"{found.group(1).upper()} {place}".strip()
        name = (name[: found.start()] + " " + name[found.end() :]).strip(" ,")
        name = " ".join(name.split()).replace(" ,", ",")
    units: list[str] = []
    while name:
        match = _BRACKETS.match(name)
        if match and (inner := units_of(match.group("unit"))) is not None:
            units[:0] = inner
            name = match.group("name").strip(" ,")
            continue
        head, comma, tail = name.rpartition(",")
        if comma and head.strip() and (inner := units_of(tail)) is not None:
            units[:0] = inner
            name = head.strip(" ,")
            continue
        head, space, tail = name.rpartition(" ")
        if not units and space and head.strip() and _last_word_unit(tail):
            units.insert(0, tail)
            name = head.strip(" ,")
            continue
        break
    if not name:
        name = " ".join(str(text).split())
    return SplitHeader(name, units[0] if units else None, tuple(units), incoterm)


def _last_word_unit(word: str) -> bool:
    """A unit written after the name without a comma or brackets ("Payload t", "Price USD",
    "Local content %"): only spellings that are no ordinary word."""
    if word.upper() in CURRENCIES and word.isupper():
        return True
    return word not in ("c", "d", "f", "h", "m", "w", "C", "D", "F", "H", "M", "W") and (
        (pint_unit(word) is not None and not word.isalpha()) or word in ("t", "т", "kg", "кг")
    )


@lru_cache(maxsize=4096)
def names_a_field(text: str) -> bool:
    """Whether a cell's text reads like the header of some field (units not checked):
    cheap enough to scan the first rows and columns of a sheet for the header."""
    if len(text) > 120:
        return False
    name = split_header(text).name
    scores = name_scores(name)
    return bool(scores) and max(scores.values()) >= MIN_SCORE


def currency_of_unit(unit: str) -> str | None:
    """Return the currency a price header's unit names (a code, a symbol or words)."""
    return currency_code(unit, CURRENCIES) or currency_code(unit)


MIN_SCORE = 0.6


@dataclass(frozen=True)
class HeaderMatch:
    key: str | None  # canonical field or identity column; None: keep as extra attribute
    unit: str | None  # the unit text as written
    confidence: float


def match_header(text: str, category: str | None = None, unit: str | None = None) -> HeaderMatch:
    """Map a header to the field its words name best (the cells not looked at): used to
    find the header and the row of model names; assign.py decides the real mapping."""
    split = split_header(text)
    scores = name_scores(split.name)
    candidates = {
        k: s
        for k, s in scores.items()
        if category is None or k not in FIELD_BY_KEY or category in FIELD_BY_KEY[k].categories
    }
    if not candidates:
        return HeaderMatch(None, unit or split.unit, 0.0)
    key = max(candidates, key=lambda k: candidates[k])
    if candidates[key] < MIN_SCORE:
        return HeaderMatch(None, unit or split.unit, 0.0)
    return HeaderMatch(key, unit or split.unit, round(candidates[key], 3))


def same_unit(key: str, unit: str | None) -> bool:
    """Whether a unit spelling is the field's own stored unit."""
    field = FIELD_BY_KEY.get(key)
    if unit is None or field is None:
        return False
    return pint_unit(unit) == PINT_CANONICAL.get(field.unit)


__all__ = ["IDENTITY", "INCOTERM", "HeaderMatch", "match_header", "split_header"]
