"""A request's solution plan (问题解决方案表): the standard statement, the cause, numbered steps and a fallback.

Changes to the steps are saved at once, the text fields with "Save plan"; every save goes through the runner's
writes, the plan box disabled until it is done.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.records import PlanStep, SolutionPlan
from app.ui.context import AppContext
from app.ui.record_models import PlanStepModel, RecordRole
from app.ui.record_widgets import datetime_edit, from_qdatetime, record_table, report_failure


class StepDialog(QDialog):
    """Add or edit one plan step: what, who, by when."""

    def __init__(self, step: PlanStep, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan step"))
        self.setMinimumWidth(460)
        self.action = QLineEdit(step.action, placeholderText=self.tr("e.g. 技术团队分析日志"))
        self.owner = QLineEdit(step.owner, placeholderText=self.tr("e.g. 技术支持 刘洋"))
        self.due = datetime_edit(step.due_at or datetime.now(UTC) + timedelta(hours=2))
        form = QFormLayout(self)
        form.addRow(self.tr("Step"), self.action)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Due"), self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.step = step

    def value(self) -> PlanStep:
        self.step.action = self.action.text().strip()
        self.step.owner = self.owner.text().strip()
        self.step.due_at = from_qdatetime(self.due.dateTime())
        return self.step


class PlanBox(QGroupBox):
    sig_changed = Signal(str)  # saved; a status message (may be empty)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.request_id: str | None = None
        self._select_after_save = -1  # the row to select once the saved plan is shown again
        self.setTitle(self.tr("Solution plan"))
        self.statement = QLineEdit(placeholderText=self.tr("Standard problem statement (专业转述)"))
        self.cause = QLineEdit(placeholderText=self.tr("Cause"))
        self.fallback = QLineEdit(placeholderText=self.tr("Fallback plan, e.g. 若修复延迟，可引导客户通过备用账号登录"))
        self.step_model = PlanStepModel(self)
        self.steps = record_table(self.step_model)
        self.steps.doubleClicked.connect(self._step_double_clicked)
        self.save_plan_button = QPushButton(self.tr("Save plan"))
        self.save_plan_button.clicked.connect(self.save_plan)
        form = QFormLayout()
        form.addRow(self.tr("Statement"), self.statement)
        form.addRow(self.tr("Cause"), self.cause)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.steps)
        layout.addLayout(self._build_step_buttons())
        fallback_row = QFormLayout()
        fallback_row.addRow(self.tr("Fallback"), self.fallback)
        layout.addLayout(fallback_row)
        layout.addWidget(self.save_plan_button, 0, Qt.AlignmentFlag.AlignRight)

    def _build_step_buttons(self) -> QHBoxLayout:
        self.add_step_button = QPushButton(self.tr("Add step…"))
        self.edit_step_button = QPushButton(self.tr("Edit…"))
        self.step_up_button = QPushButton(self.tr("Up"))
        self.step_down_button = QPushButton(self.tr("Down"))
        self.remove_step_button = QPushButton(self.tr("Remove"))
        self.done_step_button = QPushButton(self.tr("Done"))
        self.add_step_button.clicked.connect(self._add_clicked)
        self.edit_step_button.clicked.connect(self._edit_clicked)
        self.step_up_button.clicked.connect(self._up_clicked)
        self.step_down_button.clicked.connect(self._down_clicked)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.done_step_button.clicked.connect(self.toggle_step_done)
        row = QHBoxLayout()
        for button in (self.add_step_button, self.edit_step_button, self.step_up_button, self.step_down_button,
                       self.remove_step_button, self.done_step_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- showing -----------------------------------------------------------------------------------------------
    def show_plan(self, plan: SolutionPlan | None) -> None:
        self.request_id = plan.request_id if plan else None
        self.statement.setText(plan.statement if plan else "")
        self.cause.setText(plan.cause if plan else "")
        self.fallback.setText(plan.fallback if plan else "")
        self.step_model.set_rows(plan.steps if plan else [])
        self.steps.resizeColumnsToContents()
        self.steps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row, self._select_after_save = self._select_after_save, -1
        if row >= 0:
            self.steps.selectRow(row)

    def selected_step(self) -> int:
        rows = self.steps.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def step_at(self, row: int) -> PlanStep:
        return self.step_model.index(row, 0).data(RecordRole)

    # --- editing the steps -------------------------------------------------------------------------------------
    def _step_double_clicked(self, _index) -> None:
        self.edit_step()

    def _add_clicked(self) -> None:
        self.add_step()

    def _edit_clicked(self) -> None:
        self.edit_step()

    def _up_clicked(self) -> None:
        self.move_step(-1)

    def _down_clicked(self) -> None:
        self.move_step(1)

    def add_step(self, dialog: StepDialog | None = None) -> None:
        dialog = dialog or StepDialog(PlanStep(""), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.value().action:
            return
        self.step_model.set_rows(self.step_model.rows() + [dialog.value()])
        self.save_plan()

    def edit_step(self, dialog: StepDialog | None = None) -> None:
        row = self.selected_step()
        if row < 0:
            return
        dialog = dialog or StepDialog(self.step_model.rows()[row], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value().action:
            self.save_plan()

    def move_step(self, delta: int) -> None:
        row = self.selected_step()
        steps = self.step_model.rows()
        if row < 0 or not 0 <= row + delta < len(steps):
            return
        steps[row], steps[row + delta] = steps[row + delta], steps[row]
        self.step_model.set_rows(steps)
        self.steps.selectRow(row + delta)
        self.save_plan(select_row=row + delta)

    def remove_step(self) -> None:
        row = self.selected_step()
        if row < 0:
            return
        steps = self.step_model.rows()
        del steps[row]
        self.step_model.set_rows(steps)
        self.save_plan()

    def toggle_step_done(self) -> None:
        row = self.selected_step()
        if row < 0 or self.request_id is None:
            return
        records, request_id, step = self.context.desk.records, self.request_id, self.step_model.rows()[row]
        self._select_after_save = row
        self.context.runner.write(lambda: records.complete_step(request_id, step.id, done=step.done_at is None),
                                  self._saved, self._failed, busy=(self,), owner=self)

    # --- saving ------------------------------------------------------------------------------------------------
    def save_plan(self, *, select_row: int = -1) -> None:
        if self.request_id is None:
            return
        records = self.context.desk.records
        plan = records.plan(self.request_id)
        plan.statement, plan.cause, plan.fallback = (self.statement.text().strip(), self.cause.text().strip(),
                                                     self.fallback.text().strip())
        plan.steps = self.step_model.rows()
        self._select_after_save = select_row
        self.context.runner.write(lambda: records.save_plan(plan), self._plan_saved, self._failed, busy=(self,),
                                  owner=self)

    def _plan_saved(self, _plan) -> None:
        self.sig_changed.emit(self.tr("Plan saved"))

    def _saved(self, _result) -> None:
        self.sig_changed.emit("")

    def _failed(self, error: BaseException, details: str) -> None:
        self._select_after_save = -1
        report_failure(self.context, self, error, details)
