"""Page image with zoom, pan, fit-width, rotate, and every field's box drawn over it.

`select_box(row, field)` highlights a box and scrolls to it; clicking a box emits
`box_clicked(row, field)`.
"""

from __future__ import annotations

import math

from desktop.qt import (
    QBrush,
    QColor,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QRectF,
    QSize,
    Qt,
    Signal,
)

ZOOM_STEP = 1.25
_PEN = {"none": QColor(40, 110, 220, 150), "warning": QColor(230, 150, 0, 220), "error": QColor(210, 30, 30, 230)}


class _BoxItem(QGraphicsRectItem):
    def __init__(self, row: int, field: str, rect: QRectF, severity: str) -> None:
        super().__init__(rect)
        self.row, self.field, self.severity = row, field, severity
        self.setAcceptHoverEvents(False)
        self.set_selected(False)

    def set_selected(self, on: bool) -> None:
        pen = QPen(QColor(0, 160, 60) if on else _PEN.get(self.severity, _PEN["none"]))
        pen.setWidthF(4 if on else 2)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(QColor(0, 200, 80, 50)) if on else QBrush(Qt.BrushStyle.NoBrush))
        self.setZValue(2 if on else 1)


class _PageItem(QGraphicsPixmapItem):
    """The page image, drawn smooth at every zoom. Shrunk to the view's width (a 300 dpi page
    at about an eighth of its size), it is drawn from a copy scaled down by averaging every
    pixel, made once for the zoom shown: drawn straight, one pixel in eight was taken and
    the register's ruled lines and the thin strokes of handwriting came and went (8 of 13
    lines were missing at fit width)."""

    SHRUNK = 0.75  # below this scale the averaged copy is drawn

    def __init__(self, image: QImage) -> None:
        super().__init__(QPixmap.fromImage(image))
        self.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._small: tuple[QSize, QPixmap] | None = None

    def paint(self, painter, option, widget=None) -> None:
        t = painter.deviceTransform()
        scale = math.hypot(t.m11(), t.m12())
        if scale >= self.SHRUNK or scale <= 0:
            super().paint(painter, option, widget)
            return
        page = self.pixmap()
        size = QSize(max(1, round(page.width() * scale)), max(1, round(page.height() * scale)))
        if self._small is None or self._small[0] != size:  # (10-20 ms, once for each zoom)
            self._small = (size, page.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        small = self._small[1]
        painter.drawPixmap(QRectF(page.rect()), small, QRectF(small.rect()))


class PageImageView(QGraphicsView):
    """A zoomable, rotatable page image with clickable field boxes."""

    box_clicked = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pageImage")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a page image is never mirrored
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._boxes: dict[tuple[int, str], _BoxItem] = {}
        self._selected: _BoxItem | None = None
        self._zoom = 1.0
        self._rotation = 0
        self.image = QImage()

    # -- content ----------------------------------------------------------
    def set_image(self, image: QImage) -> None:
        """Show a page image (boxes are cleared; call set_boxes after)."""
        self.scene().clear()
        self._boxes.clear()
        self._selected = None
        self.image = image
        self._pixmap_item = None
        if not image.isNull():
            self._pixmap_item = _PageItem(image)
            self.scene().addItem(self._pixmap_item)
        self.scene().setSceneRect(QRectF(image.rect()) if not image.isNull() else QRectF())
        self._rotation = 0
        self.fit_width()

    def set_boxes(self, boxes: dict[tuple[int, str], tuple[tuple[int, int, int, int], str]]) -> None:
        """{(row, field): ((x, y, w, h), worst flag severity or 'none')} in image pixels."""
        keep = self._selected and (self._selected.row, self._selected.field)
        for item in self._boxes.values():
            self.scene().removeItem(item)
        self._boxes.clear()
        self._selected = None
        for (row, field), ((x, y, w, h), sev) in boxes.items():
            item = _BoxItem(row, field, QRectF(x, y, w, h), sev)
            self.scene().addItem(item)
            self._boxes[(row, field)] = item
        if keep and keep in self._boxes:
            self.select_box(*keep, scroll=False)

    def box_count(self) -> int:
        return len(self._boxes)

    def selected_box(self) -> tuple[int, str] | None:
        return (self._selected.row, self._selected.field) if self._selected else None

    def select_box(self, row: int, field: str, *, scroll: bool = True) -> bool:
        """Highlight the box of (row, field) and scroll it into view; False when it has none."""
        if self._selected is not None:
            self._selected.set_selected(False)
            self._selected = None
        item = self._boxes.get((row, field))
        if item is None:
            return False
        item.set_selected(True)
        self._selected = item
        if scroll:
            self.ensureVisible(item, 40, 40)
        return True

    # -- navigation -------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def zoom_by(self, factor: float) -> None:
        new = max(0.05, min(20.0, self._zoom * factor))
        self.scale(new / self._zoom, new / self._zoom)
        self._zoom = new

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        """Scale so the (rotated) page fills the view's width."""
        if self.image.isNull():
            return
        w = self.image.height() if self._rotation % 180 else self.image.width()
        avail = max(50, self.viewport().width() - 4)
        self.resetTransform()
        self._zoom = avail / max(1, w)
        self.scale(self._zoom, self._zoom)
        self.rotate(self._rotation)

    def rotate_by(self, degrees: int = 90) -> None:
        self._rotation = (self._rotation + degrees) % 360
        self.rotate(degrees)

    def rotation(self) -> int:
        return self._rotation

    # -- events -----------------------------------------------------------
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, _BoxItem):
                self.box_clicked.emit(item.row, item.field)
                break
        super().mousePressEvent(event)
