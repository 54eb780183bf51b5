"""Parse cell values as vendors write them: "1 250 000", "4,5", "USD 245,000", "+50", "да".

A number whose separators could be read two ways ("1,250": 1.25 or 1250?) is not guessed:
the column's other cells decide (a decimal comma elsewhere, or a thousands comma), money is
never written with three decimals, and otherwise the cell is reported as ambiguous.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

GROUP_CHARS = " \u00a0\u202f\u2009'’"  # spaces, no-break spaces, apostrophes
MINUS_CHARS = "−–"
_NO_GROUPS = str.maketrans("", "", GROUP_CHARS)  # removes every group separator

# Currencies as vendors write them, folded by currency_key(): codes, symbols and words in
# English and Russian. "¥" is read as the yuan: the committee's vendors are Chinese, not
# Japanese (a JPY price is written "JPY").
CURRENCY_WORDS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "usdollars": "USD",
    "dollars": "USD",
    "долл": "USD",
    "доллсша": "USD",
    "долларсша": "USD",
    "долларовсша": "USD",
    "долларысша": "USD",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "руб": "RUB",
    "р": "RUB",
    "рублей": "RUB",
    "росруб": "RUB",
    "¥": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "юань": "CNY",
    "юаней": "CNY",
    "₨": "PKR",
    "rs": "PKR",
    "rupees": "PKR",
    "pakrupees": "PKR",
    "br": "BYN",
    "белруб": "BYN",
    "белорусскихрублей": "BYN",
    "belarusianrubles": "BYN",
}
# A currency inside a cell or header: a symbol, a word, or a three-letter code in capitals.
# Any character but a digit, a sign, a separator or a space: every currency code, word or
# symbol holds one.
_NOT_A_NUMBER_CHAR = re.compile(r"[^\d\s.,'’+\-−–]")
_CURRENCY_TOKEN = re.compile(
    r"(?<![A-Za-zА-Яа-яЁё])(US\$|USD\$|бел\.?\s?руб\.?|долл\.?\s?США|долл\.?|руб\.?|евро|"
    r"euros?|Rs\.?|RMB|yuan|[A-Z]{3})(?![A-Za-zА-Яа-яЁё])|([$€£₽¥₨])",
    re.IGNORECASE,
)


def currency_key(text: str) -> str:
    """Fold a currency spelling for lookup: case, spaces and dots ignored."""
    return re.sub(r"[\s.]+", "", text.casefold())


def currency_code(text: str, codes: tuple[str, ...] = ()) -> str | None:
    """Return the ISO code a currency spelling names ("долл. США" -> "USD"), else None.
    A three-letter code in capitals is returned as it is when `codes` is empty or holds it."""
    key = currency_key(text)
    if key in CURRENCY_WORDS:
        return CURRENCY_WORDS[key]
    stripped = text.strip()
    if re.fullmatch(r"[A-Za-z]{3}", stripped) and (stripped.isupper() or stripped.upper() in codes):
        return stripped.upper() if not codes or stripped.upper() in codes else None
    return None


YES = frozenset({"yes", "y", "да", "true", "+", "✓", "есть", "имеется"})
NO = frozenset({"no", "n", "нет", "false", "-", "—", "отсутствует"})


class Ambiguous(ValueError):
    """The text is a number that could be read two ways (`readings`: the two numbers)."""

    def __init__(self, message: str, readings: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__(message)
        self.readings = readings


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """Return a cell as text: integral floats without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def decimal_convention(values: list[Any]) -> str | None:
    """Return 'comma' or 'point' when a column's text numbers show their decimal mark."""
    comma = point = False
    # Only which marks occur counts, not how often: each text is looked at once.
    for value in {v for v in values if type(v) is str and v}:
        text = value.strip().lstrip("+-" + MINUS_CHARS)
        if not text or not (text[0].isdigit() or text[0] in ".," + GROUP_CHARS):
            continue  # a word, a model name: no number to learn the mark from
        text = text.translate(_NO_GROUPS)
        if not re.fullmatch(r"[\d.,]+", text):
            continue
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                comma = True
            else:
                point = True
        elif text.count(",") == 1:
            if len(text.split(",")[1]) != 3 or text.startswith("0,"):
                comma = True
        elif text.count(",") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) != 3):
            point = True
        elif text.count(".") > 1:
            comma = True
    if comma and not point:
        return "comma"
    if point and not comma:
        return "point"
    return None


def parse_number(value: Any, convention: str | None = None, *, money: bool = False) -> float:
    """Parse a number; raise ValueError (or Ambiguous) when it is not one."""
    if isinstance(value, bool):
        raise ValueError("a yes/no value, not a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return float(value)
    text = str(value).strip()
    negative = text[:1] in ("-", *MINUS_CHARS)
    text = text.lstrip("+-" + MINUS_CHARS).strip()
    text = text.translate(_NO_GROUPS)
    if not re.fullmatch(r"\d[\d.,]*", text) or (text.endswith((",", ".")) and len(text) > 1):
        raise ValueError(f"'{value}' is not a number")
    number = _separators(text, convention, money, str(value))
    return -number if negative else number


def _separators(text: str, convention: str | None, money: bool, original: str) -> float:
    commas, points = text.count(","), text.count(".")
    if commas and points:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        if text.count(decimal) > 1:
            raise ValueError(f"'{original}' is not a number")
        return float(text.replace(group, "").replace(",", "."))
    if commas > 1:
        return float(text.replace(",", ""))
    if points > 1:
        return float(text.replace(".", ""))
    if commas == 1:
        whole, frac = text.split(",")
        if len(frac) != 3 or whole == "0" or convention == "comma":
            return float(f"{whole}.{frac}")
        if convention == "point" or money:
            return float(whole + frac)
        small, big = float(f"{whole}.{frac}"), float(whole + frac)
        raise Ambiguous(
            f"'{original}' could be {small:g} or {big:g}; write it "
            f"without the comma or with a decimal point",
            (small, big),
        )
    if points == 1 and convention == "comma":
        whole, frac = text.split(".")
        if len(frac) == 3:
            return float(whole + frac)
    return float(text)


EMISSION_CLASS = re.compile(r"(?i)\s*(euro|евро)[\s-]*[0-6][a-z]?\s*")  # "Euro 5": no money


def split_money(value: Any) -> tuple[Any, str | None]:
    """Take a currency code, symbol or word out of a price cell: 'USD 245,000' ->
    ('245,000', 'USD'), '1 180 000 долл. США' -> ('1 180 000', 'USD').

    An unknown three-letter code is returned as it is, for the caller to reject.
    """
    if not isinstance(value, str) or EMISSION_CLASS.fullmatch(value):
        return value, None
    if not _NOT_A_NUMBER_CHAR.search(value):
        return value.strip(), None  # digits and separators only ("245,000"): no currency
    found: str | None = None
    rest = value
    for match in _CURRENCY_TOKEN.finditer(value):
        token = match.group(0)
        if match.group(1) and re.fullmatch(r"[A-Za-z]{3}", token):
            code = token.upper() if token.isupper() else CURRENCY_WORDS.get(currency_key(token))
        else:
            code = CURRENCY_WORDS.get(currency_key(token))
        if code is None:
            continue
        found = code
        rest = rest.replace(token, " ", 1)
    return rest.strip(), found


_PIECES = re.compile(r"\s*[()\[\]]\s*|\s+/\s+|\s*;\s*|\s+or\s+|\s+или\s+")
_NUMBER_AND_UNIT = re.compile(
    r"^([+\-−–]?\s*\d(?:[\d.,'’\u00a0\u202f\u2009]|\s(?=\d{3}\b))*)\s*(.*)$"
)
DATE_LIKE = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*$")


def value_parts(text: str) -> list[tuple[str, str | None]]:
    """Split a cell into its numbers and the unit written after each:
    '895 (1 200)' -> [('895', None), ('1 200', None)]; '24 months / 100,000 km' ->
    [('24', 'months'), ('100,000', 'km')]; '14 weeks' -> [('14', 'weeks')].
    Return [] when some piece is not a number followed by words."""
    parts: list[tuple[str, str | None]] = []
    for piece in _PIECES.split(text.strip()):
        if not piece.strip():
            continue
        match = _NUMBER_AND_UNIT.match(piece.strip())
        if match is None:
            return []
        number, unit = match.group(1).strip(), match.group(2).strip(" .,:")
        parts.append((number, unit or None))
    return parts
