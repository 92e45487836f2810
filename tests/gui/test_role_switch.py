"""Switching roles in the window: the PIN is asked, a wrong one refused, and the navigation follows the role."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui import role_switch
from app.ui.curation_actions import controller


def test_the_first_owner_sets_the_pin_and_the_navigation_follows(window, demo_desk, answer_pin_dialogs):
    assert demo_desk.settings.role == "agent" and not demo_desk.settings.owner_pin
    assert "analytics" not in [s.key for s in window.specs]
    controller(window).set_role("owner")
    assert answer_pin_dialogs == [True]  # asked to choose the PIN
    assert demo_desk.settings.role == "owner" and demo_desk.settings.owner_pin
    assert "analytics" in [s.key for s in window.specs]
    controller(window).set_role("agent")  # stepping down asks nothing
    assert answer_pin_dialogs == [True] and demo_desk.settings.role == "agent"


def test_a_wrong_pin_is_refused_with_a_message_and_the_role_stays(window, demo_desk, monkeypatch):
    controller(window).set_role("owner")
    controller(window).set_role("agent")
    warnings = []
    monkeypatch.setattr(role_switch, "ask_pin", lambda parent, first: "0000")
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    controller(window).set_role("owner")
    assert demo_desk.settings.role == "agent" and warnings == ["PIN 不对"]
    monkeypatch.setattr(role_switch, "ask_pin", lambda parent, first: None)  # cancelled: nothing happens
    controller(window).set_role("owner")
    assert demo_desk.settings.role == "agent" and len(warnings) == 1


def test_the_review_queues_own_button_updates_the_navigation(window, demo_desk):
    page = window.show_page("review")
    page.role_button.click()
    assert demo_desk.settings.role == "owner"
    assert "analytics" in [s.key for s in window.specs]  # the menus and navigation followed the button too
