"""Horizontal stacked bar charts painted with QPainter (QtCharts is not in
PySide6-Essentials): weighted contributions, life-cycle cost, first-rank probability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from procure.report_model import build, elide
from procure.text import CHART_COLOURS, series_colours

PALETTE = CHART_COLOURS
ROW, LABEL_WIDTH, LEGEND_WIDTH = 24, 230, 210


class StackedBars(QWidget):
    """One bar per offer, one coloured part per series; negative parts go left of zero."""

    def __init__(self, title: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.unit = title, unit
        self.names: list[str] = []
        self.series: list[str] = []
        self.values: list[list[float]] = []  # per series, per offer
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(
        self, names: Sequence[str], series: Sequence[str], values: Sequence[Sequence[float]]
    ) -> None:
        self.names, self.series = list(names), list(series)
        self.values = [list(v) for v in values]
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, 50 + ROW * max(len(self.names), len(self.series), 1))

    def _range(self) -> tuple[float, float]:
        low = min(
            (sum(min(s[i], 0.0) for s in self.values) for i in range(len(self.names))), default=0.0
        )
        high = max(
            (sum(max(s[i], 0.0) for s in self.values) for i in range(len(self.names))), default=0.0
        )
        return low, high if high > low else low + 1.0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawText(4, 14, f"{self.title} ({self.unit})")
        low, high = self._range()
        colours = series_colours(self.series)
        left = LABEL_WIDTH
        width = max(self.width() - LABEL_WIDTH - LEGEND_WIDTH - 70, 50)  # room for the totals
        scale = width / (high - low)
        zero = left + (0 - low) * scale
        for i, name in enumerate(self.names):
            y = 24 + i * ROW
            painter.setPen(QColor("#333333"))
            painter.drawText(
                QRectF(4, y, LABEL_WIDTH - 8, ROW - 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                elide(name, 34),
            )
            positive, negative = zero, zero
            for s, values in enumerate(self.values):
                value = values[i]
                colour = QColor(colours[s])
                if value >= 0:
                    rect = QRectF(positive, y + 3, value * scale, ROW - 8)
                    positive += value * scale
                else:
                    negative += value * scale
                    rect = QRectF(negative, y + 3, -value * scale, ROW - 8)
                painter.fillRect(rect, colour)
            total = sum(values[i] for values in self.values)
            painter.setPen(QColor("#333333"))
            painter.drawText(
                QRectF(positive + 4, y, 90, ROW - 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{total:,.1f}",
            )
        painter.setPen(QColor("#555555"))
        bottom = 24 + len(self.names) * ROW
        painter.drawLine(int(zero), 20, int(zero), bottom)
        painter.drawText(int(left), bottom + 14, f"{low:,.0f}")
        painter.drawText(int(left + width - 60), bottom + 14, f"{high:,.0f}")
        for s, label in enumerate(self.series):
            y = 24 + s * ROW
            x = self.width() - LEGEND_WIDTH
            painter.fillRect(QRectF(x, y + 5, 12, 12), QColor(colours[s]))
            painter.setPen(QColor("#333333"))
            painter.drawText(
                QRectF(x + 18, y, LEGEND_WIDTH - 20, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                elide(label, 30),
            )
        painter.end()


def ranked_names(result: Mapping[str, Any]) -> list[str]:
    """Chart labels of the ranked offers, rank 1 first: bid, model and bidder, so that two
    bidders offering the same model stay apart."""
    return [offer.short(34) for offer in build(result).ranked]
