"""The settings dialog's quick-reply section: the hotkey, pasting back, the clipboard, abbreviations.

It says first what this platform allows: a global hotkey needs the system's help, which X11 and Windows give to
every program, Wayland gives to none (by design), and this build does not ask macOS for.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.settings import Settings
from app.ui.hotkey import DEFAULT_HOTKEY, Hotkey, HotkeyProblem, platform_name


def platform_note(platform: str) -> str:
    """What the global hotkey can and cannot do here, and why (shown in the dialog)."""
    notes = {
        "x11": QCoreApplication.translate(
            "QuickReplySettings",
            "Linux (X11): the hotkey works in every window. The reply is pasted with a simulated Ctrl+V; "
            "terminals paste with Ctrl+Shift+V, so there the reply stays on the clipboard to paste by hand."),
        "windows": QCoreApplication.translate(
            "QuickReplySettings",
            "Windows: the hotkey works in every window. A program running as administrator does not accept "
            "keys from Deskbook: there the reply stays on the clipboard to paste by hand."),
        "wayland": QCoreApplication.translate(
            "QuickReplySettings",
            "Wayland: the system does not let programs listen to keys typed into other windows or type into "
            "them; that is part of its security design, so there is no global hotkey and no automatic paste. "
            "Open the quick reply from the tray menu or the Edit menu; the finished reply is put on the "
            "clipboard for you to paste with Ctrl+V."),
        "macos": QCoreApplication.translate(
            "QuickReplySettings",
            "macOS: this version has no global hotkey (it would need the Accessibility permission to paste "
            "into other programs). Open the quick reply from the menu bar icon or the Edit menu; the reply "
            "is put on the clipboard."),
    }
    return notes.get(platform) or QCoreApplication.translate(
        "QuickReplySettings", "No global hotkey without a graphical desktop.")


class QuickReplySettings(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None, platform: str | None = None):
        super().__init__(parent)
        self.settings = settings
        self.platform = platform or platform_name(qt_platform=QGuiApplication.platformName())
        supported = self.platform in ("x11", "windows")
        self.setTitle(self.tr("Quick reply from any window"))
        self.note = QLabel(platform_note(self.platform), objectName="hint", wordWrap=True)
        self.enabled = QCheckBox(self.tr("Global hotkey"), checked=settings.hotkey_enabled)
        self.keys = QKeySequenceEdit(QKeySequence(str(settings.hotkey)))
        self.keys.setMaximumSequenceLength(1)
        self.keys.setObjectName("hotkeyEdit")
        reset = QPushButton(self.tr("Default (%1)").replace("%1", DEFAULT_HOTKEY))
        reset.clicked.connect(lambda: self.keys.setKeySequence(QKeySequence(DEFAULT_HOTKEY)))
        self.problem = QLabel(objectName="problem", wordWrap=True)
        self.problem.hide()
        self.paste = QCheckBox(self.tr("Enter pastes the reply into the window I came from"),
                               checked=settings.paste_into_window)
        self.restore = QCheckBox(self.tr("Then put my previous clipboard back after"),
                                 checked=settings.restore_clipboard)
        self.delay = QSpinBox(minimum=100, maximum=10_000, singleStep=100, value=int(settings.restore_clipboard_ms))
        self.delay.setSuffix(self.tr(" ms"))
        self.abbreviations = QCheckBox(self.tr("Abbreviations: a script's trigger (e.g. ;tk) + Enter opens its form"),
                                       checked=settings.abbreviations)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.enabled)
        keys_row.addWidget(self.keys, 1)
        keys_row.addWidget(reset)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore)
        restore_row.addWidget(self.delay)
        restore_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.note)
        form.addRow(keys_row)
        form.addRow(self.problem)
        form.addRow(self.paste)
        form.addRow(restore_row)
        form.addRow(self.abbreviations)
        for widget in (self.enabled, self.keys, reset):
            widget.setEnabled(supported)
        self.paste.setEnabled(supported)
        self.restore.toggled.connect(self.delay.setEnabled)
        self.delay.setEnabled(self.restore.isChecked())

    def hotkey_text(self) -> str:
        return self.keys.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def check(self) -> bool:
        """Whether the chosen hotkey can be one (says why not under the field)."""
        if not self.enabled.isChecked() or not self.enabled.isEnabled():
            return True
        try:
            Hotkey.parse(self.hotkey_text())
        except HotkeyProblem:
            self.problem.setText(self.tr("Use Ctrl, Alt or Meta together with a letter, digit or F-key, e.g. %1.")
                                 .replace("%1", DEFAULT_HOTKEY))
            self.problem.show()
            self.keys.setFocus()
            return False
        self.problem.hide()
        return True

    def apply(self) -> None:
        settings = self.settings
        settings.hotkey_enabled = self.enabled.isChecked()
        with contextlib.suppress(HotkeyProblem):  # the last good one stays (check() said why when the hotkey is on)
            settings.hotkey = Hotkey.parse(self.hotkey_text()).text
        settings.paste_into_window = self.paste.isChecked()
        settings.restore_clipboard = self.restore.isChecked()
        settings.restore_clipboard_ms = self.delay.value()
        settings.abbreviations = self.abbreviations.isChecked()
