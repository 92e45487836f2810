"""The tray icon: a badge with the number of due items, a menu to jump to 今日待办, a notice when more fall due."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


def app_icon(count: int = 0, size: int = 64) -> QIcon:
    """The app's icon drawn in code (no image files to ship), with a red badge when ``count`` > 0."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1d4ed8"))
    margin = size // 16
    painter.drawRoundedRect(QRect(margin, margin, size - 2 * margin, size - 2 * margin), size // 5, size // 5)
    # an open book: two pages and a spine
    painter.setBrush(QColor("#ffffff"))
    w, h = size * 0.30, size * 0.42
    top = size * 0.30
    painter.drawRoundedRect(int(size * 0.18), int(top), int(w), int(h), 3, 3)
    painter.drawRoundedRect(int(size * 0.52), int(top), int(w), int(h), 3, 3)
    if count > 0:
        text = str(count) if count < 100 else "99+"
        diameter = int(size * (0.56 if len(text) < 3 else 0.66))
        painter.setBrush(QColor("#dc2626"))
        painter.drawEllipse(QRect(size - diameter, 0, diameter, diameter))
        font = QFont()
        font.setPixelSize(int(diameter * (0.62 if len(text) == 1 else 0.48)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRect(size - diameter, 0, diameter, diameter), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class DueTray(QObject):
    """Wraps QSystemTrayIcon; works (as a no-op) where the platform has no tray, e.g. headless tests."""

    sig_show_window = Signal()
    sig_show_today = Signal()
    sig_quick_reply = Signal()  # the quick palette, for when the global hotkey is unavailable
    sig_quit = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.count = 0
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon: QSystemTrayIcon | None = None
        if self.available:
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.menu = QMenu()
            self.show_action = self.menu.addAction("", self.sig_show_window.emit)
            self.today_action = self.menu.addAction("", self.sig_show_today.emit)
            self.quick_action = self.menu.addAction("", self.sig_quick_reply.emit)
            self.menu.addSeparator()
            self.quit_action = self.menu.addAction("", self.sig_quit.emit)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.retranslate()
            self.icon.show()

    def retranslate(self) -> None:
        if self.icon is not None:
            self.show_action.setText(self.tr("Show Deskbook"))
            self.today_action.setText(self.tr("Today…"))
            self.quick_action.setText(self.tr("Quick reply…"))
            self.quit_action.setText(self.tr("Quit"))
            self._update_tooltip()

    def set_count(self, count: int) -> None:
        grew = count > self.count
        self.count = count
        if self.icon is None:
            return
        self.icon.setIcon(app_icon(count))
        self._update_tooltip()
        if grew:
            self.icon.showMessage(self.tr("Deskbook"), self.tr("%1 items are due today.").replace("%1", str(count)),
                                  QSystemTrayIcon.MessageIcon.Information, 8000)

    def notify(self, text: str) -> bool:
        """A tray message; False where there is no tray to show it."""
        if self.icon is None:
            return False
        self.icon.showMessage(self.tr("Deskbook"), text, QSystemTrayIcon.MessageIcon.Information, 6000)
        return True

    def _update_tooltip(self) -> None:
        if self.icon is not None:
            self.icon.setToolTip(self.tr("Deskbook — %1 due").replace("%1", str(self.count)))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.sig_show_window.emit()
