"""Default review intervals per kind (案例 / 话术 / 手册), optionally applied to articles still on the old default."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox

from app.model import Kind
from app.ui.context import AppContext


class ReviewIntervalsDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.setWindowTitle(self.tr("Review intervals"))
        self.spins: dict[Kind, QSpinBox] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("How often each kind of article should be checked, by default."),
                           objectName="hint", wordWrap=True))
        for kind in Kind:
            spin = QSpinBox(minimum=1, maximum=3650, suffix=self.tr(" days"))
            spin.setValue(self.desk.settings.review_days_for(kind.value))
            spin.setObjectName(f"interval_{kind.value}")
            self.spins[kind] = spin
            form.addRow(kind.label_zh, spin)
        self.apply_existing = QCheckBox(self.tr("Also change articles that still use the old default"), checked=True)
        form.addRow(self.apply_existing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> int:
        """Save the defaults; returns how many articles moved to a new interval."""
        changed = 0
        for kind, spin in self.spins.items():
            changed += self.desk.curation.set_kind_default(kind, spin.value(),
                                                           apply_to_existing=self.apply_existing.isChecked())
        if changed:
            self.context.nav.sig_data_changed.emit()
        return changed
