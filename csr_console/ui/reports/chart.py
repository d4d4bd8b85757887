"""BarChart: the reports' bar charts and histograms, painted with QPainter.

Drawn here rather than with a charting library: the reports need categories on one axis and one to
four counts per category, nothing more. Measured for these charts (benchmarks/RESULTS.md, "reports"):
Qt Charts (PySide6-Addons) is deprecated since Qt 6.10 and adds 175 MB to download and 417 MB to
install, for 4-10 ms a chart; pyqtgraph adds 82 MB with numpy, 0.6-1 s to import and 18-25 ms a chart.
This widget adds nothing to install and paints one in 1-3 ms."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from csr_console.ui.tooltips import plain_tooltip

#: Colour-blind-safe series colours (Okabe and Ito).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")
NO_DATA = QT_TRANSLATE_NOOP("BarChart", "No data for this period")
_PAD = 8.0
_TICKS = 4  # grid lines above zero


def count_text(value: float) -> str:
    return f"{value:,.0f}"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at or above `value` (1 for nothing), so the grid has round steps."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 5.0, 10.0) if step * power >= value)


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._categories: tuple[str, ...] = ()
        self._series: tuple[tuple[str, tuple[float, ...]], ...] = ()
        self._value_text: Callable[[float], str] = count_text
        self._plot = QRectF()  # where the bars went at the last paint, for tooltips
        self.setAccessibleName(title)

    @property
    def title(self) -> str:
        return self._title

    @property
    def categories(self) -> tuple[str, ...]:
        return self._categories

    @property
    def series(self) -> tuple[tuple[str, tuple[float, ...]], ...]:
        """(name, one value per category) of each series, in drawing order."""
        return self._series

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float]]],
        *,
        value_text: Callable[[float], str] = count_text,
    ) -> None:
        self._categories = tuple(categories)
        self._series = tuple((name, tuple(values)) for name, values in series)
        self._value_text = value_text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    # -- painting --------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text_colour)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(_PAD, _PAD, -_PAD, -_PAD)

        title_box = QRectF(area.left(), area.top(), area.width(), line)
        painter.drawText(title_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        if len(self._series) > 1:
            self._paint_legend(painter, metrics, title_box)
        area.setTop(title_box.bottom() + _PAD)

        peak = max((v for _, values in self._series for v in values), default=0.0)
        if not self._categories or peak <= 0:
            self._plot = QRectF()
            painter.drawText(
                area, Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("BarChart", NO_DATA)
            )
            return
        top = nice_ceiling(peak)
        ticks = [top * i / _TICKS for i in range(_TICKS + 1)]
        axis_width = max(metrics.horizontalAdvance(self._value_text(t)) for t in ticks) + _PAD
        plot = QRectF(area.left() + axis_width, area.top() + line, 0, 0)  # room for the top bar's value
        plot.setRight(area.right())
        plot.setBottom(area.bottom() - line - _PAD / 2)
        self._plot = plot

        grid = QColor(text_colour)
        grid.setAlpha(40)
        for tick in ticks:
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            label = QRectF(area.left(), y - line / 2, axis_width - _PAD / 2, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._value_text(tick)
            )

        slot = plot.width() / len(self._categories)
        bar = slot * 0.8 / len(self._series)
        for number, (_, values) in enumerate(self._series):
            colour = QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)])
            for index, value in enumerate(values):
                height = plot.height() * value / top
                x = plot.left() + slot * (index + 0.1) + bar * number
                painter.fillRect(QRectF(x, plot.bottom() - height, bar, height), colour)
                if len(self._series) == 1 and value > 0:
                    self._paint_value(
                        painter, metrics, QRectF(x, plot.bottom() - height - line, bar, line), value
                    )

        self._paint_categories(painter, metrics, plot, slot)

    def _paint_legend(self, painter: QPainter, metrics: QFontMetricsF, box: QRectF) -> None:
        swatch = metrics.height() * 0.7
        x = box.right()
        for number, (name, _) in reversed(list(enumerate(self._series))):
            width = metrics.horizontalAdvance(name)
            x -= width
            painter.drawText(QRectF(x, box.top(), width, box.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x -= swatch + 4
            square = QRectF(x, box.center().y() - swatch / 2, swatch, swatch)
            painter.fillRect(square, QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)]))
            x -= 2 * _PAD

    def _paint_value(self, painter: QPainter, metrics: QFontMetricsF, box: QRectF, value: float) -> None:
        text = self._value_text(value)
        if metrics.horizontalAdvance(text) <= box.width() + _PAD:  # else it would run into the next bar
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_categories(self, painter: QPainter, metrics: QFontMetricsF, plot: QRectF, slot: float) -> None:
        widest = max(metrics.horizontalAdvance(name) for name in self._categories) + _PAD
        # Every label when they fit, else every n-th (the tooltip names every bar); long ones elided.
        every = math.ceil(widest / slot)
        room = slot * every - _PAD / 2
        for index in range(0, len(self._categories), every):
            name = metrics.elidedText(self._categories[index], Qt.TextElideMode.ElideRight, room)
            box = QRectF(
                plot.left() + slot * (index + 0.5) - room / 2,
                plot.bottom() + _PAD / 2,
                room,
                metrics.height(),
            )
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)

    # -- tooltips --------------------------------------------------------------------------------------
    def category_at(self, x: float) -> int | None:
        """The category whose slot holds `x` (widget coordinates), as painted last; None outside."""
        if self._plot.isEmpty() or not self._plot.left() <= x < self._plot.right():
            return None
        return int((x - self._plot.left()) / (self._plot.width() / len(self._categories)))

    def tooltip_text(self, index: int) -> str:
        figures = ", ".join(
            self.tr("{series} {value}").format(series=name, value=self._value_text(values[index]))
            for name, values in self._series
        )
        return self.tr("{category}: {figures}").format(category=self._categories[index], figures=figures)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.category_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.tooltip_text(index)) or "", self)
            return True
        return super().event(event)
