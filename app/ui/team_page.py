"""The 团队库 page: connect this desk to the team library (its settings), sync now, publish, and the proposals sent
from this desk with the owners' answers."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.errors import show_error
from app.ui.page_registry import PageSpec, register_page
from app.ui.team_sync import controller as sync_controller
from app.ui.team_sync import status_words

TOKEN_PLACES = {
    "keyring": QT_TRANSLATE_NOOP("TeamPage", "The token is kept in the system's credential store."),
    "file": QT_TRANSLATE_NOOP("TeamPage", "No credential store on this system: the token is kept in the data folder, "
                                          "in a file only you can read."),
    "environment": QT_TRANSLATE_NOOP("TeamPage", "The token comes from the DESKBOOK_TEAM_TOKEN environment variable."),
}
PROBLEM_HELP = {
    "offline": QT_TRANSLATE_NOOP("TeamPage", "The team library cannot be reached (network, server or shared folder). "
                                             "Everything on this desk keeps working; it syncs again once reachable."),
    "auth": QT_TRANSLATE_NOOP("TeamPage", "The server refused the sign-in: check the user name and the access token "
                                          "(it may have expired)."),
    "rejected": QT_TRANSLATE_NOOP("TeamPage", "The server refused the push: your account may not publish to the main "
                                              "branch. Your changes stay on this desk; send them as proposals instead."),
    "moved": QT_TRANSLATE_NOOP("TeamPage", "The library kept changing while publishing; it is tried again."),
    "certificate": QT_TRANSLATE_NOOP("TeamPage", "The server's HTTPS certificate cannot be trusted (self-signed, "
                                                 "expired or for another address). Ask IT for a trusted certificate "
                                                 "or to install the company's root certificate on this computer."),
    "damaged": QT_TRANSLATE_NOOP("TeamPage", "This desk's copy of the library was damaged; it was set aside and "
                                             "downloaded again. Nothing in the database was affected."),
}
STATES = {
    "queued": QT_TRANSLATE_NOOP("TeamPage", "waiting to be sent"), "sent": QT_TRANSLATE_NOOP("TeamPage", "with the owners"),
    "accepted": QT_TRANSLATE_NOOP("TeamPage", "accepted"), "declined": QT_TRANSLATE_NOOP("TeamPage", "declined"),
}


class TeamPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.status_label = QLabel(objectName="teamStatusLine", wordWrap=True)
        self.status_label.setStyleSheet("font-size:14pt;font-weight:600;")
        self.detail_label = QLabel(objectName="hint", wordWrap=True)
        self.sync_button = QPushButton(self.tr("Sync now"), objectName="teamSyncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.publish_button = QPushButton(self.tr("Publish local articles"), objectName="teamPublishLocal")
        self.publish_button.clicked.connect(self.publish_local)
        self.publish_button.hide()
        head = QHBoxLayout()
        head.addWidget(self.status_label, 1)
        head.addWidget(self.publish_button)
        head.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.detail_label)
        layout.addWidget(self._connection_box())
        layout.addWidget(self._proposals_box(), 1)
        self._listening = False
        context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def _connection_box(self) -> QGroupBox:
        """The page's settings: the library's address, the HTTPS user and token, the pull interval."""
        settings = self.desk.settings
        self.url_edit = QLineEdit(settings.team_url, objectName="teamUrl")
        self.url_edit.setPlaceholderText(self.tr(r"\\server\share\team.git  or  https://git.example.com/support/kb.git"))
        self.user_edit = QLineEdit(settings.team_user, objectName="teamUser")
        self.token_edit = QLineEdit(objectName="teamToken", echoMode=QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Access token (empty: keep the saved one)"))
        self.minutes = QSpinBox(objectName="teamMinutes", minimum=1, maximum=240, suffix=self.tr(" min"))
        self.minutes.setValue(max(1, settings.team_pull_minutes))
        self.minutes.setMaximumWidth(140)
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.connect_button = QPushButton(self.tr("Connect"), objectName="teamConnect")
        self.connect_button.clicked.connect(self.connect_library)
        self.disconnect_button = QPushButton(self.tr("Disconnect"), objectName="teamDisconnect")
        self.disconnect_button.clicked.connect(self.disconnect_library)
        self.token_hint = QLabel(objectName="hint", wordWrap=True)
        box = QGroupBox(self.tr("Connection"))
        form = QFormLayout(box)
        form.addRow(self.tr("Library address"), self.url_edit)
        form.addRow(self.tr("User name (HTTPS)"), self.user_edit)
        form.addRow(self.tr("Access token"), self.token_edit)
        form.addRow(self.tr("Pull every"), self.minutes)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.disconnect_button)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(self.token_hint)
        return box

    def _proposals_box(self) -> QGroupBox:
        self.proposals = QTableWidget(0, 4, objectName="myProposals")
        self.proposals.setHorizontalHeaderLabels([self.tr("Proposal"), self.tr("State"), self.tr("Answer"),
                                                  self.tr("Sent")])
        self.proposals.verticalHeader().hide()
        self.proposals.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.proposals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.proposals.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        box = QGroupBox(self.tr("My proposals"))
        QVBoxLayout(box).addWidget(self.proposals)
        return box

    def _controller(self):
        window = self.window()
        return sync_controller(window) if hasattr(window, "statusBar") and hasattr(window, "context") else None

    def reload(self, *_args) -> None:
        connected = bool(self.desk.settings.team_url)
        self.disconnect_button.setVisible(connected)
        self.sync_button.setVisible(connected)
        if not connected:
            self.status_label.setText(self.tr("This desk is not connected to a team library."))
            self.detail_label.setText(self.tr(
                "Connect to the library your team keeps on a file share or a Git server (Gitea, GitLab, Gitee): "
                "articles published by the KB owners then reach this desk, and your case write-ups reach them."))
        self.context.runner.run(self._read, self._show, lambda _e, _d: None)

    def _read(self):
        team = self.desk.team
        return team.status(), team.my_proposals()

    def _show(self, result) -> None:
        status, proposals = result
        self.token_hint.setText(self.tr(TOKEN_PLACES.get(status.token_location, "")))
        if status.connected:
            self.status_label.setText(status_words(status, self.desk.clock(), owner=self._owner()))
            details = [self.tr("Address: %1").replace("%1", status.url)]
            if status.problem is not None:
                details.append(self.tr(PROBLEM_HELP.get(status.problem.value, "")))
            self.detail_label.setToolTip(status.detail if status.problem is not None else "")
            if status.pending and not self._owner():
                details.append(self.tr("%1 of your changes to team articles stay on this desk until you propose "
                                       "them (Edit ▸ Propose to the team library…).").replace("%1", str(status.pending)))
            if status.local_only:
                details.append(self.tr("%1 article(s) published on this desk before it joined are not in the "
                                       "library.").replace("%1", str(status.local_only)))
            self.detail_label.setText("\n".join(details))
        owner = self._owner()
        self.publish_button.setVisible(bool(status.connected and status.local_only and owner))
        self.proposals.setRowCount(len(proposals))
        for row, proposal in enumerate(reversed(proposals)):
            cells = [proposal.title, self.tr(STATES.get(proposal.state, proposal.state)),
                     proposal.decision_note or "—", proposal.created_at.astimezone().strftime("%Y-%m-%d %H:%M")]
            for column, text in enumerate(cells):
                self.proposals.setItem(row, column, QTableWidgetItem(text))

    def _owner(self) -> bool:
        return self.desk.settings.role in ("owner", "trainer")

    # --- actions ------------------------------------------------------------------------------------------------
    def connect_library(self) -> None:
        url = self.url_edit.text().strip()
        if not url:
            self.url_edit.setFocus()
            return
        user, token = self.user_edit.text().strip(), self.token_edit.text().strip() or None
        self.connect_button.setEnabled(False)
        self.status_label.setText(self.tr("Connecting…"))
        self.context.runner.run(lambda: self.desk.team.connect(url, user, token), self._connected, self._failed)

    def _connected(self, report) -> None:
        self.connect_button.setEnabled(True)
        self.token_edit.clear()
        self.url_edit.setText(self.desk.settings.team_url)
        self.user_edit.setText(self.desk.settings.team_user)
        text = self.tr("Connected: %1 article(s) from the library.").replace("%1", str(len(report.pull.added)))
        self.context.nav.sig_status.emit(text)
        if self._controller() is not None:
            self._controller().configure()
            self._controller().refresh_status()
        self.context.nav.sig_data_changed.emit()

    def _failed(self, error: BaseException, details: str) -> None:
        self.connect_button.setEnabled(True)
        self.reload()
        show_error(self, error, details)

    def disconnect_library(self) -> None:
        self.context.runner.run(self.desk.team.disconnect, lambda _r: self._disconnected(), self._failed)

    def _disconnected(self) -> None:
        if self._controller() is not None:
            self._controller().configure()
        self.reload()

    def sync_now(self) -> None:
        controller = self._controller()
        if controller is not None:
            if not self._listening:
                controller.sig_status.connect(lambda _s: self.reload())
                self._listening = True
            controller.sync()
        else:
            self.context.runner.run(self.desk.team.sync, lambda _r: self.reload(), self._failed)

    def publish_local(self) -> None:
        self.publish_button.setEnabled(False)

        def done(report) -> None:
            self.publish_button.setEnabled(True)
            self.context.nav.sig_status.emit(
                self.tr("Published %1 article(s) to the team library.").replace("%1", str(len(report.published))))
            self.reload()

        def failed(error: BaseException, details: str) -> None:
            self.publish_button.setEnabled(True)
            show_error(self, error, details)

        self.context.runner.run(lambda: self.desk.team.publish(include_local=True), done, failed)

    def _minutes_changed(self, value: int) -> None:
        self.desk.settings.team_pull_minutes = int(value)
        self.context.runner.write(self.desk.save_settings, None, lambda _e, _d: None)
        if self._controller() is not None:
            self._controller().configure()


PAGE_TITLE = QT_TRANSLATE_NOOP("Pages", "Team library")
register_page(PageSpec("team", PAGE_TITLE, 70, TeamPage))
