"""The team lead's figures: the dashboard, its staff-council policy and its exports."""

from __future__ import annotations

from .records import AssignmentLoad, Cell, CouncilPolicy, Dashboard, ServiceFigures, WeekFigures
from .service import WorkloadService

__all__ = [
    "AssignmentLoad",
    "Cell",
    "CouncilPolicy",
    "Dashboard",
    "ServiceFigures",
    "WeekFigures",
    "WorkloadService",
]
