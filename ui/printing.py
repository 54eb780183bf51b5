"""Print the evaluation report: the same PDF, rendered page by page (pypdfium2), shown in
Qt's print preview and sent to the system's print dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

RENDER_DPI = 150


def render_pages(pdf_path: str | Path, dpi: int = RENDER_DPI) -> list[QImage]:
    """Render every page of a PDF to an image (safe off the GUI thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    images = []
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            array = bitmap.to_numpy()
            height, width = array.shape[:2]
            image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels: the bitmap goes away
    finally:
        document.close()
    return images


def paint_pages(printer: QPrinter, pages: Sequence[QImage]) -> None:
    """Draw each page image on its own printer page, scaled to fit, centred."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (area.width() - size.width()) // 2
            y = (area.height() - size.height()) // 2
            painter.drawImage(QRect(x, y, size.width(), size.height()), image)
    finally:
        painter.end()


def landscape_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def preview_and_print(parent: QWidget, pages: Sequence[QImage]) -> None:
    """Show the print preview; its Print button opens the system print dialog."""
    printer = landscape_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print the evaluation report")
    dialog.paintRequested.connect(lambda target: paint_pages(target, pages))
    dialog.exec()
