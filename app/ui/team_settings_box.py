"""The settings dialog's section for the service itself: the organisation named in confirmation letters and the
first-response hours per priority (SLA) that new requests get their deadline from.

On a desk joined to a team library these are team settings (``app/team/shared_settings.py``): a KB owner's change
is published with the next sync and every desk takes it; an agent sees them without changing them here, since the
team's next sync would bring the team's values back anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit

from app.model.records import Priority
from app.services import DEFAULT_ORGANIZATION
from app.settings import Settings

OWNER_ROLES = ("owner", "trainer")


class ServiceSettings(QGroupBox):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setTitle(self.tr("Letters and response times"))
        self.organization = QLineEdit(str(settings.extra.get("organization") or ""), objectName="organization")
        self.organization.setPlaceholderText(DEFAULT_ORGANIZATION)
        self.sla: dict[str, QDoubleSpinBox] = {}
        hours = QHBoxLayout()
        for priority in Priority:
            spin = QDoubleSpinBox(objectName=f"sla:{priority.value}", decimals=1, minimum=0.5, maximum=720,
                                  singleStep=1)
            spin.setSuffix(self.tr(" h"))
            spin.setValue(float(settings.sla_hours.get(priority.value) or 24))
            hours.addWidget(QLabel(priority.value))
            hours.addWidget(spin)
            self.sla[priority.value] = spin
        hours.addStretch(1)
        self.hint = QLabel(self._hint(), objectName="hint", wordWrap=True)
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation"), self.organization)
        form.addRow(self.tr("First response within"), hours)
        form.addRow(self.hint)
        for widget in (self.organization, *self.sla.values()):
            widget.setEnabled(self.editable)

    @property
    def team_desk(self) -> bool:
        return bool(self.settings.team_url)

    @property
    def editable(self) -> bool:
        return not self.team_desk or self.settings.role in OWNER_ROLES

    def _hint(self) -> str:
        if not self.team_desk:
            return self.tr("The organisation signs confirmation letters; a new request's first-response deadline is "
                           "its priority's hours from when it came in (existing deadlines stay).")
        if self.editable:
            return self.tr("Team settings: the organisation signs every desk's confirmation letters and the hours set "
                           "new requests' first-response deadlines. Your change goes to every desk with the next "
                           "sync.")
        return self.tr("Team settings, shared through the team library: the organisation signs confirmation letters "
                       "and the hours set new requests' first-response deadlines. A KB owner changes them.")

    def apply(self) -> bool:
        """Copy the values into the settings; True when one changed (a team desk's sync then shares them)."""
        if not self.editable:
            return False
        organization = self.organization.text().strip()
        sla = {**self.settings.sla_hours, **{name: _number(spin.value()) for name, spin in self.sla.items()}}
        changed = organization != str(self.settings.extra.get("organization") or "") or sla != self.settings.sla_hours
        if organization:
            self.settings.extra["organization"] = organization
        else:
            self.settings.extra.pop("organization", None)  # the default, 客户服务中心
        self.settings.sla_hours = sla
        return changed


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 1)
