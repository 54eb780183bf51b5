"""Open an offer file safely into grids of cells, whatever its name claims it is.

The file's first bytes decide what it is (ZIP: .xlsx/.xlsm/.ods; OLE2: .xls or an encrypted
workbook; text: CSV), never its extension. Before any reader runs, a ZIP archive's declared
sizes are checked (a decompression bomb is refused without inflating it) and its XML parts
are checked for document type declarations (entity expansion tricks). Sheets larger than any
offer file are refused. Each refusal is an InvalidInput naming the file and the reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procure.errors import InvalidInput, unreadable

MAX_FILE_BYTES = 50_000_000
MAX_UNCOMPRESSED_BYTES = 150_000_000
MAX_COMPRESSION_RATIO = 150
MAX_ZIP_MEMBERS = 5_000
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
XML_HEAD_BYTES = 4096

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
# Files sent in place of a spreadsheet, told by their first bytes.
NOT_SPREADSHEETS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"<html", "a web page"),
    (b"<!DOCTYPE", "a web page or XML document"),
    (b"<?xml", "an XML document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    # Merged ranges as ((first row, first column), (last row, last column)), 0-based.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Workbook:
    path: Path
    kind: str  # "xlsx" | "ods" | "xls" | "csv"
    sheet_names: list[str]
    read_sheet: Callable[[str], Sheet]  # read one sheet's cells (only those that are needed)
    delimiter: str | None = None
    encoding: str | None = None
    # sheet name -> (row, column), 0-based, of formula cells saved without their value
    uncalculated: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _sheets: dict[str, Sheet] = field(default_factory=dict)

    def load(self, name: str) -> Sheet:
        """Return a sheet's cells, reading them once."""
        if name not in self._sheets:
            self._sheets[name] = self.read_sheet(name)
        return self._sheets[name]


def prefetch(path: str | Path) -> Workbook:
    """Open a workbook and read its first sheet: run on a thread while the store opens
    (python-calamine releases the GIL while it parses)."""
    workbook = open_workbook(path)
    workbook.load(workbook.sheet_names[0])
    return workbook


def _refuse(path: Path, reason: str) -> InvalidInput:
    return InvalidInput(f"{path.name}: {reason}")


def open_workbook(path: str | Path) -> Workbook:
    """Identify and safety-check a file; return a workbook whose sheets load on demand."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise unreadable(path, exc, "a spreadsheet") from None
    if size == 0:
        raise _refuse(path, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"the file is too large for an offer spreadsheet ({size:,} bytes; "
            f"at most {MAX_FILE_BYTES:,})",
        )
    for magic, what in NOT_SPREADSHEETS:
        if head.startswith(magic) or head.lower().startswith(magic.lower()):
            raise _refuse(
                path, f"not a spreadsheet ({what}); open it and save it as .xlsx, .ods or .csv"
            )
    if head.startswith(ZIP_MAGIC):
        return _open_zip(path)
    if head.startswith(OLE_MAGIC):
        return _open_ole(path)
    return _open_csv(path)


def _open_zip(path: Path) -> Workbook:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _refuse(path, "not a spreadsheet (a damaged ZIP archive)") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise _refuse(path, f"not a spreadsheet: the archive holds {len(members):,} parts")
        total = 0
        for member in members:
            total += member.file_size
            if total > MAX_UNCOMPRESSED_BYTES:
                raise _refuse(
                    path,
                    "refused: the workbook would decompress to more than "
                    f"{MAX_UNCOMPRESSED_BYTES // 1_000_000} MB, too large for an "
                    "offer spreadsheet (a decompression bomb?)",
                )
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1_000_000 and ratio > MAX_COMPRESSION_RATIO:
                raise _refuse(
                    path,
                    f"refused: part {member.filename} would decompress "
                    f"{ratio:,.0f} times its size, too large to be a real sheet "
                    "(a decompression bomb?)",
                )
        names = {m.filename for m in members}
        if "xl/workbook.xml" in names:
            kind = "xlsx"
        elif "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
            kind = "ods"
        else:
            raise _refuse(path, "not a spreadsheet (a ZIP archive without a workbook)")
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _check_xml_head(path, archive, member)
        uncalculated: dict[str, list[tuple[int, int]]] = {}
        if kind == "xlsx":
            parts = _sheet_parts(archive)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(
                    ".xml"
                ):
                    cells = _check_sheet_extent(path, archive, member)
                    if cells and member.filename in parts:
                        uncalculated[parts[member.filename]] = cells
    workbook = _calamine_workbook(path, kind)
    workbook.uncalculated = uncalculated
    return workbook


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each worksheet part to its sheet's name (workbook.xml and its relationships)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)
    }
    targets.update(
        {
            m.group(2): m.group(1)
            for m in re.finditer(r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)
        }
    )
    parts = {}
    for m in re.finditer(r'<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', book):
        target = targets.get(m.group(2), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[part] = _xml_unescape(m.group(1))
    return parts


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


_DIMENSION = re.compile(rb'<dimension\s+ref="(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)"')
_CELL_REF = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<row\s[^>]*?r="([0-9]{1,7})"')
# A reference that could lie beyond MAX_COLUMNS (three letters: column 703 on) or MAX_ROWS
# (six digits): a plain text search, fast enough to pass over an ordinary sheet's hundreds of
# thousands of references; only a part of the sheet holding one is measured reference by
# reference.
_MAYBE_FAR = re.compile(rb'r="(?:[A-Z]{3}|[A-Z]*0*[1-9][0-9]{5})')


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


_CELL = re.compile(rb"<c\s([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


def _check_sheet_extent(
    path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo
) -> list[tuple[int, int]]:
    """Refuse a sheet whose cells reach further than any offer sheet, before a reader
    allocates its whole rectangle: from the sheet's dimension record, then by streaming its
    cell references (a file may state no dimension, or a false one). Return the places of
    formula cells saved without their value (0-based row, column)."""
    rows = columns = 0
    tail = b""
    uncalculated: list[tuple[int, int]] = []
    with archive.open(member) as part:
        while block := part.read(1 << 20):
            chunk = tail + block
            if rows == 0 and columns == 0 and (found := _DIMENSION.search(chunk[:8192])):
                columns, rows = _column_number(found.group(1)), int(found.group(2))
                _refuse_extent(path, member, rows, columns)
            cut = chunk.rfind(b"</c>")
            cut = len(chunk) - 64 if cut < 0 else cut + 4
            done, tail = chunk[:cut], chunk[cut:]
            if _MAYBE_FAR.search(done):
                for ref in _CELL_REF.finditer(done):
                    columns = max(columns, _column_number(ref.group(1)))
                    rows = max(rows, int(ref.group(2)))
                for ref in _ROW_REF.finditer(done):
                    rows = max(rows, int(ref.group(1)))
                _refuse_extent(path, member, rows, columns)
            if b"<f" in done:
                for cell in _CELL.finditer(done):
                    body = cell.group(2) or b""
                    if (
                        b"<f" in body
                        and b"<v" not in body
                        and (place := _REF.search(cell.group(1)))
                    ):
                        uncalculated.append(
                            (int(place.group(2)) - 1, _column_number(place.group(1)) - 1)
                        )
    return uncalculated


def _refuse_extent(path: Path, member: zipfile.ZipInfo, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _refuse(
            path,
            f"a sheet ({member.filename}) reaches row {rows:,} and column {columns:,}: too "
            f"large for an offer sheet (at most {MAX_ROWS:,} rows × {MAX_COLUMNS:,} columns)",
        )


def _check_xml_head(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    with archive.open(member) as part:
        head = part.read(XML_HEAD_BYTES)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _refuse(
            path,
            f"refused: part {member.filename} declares a DOCTYPE with XML "
            "entities, which no real workbook needs (an entity expansion or "
            "external entity attack?)",
        )


def _open_ole(path: Path) -> Workbook:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _refuse(
            path,
            "the workbook is encrypted (password-protected); save an "
            "unprotected copy and import that",
        )
    if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
        raise _refuse(path, "not a spreadsheet (an OLE2 document without a workbook)")
    return _calamine_workbook(path, "xls")


def _calamine_workbook(path: Path, kind: str) -> Workbook:
    from python_calamine import CalamineWorkbook

    try:
        # By content, not by name: an .xls that is really .xlsx, an .ods named .xlsx.
        with path.open("rb") as handle:
            book = CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))
        names = list(book.sheet_names)
    except Exception as exc:
        raise _refuse(path, f"not a readable spreadsheet ({_reason(exc)})") from None

    def load(name: str) -> Sheet:
        try:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
                raise _refuse(
                    path,
                    f"sheet '{name}' is too large for an offer sheet "
                    f"({sheet.total_height:,} rows × {sheet.total_width:,} "
                    f"columns; at most {MAX_ROWS:,} × {MAX_COLUMNS:,})",
                )
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except InvalidInput:
            raise
        except Exception as exc:
            if "password" in str(exc).casefold() or "encrypt" in str(exc).casefold():
                raise _refuse(
                    path,
                    "the workbook is encrypted (password-protected); save an "
                    "unprotected copy and import that",
                ) from None
            raise _refuse(path, f"sheet '{name}' cannot be read ({_reason(exc)})") from None
        return Sheet(name, rows, merged)

    if not names:
        raise _refuse(path, "the workbook has no sheets")
    return Workbook(path, kind, names, load)


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    utf16 = _utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16).lstrip("\ufeff"), utf16
        except UnicodeDecodeError:
            raise _refuse(path, "UTF-16 text that cannot be decoded: save it as UTF-8") from None
    if b"\x00" in data:
        raise _refuse(path, "not a spreadsheet (binary data, not text or a workbook)")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    if "\ufffd" in text or controls > len(text) // 100:
        raise _refuse(path, "not a spreadsheet (neither UTF-8 nor Windows-1251 text)")
    return text, "cp1251"


def _utf16(data: bytes) -> str | None:
    """Excel's "Unicode text" and some exports are UTF-16: told by the byte-order mark, or by
    every other byte of Latin text being zero."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4000]
    if len(head) >= 8:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > len(head) * 0.4 and even == 0:
            return "utf-16-le"
        if even > len(head) * 0.4 and odd == 0:
            return "utf-16-be"
    return None


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t|"}
        return max(counts, key=lambda d: counts[d])


def _open_csv(path: Path) -> Workbook:
    text, encoding = _decode(path, path.read_bytes())
    delimiter = _sniff_delimiter(text)
    rows: list[list[Any]] = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if len(row) > MAX_COLUMNS:
            raise _refuse(
                path, f"too many columns for an offer sheet ({len(row):,}; at most {MAX_COLUMNS:,})"
            )
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise _refuse(path, f"too many rows for an offer sheet (more than {MAX_ROWS:,})")
    if not any(any(c.strip() for c in row) for row in rows):
        raise _refuse(path, "the file is empty (no cells with text)")
    sheet = Sheet(path.stem, rows)
    return Workbook(path, "csv", [path.stem], lambda _name: sheet, delimiter, encoding)
