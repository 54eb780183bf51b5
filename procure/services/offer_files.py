"""What the import screens and `procure import` use besides the import itself: the options
of an import, the columns settled by hand, the identity columns, and the child process that
reads a file while the store opens. Nothing here loads the store: `procure import` builds its
options and starts that child before it opens the store.

The import itself (parse, plan, write) is procure.services.imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from procure.errors import InvalidInput
from procure.importing.headers import IDENTITY
from procure.importing.isolated import ChildReader
from procure.importing.reader import ColumnMapping, ImportOptions, ParsedFile, Problem

__all__ = [
    "IDENTITY",
    "ChildReader",
    "ColumnMapping",
    "ImportOptions",
    "ParsedFile",
    "Problem",
    "mapping_choices",
]


_EXTRA_WORDS = frozenset({"none", "extra", "-", ""})


def _choice(header: str, field: Any, unit: Any, where: str) -> tuple[str | None, str | None]:
    """Check one hand-made mapping entry: the field must exist and the unit be known."""
    from procure.fields import FIELD_BY_KEY, FIELDS
    from procure.importing.headers import IDENTITY, currency_of_unit
    from procure.importing.units import pint_unit

    if field is None or (isinstance(field, str) and field.strip().casefold() in _EXTRA_WORDS):
        return None, None
    if not isinstance(field, str):
        raise InvalidInput(f"{where}: the field for '{header}' must be a name, got {field!r}")
    key = field.strip()
    by_label = {f.label.casefold(): f.key for f in FIELDS}
    if key not in FIELD_BY_KEY and key not in IDENTITY:
        key = by_label.get(key.casefold(), key)
    if key not in FIELD_BY_KEY and key not in IDENTITY:
        names = ", ".join((*IDENTITY, *(f.key for f in FIELDS)))
        raise InvalidInput(f"{where}: unknown field '{field}' for '{header}'; use one of {names}")
    if unit is not None and not isinstance(unit, str):
        raise InvalidInput(f"{where}: the unit for '{header}' must be text, got {unit!r}")
    unit = unit.strip() if unit else None
    if unit and pint_unit(unit) is None and currency_of_unit(unit) is None:
        raise InvalidInput(f"{where}: unknown unit '{unit}' for '{header}'")
    return key, unit


def mapping_choices(
    maps: list[str], mapping_file: str | None
) -> dict[str, tuple[str | None, str | None]]:
    """Read the columns settled by hand: `--map "HEADER=field[:unit]"` (repeatable) and
    `--mapping FILE.json`; the command-line entries win over the file's."""
    import json

    chosen: dict[str, tuple[str | None, str | None]] = {}
    if mapping_file:
        try:
            data = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidInput(f"--mapping: cannot read {mapping_file}: {exc.strerror}") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise InvalidInput(f"--mapping: {mapping_file} is not JSON ({exc})") from None
        if isinstance(data, dict) and isinstance(data.get("mapping"), list):
            data = data["mapping"]  # the report printed by --json
        if isinstance(data, list):
            entries = [
                (str(e.get("header", "")), e.get("field"), e.get("unit"))
                for e in data
                if isinstance(e, dict)
            ]
        elif isinstance(data, dict):
            entries = [
                (str(h), v.get("field"), v.get("unit"))
                if isinstance(v, dict)
                else (str(h), v, None)
                for h, v in data.items()
            ]
        else:
            raise InvalidInput(f"--mapping: {mapping_file} must hold an object or a list")
        for header, field, unit in entries:
            chosen[header] = _choice(header, field, unit, "--mapping")
    for text in maps:
        header, sep, target = text.rpartition("=")
        if not sep or not header.strip():
            raise InvalidInput(f"--map: expected HEADER=FIELD[:UNIT], got {text!r}")
        field, _, unit = target.partition(":")
        chosen[header.strip()] = _choice(header.strip(), field, unit or None, "--map")
    return chosen
