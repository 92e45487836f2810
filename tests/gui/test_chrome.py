"""Window chrome: the tray badge, the settings dialog, the action registry and menu hooks."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.settings import Settings
from app.ui import actions as action_registry
from app.ui.settings_dialog import SettingsDialog
from app.ui.tray import app_icon


def test_the_tray_icon_gets_a_red_badge_only_when_something_is_due(qapp):
    plain = app_icon(0).pixmap(64, 64).toImage()
    badged = app_icon(7).pixmap(64, 64).toImage()
    corner = (58, 8)
    assert QColor(badged.pixel(*corner)).red() > 180 and QColor(badged.pixel(*corner)).green() < 90
    assert QColor(plain.pixel(*corner)) != QColor(badged.pixel(*corner))


def test_settings_dialog_changes_language_and_name(qtbot):
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.user_name.setText(" 王小敏 ")
    assert dialog.apply() is True
    assert settings.language == "zh_CN" and settings.user_name == "王小敏"
    assert dialog.apply() is False  # nothing changed the second time


def test_registered_actions_and_menu_hooks_reach_the_menu_bar(qtbot, desk_window, monkeypatch):
    fired = []
    spec = action_registry.ActionSpec("test-hello", "Hello", "tools", lambda w: fired.append(w), ("Ctrl+Alt+H",))
    monkeypatch.setitem(action_registry._ACTIONS, spec.key, spec)
    hooked = []
    monkeypatch.setattr(action_registry, "_MENU_HOOKS", [lambda window, bar: hooked.append(bar)])
    desk_window._build_menus()
    action = desk_window.findChild(type(desk_window.menuBar().actions()[0]), "action:test-hello")
    assert action is not None and action.shortcut().toString() == "Ctrl+Alt+H"
    action.trigger()
    assert fired == [desk_window]
    assert hooked == [desk_window.menuBar()]
    monkeypatch.undo()
    desk_window._build_menus()


def test_language_follows_a_chinese_locale_unless_the_setting_says_otherwise(qapp):
    from PySide6.QtCore import QLocale

    from app.ui.language import resolve_language

    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert resolve_language("", chinese) == "zh_CN"
    assert resolve_language("", english) == "en"
    assert resolve_language("en", chinese) == "en"
    assert resolve_language("zh_CN", english) == "zh_CN"
