"""Choosing and installing the UI language: zh_CN on a Chinese locale, English otherwise, or the user's setting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []


def qt_gap_texts() -> list[str]:
    """Qt's own strings that the qtbase_zh_CN catalogue shipped with PySide6 lacks, as the installed translators give
    them. That catalogue was made for an older Qt (whose file dialog said "Look in:" where Qt 6 says "&Look in:"), so
    Qt's file dialog showed these in English. Written out here for lupdate: our catalogue translates them in Qt's own
    contexts, and it is installed after qtbase, so it is asked first. The zh_CN walk test checks the list."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    ]


def resolve_language(setting: str, locale: QLocale | None = None) -> str:
    """``setting`` ("" follows the system) → "zh_CN" or "en"."""
    if setting in LANGUAGES:
        return setting
    locale = locale or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install_language(language: str) -> bool:
    """Replace the installed translators; widgets get a LanguageChange event. True when a translation loaded."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale.system())
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(f"deskbook_{language}", str(TRANSLATIONS_DIR)):
        return False
    if QLocale.system().language() != QLocale(language).language():
        # Month and day names (the calendar of a date field), not only our words: Chinese chosen in the settings on
        # an English system showed "December" in every calendar.
        QLocale.setDefault(QLocale(language))
    qt_base = QTranslator(app)  # Qt's own strings: standard buttons, context menus of text fields
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def current_language() -> str:
    return "en" if not _installed else "zh_CN"
