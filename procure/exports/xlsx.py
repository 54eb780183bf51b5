"""Write the Excel comparative statement (README.md, 'Reports'): one column per offer.

The input is a stored evaluation result (the `evaluate --json` document of README.md,
'Evaluating', plus "status", "content_hash" and "created_at"). The Scoring sheet restates each
method's rules (docs/evaluation-rules.md, 'Methods') as live spreadsheet formulas over the
value and weight cells, so that Excel or LibreOffice
recalculation reproduces the application's scores and ranks, and a member who changes a
weight sees the effect. Only responsive offers are scored; they occupy the first offer
columns, so every MIN, MAX and rank range is one contiguous block of cells.

Text from vendors (and any other text) is always stored as a string, never as a formula.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import (  # type: ignore[import-untyped]
    Alignment,
    Border,
    Font,
    PatternFill,
    Protection,
    Side,
)
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from procure.criteria import DERIVED, MONEY_CRITERIA, criterion_kind
from procure.errors import ProcureError
from procure.evaluation.mcda import TIE_TOLERANCE
from procure.evaluation.methods import METHOD_BY_KEY, method_label
from procure.evaluation.result import EvaluationResult
from procure.fields import CATEGORY_LABELS, FIELD_BY_KEY, FIELDS
from procure.report_model import ReportModel, figure_label, heading, unit_text
from procure.report_model import build as build_report
from procure.tender import BASIS_LABELS

# openpyxl ships no type information: its worksheets and cells are Any here.
Sheet = Any
Cell = Any
Alt = Mapping[str, Any]

SHEETS = (
    "Summary",
    "Responsiveness",
    "Scoring",
    "Life-cycle cost",
    "Specifications",
    "Assumptions",
)
SAMPLE_LABEL = "Illustrative sample data — not real quotations"
COMMITTEE = ("Chairman", "Member/Secretary", "Member", "Co-opted expert")

# Rows shared by the offer sheets: titles, then three header rows repeated on every page.
ROW_TITLE, ROW_SUBTITLE, ROW_WARNING = 1, 2, 3
ROW_OFFER, ROW_VENDOR, ROW_MODEL = 5, 6, 7
ROW_FIRST = 8
PRINT_TITLES = f"{ROW_OFFER}:{ROW_MODEL}"

# Excel would run text starting with these as a formula (or a DDE command) once edited.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_MAX_TEXT = 32_767  # Excel's limit for one cell
_TIE = format(TIE_TOLERANCE, ".0E")  # scores this close share a rank, as in the application

_MONEY = '#,##0 "PKR"'
_MONEY_YEAR = '#,##0 "PKR/yr"'
_SCORE = "0.00"
_RATIO = "0.0000"
_WEIGHT = "0.000"
_SHARE = "0.0%"
_RANK = "0"

_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_NOTE_FONT = Font(italic=True, color="595959")
_WARNING_FONT = Font(bold=True, size=12, color="C00000")
_OUT_FONT = Font(italic=True, color="7F7F7F")
_MONO = Font(name="Courier New")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_OUT_FILL = PatternFill("solid", fgColor="E7E6E6")
_GOOD_FILL = PatternFill("solid", fgColor="C6EFCE")
_GOOD_FONT = Font(color="006100")
_BEST_FONT = Font(bold=True, color="006100")
_BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
_BAD_FONT = Font(color="9C0006")
_CHANGED_FILL = PatternFill("solid", fgColor="FFD966")
_LINE = Side(style="thin", color="808080")
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="top")
_LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)

_LABEL_WIDTH = 44.0
_LINE_HEIGHT = 15.0


# -- public API ---------------------------------------------------------------------------


def write_xlsx(
    result: EvaluationResult | Mapping[str, Any], path: str | Path, *, overwrite: bool = False
) -> Path:
    """Write the comparative statement of a stored evaluation result to `path`.

    The workbook is written to a temporary file beside `path` and renamed into place, so
    a failure leaves no half-written file. Raises ProcureError when `path` exists (unless
    `overwrite`) or cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise ProcureError(f"Cannot write {target}: it is a folder. Choose a file name.")
    if target.exists() and not overwrite:
        raise ProcureError(
            f"{target} already exists. Choose another file name, or allow overwriting it."
        )
    workbook = _build(result)
    _save(workbook, target, overwrite=overwrite)
    return target


def _save(workbook: Any, target: Path, *, overwrite: bool) -> None:
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    placed = False
    try:
        # "x": a new file with the user's usual permissions (mkstemp's would be 0600).
        with open(temporary, "xb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists() and not overwrite:
            raise ProcureError(
                f"{target} already exists. Choose another file name, or allow overwriting it."
            )
        os.replace(temporary, target)
        placed = True
    except OSError as exc:
        raise ProcureError(_cannot_write(target, exc)) from exc
    finally:
        if not placed:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _cannot_write(target: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return (
            f"Cannot write {target}: permission denied (if the file is open in another "
            "program, close it). Choose another folder."
        )
    if isinstance(exc, FileNotFoundError):
        return f"Cannot write {target}: the folder {target.parent} does not exist."
    if exc.errno == errno.ENOSPC:
        return f"Cannot write {target}: the disk is full. Free some space or choose another disk."
    return f"Cannot write {target}: {exc.strerror or exc}. Choose another folder."


# -- the statement ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    model: ReportModel
    result: Mapping[str, Any]  # the model's document of the result (no prices when sealed)
    offers: tuple[Alt, ...]  # responsive first (in rank order), then the rest
    responsive: int  # the first `responsive` offers are responsive
    method: str
    need: str
    subtitle: str
    sample: bool

    @property
    def evaluation(self) -> str:
        return _evaluation_label(self.result)


@dataclass(frozen=True)
class _ScoreRows:
    first_col: int
    score_row: int
    rank_row: int


def _build(result: EvaluationResult | Mapping[str, Any]) -> Any:
    ctx = _context(result)
    workbook = Workbook()
    sheets = [workbook.active, *(workbook.create_sheet() for _ in SHEETS[1:])]
    for sheet, title in zip(sheets, SHEETS, strict=True):
        sheet.title = title
    summary, responsiveness, scoring, lcc, specifications, assumptions = sheets
    score_rows = _scoring(scoring, ctx)
    _summary(summary, ctx, score_rows)
    _responsiveness(responsiveness, ctx)
    _life_cycle(lcc, ctx)
    _specifications(specifications, ctx)
    _assumptions(assumptions, ctx)
    for sheet in (scoring, lcc):
        _protect_recorded(sheet)
    workbook.properties.title = _text(f"Comparative statement: {ctx.need}")
    workbook.properties.creator = "procure"
    # openpyxl stores formulas without results: have Excel and LibreOffice compute on open.
    workbook.calculation.fullCalcOnLoad = True
    return workbook


def _protect_recorded(ws: Sheet) -> None:
    """Lock what the application recorded, leave the yellow input cells editable (weights,
    directions, QCBS shares, life-cycle inputs). No password: a guard against slips."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.fill is not None and cell.fill.fgColor.rgb == _INPUT_FILL.fgColor.rgb:
                cell.protection = Protection(locked=False)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _context(given: EvaluationResult | Mapping[str, Any]) -> _Context:
    model = build_report(given)
    result = model.result
    alternatives: list[Alt] = list(result.get("alternatives") or [])
    responsive = [a for a in alternatives if a.get("responsive")]
    ranked = sorted(
        (a for a in responsive if a.get("rank") is not None),
        key=lambda a: (a["rank"], a["offer_id"]),
    )
    # QCBS: responsive but below the technical minimum; still in the normalisation ranges.
    unranked = sorted(
        (a for a in responsive if a.get("rank") is None),
        key=lambda a: (-_number_or(a.get("technical_score"), 0.0), a["offer_id"]),
    )
    others = [a for a in alternatives if not a.get("responsive")]
    method = str(result.get("method") or "wsm")
    parts = [
        _evaluation_label(result),
        f"Method: {method_label(method)}",
        f"Status: {result.get('status') or 'not recorded'}",
        f"Date: {_date(result.get('created_at'))}",
    ]
    return _Context(
        model=model,
        result=result,
        offers=(*ranked, *unranked, *others),
        responsive=len(responsive),
        method=method,
        need=str(result.get("need") or "evaluation"),
        subtitle=" · ".join(parts),
        sample=any(a.get("sample") for a in alternatives),
    )


def _evaluation_label(result: Mapping[str, Any]) -> str:
    number = result.get("evaluation_id")
    return f"Evaluation no. {number}" if number is not None else "Unsaved evaluation"


def _date(value: object) -> str:
    if not isinstance(value, str) or not value:
        return "not recorded"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{moment:%Y-%m-%d %H:%M}{zone}"


def _number_or(value: object, default: float) -> float:
    return (
        float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
    )


# -- cells --------------------------------------------------------------------------------


def _text(value: object) -> str:
    """Return text openpyxl can store: control characters replaced, within Excel's limit."""
    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))[:_MAX_TEXT]


def _put(
    ws: Sheet,
    row: int,
    col: int,
    value: object,
    *,
    fmt: str | None = None,
    font: Any = None,
    fill: Any = None,
    align: Any = None,
) -> Cell:
    """Write a plain value: a number, or text that is never taken for a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, bool):
        cell.value = "Yes" if value else "No"
    elif isinstance(value, int | float):
        if math.isfinite(value):
            cell.value = value
    elif value is not None:
        text = _text(value)
        cell.value = text
        if text.startswith(_FORMULA_TRIGGERS):
            # openpyxl turns a string starting with "=" into a formula: force a string, and
            # set Excel's quote prefix so that editing the cell keeps it text.
            cell.data_type = "s"
            cell.quotePrefix = True
    _style(cell, fmt=fmt, font=font, fill=fill, align=align)
    return cell


def _formula(
    ws: Sheet,
    row: int,
    col: int,
    formula: str,
    *,
    fmt: str | None = None,
    font: Any = None,
    fill: Any = None,
) -> Cell:
    """Write a formula built here from cell references, never from vendor text."""
    cell = ws.cell(row=row, column=col)
    cell.value = formula
    _style(cell, fmt=fmt, font=font, fill=fill, align=_RIGHT)
    return cell


def _style(cell: Cell, *, fmt: str | None, font: Any, fill: Any, align: Any) -> None:
    if fmt is not None:
        cell.number_format = fmt
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    cell.alignment = align if align is not None else _TOP_WRAP


def _col(index: int) -> str:
    return str(get_column_letter(index))


def _span(row: int, first: int, last: int) -> str:
    """An absolute range across one row: $F$9:$I$9."""
    return f"${_col(first)}${row}:${_col(last)}${row}"


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.1) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _fit_height(ws: Sheet, row: int, texts: Iterable[tuple[object, float]], least: int = 1) -> None:
    """Give a row the height its longest wrapped text needs (Excel does not on open)."""
    lines = max([least, *(_lines(str(t), w) for t, w in texts if t is not None)])
    if lines > 1:
        ws.row_dimensions[row].height = min(409.0, lines * _LINE_HEIGHT)


def _section(ws: Sheet, row: int, text: str, last_col: int) -> None:
    _put(ws, row, 1, text, font=_BOLD, fill=_SECTION_FILL, align=Alignment(vertical="top"))
    for col in range(2, last_col + 1):
        ws.cell(row=row, column=col).fill = _SECTION_FILL


def _value_format(values: Iterable[object]) -> str:
    numbers = [abs(float(v)) for v in values if isinstance(v, int | float) and math.isfinite(v)]
    if not numbers:
        return "General"
    if all(float(n).is_integer() for n in numbers) or max(numbers) >= 10_000:
        return "#,##0"
    if max(numbers) >= 1:
        return "#,##0.00"
    return "0.000"


def _offer_width(ctx: _Context) -> float:
    # Wide enough for a fleet's cost in bold ("21,750,477,266 PKR"); four offers and the
    # labels fit across a landscape A4 page at full size.
    return 22.0


# -- layout shared by the offer sheets ----------------------------------------------------


def _top(ws: Sheet, ctx: _Context, heading: str, first_col: int, labels: Sequence[str]) -> None:
    """Titles, the sample-data warning and the three offer header rows."""
    _put(ws, ROW_TITLE, 1, f"{heading}: {ctx.need}", font=_TITLE_FONT, align=Alignment())
    _put(ws, ROW_SUBTITLE, 1, ctx.subtitle, font=_NOTE_FONT, align=Alignment())
    if ctx.sample:
        _put(ws, ROW_WARNING, 1, SAMPLE_LABEL, font=_WARNING_FONT, align=Alignment())
    heads = ("Bid (offer no.)", "Vendor", "Model")
    bids = {o.offer_id: o.bid for o in ctx.model.offers}
    for row, head in zip((ROW_OFFER, ROW_VENDOR, ROW_MODEL), heads, strict=True):
        _put(ws, row, 1, head, font=_BOLD, fill=_HEADER_FILL)
        for col in range(2, first_col):
            _put(ws, row, col, labels[col - 2] if row == ROW_MODEL else None, fill=_HEADER_FILL)
            ws.cell(row=row, column=col).font = _BOLD
    width = _offer_width(ctx)
    for index, alt in enumerate(ctx.offers):
        col = first_col + index
        fill = _HEADER_FILL if index < ctx.responsive else _OUT_FILL
        number = alt.get("offer_id")
        # The bid number every view uses, with the offer's number in the store beside it.
        label = f"{bids.get(int(number or 0), 'Bid')} (offer {number})"
        _put(ws, ROW_OFFER, col, label, font=_BOLD, fill=fill, align=_LEFT_WRAP)
        _put(ws, ROW_VENDOR, col, alt.get("vendor"), font=_BOLD, fill=fill)
        _put(ws, ROW_MODEL, col, alt.get("model"), font=_BOLD, fill=fill)
    for row, key in ((ROW_VENDOR, "vendor"), (ROW_MODEL, "model")):
        _fit_height(ws, row, ((a.get(key), width) for a in ctx.offers))
    last = first_col + len(ctx.offers) - 1
    for col in range(1, max(last, first_col - 1) + 1):
        ws.cell(row=ROW_MODEL, column=col).border = Border(bottom=_LINE)


def _finish(
    ws: Sheet,
    ctx: _Context,
    *,
    freeze: str,
    widths: Mapping[int, float],
    title_rows: str = PRINT_TITLES,
) -> None:
    """Frozen panes, column widths and the print set-up every sheet shares."""
    ws.freeze_panes = freeze
    for col, width in widths.items():
        ws.column_dimensions[_col(col)].width = width
    ws.print_title_rows = title_rows
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    # Printed at full size (no text under 8 pt on A4): a wide sheet continues on further
    # pages across, each repeating the title rows and the label columns.
    setup.scale = 100
    setup.pageOrder = "overThenDown"  # a band of rows across all offers, then the next band
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    labels = _freeze_col(ws.freeze_panes) if ws.freeze_panes else 1
    ws.print_title_cols = f"A:{_col(labels)}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    # "&" starts a header code: double it in names; Excel allows 255 characters in all.
    ws.oddHeader.center.text = _text(ctx.need)[:120].replace("&", "&&")
    ws.oddHeader.right.text = ws.title
    ws.oddFooter.left.text = ctx.evaluation
    ws.oddFooter.center.text = "Page &P of &N"
    digest = ctx.result.get("content_hash")
    if digest:
        ws.oddFooter.right.text = f"Content hash {str(digest)[:16]}…"


def _freeze_col(freeze: str) -> int:
    """The last column left of a frozen pane ("C8" -> 2): the labels a page repeats."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string  # type: ignore[import-untyped]

    letters, _ = coordinate_from_string(freeze)
    return max(1, int(column_index_from_string(letters)) - 1)


def _offer_widths(ctx: _Context, first_col: int, labels: Mapping[int, float]) -> dict[int, float]:
    width = _offer_width(ctx)
    widths = dict(labels)
    for index in range(len(ctx.offers)):
        widths[first_col + index] = width
    return widths


def _fail_pass_colours(ws: Sheet, ref: str, top_left: str) -> None:
    ws.conditional_formatting.add(
        ref,
        FormulaRule(formula=[f'LEFT({top_left},4)="FAIL"'], fill=_BAD_FILL, font=_BAD_FONT),
    )
    ws.conditional_formatting.add(
        ref,
        FormulaRule(formula=[f'LEFT({top_left},4)="Pass"'], fill=_GOOD_FILL, font=_GOOD_FONT),
    )


def _yes_no_colours(ws: Sheet, ref: str, top_left: str) -> None:
    ws.conditional_formatting.add(
        ref, FormulaRule(formula=[f'{top_left}="No"'], fill=_BAD_FILL, font=_BAD_FONT)
    )
    ws.conditional_formatting.add(
        ref, FormulaRule(formula=[f'{top_left}="Yes"'], fill=_GOOD_FILL, font=_GOOD_FONT)
    )


# -- Scoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """Where the Scoring sheet's inputs are: one value row per criterion."""

    criteria: tuple[Mapping[str, Any], ...]
    top: int  # row of the first criterion
    first: int  # first offer column
    last_scored: int  # last responsive offer column (first - 1 when none)
    used: str  # column letter of the weights actually applied (normalised)
    formats: tuple[str, ...]  # number format of each criterion's values

    @property
    def bottom(self) -> int:
        return self.top + len(self.criteria) - 1

    def value(self, i: int, col: int) -> str:
        return f"{_col(col)}{self.top + i}"

    def direction(self, i: int) -> str:
        return f"$C${self.top + i}"

    def weight_used(self, i: int) -> str:
        return f"${self.used}${self.top + i}"

    def weights_used(self) -> str:
        return f"${self.used}${self.top}:${self.used}${self.bottom}"


def _per_offer(
    ws: Sheet,
    ctx: _Context,
    grid: _Grid,
    row: int,
    label: str,
    make: Callable[[int], str] | None,
    *,
    fmt: str,
    out: str = "",
    font: Any = None,
) -> None:
    """One row of formulas for the responsive offers; `out` in the other columns."""
    _put(ws, row, 1, label, font=font)
    for index in range(len(ctx.offers)):
        col = grid.first + index
        if index < ctx.responsive and make is not None:
            _formula(ws, row, col, make(col), fmt=fmt, font=font)
        else:
            _put(ws, row, col, out or None, font=_OUT_FONT, fill=_OUT_FILL, align=_RIGHT)


def _scoring(ws: Sheet, ctx: _Context) -> _ScoreRows:
    criteria = tuple(ctx.result.get("criteria") or [])
    qcbs = ctx.method == "qcbs"
    first = 7 if qcbs else 6
    labels = [
        "Unit",
        "Better",
        "Weight",
        *(["Technical", "Weight used"] if qcbs else ["Weight used"]),
    ]
    _top(ws, ctx, "Scoring", first, labels)
    last_col = first + len(ctx.offers) - 1
    formats = tuple(
        _value_format((a.get("values") or {}).get(c.get("key")) for a in ctx.offers)
        for c in criteria
    )
    scored = first + ctx.responsive - 1
    grid = _Grid(criteria, ROW_FIRST + 1, first, scored, "F" if qcbs else "E", formats)
    row = _values_block(ws, ctx, grid, qcbs, last_col)
    if ctx.responsive == 0:
        _section(ws, row, "No offer is responsive: nothing is scored or ranked.", last_col)
        row += 1
    entry = METHOD_BY_KEY.get(ctx.method)
    builder = SCORE_FORMULAS.get(entry.workbook or "") if entry else None
    score_row, rank_row, extra = (builder or _recorded_scores)(ws, ctx, grid, row, last_col)
    if ctx.responsive:
        _highlight_first(ws, grid, score_row, rank_row)
    units = [len(str(c.get("unit") or "")) for c in criteria]
    unit_width = min(24.0, max([10.0, *(n + 2.0 for n in units)]))
    label_widths = {1: _LABEL_WIDTH, 2: unit_width, 3: 9.0, 4: 10.0, 5: 11.0, 6: 11.0}
    widths = _offer_widths(ctx, first, {k: v for k, v in label_widths.items() if k < first})
    for col in range(last_col + 1, last_col + 1 + extra):
        widths[col] = 13.0
    _finish(ws, ctx, freeze=f"{_col(first)}{ROW_FIRST}", widths=widths)
    return _ScoreRows(first, score_row, rank_row)


def _values_block(ws: Sheet, ctx: _Context, grid: _Grid, qcbs: bool, last_col: int) -> int:
    """The criterion rows: label, unit, direction, weight (an input), value per offer."""
    note = (
        "Values as scored (money in PKR). Yellow cells are inputs: change a weight and the "
        "scores and ranks below recalculate."
    )
    _section(ws, ROW_FIRST, note, last_col)
    top, bottom = grid.top, grid.bottom
    weights = f"$D${top}:$D${bottom}"
    for i, criterion in enumerate(grid.criteria):
        row = top + i
        key = criterion.get("key")
        _put(ws, row, 1, criterion.get("label") or key)
        _put(ws, row, 2, criterion.get("unit"), align=Alignment(vertical="top"))
        _put(ws, row, 3, criterion.get("direction"), fill=_INPUT_FILL, align=_CENTRE)
        _put(ws, row, 4, criterion.get("weight"), fmt=_WEIGHT, fill=_INPUT_FILL)
        if qcbs:
            technical_flag = "No" if key in MONEY_CRITERIA else "Yes"
            _put(ws, row, 5, technical_flag, fill=_INPUT_FILL, align=_CENTRE)
            technical = f'SUMIF($E${top}:$E${bottom},"Yes",{weights})'
            _formula(
                ws,
                row,
                6,
                f'=IF({technical}=0,0,IF(E{row}="Yes",D{row},0)/{technical})',
                fmt=_SHARE,
            )
        else:
            _formula(ws, row, 5, f"=IF(SUM({weights})=0,0,D{row}/SUM({weights}))", fmt=_SHARE)
        values = [(alt.get("values") or {}).get(key) for alt in ctx.offers]
        fmt = grid.formats[i]
        for index, (alt, value) in enumerate(zip(ctx.offers, values, strict=True)):
            out = index >= ctx.responsive
            cell = _put(
                ws,
                row,
                grid.first + index,
                value,
                fmt=fmt,
                font=_OUT_FONT if out else None,
                fill=_OUT_FILL if out else None,
            )
            if value is None:
                reason = (alt.get("missing") or {}).get(key) or "not stated in offer"
                cell.comment = Comment(_text(f"Missing: {reason}. Scored as the worst."), "procure")
    if grid.criteria:
        _directions_and_weights_validation(ws, top, bottom, qcbs)
    row = bottom + 1
    _put(ws, row, 1, "Sum of weights", font=_BOLD)
    if grid.criteria:
        _formula(ws, row, 4, f"=SUM({weights})", fmt=_WEIGHT, font=_BOLD)
        used = grid.weights_used()
        _formula(ws, row, 5 + int(qcbs), f"=SUM({used})", fmt=_SHARE, font=_BOLD)
    else:
        _put(ws, row, 4, 0, fmt=_WEIGHT, font=_BOLD)
    ws.conditional_formatting.add(
        f"D{row}", FormulaRule(formula=[f"D{row}<=0"], fill=_BAD_FILL, font=_BAD_FONT)
    )
    note = "Weights may be any numbers ≥ 0: each is divided by their sum."
    if ctx.method == "least-cost":
        note = "The least-cost method ranks by evaluated cost: the weights are not used."
    _put(ws, row + 1, 1, note, font=_NOTE_FONT, align=Alignment())
    return row + 3


def _directions_and_weights_validation(ws: Sheet, top: int, bottom: int, qcbs: bool) -> None:
    direction = DataValidation(type="list", formula1='"higher,lower"', allow_blank=False)
    direction.add(f"C{top}:C{bottom}")
    weight = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    weight.error = "A weight is a number of 0 or more."
    weight.add(f"D{top}:D{bottom}")
    ws.add_data_validation(direction)
    ws.add_data_validation(weight)
    if qcbs:
        technical = DataValidation(type="list", formula1='"Yes,No"', allow_blank=False)
        technical.add(f"E{top}:E{bottom}")
        ws.add_data_validation(technical)


def _normalised(ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int) -> int:
    """WSM normalisation over the responsive offers; returns the first normalised row."""
    minmax = ctx.result.get("normalisation") == "minmax"
    if minmax:
        rule = (
            "Normalised scores r (0–1), min–max: higher-better (x − min) / (max − min), "
            "lower-better (max − x) / (max − min)"
        )
    else:
        rule = "Normalised scores r (0–1), ratio: higher-better x / max, lower-better min / x"
    _section(ws, row, f"{rule}; a missing value scores 0; equal values all score 1", last_col)
    for i, criterion in enumerate(grid.criteria):

        def make(col: int, i: int = i) -> str:
            return _ratio_formula(grid, i, col, minmax)

        _per_offer(ws, ctx, grid, row + 1 + i, str(criterion.get("label")), make, fmt=_RATIO)
    return row + 1


def _ratio_formula(grid: _Grid, i: int, col: int, minmax: bool) -> str:
    x = grid.value(i, col)
    span = _span(grid.top + i, grid.first, grid.last_scored)
    high, low, higher = f"MAX({span})", f"MIN({span})", f'{grid.direction(i)}="higher"'
    if minmax:
        inner = f"IF({higher},({x}-{low})/({high}-{low}),({high}-{x})/({high}-{low}))"
    else:
        # As the application: a non-positive best value cannot be divided by.
        inner = (
            f"IF({higher},IF({high}>0,{x}/{high},IF({x}={high},1,0)),"
            f"IF({low}>0,{low}/{x},IF({x}={low},1,0)))"
        )
    return f"=IF(ISNUMBER({x}),IF({high}={low},1,{inner}),0)"


def _rank_formula(score: str, scores: str) -> str:
    # 1 + the number of scores above this one by more than the tie tolerance (1, 2, 2, 4).
    return f'=IF(ISNUMBER({score}),1+SUMPRODUCT(ISNUMBER({scores})*({scores}>{score}+{_TIE})),"—")'


def _score_and_rank(
    ws: Sheet, ctx: _Context, grid: _Grid, row: int, make: Callable[[int], str], out: str
) -> tuple[int, int]:
    _per_offer(ws, ctx, grid, row, "Score (0–100)", make, fmt=_SCORE, out=out, font=_BOLD)
    scores = _span(row, grid.first, grid.last_scored)

    def rank(col: int) -> str:
        return _rank_formula(f"{_col(col)}{row}", scores)

    _per_offer(ws, ctx, grid, row + 1, "Rank", rank, fmt=_RANK, out=out, font=_BOLD)
    note = (
        f"Rank = 1 + the number of offers scoring more (by over {_TIE}): equal scores share "
        "a rank. The first-ranked offer is shaded green."
    )
    _put(ws, row + 2, 1, note, font=_NOTE_FONT, align=Alignment())
    return row, row + 1


def _wsm(ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int) -> tuple[int, int]:
    first_r = _normalised(ws, ctx, grid, row, last_col)
    last_r = first_r + len(grid.criteria) - 1
    weights = grid.weights_used()

    def score(col: int) -> str:
        c = _col(col)
        return f"=100*SUMPRODUCT({weights},{c}{first_r}:{c}{last_r})"

    return _score_and_rank(ws, ctx, grid, last_r + 2, score, "not responsive")


def _qcbs(ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int) -> tuple[int, int]:
    options = ctx.result.get("options") or {}
    first_r = _normalised(ws, ctx, grid, row, last_col)
    last_r = first_r + len(grid.criteria) - 1
    weights = grid.weights_used()
    row = last_r + 2
    _section(ws, row, "Quality and cost (QCBS): technical score, qualification, cost", last_col)
    r_min, r_tech, r_qual = row + 1, row + 2, row + 3
    r_cost, r_counted, r_fin, r_t = row + 4, row + 5, row + 6, row + 7
    _put(ws, r_min, 1, "Minimum technical score (input)")
    _put(ws, r_min, 4, _number_or(options.get("qcbs_minimum_technical"), 70.0), fill=_INPUT_FILL)
    ws.cell(row=r_min, column=4).number_format = "0.0"

    def technical(col: int) -> str:
        c = _col(col)
        return f"=100*SUMPRODUCT({weights},{c}{first_r}:{c}{last_r})"

    _per_offer(ws, ctx, grid, r_tech, "Technical score T (0–100)", technical, fmt=_SCORE)

    def qualified(col: int) -> str:
        return f'=IF({_col(col)}{r_tech}>=$D${r_min},"Yes","No")'

    _per_offer(ws, ctx, grid, r_qual, "Qualified (T ≥ minimum)", qualified, fmt="General")
    if ctx.responsive:
        top_left = f"{_col(grid.first)}{r_qual}"
        _yes_no_colours(ws, f"{top_left}:{_col(grid.last_scored)}{r_qual}", top_left)
    keys = [str(c.get("key")) for c in grid.criteria]
    cost_key = next((k for k in keys if k in MONEY_CRITERIA), "landed_price")
    if cost_key in keys:
        i = keys.index(cost_key)

        def cost(col: int) -> str:
            x = grid.value(i, col)
            return f'=IF(ISNUMBER({x}),{x},"")'

        label = f"Evaluated cost: {grid.criteria[i].get('label')} ({grid.criteria[i].get('unit')})"
        _per_offer(ws, ctx, grid, r_cost, label, cost, fmt=grid.formats[i])
    else:
        _static_costs(ws, ctx, grid, r_cost, cost_key)
    counted_span = _span(r_counted, grid.first, grid.last_scored)

    def counted(col: int) -> str:
        c = _col(col)
        return (
            f'=IF({c}{r_qual}="Yes",IF(ISNUMBER({c}{r_cost}),'
            f'IF({c}{r_cost}>0,{c}{r_cost},""),""),"")'
        )

    label = "Cost counted (qualified offers)"
    _per_offer(
        ws,
        ctx,
        grid,
        r_counted,
        label,
        counted,
        fmt=grid.formats[i] if cost_key in keys else _MONEY,
    )

    def financial(col: int) -> str:
        c = _col(col)
        return (
            f'=IF({c}{r_qual}="Yes",IF(ISNUMBER({c}{r_counted}),'
            f'100*MIN({counted_span})/{c}{r_counted},0),"disqualified")'
        )

    label = "Financial score F = 100 × lowest counted cost / cost"
    _per_offer(ws, ctx, grid, r_fin, label, financial, fmt=_SCORE)
    _put(ws, r_t, 1, "Technical weight t (input; cost weighs 1 − t)")
    _put(ws, r_t, 4, _number_or(options.get("qcbs_technical_weight"), 0.7), fill=_INPUT_FILL)
    ws.cell(row=r_t, column=4).number_format = "0.00"
    share = DataValidation(type="decimal", operator="between", formula1="0", formula2="1")
    share.error = "The technical weight is between 0 and 1."
    share.add(f"D{r_t}")
    ws.add_data_validation(share)
    t = f"$D${r_t}"

    def combined(col: int) -> str:
        c = _col(col)
        return f'=IF({c}{r_qual}="Yes",{t}*{c}{r_tech}+(1-{t})*{c}{r_fin},"disqualified")'

    _section(ws, r_t + 1, "Score S = t·T + (1 − t)·F for the qualified offers", last_col)
    return _score_and_rank(ws, ctx, grid, r_t + 2, combined, "not responsive")


def _static_costs(ws: Sheet, ctx: _Context, grid: _Grid, row: int, key: str) -> None:
    kind = criterion_kind(key)
    label = BASIS_LABELS.get(key) or (kind.label if kind else key)
    _put(ws, row, 1, f"Evaluated cost: {label} (PKR)")
    for index, alt in enumerate(ctx.offers):
        out = index >= ctx.responsive
        _put(
            ws,
            row,
            grid.first + index,
            _metric(alt, key),
            fmt=_MONEY,
            font=_OUT_FONT if out else None,
            fill=_OUT_FILL if out else None,
        )


def _metric(alt: Alt, key: str) -> Any:
    if key in BASIS_LABELS:  # the evaluated cost of meeting the need
        return (alt.get("evaluated_cost") or {}).get("total")
    value = (alt.get("values") or {}).get(key)
    if value is None:
        value = ((alt.get("metrics") or {}).get(key) or {}).get("value")
    return value


def _least_cost(ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int) -> tuple[int, int]:
    basis = str(ctx.result.get("least_cost_basis") or "")
    if not basis:  # a result stored before the evaluated cost: the old per-unit basis
        basis = str((ctx.result.get("options") or {}).get("least_cost_basis") or "landed_price")
    label = BASIS_LABELS.get(basis) or heading(*figure_label(basis))
    _section(
        ws,
        row,
        f"Least cost: responsive offers ranked by evaluated cost ({label}); a cost that "
        "cannot be computed scores 0",
        last_col,
    )
    r_cost, r_counted = row + 1, row + 2
    _static_costs(ws, ctx, grid, r_cost, basis)
    counted_span = _span(r_counted, grid.first, grid.last_scored)

    def counted(col: int) -> str:
        c = f"{_col(col)}{r_cost}"
        return f'=IF(ISNUMBER({c}),IF({c}>0,{c},""),"")'

    _per_offer(ws, ctx, grid, r_counted, "Cost counted (positive)", counted, fmt=_MONEY)

    def score(col: int) -> str:
        c = f"{_col(col)}{r_counted}"
        return f"=IF(ISNUMBER({c}),100*MIN({counted_span})/{c},0)"

    _section(ws, r_counted + 1, "Score = 100 × lowest counted cost / cost", last_col)
    return _score_and_rank(ws, ctx, grid, r_counted + 2, score, "not responsive")


def _topsis(ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int) -> tuple[int, int, int]:
    m = len(grid.criteria)
    labels = [str(c.get("label")) for c in grid.criteria]
    # 1. a missing value takes the worst value present in its row
    _section(
        ws, row, "Values as scored by TOPSIS: a missing value takes the worst present", last_col
    )
    filled = row + 1
    for i in range(m):

        def fill(col: int, i: int = i) -> str:
            x = grid.value(i, col)
            span = _span(grid.top + i, grid.first, grid.last_scored)
            worst = f'IF({grid.direction(i)}="higher",MIN({span}),MAX({span}))'
            return f"=IF(ISNUMBER({x}),{x},{worst})"

        _per_offer(ws, ctx, grid, filled + i, labels[i], fill, fmt=grid.formats[i])
    # 2. vector normalisation
    row = filled + m + 1
    _section(ws, row, "Vector-normalised r = x / √(Σ x²) over the responsive offers", last_col)
    normal = row + 1
    for i in range(m):

        def norm(col: int, i: int = i) -> str:
            span = _span(filled + i, grid.first, grid.last_scored)
            x = f"{_col(col)}{filled + i}"
            return f"=IF(SUMSQ({span})>0,{x}/SQRT(SUMSQ({span})),0)"

        _per_offer(ws, ctx, grid, normal + i, labels[i], norm, fmt=_RATIO)
    # 3. weighted, with the ideal and anti-ideal offers
    row = normal + m + 1
    _section(ws, row, "Weighted v = weight used × r; ideal v⁺ and anti-ideal v⁻", last_col + 2)
    ideal_col, anti_col = last_col + 1, last_col + 2
    _put(ws, row, ideal_col, "Ideal v⁺", font=_BOLD, fill=_SECTION_FILL)
    _put(ws, row, anti_col, "Anti-ideal v⁻", font=_BOLD, fill=_SECTION_FILL)
    weighted = row + 1
    for i in range(m):

        def weigh(col: int, i: int = i) -> str:
            return f"={grid.weight_used(i)}*{_col(col)}{normal + i}"

        r = weighted + i
        _per_offer(ws, ctx, grid, r, labels[i], weigh, fmt=_RATIO)
        if ctx.responsive:
            span = _span(r, grid.first, grid.last_scored)
            higher = f'{grid.direction(i)}="higher"'
            _formula(ws, r, ideal_col, f"=IF({higher},MAX({span}),MIN({span}))", fmt=_RATIO)
            _formula(ws, r, anti_col, f"=IF({higher},MIN({span}),MAX({span}))", fmt=_RATIO)
    # 4. distances and closeness
    row = weighted + m
    d_plus, d_minus = row + 1, row + 2
    last_w = weighted + m - 1

    def distance(target: int) -> Callable[[int], str]:
        ideal = f"${_col(target)}${weighted}:${_col(target)}${last_w}"

        def make(col: int) -> str:
            c = _col(col)
            return f"=SQRT(SUMXMY2({c}{weighted}:{c}{last_w},{ideal}))"

        return make

    _per_offer(ws, ctx, grid, d_plus, "Distance to the ideal d⁺", distance(ideal_col), fmt=_RATIO)
    label = "Distance to the anti-ideal d⁻"
    _per_offer(ws, ctx, grid, d_minus, label, distance(anti_col), fmt=_RATIO)

    def closeness(col: int) -> str:
        c = _col(col)
        total = f"({c}{d_plus}+{c}{d_minus})"
        # offers identical on every criterion all score 100, as in the application
        return f"=IF({total}>0,100*{c}{d_minus}/{total},100)"

    _section(ws, d_minus + 1, "Score = 100 × d⁻ / (d⁺ + d⁻): the closeness to the ideal", last_col)
    score_row, rank_row = _score_and_rank(ws, ctx, grid, d_minus + 2, closeness, "not responsive")
    return score_row, rank_row, 2


def _recorded_scores(
    ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int
) -> tuple[int, int, int]:
    """For a method without a formula builder: the scores and ranks as the application
    recorded them (they do not recalculate when a weight changes)."""
    _section(ws, row, f"{method_label(ctx.method)}: scores and ranks as recorded", last_col)
    for offset, (label, key, fmt) in enumerate(
        (("Score (0–100)", "score", _SCORE), ("Rank", "rank", _RANK)), 1
    ):
        _put(ws, row + offset, 1, label, font=_BOLD)
        for index, alt in enumerate(ctx.offers):
            out = index >= ctx.responsive
            _put(
                ws,
                row + offset,
                grid.first + index,
                "not responsive" if out else alt.get(key),
                fmt=fmt,
                font=_OUT_FONT if out else _BOLD,
                fill=_OUT_FILL if out else None,
                align=_RIGHT,
            )
    return row + 1, row + 2, 0


def _no_extra(build: Callable[[Sheet, _Context, _Grid, int, int], tuple[int, int]]) -> ScoreBuilder:
    def builder(
        ws: Sheet, ctx: _Context, grid: _Grid, row: int, last_col: int
    ) -> tuple[int, int, int]:
        return (*build(ws, ctx, grid, row, last_col), 0)

    return builder


# Builds the Scoring sheet's live score and rank rows: (score row, rank row, extra columns).
ScoreBuilder = Callable[[Sheet, _Context, _Grid, int, int], tuple[int, int, int]]
# The methods' workbook formula builders, named by procure.evaluation.methods.Method.workbook.
SCORE_FORMULAS: dict[str, ScoreBuilder] = {
    "wsm": _no_extra(_wsm),
    "topsis": _topsis,
    "qcbs": _no_extra(_qcbs),
    "least-cost": _no_extra(_least_cost),
}


def _highlight_first(ws: Sheet, grid: _Grid, score_row: int, rank_row: int) -> None:
    first, last = _col(grid.first), _col(grid.last_scored)
    rule = FormulaRule(formula=[f"{first}${rank_row}=1"], fill=_GOOD_FILL, font=_BEST_FONT)
    ws.conditional_formatting.add(f"{first}{score_row}:{last}{rank_row}", rule)


# -- Summary ------------------------------------------------------------------------------


def _summary(ws: Sheet, ctx: _Context, scores: _ScoreRows) -> None:
    first = 2
    _top(ws, ctx, "Comparative statement", first, [])
    last_col = first + len(ctx.offers) - 1
    width = _offer_width(ctx)
    row = ROW_FIRST

    def line(
        label: str, values: Sequence[object], fmt: str | None = None, align: Any = None
    ) -> int:
        nonlocal row
        _put(ws, row, 1, label, font=_BOLD)
        for index, value in enumerate(values):
            out = index >= ctx.responsive
            fill = _OUT_FILL if out else None
            _put(ws, row, first + index, value, fmt=fmt, fill=fill, align=align)
        current = row
        row += 1
        return current

    offers = ctx.offers
    line("Quoted currency", [a.get("currency") for a in offers])
    line("Quoted unit price converted to PKR", [a.get("unit_price_base") for a in offers], _MONEY)
    line("Landed price per unit", [_metric(a, "landed_price") for a in offers], _MONEY)
    line("Units required to meet the need", [_metric(a, "units_required") for a in offers], "0")
    line("Life-cycle cost of the fleet (NPV)", [_metric(a, "lcc_npv") for a in offers], _MONEY)
    r_resp = line("Responsive", [bool(a.get("responsive")) for a in offers])
    if offers:
        top_left = f"{_col(first)}{r_resp}"
        _yes_no_colours(ws, f"{top_left}:{_col(last_col)}{r_resp}", top_left)
    failures = [
        "\n".join(str(g.get("requirement")) for g in a.get("gates") or [] if not g.get("passed"))
        or "—"
        for a in offers
    ]
    r_fail = line("Failed requirements (reasons: see Responsiveness)", failures)
    _fit_height(ws, r_fail, ((f, width) for f in failures))
    if ctx.method == "qcbs":
        line(
            "Technical score T, as recorded",
            [a.get("technical_score") if a.get("responsive") else None for a in offers],
            _SCORE,
            _RIGHT,
        )
        line(
            "Qualified (T ≥ minimum), as recorded",
            [bool(a.get("qualified")) if a.get("responsive") else None for a in offers],
            align=_RIGHT,
        )
        financial = [a.get("financial_score") for a in offers]
        line("Financial score F, as recorded", financial, _SCORE, _RIGHT)
    recorded = [_recorded_score(ctx, a) for a in offers]
    r_score = line("Score (0–100), as recorded", recorded, _SCORE, _RIGHT)
    r_rank = line("Rank, as recorded", [a.get("rank") or "—" for a in offers], _RANK, _RIGHT)
    for r in (r_score, r_rank):
        ws.cell(row=r, column=1).font = _BOLD
    r_live_score = row
    _put(ws, row, 1, "Score recalculated in this workbook")
    _put(ws, row + 1, 1, "Rank recalculated in this workbook")
    for index in range(len(offers)):
        col = first + index
        if index < ctx.responsive:
            source = _col(scores.first_col + index)
            _formula(ws, row, col, f"=Scoring!{source}{scores.score_row}", fmt=_SCORE)
            _formula(ws, row + 1, col, f"=Scoring!{source}{scores.rank_row}", fmt=_RANK)
        else:
            for r in (row, row + 1):
                _put(ws, r, col, "not responsive", font=_OUT_FONT, fill=_OUT_FILL, align=_RIGHT)
    if ctx.responsive:
        span = (
            f"{_col(first)}{r_live_score + 1}:{_col(first + ctx.responsive - 1)}{r_live_score + 1}"
        )
        changed = f"{_col(first)}{r_live_score + 1}<>{_col(first)}{r_rank}"
        ws.conditional_formatting.add(span, FormulaRule(formula=[changed], fill=_CHANGED_FILL))
    row += 2
    note = (
        "The recorded rows are the application's result, covered by the content hash below. "
        "The recalculated rows follow any change made on the Scoring sheet (highlighted when "
        "a rank differs)."
    )
    row = _paragraph(ws, row, note, last_col, font=_NOTE_FONT) + 1
    _put(ws, row, 1, "Recommendation", font=_BOLD)
    row = _paragraph(ws, row, _recommendation(ctx), last_col, col=2, font=_BOLD) + 1
    _put(ws, row, 1, "Content hash (SHA-256)", font=_BOLD)
    digest = ctx.result.get("content_hash") or "not recorded"
    _put(ws, row, 2, digest, font=_MONO, align=Alignment(vertical="top"))
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=max(last_col, 6))
    row += 2
    certificate = (
        "We, the members of the procurement committee, certify that the offers were evaluated "
        "in accordance with the evaluation criteria stated in the bidding documents."
    )
    row = _paragraph(ws, row, certificate, last_col) + 1
    row = _signatures(ws, row, ctx.result.get("committee") or [])
    row += 1
    for label, value in ctx.model.cover:
        _put(ws, row, 1, label, font=_BOLD)
        _put(ws, row, 2, value)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
    widths = _offer_widths(ctx, first, {1: 36.0})
    for col in range(2, 6):
        widths.setdefault(col, width)
    _finish(ws, ctx, freeze=f"B{ROW_FIRST}", widths=widths)


def _recorded_score(ctx: _Context, alt: Alt) -> object:
    if not alt.get("responsive"):
        return "not responsive"
    if alt.get("score") is None and ctx.method == "qcbs":
        return "disqualified"
    return alt.get("score")


def _recommendation(ctx: _Context) -> str:
    """The proposed award, or why there is none (the report model's words)."""
    model = ctx.model
    if model.award_text:
        return f"Recommended for award: {model.award_text}"
    return " ".join(model.warnings) or "No recommendation."


def _paragraph(
    ws: Sheet, row: int, text: str, last_col: int, *, col: int = 1, font: Any = None
) -> int:
    """Wrapped text across the sheet (merged cells); returns the row after it."""
    end = 4  # within the first printed page across (A and three offers), whatever the offers
    _put(ws, row, col, text, font=font)
    ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=end)
    width = _LABEL_WIDTH if col == 1 else 0.0
    _fit_height(ws, row, [(text, width + 20.0 * (end - max(col, 2) + 1))])
    return row + 1


def _signatures(ws: Sheet, row: int, members: Sequence[Mapping[str, Any]]) -> int:
    for col, head in enumerate(("Committee", "Name", "Designation", "Signature", "Date"), 1):
        _put(ws, row, col, head, font=_BOLD, fill=_HEADER_FILL)
    listed = list(members) or [{"role": role} for role in COMMITTEE]
    for member in listed:
        row += 1
        bottom = Alignment(vertical="bottom")
        _put(ws, row, 1, member.get("role"), font=_BOLD, align=bottom)
        _put(ws, row, 2, member.get("name"), align=bottom)
        _put(ws, row, 3, member.get("designation"), align=bottom)
        for col in range(2, 6):
            ws.cell(row=row, column=col).border = Border(bottom=_LINE)
        ws.row_dimensions[row].height = 36.0
    return row + 1


# -- Responsiveness -----------------------------------------------------------------------


def _responsiveness(ws: Sheet, ctx: _Context) -> None:
    first = 2
    _top(ws, ctx, "Responsiveness", first, [])
    last_col = first + len(ctx.offers) - 1
    stated = [str(r.get("text")) for r in ctx.result.get("requirements") or []]
    extra: list[str] = []
    for alt in ctx.offers:
        for gate in alt.get("gates") or []:
            text = str(gate.get("requirement"))
            if text not in stated and text not in extra:
                extra.append(text)
    rows = [*extra, *stated]
    width = _offer_width(ctx)
    _put(ws, ROW_MODEL, 1, "Model / mandatory requirement", font=_BOLD, fill=_HEADER_FILL)
    for i, requirement in enumerate(rows):
        row = ROW_FIRST + i
        _put(ws, row, 1, requirement)
        texts: list[tuple[object, float]] = [(requirement, _LABEL_WIDTH)]
        for index, alt in enumerate(ctx.offers):
            gates = {str(g.get("requirement")): g for g in alt.get("gates") or []}
            gate = gates.get(requirement)
            if gate is None:
                text = "—"
            else:
                verdict = "Pass" if gate.get("passed") else "FAIL"
                text = f"{verdict}: {gate.get('reason')}" if gate.get("reason") else verdict
            _put(ws, row, first + index, text)
            texts.append((text, width))
        _fit_height(ws, row, texts)
    last = ROW_FIRST + len(rows) - 1
    if rows and ctx.offers:
        top_left = f"{_col(first)}{ROW_FIRST}"
        _fail_pass_colours(ws, f"{top_left}:{_col(last_col)}{last}", top_left)
    r_resp = last + 1
    _put(ws, r_resp, 1, "Responsive (passes every requirement)", font=_BOLD)
    for index, alt in enumerate(ctx.offers):
        _put(ws, r_resp, first + index, bool(alt.get("responsive")), font=_BOLD)
        ws.cell(row=r_resp, column=first + index).border = Border(top=_LINE)
    if ctx.offers:
        top_left = f"{_col(first)}{r_resp}"
        _yes_no_colours(ws, f"{top_left}:{_col(last_col)}{r_resp}", top_left)
        ws.auto_filter.ref = f"A{ROW_MODEL}:{_col(last_col)}{max(last, ROW_MODEL + 1)}"
    _put(
        ws,
        r_resp + 2,
        1,
        "An offer that fails any requirement is not responsive and is not ranked; "
        "a value the offer does not state fails its requirement.",
        font=_NOTE_FONT,
        align=Alignment(),
    )
    _finish(ws, ctx, freeze=f"B{ROW_FIRST}", widths=_offer_widths(ctx, first, {1: _LABEL_WIDTH}))


# -- Life-cycle cost ----------------------------------------------------------------------

_LCC_ROWS: tuple[tuple[str, str, str], ...] = (
    ("landed_price_per_unit_pkr", "Landed price per unit", _MONEY),
    ("charger_pkr_per_unit", "Charger per unit", _MONEY),
    ("capex_pkr_per_unit", "Capital cost per unit", _MONEY),
    ("units_required", "Units required (units)", "0"),
    ("capex_year0_pkr", "Capital cost of the fleet, year 0", _MONEY),
    ("energy_pkr_per_unit_year", "Energy (fuel or electricity) per unit per year", _MONEY_YEAR),
    ("maintenance_pkr_per_unit_year", "Maintenance per unit per year", _MONEY_YEAR),
    ("operators_pkr_per_unit_year", "Operators per unit per year", _MONEY_YEAR),
    ("yearly_pkr_per_unit", "Running cost per unit per year", _MONEY_YEAR),
    ("battery_replacement_year", "Battery replacement in year (year)", "0"),
    ("battery_replacement_pkr_per_unit", "Battery replacement per unit", _MONEY),
    ("residual_pkr_per_unit", "Residual value per unit at end of life", _MONEY),
    ("discount_rate_pct", "Discount rate (%)", "0.0"),
    ("life_years", "Life (years)", "0"),
    ("annuity_factor", "Annuity factor (years, discounted)", "0.0000"),
    ("pv_energy_pkr", "Present value of energy, fleet", _MONEY),
    ("pv_maintenance_pkr", "Present value of maintenance, fleet", _MONEY),
    ("pv_operators_pkr", "Present value of operators, fleet", _MONEY),
    ("pv_battery_pkr", "Present value of battery replacement, fleet", _MONEY),
    ("pv_residual_pkr", "Present value of residual value, fleet (a credit)", _MONEY),
    ("npv_pkr_per_unit", "Life-cycle cost per unit (NPV)", _MONEY),
    ("npv_total_pkr", "Life-cycle cost of the fleet (NPV)", _MONEY),
    ("equivalent_annual_cost_pkr", "Equivalent annual cost of the fleet", _MONEY_YEAR),
    (
        "diesel_ref_fuel_pkr_per_bus_year",
        "Diesel reference bus: fuel per bus per year",
        _MONEY_YEAR,
    ),
    ("notes", "Notes", "General"),
)

_FLEET_LABELS: dict[str, str] = {
    "model": "Model used",
    "bucket_load_t": "Load per bucket pass (t)",
    "passes": "Bucket passes per load",
    "load_time_min": "Load time (min)",
    "speed_cap_kmh": "Speed cap: machine and site (km/h)",
    "speed_kmh": "Average speed (km/h)",
    "loaded_effective_grade_pct": "Effective grade, loaded (%)",
    "empty_effective_grade_pct": "Effective grade, empty (%)",
    "loaded_power_limited_speed_kmh": "Power-limited speed, loaded (km/h)",
    "empty_power_limited_speed_kmh": "Power-limited speed, empty (km/h)",
    "loaded_speed_kmh": "Travel speed, loaded (km/h)",
    "empty_speed_kmh": "Travel speed, empty (km/h)",
    "spot_time_min": "Spot time (min)",
    "haul_time_min": "Haul time (min)",
    "dump_time_min": "Dump time (min)",
    "return_time_min": "Return time (min)",
    "cycle_time_min": "Cycle time (min)",
    "trips_per_day_per_unit": "Trips per day per unit",
    "tonnes_per_unit_day": "Tonnes per unit per day (t/day)",
    "output_tph": "Output per unit (t/h)",
    "units_required": "Units required (units)",
    "match_factor": "Match factor (1.0 = balanced)",
    "trips_per_unit_year": "Trips per unit per year",
    "annual_km_per_unit": "Distance per unit per year (km/yr)",
    "annual_tonnes": "Tonnes to move per year (t/yr)",
    "annual_tonne_km": "Tonne-km per year (t·km/yr)",
    "fleet_km_per_year": "Fleet distance per year (km/yr)",
    "passenger_km_per_year": "Passenger-km per year",
    "fuel_l_per_unit_year": "Fuel per unit per year (L/yr)",
    "energy_kwh_per_km": "Energy consumption (kWh/km)",
    "energy_with_ac_kwh_per_km": "Energy consumption with air-conditioning (kWh/km)",
    "energy_kwh_per_unit_year": "Energy per unit per year (kWh/yr)",
    "effective_range_km": "Effective range with air-conditioning (km)",
    "required_range_km": "Range required per day, with reserve (km)",
    "range_gate": "Range check",
    "diesel_ref_l_per_bus_year": "Diesel reference bus: fuel per bus (L/yr)",
    "diesel_ref_co2_t_per_bus_year": "Diesel reference bus: CO₂ per bus (t/yr)",
    "diesel_ref_co2_t_per_year": "Diesel reference fleet: CO₂ (t/yr)",
    "diesel_ref_fuel_pkr_per_bus_year": "Diesel reference bus: fuel cost per bus (PKR/yr)",
    "co2_t_per_year": "CO₂ of the fleet (t/yr)",
    "notes": "Notes",
}


# Inputs of the live life-cycle cost: site parameter key, label, number format.
_LCC_INPUTS: tuple[tuple[str, str, str], ...] = (
    ("discount_rate_pct", "Discount rate (%)", "0.00"),
    ("life_years", "Economic life (years)", "0"),
    ("diesel_pkr_per_l", "Diesel price (PKR/L)", "#,##0.00"),
    ("tariff_pkr_per_kwh", "Electricity tariff (PKR/kWh)", "#,##0.00"),
    ("maintenance_pct_of_price", "Maintenance (% of landed price per year)", "0.00"),
    ("maintenance_pkr_per_km", "Maintenance per km, buses (PKR/km)", "#,##0.00"),
    ("operator_pkr_per_year", "Operators per unit and year (PKR/yr)", _MONEY),
    ("residual_pct", "Residual value at end of life (% of landed price)", "0.00"),
)
# Recorded per-offer quantities the live formulas use: key in "fleet"/"lcc", label, format.
_LCC_RECORDED: tuple[tuple[str, str, str, str], ...] = (
    ("units", "lcc", "units_required", "0"),
    ("landed", "lcc", "landed_price_per_unit_pkr", _MONEY),
    ("charger", "lcc", "charger_pkr_per_unit", _MONEY),
    ("fuel", "fleet", "fuel_l_per_unit_year", "#,##0"),
    ("kwh", "fleet", "energy_kwh_per_unit_year", "#,##0"),
    ("km", "fleet", "annual_km_per_unit", "#,##0"),
    ("battery", "lcc", "battery_replacement_pkr_per_unit", _MONEY),
    ("battery_year", "lcc", "battery_replacement_year", "0"),
)


def _life_cycle(ws: Sheet, ctx: _Context) -> None:
    """Live formulas over the recorded inputs (change the discount rate or the diesel price
    and the fleet life-cycle cost follows), then the application's recorded figures."""
    first = 2
    _top(ws, ctx, "Life-cycle cost", first, [])
    last_col = first + len(ctx.offers) - 1
    _put(ws, ROW_MODEL, 1, "Model / item", font=_BOLD, fill=_HEADER_FILL)
    row = ROW_FIRST
    site = {a["key"]: a.get("value") for a in ctx.result.get("assumptions") or []}
    bus = any(a.get("category") == "electric_bus" for a in ctx.offers)
    _section(ws, row, "Inputs: edit the yellow cells; the formulas below follow", last_col)
    row += 1
    inputs: dict[str, str] = {}
    for key, label, fmt in _LCC_INPUTS:
        value = site.get(key)
        if value is None:
            continue
        _put(ws, row, 1, label)
        _put(ws, row, first, value, fmt=fmt, fill=_INPUT_FILL, align=_RIGHT)
        inputs[key] = f"${_col(first)}${row}"
        row += 1
    row += 1
    _section(ws, row, "Recorded by the application for each offer (protected)", last_col)
    row += 1
    recorded: dict[str, int] = {}
    for name, part, key, fmt in _LCC_RECORDED:
        values = [(alt.get(part) or {}).get(key) for alt in ctx.offers]
        if not any(isinstance(v, int | float) for v in values):
            continue
        label, unit = figure_label(key)
        _put(ws, row, 1, heading(label, unit))
        for index, value in enumerate(values):
            fill = _OUT_FILL if index >= ctx.responsive else None
            _put(ws, row, first + index, value, fmt=fmt, fill=fill)
        recorded[name] = row
        row += 1
    row += 1
    _section(ws, row, "Life-cycle cost computed in this workbook (PKR)", last_col)
    row += 1
    row = _live_lcc(ws, ctx, row, first, inputs, recorded, bus)
    row += 1
    _section(
        ws, row, "Life-cycle cost as recorded (PKR, discounted at the evaluation's rate)", last_col
    )
    row += 1
    known = {key for key, _, _ in _LCC_ROWS} | {"currency"}
    lcc_rows = list(_LCC_ROWS)
    for key in _keys(ctx.offers, "lcc"):
        if key not in known:
            lcc_rows.insert(-1, (key, heading(*figure_label(key)), "General"))
    row = _table_rows(ws, ctx, row, first, "lcc", lcc_rows)
    row += 1
    _section(ws, row, "Fleet sizing (to meet the need)", last_col)
    row += 1
    fleet_rows = [
        (key, _FLEET_LABELS.get(key) or heading(*figure_label(key)), "")
        for key in _keys(ctx.offers, "fleet")
    ]
    _table_rows(ws, ctx, row, first, "fleet", fleet_rows)
    _finish(ws, ctx, freeze=f"B{ROW_FIRST}", widths=_offer_widths(ctx, first, {1: _LABEL_WIDTH}))


def _live_lcc(
    ws: Sheet,
    ctx: _Context,
    row: int,
    first: int,
    inputs: Mapping[str, str],
    recorded: Mapping[str, int],
    bus: bool,
) -> int:
    """Write the engine's life-cycle cost as formulas; return the next row.

    The model: docs/engineering-models.md, 'Life-cycle cost'.
    """
    needed = {"discount_rate_pct", "life_years", "residual_pct"}
    if not needed <= set(inputs) or not {"units", "landed"} <= set(recorded):
        _put(ws, row, 1, "Not computable: the need lacks the life-cycle cost inputs.")
        return row + 1
    rate = f"({inputs['discount_rate_pct']}/100)"
    life = f"INT({inputs['life_years']})"

    def ref(name: str, col: int) -> str:
        return f"{_col(col)}{recorded[name]}" if name in recorded else "0"

    def opt(key: str) -> str:
        return inputs.get(key, "0")

    rows: list[tuple[str, str, Callable[[int], str]]] = [
        ("Purchase per unit, year 0 (landed + charger)", _MONEY,
         lambda c: f"={ref('landed', c)}+{ref('charger', c)}"),
        ("Fuel or energy per unit and year", _MONEY_YEAR,
         lambda c: f"={ref('kwh', c)}*{opt('tariff_pkr_per_kwh')}" if bus
         else f"={ref('fuel', c)}*{opt('diesel_pkr_per_l')}"),
        ("Maintenance per unit and year", _MONEY_YEAR,
         lambda c: f"={ref('landed', c)}*{opt('maintenance_pct_of_price')}/100"
         + (f"+{opt('maintenance_pkr_per_km')}*{ref('km', c)}" if bus else "")),
        ("Operators per unit and year", _MONEY_YEAR, lambda c: f"={opt('operator_pkr_per_year')}"),
    ]  # fmt: skip
    start = row
    for label, _, _ in rows:
        _put(ws, row, 1, label)
        row += 1
    r_capex, r_energy, r_maint, r_ops = start, start + 1, start + 2, start + 3
    extra = [
        ("Running cost per unit and year", _MONEY_YEAR,
         lambda c: f"={_col(c)}{r_energy}+{_col(c)}{r_maint}+{_col(c)}{r_ops}"),
        ("Residual value per unit", _MONEY,
         lambda c: f"={ref('landed', c)}*{inputs['residual_pct']}/100"),
        ("Annuity factor", "0.0000",
         lambda c: f"=IF({rate}=0,{life},(1-(1+{rate})^(-{life}))/{rate})"),
    ]  # fmt: skip
    for label, _, _ in extra:
        _put(ws, row, 1, label)
        row += 1
    r_run, r_res, r_ann = r_ops + 1, r_ops + 2, r_ops + 3

    def battery(c: int) -> str:
        if "battery" not in recorded:
            return ""
        return f"+{ref('battery', c)}/(1+{rate})^{ref('battery_year', c)}"

    last = [
        ("Life-cycle cost per unit (NPV)", _MONEY, lambda c: (
            f"={_col(c)}{r_capex}+{_col(c)}{r_run}*{_col(c)}{r_ann}"
            + battery(c)
            + f"-{_col(c)}{r_res}/(1+{rate})^{life}")),
        ("Life-cycle cost of the fleet (NPV), recalculated", _MONEY,
         lambda c: f"={ref('units', c)}*{_col(c)}{r_ann + 1}"),
    ]  # fmt: skip
    for label, _, _ in last:
        _put(ws, row, 1, label, font=_BOLD)
        row += 1
    every = [*rows, *extra, *last]
    for index, alt in enumerate(ctx.offers):
        col = first + index
        computable = isinstance((alt.get("lcc") or {}).get("npv_total_pkr"), int | float)
        for offset, (_, fmt, make) in enumerate(every):
            if computable:
                _formula(ws, start + offset, col, make(col), fmt=fmt)
            else:
                _put(ws, start + offset, col, "—", fill=_OUT_FILL, align=_RIGHT)
    return row


def _keys(offers: Sequence[Alt], part: str) -> list[str]:
    keys: list[str] = []
    for alt in offers:
        for key in alt.get(part) or {}:
            if key not in keys:
                keys.append(key)
    return keys


def _table_rows(
    ws: Sheet,
    ctx: _Context,
    row: int,
    first: int,
    part: str,
    rows: Sequence[tuple[str, str, str]],
) -> int:
    """One row per key present in any offer's `part` dict; returns the row after them."""
    width = _offer_width(ctx)
    for key, label, fmt in rows:
        values = [(alt.get(part) or {}).get(key) for alt in ctx.offers]
        if all(v is None or v == "" for v in values):
            continue
        bold = key in ("npv_total_pkr", "units_required")
        _put(ws, row, 1, label, font=_BOLD if bold else None)
        cell_format = fmt or _value_format(values)
        for index, value in enumerate(values):
            out = index >= ctx.responsive
            _put(
                ws,
                row,
                first + index,
                value,
                fmt=cell_format,
                font=_BOLD if bold else None,
                fill=_OUT_FILL if out else None,
            )
        _fit_height(ws, row, ((v, width) for v in values if isinstance(v, str)))
        row += 1
    return row


# -- Specifications -----------------------------------------------------------------------


def _specifications(ws: Sheet, ctx: _Context) -> None:
    first = 3
    _top(ws, ctx, "Specifications", first, ["Unit"])
    last_col = first + len(ctx.offers) - 1
    _put(ws, ROW_MODEL, 1, "Model / value", font=_BOLD, fill=_HEADER_FILL)
    stated = [_stated(alt) for alt in ctx.offers]
    row = ROW_FIRST

    def line(label: str, unit: str, values: Sequence[object], fmt: str | None = None) -> None:
        nonlocal row
        if all(v is None for v in values):
            return
        _put(ws, row, 1, label)
        _put(ws, row, 2, unit, align=Alignment(vertical="top"))
        cell_format = fmt or _value_format(values)
        for index, value in enumerate(values):
            out = index >= ctx.responsive
            _put(ws, row, first + index, value, fmt=cell_format, fill=_OUT_FILL if out else None)
        row += 1

    categories = [a.get("category") for a in ctx.offers]
    line("Category", "", [CATEGORY_LABELS.get(str(c), c) for c in categories])
    line("Quoted currency", "", [a.get("currency") for a in ctx.offers])
    line(
        "Quoted unit price converted to PKR", "PKR", [a.get("unit_price_base") for a in ctx.offers]
    )
    for field in FIELDS:
        if field.key in ("unit_price", "currency"):
            continue
        line(field.label, field.unit, [s.get(field.key) for s in stated])
    for kind in DERIVED:
        values: list[object] = []
        for alt in ctx.offers:
            metric = (alt.get("metrics") or {}).get(kind.key) or {}
            values.append(metric.get("value"))
        if all(v is None for v in values):
            continue
        unit = next(
            (
                str(m.get("unit"))
                for a in ctx.offers
                if (m := (a.get("metrics") or {}).get(kind.key)) and m.get("unit")
            ),
            kind.unit.replace("base currency", "PKR"),
        )
        reasons = [
            v if v is not None else _metric_reason(alt, kind.key)
            for alt, v in zip(ctx.offers, values, strict=True)
        ]
        line(f"{kind.label} (derived)", unit, reasons, _value_format(values))
    for criterion in ctx.result.get("criteria") or []:
        if criterion.get("kind") != "judged":
            continue
        key = criterion.get("key")
        values = [(a.get("values") or {}).get(key) for a in ctx.offers]
        label = f"{criterion.get('label')} (mean of members' scores)"
        _put(ws, row, 1, label)
        _put(ws, row, 2, criterion.get("unit"))
        for index, value in enumerate(values):
            shown = value if value is not None else "not scored yet"
            _put(ws, row, first + index, shown, fmt="0.0")
        row += 1
    if ctx.offers:
        ws.auto_filter.ref = f"A{ROW_MODEL}:{_col(last_col)}{max(row - 1, ROW_MODEL + 1)}"
    widths = _offer_widths(ctx, first, {1: _LABEL_WIDTH, 2: 18.0})
    _finish(ws, ctx, freeze=f"{_col(first)}{ROW_FIRST}", widths=widths)


def _stated(alt: Alt) -> dict[str, Any]:
    """The offer's canonical field values found in the result: scored values and the inputs
    of its engineering figures."""
    found: dict[str, Any] = {}
    for metric in (alt.get("metrics") or {}).values():
        for key, value in ((metric or {}).get("inputs") or {}).items():
            if key in FIELD_BY_KEY and value is not None:
                found.setdefault(key, value)
    for key, value in (alt.get("values") or {}).items():
        if key in FIELD_BY_KEY and value is not None:
            found[key] = value
    return found


def _metric_reason(alt: Alt, key: str) -> str | None:
    reason = ((alt.get("metrics") or {}).get(key) or {}).get("reason")
    return str(reason) if reason else None


# -- Assumptions --------------------------------------------------------------------------


def _assumptions(ws: Sheet, ctx: _Context) -> None:
    """One table of six columns, in sections: assumptions, exchange rates, method, options,
    criteria, requirements and the record (so the repeated header fits every page)."""
    result = ctx.result
    title = f"Assumptions and method: {ctx.need}"
    _put(ws, ROW_TITLE, 1, title, font=_TITLE_FONT, align=Alignment())
    _put(ws, ROW_SUBTITLE, 1, ctx.subtitle, font=_NOTE_FONT, align=Alignment())
    if ctx.sample:
        _put(ws, ROW_WARNING, 1, SAMPLE_LABEL, font=_WARNING_FONT, align=Alignment())
    head = ROW_OFFER
    widths = {1: _LABEL_WIDTH, 2: 22.0, 3: 16.0, 4: 12.0, 5: 70.0, 6: 26.0}
    for col, name in enumerate(("Item", "Value", "Unit", "Date", "Source", "Key"), 1):
        _put(ws, head, col, name, font=_BOLD, fill=_HEADER_FILL)
        ws.cell(row=head, column=col).border = Border(bottom=_LINE)
    row = head + 1

    def section(text: str) -> None:
        nonlocal row
        if row > head + 1:
            row += 1
        _section(ws, row, text, 6)
        row += 1

    def line(cells: Sequence[object], fmt: str | None = None) -> None:
        nonlocal row
        for col, value in enumerate(cells, 1):
            _put(ws, row, col, value, fmt=fmt if col == 2 else None)
        _fit_height(ws, row, ((v, widths.get(c, 10.0)) for c, v in enumerate(cells, 1)))
        row += 1

    section("Site and economic assumptions (each editable in the application)")
    first_assumption = row
    for item in result.get("assumptions") or []:
        value, unit = item.get("value"), str(item.get("unit") or "")
        line(
            (
                item.get("label") or item.get("key"),
                value,
                unit_text(unit),
                item.get("date") or "—",
                item.get("source"),
                item.get("key"),
            ),
            _SHARE if unit == "fraction" else _value_format([value]),  # a fraction as a %
        )
    ws.auto_filter.ref = f"A{head}:F{max(row - 1, first_assumption)}"
    section("Exchange rates (State Bank of Pakistan rate on the stated date)")
    for rate in result.get("exchange_rates") or []:
        currency = rate.get("currency")
        line(
            (
                currency,
                rate.get("rate"),
                f"PKR per {currency}",
                rate.get("date"),
                rate.get("source"),
            ),
            "#,##0.0000",
        )
    section("Method and weighting")
    weighting = result.get("weighting") or {}
    ahp = weighting.get("method") == "ahp"
    line(("Method", method_label(ctx.method)))
    line(("Normalisation", result.get("normalisation") or "—"))
    line(("Base currency", result.get("base_currency") or "PKR"))
    line(("Weights", "AHP pairwise comparison" if ahp else "entered directly"))
    if ahp:
        inconsistent = weighting.get("most_inconsistent")
        line(("AHP principal eigenvalue λmax", weighting.get("lambda_max")), "0.0000")
        line(("AHP consistency index CI", weighting.get("ci")), "0.0000")
        line(("AHP consistency ratio CR (acceptable up to 0.10)", weighting.get("cr")), "0.0000")
        pair = " versus ".join(map(str, inconsistent)) if inconsistent else "—"
        line(("Most inconsistent judgement", pair))
        line(("Consistency warning", weighting.get("warning") or "none"))
    section("Options")
    for key, value in (result.get("options") or {}).items():
        line(
            (_OPTION_LABELS.get(key) or figure_label(key)[0], value, None, None, None, key),
            "General",
        )
    section("Criteria and weights, as recorded (Source: better direction and kind)")
    for criterion in result.get("criteria") or []:
        line(
            (
                criterion.get("label"),
                criterion.get("weight"),
                criterion.get("unit"),
                None,
                f"{criterion.get('direction')} is better; {criterion.get('kind')}",
                criterion.get("key"),
            ),
            _SHARE,
        )
    section("Mandatory requirements (Unit: the test applied)")
    for requirement in result.get("requirements") or []:
        value = requirement.get("value")
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        line(
            (
                requirement.get("text"),
                shown,
                requirement.get("op"),
                None,
                None,
                requirement.get("field"),
            )
        )
    section("Record")
    line(("Evaluation no.", result.get("evaluation_id")), "0")
    line(("Status", result.get("status") or "not recorded"))
    line(("Recorded", _date(result.get("created_at"))))
    line(("Content hash (SHA-256)", result.get("content_hash") or "not recorded"))
    ws.merge_cells(start_row=row - 1, start_column=2, end_row=row - 1, end_column=4)
    ws.cell(row=row - 1, column=2).font = _MONO
    ws.cell(row=row - 1, column=2).alignment = Alignment(vertical="top")
    _finish(ws, ctx, freeze=f"B{head + 1}", widths=widths, title_rows=f"{head}:{head}")


_OPTION_LABELS = {
    "normalisation": "Normalisation option",
    "qcbs_technical_weight": "QCBS technical weight t",
    "qcbs_minimum_technical": "QCBS minimum technical score",
    "least_cost_basis": "Least-cost basis",
    "seed": "Sensitivity simulation seed",
    "draws": "Sensitivity simulation draws",
    "concentration": "Sensitivity simulation concentration (Dirichlet)",
}
