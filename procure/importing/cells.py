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

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
    "р.": "RUB",
    "¥": "CNY",
    "rmb": "CNY",
    "юань": "CNY",
    "₨": "PKR",
    "rs": "PKR",
    "rs.": "PKR",
    "br": "BYN",
    "бел.руб": "BYN",
    "бел.руб.": "BYN",
    "евро": "EUR",
    "долл": "USD",
    "долл.": "USD",
    "usd$": "USD",
}
_CURRENCY_TOKEN = re.compile(
    r"(?i)\b([A-Z]{3})\b|([$€£₽¥₨])|(бел\.?\s?руб\.?|руб\.?|евро|"
    r"долл\.?|us\$|rs\.?|rmb)"
)
YES = frozenset({"yes", "y", "да", "true", "+", "✓", "есть", "имеется"})
NO = frozenset({"no", "n", "нет", "false", "-", "—", "отсутствует"})


class Ambiguous(ValueError):
    """The text is a number that could be read two ways."""


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
    for value in values:
        if type(value) is not str or not value:
            continue
        text = value.strip().lstrip("+-" + MINUS_CHARS)
        for char in GROUP_CHARS:
            text = text.replace(char, "")
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
    for char in GROUP_CHARS:
        text = text.replace(char, "")
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
        raise Ambiguous(
            f"'{original}' could be {float(whole + '.' + frac):g} or {whole}{frac}; write it "
            f"without the comma or with a decimal point"
        )
    if points == 1 and convention == "comma":
        whole, frac = text.split(".")
        if len(frac) == 3:
            return float(whole + frac)
    return float(text)


def split_money(value: Any) -> tuple[Any, str | None]:
    """Take a currency code or symbol out of a price cell: 'USD 245,000' -> ('245,000', 'USD').

    An unknown three-letter code is returned as it is, for the caller to reject.
    """
    if not isinstance(value, str):
        return value, None
    found: str | None = None
    rest = value
    for match in _CURRENCY_TOKEN.finditer(value):
        token = match.group(0)
        code = (
            token.upper()
            if match.group(1)
            else CURRENCY_SYMBOLS.get(token.casefold().replace(" ", ""))
        )
        if code is None:
            continue
        found = code
        rest = rest.replace(token, " ", 1)
    return rest.strip(), found
