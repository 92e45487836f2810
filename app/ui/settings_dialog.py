"""Settings an agent changes: the UI language, the name written into records and verifications, the letters'
organisation and the response hours (team settings on a team desk), the quick reply."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from app.settings import Settings
from app.ui.language import LANGUAGES
from app.ui.quick_reply_settings import QuickReplySettings
from app.ui.team_settings_box import ServiceSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.user_name = QLineEdit(settings.user_name)
        self.user_name.setPlaceholderText(self.tr("e.g. 王小敏"))
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Your name"), self.user_name)
        form.addRow(QLabel(self.tr("Your name is recorded when you verify an article or write a record."),
                           objectName="hint", wordWrap=True))
        self.update_source = QLineEdit(settings.update_source)
        self.update_source.setPlaceholderText(self.tr("e.g. %1 or %2").replace("%1", r"\\fileserver\tools\Deskbook")
                                              .replace("%2", "https://…/deskbook/"))
        form.addRow(self.tr("Update location"), self.update_source)
        form.addRow(QLabel(self.tr("The folder or address where your team publishes new installers (latest.json). "
                                   "Deskbook looks there now and then and says so in the status bar."),
                           objectName="hint", wordWrap=True))
        self.service = ServiceSettings(settings)  # the letters' organisation and the SLA hours
        form.addRow(self.service)
        self.quick_reply = QuickReplySettings(settings)
        form.addRow(self.quick_reply)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def accept(self) -> None:
        if self.quick_reply.check():  # a hotkey that cannot be one keeps the dialog open, saying why
            super().accept()

    def apply(self) -> bool:
        """Copy the choices into the settings; True when the language changed."""
        language = self.language.currentData()
        changed = language != self.settings.language
        self.settings.language = language
        self.settings.user_name = self.user_name.text().strip()
        self.settings.update_source = self.update_source.text().strip()
        self.service.apply()
        self.quick_reply.apply()
        return changed
