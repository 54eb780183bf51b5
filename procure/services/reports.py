"""Write a stored evaluation's documents: the PDF report and the Excel comparative statement.

The writers (reportlab, openpyxl) load on the first call, on the thread that writes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_report(
    result: Mapping[str, Any],
    path: str | Path,
    *,
    technical: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write the evaluation report as a PDF (the technical report while the financial
    envelopes are sealed); return where."""
    from procure.exports.pdf import write_pdf

    return write_pdf(result, path, overwrite=overwrite, technical=technical)


def write_statement(
    result: Mapping[str, Any], path: str | Path, *, overwrite: bool = False
) -> Path:
    """Write the comparative statement as an Excel workbook; return where."""
    from procure.exports.xlsx import write_xlsx

    return write_xlsx(result, path, overwrite=overwrite)
