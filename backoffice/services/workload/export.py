"""The dashboard as CSV (formula-injection safe) and as a one-page PDF, same suppression.

A suppressed value is written as the word :data:`SUPPRESSED`, never as 0 or left empty;
a value with nothing to measure (a lead time without closed cases) stays empty. Every text
cell goes through ``domain.text.csv_cell``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from backoffice.documents.report import ReportData, ReportTable, render_report
from backoffice.domain.figures import AgeBand, FigureKey
from backoffice.domain.text import csv_cell

from .records import Cell, Dashboard

#: How a suppressed value appears in an export (never as 0).
SUPPRESSED = "suppressed"
_SUPPRESSED_DE = "unterdrückt"

CSV_HEADER = ("service", "figure", "detail", "value")


def cell_text(cell: Cell, language: str = "en") -> str:
    """A cell as export text: "suppressed" (or German "unterdrückt"), empty, or the number."""
    if cell.suppressed:
        return _SUPPRESSED_DE if language == "de" else SUPPRESSED
    if cell.value is None:
        return ""
    value = cell.value
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.2f}".rstrip("0")
    return text.replace(".", ",") if language == "de" else text


def dashboard_rows(dashboard: Dashboard) -> Iterator[tuple[str, str, str, Cell]]:
    """(service key or "total", figure key, detail, cell) for every figure, totals last."""
    for figures in (*dashboard.services, dashboard.totals):
        key = figures.service_key or "total"
        for band in AgeBand:
            yield key, FigureKey.OPEN_BY_AGE.value, band.value, figures.open_by_age[band]
        yield key, FigureKey.OPEN_BY_AGE.value, "all", figures.open_total
        yield key, FigureKey.OVERDUE.value, "", figures.overdue
        for week in figures.weeks:
            yield key, FigureKey.INFLOW.value, week.week_start.isoformat(), week.inflow
            yield key, FigureKey.CLOSED.value, week.week_start.isoformat(), week.closed
        yield key, FigureKey.LEAD_TIME_MEDIAN.value, "working days", figures.lead_time_median
        yield key, FigureKey.LEAD_TIME_P90.value, "working days", figures.lead_time_p90
        yield key, FigureKey.LEAD_TIME_MEDIAN.value, "closed cases", figures.lead_time_cases
        yield key, FigureKey.PACE.value, "closed per working day", figures.pace_per_day
        yield (
            key,
            FigureKey.FORECAST_BREACHES.value,
            f"due by {dashboard.horizon.isoformat()}",
            figures.forecast_breaches,
        )


def dashboard_csv(dashboard: Dashboard, language: str = "en") -> str:
    """The figures as CSV text: one row per service and figure, the totals last, then the
    assignment list (person, open cases)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for key, figure, detail, cell in dashboard_rows(dashboard):
        writer.writerow([csv_cell(key), figure, csv_cell(detail), cell_text(cell, language)])
    for load in dashboard.assignments:
        writer.writerow(
            ["", FigureKey.OPEN_PER_ASSIGNEE.value, csv_cell(load.display_name), load.open_cases]
        )
    return out.getvalue()


def dashboard_pdf(dashboard: Dashboard, language: str = "de") -> bytes:
    """The figures as a one-page A4 PDF report (plain text, reportlab)."""
    de = language == "de"
    policy = dashboard.policy
    lines = [
        (
            f"Stand {dashboard.today.strftime('%d.%m.%Y')}; Zeitraum ab "
            f"{dashboard.period_start.strftime('%d.%m.%Y')} ({dashboard.weeks} Wochen); "
            f"Prognose bis {dashboard.horizon.strftime('%d.%m.%Y')}."
        )
        if de
        else (
            f"As of {dashboard.today.isoformat()}; period from "
            f"{dashboard.period_start.isoformat()} ({dashboard.weeks} weeks); forecast to "
            f"{dashboard.horizon.isoformat()}."
        ),
        (
            f"Dienste mit weniger als {policy.min_staff} Beschäftigten im Zeitraum sind "
            "unterdrückt und in den Summen nicht enthalten."
        )
        if de
        else (
            f"Services with fewer than {policy.min_staff} staff in the period are "
            "suppressed and left out of the totals."
        ),
    ]
    if policy.agreement:
        lines.append(("Dienstvereinbarung: " if de else "Service agreement: ") + policy.agreement)
    figures = (*dashboard.services, dashboard.totals)
    name = "Dienst" if de else "Service"
    open_table = ReportTable(
        "Offene Fälle nach Alter (Arbeitstage), überfällig"
        if de
        else "Open cases by age (working days), overdue",
        (
            name,
            *(_band_label(b, language) for b in AgeBand),
            "Σ",
            "überfällig" if de else "overdue",
        ),
        tuple(
            (
                f.name(language),
                *(cell_text(f.open_by_age[b], language) for b in AgeBand),
                cell_text(f.open_total, language),
                cell_text(f.overdue, language),
            )
            for f in figures
        ),
    )
    lead_table = ReportTable(
        "Durchlaufzeit, Tempo, Prognose" if de else "Lead time, pace, forecast",
        (
            name,
            "Median",
            "90 %",
            "n",
            "/Tag" if de else "/day",
            "Fristbruch" if de else "breaches",
        ),
        tuple(
            (
                f.name(language),
                cell_text(f.lead_time_median, language),
                cell_text(f.lead_time_p90, language),
                cell_text(f.lead_time_cases, language),
                cell_text(f.pace_per_day, language),
                cell_text(f.forecast_breaches, language),
            )
            for f in figures
        ),
    )
    weeks = dashboard.totals.weeks
    week_table = ReportTable(
        (
            "Eingang / erledigt je Woche (Summe der angezeigten Dienste)"
            if de
            else "Inflow / closed per week (total of the services shown)"
        ),
        ("", *(w.week_start.strftime("%d.%m.") for w in weeks)),
        (
            ("Eingang" if de else "Inflow", *(cell_text(w.inflow, language) for w in weeks)),
            ("Erledigt" if de else "Closed", *(cell_text(w.closed, language) for w in weeks)),
        ),
    )
    return render_report(
        ReportData(
            title="Teamkennzahlen" if de else "Team figures",
            lines=tuple(lines),
            tables=(open_table, lead_table, week_table),
            created_at=dashboard.computed_at,
            language=language,
        )
    )


def _band_label(band: AgeBand, language: str) -> str:
    if band is AgeBand.OVER_20:
        return "über 20" if language == "de" else "over 20"
    return band.value
