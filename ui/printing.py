"""Print the evaluation report: preview the PDF's pages, then send the PDF itself (vector
text, sharp at any resolution) to the printer the user chose.

The preview shows pages rendered by pypdfium2. Printing hands the PDF to the system: to a
file when "Print to PDF" is chosen (the same file), through CUPS' `lp` where there is one,
through the shell's print verb on Windows; only where none exists are the pages rendered
at the printer's resolution (at most PRINT_DPI) and painted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

RENDER_DPI = 150  # the preview
PRINT_DPI = 300  # a painted print, only where the PDF cannot be sent as it is


def render_pages(pdf_path: str | Path, dpi: int = RENDER_DPI) -> list[QImage]:
    """Render every page of a PDF to an image (safe off the GUI thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    images = []
    try:
        for index in range(len(document)):
            images.append(_render(document[index], dpi))
    finally:
        document.close()
    return images


def _render(page: object, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # type: ignore[attr-defined]
    array = bitmap.to_numpy()
    height, width = array.shape[:2]
    image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: the bitmap goes away


def paint_pages(printer: QPrinter, pages: Sequence[QImage]) -> None:
    """Draw each page image on its own printer page, scaled to fit, centred."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            _draw(painter, printer, image)
    finally:
        painter.end()


def _draw(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = (area.width() - size.width()) // 2
    y = (area.height() - size.height()) // 2
    painter.drawImage(QRect(x, y, size.width(), size.height()), image)


def paint_pdf(printer: QPrinter, pdf_path: str | Path) -> None:
    """Render each page at the printer's resolution (at most PRINT_DPI), one at a time."""
    import pypdfium2

    dpi = max(72, min(printer.resolution(), PRINT_DPI))
    document = pypdfium2.PdfDocument(str(pdf_path))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            return
        for index in range(len(document)):
            if index:
                printer.newPage()
            _draw(painter, printer, _render(document[index], dpi))
        painter.end()
    finally:
        document.close()


def user_permissions(path: str | Path) -> None:
    """Give a file the permissions the user's new files get (umask), not 0600."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def send_pdf(printer: QPrinter, pdf_path: str | Path) -> str:
    """Print the PDF on the chosen printer; return what was done, as a sentence."""
    target = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target:
        shutil.copyfile(pdf_path, target)
        user_permissions(target)
        return f"Saved the report as {target}."
    lp = shutil.which("lp")
    name = printer.printerName()
    if lp is not None:
        command = [lp, "-n", str(max(1, printer.copyCount()))]
        if name:
            command += ["-d", name]
        subprocess.run([*command, str(pdf_path)], check=True, capture_output=True, timeout=60)
        return f"Sent the report to {name or 'the default printer'}."
    if sys.platform == "win32":
        os.startfile(str(pdf_path), "print")  # type: ignore[attr-defined]  # the default printer
        return "Sent the report to the default printer."
    paint_pdf(printer, pdf_path)
    return f"Printed the report on {name or 'the printer'}."


def landscape_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


class PrintPreview(QDialog):
    """The report's pages as they will print (landscape A4), and a Print… button."""

    def __init__(self, pages: Sequence[QImage], pdf_path: str | Path, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle("Print the evaluation report")
        self.pdf_path = Path(pdf_path)
        self.printer = landscape_printer()
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.setObjectName("print_preview")
        self.preview.paintRequested.connect(lambda target: paint_pages(target, pages))
        self.preview.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
        self.note = QLabel(
            f"{len(pages)} pages, landscape A4. Print sends the report itself, so text "
            "prints sharp.",
            self,
        )
        self.note.setWordWrap(True)
        zoom_in, zoom_out, fit = (QPushButton(t, self) for t in ("Zoom in", "Zoom out", "Fit"))
        zoom_in.clicked.connect(lambda: self.preview.zoomIn())
        zoom_out.clicked.connect(lambda: self.preview.zoomOut())
        fit.clicked.connect(self.preview.fitInView)
        self.print_button = QPushButton("Print…", self)
        self.print_button.setObjectName("print_now")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.choose_and_print)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        for button in (zoom_in, zoom_out, fit):
            row.addWidget(button)
        row.addWidget(self.note, 1)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        screen = QGuiApplication.primaryScreen()
        free = screen.availableGeometry().size() if screen is not None else None
        width, height = (1000, 680) if free is None else (free.width() - 24, free.height() - 60)
        self.resize(max(640, min(width, 1500)), max(480, min(height, 1060)))
        self.done_text = ""

    def choose_and_print(self) -> None:
        from ui.messages import show_error

        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.done_text = send_pdf(self.printer, self.pdf_path)
        except (OSError, subprocess.SubprocessError) as exc:
            from procure.errors import ProcureError

            show_error(self, ProcureError(f"The report could not be printed: {exc}."))
            return
        self.note.setText(self.done_text)
        self.accept()


def preview_and_print(parent: QWidget, pages: Sequence[QImage], pdf_path: str | Path) -> None:
    """Show the print preview; its Print button opens the system print dialog."""
    PrintPreview(pages, pdf_path, parent).exec()
