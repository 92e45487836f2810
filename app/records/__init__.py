"""Service records: need records (客户需求记录表), solution plans, progress entries (the seeds' templates 1, 2, 5)."""

from app.records.model import (
    PlanStep,
    Priority,
    ProgressEntry,
    ProgressState,
    Request,
    RequestStatus,
    SolutionPlan,
)

__all__ = ["PlanStep", "Priority", "ProgressEntry", "ProgressState", "Request", "RequestStatus", "SolutionPlan"]
