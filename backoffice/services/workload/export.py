"""The dashboard as CSV (formula-injection safe) and as a one-page PDF, same suppression."""

from __future__ import annotations

from .records import Dashboard

#: How a suppressed value appears in an export (never as 0).
SUPPRESSED = "suppressed"


def dashboard_csv(dashboard: Dashboard, language: str = "de") -> str:
    """The figures as CSV text: one row per service and figure, the totals last."""
    raise NotImplementedError


def dashboard_pdf(dashboard: Dashboard, language: str = "de") -> bytes:
    """The figures as a one-page A4 PDF report (plain text, reportlab)."""
    raise NotImplementedError
