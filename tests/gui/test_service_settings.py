"""The settings dialog's organisation (named in confirmation letters) and first-response hours per priority; on a
team desk they are team settings that only a KB owner changes, and the team's sync then shares them."""

from __future__ import annotations

from datetime import timedelta

from app.model.records import Priority
from app.ui.settings_dialog import SettingsDialog
from tests.pdf_text import pdf_text
from tests.records_helpers import add_request


def _dialog(qtbot, desk) -> SettingsDialog:
    dialog = SettingsDialog(desk.settings)
    qtbot.addWidget(dialog)
    return dialog


def test_the_organisation_and_the_hours_reach_letters_and_new_requests(qtbot, desk, tmp_path):
    dialog = _dialog(qtbot, desk)
    assert dialog.service.organization.isEnabled() and dialog.service.sla["紧急"].value() == 2
    dialog.service.organization.setText(" 华东客服中心 ")
    dialog.service.sla["紧急"].setValue(1.5)
    dialog.service.sla["一般"].setValue(72)
    dialog.apply()
    assert desk.settings.extra["organization"] == "华东客服中心"
    assert desk.settings.sla_hours == {"紧急": 1.5, "重要": 24, "一般": 72}
    request = add_request(desk, priority=Priority.URGENT)
    assert request.deadline == request.created_at + timedelta(hours=1.5)
    letter = desk.documents.export_letter(request.id, tmp_path / "函.pdf", fmt="pdf")
    assert "华东客服中心·客户确认函" in pdf_text(letter)

    dialog = _dialog(qtbot, desk)  # opened again: the saved values; emptied: the default name again
    assert dialog.service.organization.text() == "华东客服中心" and dialog.service.sla["紧急"].value() == 1.5
    dialog.service.organization.clear()
    dialog.apply()
    assert desk.documents.organization == "客户服务中心"


def test_on_a_team_desk_an_agent_sees_the_team_settings_and_an_owner_changes_them(qtbot, disk_desk):
    desk = disk_desk
    desk.settings.team_url = "https://git.example.com/support/kb.git"  # joined to a team library
    dialog = _dialog(qtbot, desk)
    assert not dialog.service.organization.isEnabled() and not dialog.service.sla["重要"].isEnabled()
    assert "KB owner" in dialog.service.hint.text()
    dialog.service.organization.setText("不该生效")
    assert dialog.service.apply() is False and "organization" not in desk.settings.extra

    desk.settings.role = "owner"
    dialog = _dialog(qtbot, desk)
    assert dialog.service.organization.isEnabled() and "next sync" in dialog.service.hint.text()
    dialog.service.organization.setText("华东客服中心")
    dialog.service.sla["重要"].setValue(12)
    assert dialog.service.apply() is True
    shared = desk.team.settings_sync.shared.values()  # what the owner's next sync publishes to every desk
    assert shared["organization"] == "华东客服中心" and shared["sla_hours"]["重要"] == 12
