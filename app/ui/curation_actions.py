"""KB owners' commands in the main window: new/edit article, history, verify, import, Markdown export, role.

Imported through ``app/ui/page_modules.py``. It registers menu actions and a menu hook; the hook also connects
the navigator's ``sig_edit_article`` / ``sig_article_history`` / ``sig_verify_article`` (once per window) to the
editor, the history dialog and verification, so any page can ask for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenuBar, QMessageBox, QWidget

from app.model import Kind
from app.ui.actions import ActionSpec, register_action, register_menu_hook
from app.ui.actions import translate as translate_action
from app.ui.context import AppContext

log = logging.getLogger(__name__)


class CurationController(QObject):
    """Opens editors and dialogs for one window; keeps editors alive while they are open."""

    def __init__(self, context: AppContext, window: QWidget):
        super().__init__(window)
        self.context, self.window = context, window
        self.editors: dict[str, QWidget] = {}
        nav = context.nav
        nav.sig_edit_article.connect(self.edit_article)
        nav.sig_article_history.connect(self.show_history)
        nav.sig_verify_article.connect(self.verify_article)

    def edit_article(self, article_id: str = "", kind: Kind = Kind.CASE):
        from app.ui.editor import ArticleEditor

        if article_id and article_id in self.editors:
            editor = self.editors[article_id]
        else:
            editor = ArticleEditor(self.context, article_id, kind)
            key = article_id or f"new-{id(editor)}"
            self.editors[key] = editor
            editor.destroyed.connect(lambda _obj=None, k=key: self.editors.pop(k, None))
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def show_history(self, article_id: str):
        from app.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.context, article_id, self.window)
        dialog.show()
        return dialog

    def verify_article(self, article_id: str) -> None:
        curation, author = self.context.desk.curation, self.context.desk.settings.user_name
        self.context.runner.write(lambda: curation.apply(article_id, _verify(), author), self._verified)

    def _verified(self, article) -> None:
        when = article.next_review_at.astimezone().strftime("%Y-%m-%d") if article.next_review_at else "—"
        self.context.nav.sig_status.emit(
            tr(QT_TRANSLATE_NOOP("Curation", "Verified “%1”; next review %2.")).replace("%1", article.title).replace("%2", when))
        self.context.nav.sig_data_changed.emit()

    def import_dialog(self):
        from app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, self.window)
        dialog.show()
        return dialog

    def export_markdown(self, folder: str | None = None) -> None:
        folder = folder or QFileDialog.getExistingDirectory(self.window, tr(QT_TRANSLATE_NOOP("Curation", "Export to an empty folder")))
        if not folder:
            return
        desk = self.context.desk

        def done(result) -> None:
            self.context.nav.sig_status.emit(
                tr(QT_TRANSLATE_NOOP("Curation", "Exported %1 articles to %2.")).replace("%1", str(result.files)).replace("%2", str(result.folder)))

        def failed(error: BaseException, _details: str) -> None:
            QMessageBox.warning(self.window, tr(QT_TRANSLATE_NOOP("Curation", "Export failed")), str(error))

        self.context.runner.run(lambda: desk.curation.export_markdown(folder), done, failed)

    def review_intervals(self) -> None:
        from app.ui.review_settings_dialog import ReviewIntervalsDialog

        dialog = ReviewIntervalsDialog(self.context, self.window)
        if dialog.exec():
            dialog.apply(self._intervals_saved)

    def _intervals_saved(self, changed: int) -> None:
        self.context.nav.sig_status.emit(
            tr(QT_TRANSLATE_NOOP("Curation", "Review intervals saved; %1 article(s) moved to the new default."))
            .replace("%1", str(changed)))

    def current_article_id(self) -> str | None:
        """The article the current page shows (pages expose ``reader.article`` or ``current_article_id()``)."""
        page = self.window.current_page() if hasattr(self.window, "current_page") else None
        if page is None:
            return None
        if hasattr(page, "current_article_id"):
            return page.current_article_id()
        article = getattr(getattr(page, "reader", None), "article", None)
        if article is None and hasattr(page, "selected_ids"):
            ids = page.selected_ids()
            return ids[0] if len(ids) == 1 else None
        return article.id if article is not None else None

    def set_role(self, role: str, then: Callable[[], None] | None = None) -> None:
        from app.ui.role_switch import switch_role

        def changed() -> None:
            self._role_changed()
            if then is not None:
                then()

        switch_role(self.context, self.window, role, changed)

    def _role_changed(self) -> None:
        window = self.window
        if hasattr(window, "_build_navigation"):  # the navigation and menus follow the role
            key = window.current_key()
            window._build_navigation()
            window._retranslate()
            window.show_page(key or "search")
        self.context.nav.sig_data_changed.emit()


def tr(text: str) -> str:
    return QCoreApplication.translate("Curation", text)


def _verify():
    from app.curation.workflow import Action

    return Action.VERIFY


def controller(window) -> CurationController:
    existing = getattr(window, "_curation_controller", None)
    if existing is None:
        existing = window._curation_controller = CurationController(window.context, window)
    return existing


def _with_current(window, what: str) -> None:
    ctl = controller(window)
    article_id = ctl.current_article_id()
    if not article_id:
        window.statusBar().showMessage(tr(QT_TRANSLATE_NOOP("Curation", "Open an article first.")), 4000)
        return
    {"edit": ctl.edit_article, "history": ctl.show_history, "verify": ctl.verify_article}[what](article_id)


def _menu_hook(window, bar: QMenuBar) -> None:
    ctl = controller(window)  # connects the navigator signals on the first build
    tools_title = translate_action("&Tools")
    tools = next((a.menu() for a in bar.actions() if a.menu() is not None and a.text() == tools_title), None)
    menu = bar.addMenu(tr(QT_TRANSLATE_NOOP("Curation", "&Role"))) if tools is None else tools.addMenu(tr(QT_TRANSLATE_NOOP("Curation", "Role")))
    group = QActionGroup(menu)
    current = window.desk.settings.role
    for role, text in (("agent", tr(QT_TRANSLATE_NOOP("Curation", "Agent"))), ("owner", tr(QT_TRANSLATE_NOOP("Curation", "KB owner"))), ("trainer", tr(QT_TRANSLATE_NOOP("Curation", "Trainer")))):
        action = QAction(text, menu, checkable=True, checked=role == current)
        action.setObjectName(f"role:{role}")
        action.triggered.connect(lambda _c=False, r=role: ctl.set_role(r))
        group.addAction(action)
        menu.addAction(action)


for _spec in [
    ActionSpec("new_article", QT_TRANSLATE_NOOP("Actions", "New article…"), "file",
               lambda w: controller(w).edit_article(""), ("Ctrl+N",), 10),
    ActionSpec("import", QT_TRANSLATE_NOOP("Actions", "Import…"), "file",
               lambda w: controller(w).import_dialog(), ("Ctrl+I",), 20),
    ActionSpec("export_markdown", QT_TRANSLATE_NOOP("Actions", "Export Markdown folder…"), "file",
               lambda w: controller(w).export_markdown(), (), 30, roles=("owner", "trainer")),
    ActionSpec("review_intervals", QT_TRANSLATE_NOOP("Actions", "Review intervals…"), "tools",
               lambda w: controller(w).review_intervals(), (), 50, roles=("owner", "trainer")),
    ActionSpec("edit_article", QT_TRANSLATE_NOOP("Actions", "Edit article"), "edit",
               lambda w: _with_current(w, "edit"), ("Ctrl+E",), 30),
    ActionSpec("article_history", QT_TRANSLATE_NOOP("Actions", "Article history…"), "edit",
               lambda w: _with_current(w, "history"), ("Ctrl+H",), 40),
    ActionSpec("verify_article", QT_TRANSLATE_NOOP("Actions", "Verify article"), "edit",
               lambda w: _with_current(w, "verify"), (), 50, roles=("owner", "trainer")),
]:
    register_action(_spec)
register_menu_hook(_menu_hook)
