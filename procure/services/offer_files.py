"""What the import screens and `procure import` use besides the import itself: the options
of an import, reading a file ahead while the store opens, and the identity columns.

The import itself (parse, plan, write) is procure.services.imports."""

from __future__ import annotations

from procure.importing.files import prefetch
from procure.importing.headers import IDENTITY
from procure.importing.reader import ColumnMapping, ImportOptions, ParsedFile, Problem

__all__ = ["IDENTITY", "ColumnMapping", "ImportOptions", "ParsedFile", "Problem", "prefetch"]
