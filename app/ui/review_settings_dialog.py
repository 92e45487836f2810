"""Default review intervals per kind (案例 / 话术 / 手册), optionally applied to articles still on the old default."""

from __future__ import annotations

from collections.abc import Callable

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

    def apply(self, on_done: Callable[[int], None] | None = None) -> int | None:
        """Save the defaults (a write of the runner: moving many articles takes a while); ``on_done`` gets how many
        articles moved to a new interval. Returns that number when the write has already finished as this returns
        (the synchronous runner of tests and scripts), else None."""
        curation, existing = self.desk.curation, self.apply_existing.isChecked()
        days = {kind: spin.value() for kind, spin in self.spins.items()}
        finished: list[int] = []

        def write() -> int:
            return sum(curation.set_kind_default(kind, value, apply_to_existing=existing) for kind, value in days.items())

        def done(changed: int) -> None:
            finished.append(changed)
            if changed:
                self.context.nav.sig_data_changed.emit()
            if on_done is not None:
                on_done(changed)

        self.context.runner.write(write, done)
        return finished[0] if finished else None
