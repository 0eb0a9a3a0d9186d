"""The dashboard's words: figure titles, what each figure counts, age bands, values.

The plain-language descriptions are defined once, in English, in
:mod:`backoffice.domain.figures` (the staff council reads them there too). The
interface shows them in its language: the same English sentences appear here as
Linguist sources (context ``Figures``), and a test checks that they still match the
domain's word for word, so a changed definition cannot go out untranslated unnoticed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from backoffice.domain.figures import PACE_WEEKS, AgeBand, FigureKey


def figure_title(key: FigureKey) -> str:
    titles = {
        FigureKey.OPEN_BY_AGE: QCoreApplication.translate("Figures", "Open cases by age"),
        FigureKey.OVERDUE: QCoreApplication.translate("Figures", "Overdue"),
        FigureKey.INFLOW: QCoreApplication.translate("Figures", "Inflow per week"),
        FigureKey.CLOSED: QCoreApplication.translate("Figures", "Closed per week"),
        FigureKey.LEAD_TIME_MEDIAN: QCoreApplication.translate("Figures", "Lead time, median"),
        FigureKey.LEAD_TIME_P90: QCoreApplication.translate(
            "Figures", "Lead time, 90th percentile"
        ),
        FigureKey.PACE: QCoreApplication.translate("Figures", "Current pace"),
        FigureKey.FORECAST_BREACHES: QCoreApplication.translate(
            "Figures", "Deadline breaches forecast"
        ),
        FigureKey.OPEN_PER_ASSIGNEE: QCoreApplication.translate(
            "Figures", "Open cases per person (the assignment list)"
        ),
    }
    return titles[key]


def figure_description(key: FigureKey) -> str:
    """What the figure counts and from which data (the domain's definition, translated)."""
    if key is FigureKey.OPEN_BY_AGE:
        return QCoreApplication.translate(
            "Figures",
            "Cases not yet completed, rejected or withdrawn, per service, in four bands of "
            "age: 0-5, 6-10, 11-20 and over 20 working days since the day of receipt (Monday "
            "to Friday without the state's public holidays; time waiting for the citizen "
            "counts as age here). From the case list: date of receipt and status.",
        )
    if key is FigureKey.OVERDUE:
        return QCoreApplication.translate(
            "Figures",
            "Open cases whose processing deadline (working days after receipt, stopped while "
            "the case waits for the citizen) lay before today, per service. From the case "
            "list: the stored due date.",
        )
    if key is FigureKey.INFLOW:
        return QCoreApplication.translate(
            "Figures",
            "Cases received per calendar week (Monday to Sunday, Berlin time), per service, "
            "for the weeks of the period. From the case list: time of receipt.",
        )
    if key is FigureKey.CLOSED:
        return QCoreApplication.translate(
            "Figures",
            "Cases completed, rejected or withdrawn per calendar week, per service. From the "
            "case list: time of closing.",
        )
    if key is FigureKey.LEAD_TIME_MEDIAN:
        return QCoreApplication.translate(
            "Figures",
            "Of the cases closed in the period: the middle value of their lead times, in "
            "working days from the day of receipt to the day of closing, without the working "
            "days they waited for the citizen. From the case list and the status history.",
        )
    if key is FigureKey.LEAD_TIME_P90:
        return QCoreApplication.translate(
            "Figures",
            "As the median, but the lead time that nine in ten closed cases did not exceed "
            "(nearest-rank method).",
        )
    if key is FigureKey.PACE:
        return QCoreApplication.translate(
            "Figures",
            "Cases closed per working day over the last {weeks} weeks before today, per "
            "service (closed cases divided by the working days in those weeks).",
        ).format(weeks=PACE_WEEKS)
    if key is FigureKey.FORECAST_BREACHES:
        return QCoreApplication.translate(
            "Figures",
            "Open cases, not yet overdue and not waiting for the citizen, whose deadline "
            "falls within the next N working days and that the service will not reach in "
            "time at its current pace, per service. The forecast assumes the service works "
            "its open cases with a deadline in order of due date (overdue ones first) and "
            "closes as many per working day as its current pace; a case is a breach when its "
            "turn comes after its due date. With no case closed in the pace weeks, every "
            "such case counts.",
        )
    return QCoreApplication.translate(
        "Figures",
        "For each person who holds open cases today: how many, listed by name (not ranked). "
        "It is the current assignment, as the inbox shows it; nothing from the past, no "
        "completed cases, no speed.",
    )


def staff_rule() -> str:
    """When figures are suppressed (the domain's STAFF_RULE, translated)."""
    return QCoreApplication.translate(
        "Figures",
        "The staff of a service are the distinct user accounts that, in the period, recorded "
        "anything on one of its cases (claimed, assigned, released, changed a status, wrote "
        "a note, created a document), plus those who hold one of its open cases today. "
        "Actions of the program itself (intake, messages sent) do not count. When a service "
        "has fewer staff than the minimum group size (5 unless an administrator recorded a "
        "service agreement that allows a smaller group), every figure of that service is "
        'shown as "suppressed" (never as 0) and the service is left out of every total.',
    )


def suppressed_text(min_staff: int) -> str:
    """How a suppressed figure reads (never as 0)."""
    return QCoreApplication.translate("Figures", "suppressed: fewer than {n} staff members").format(
        n=min_staff
    )


def band_name(band: AgeBand) -> str:
    names = {
        AgeBand.DAYS_0_5: QCoreApplication.translate("Figures", "0–5 working days"),
        AgeBand.DAYS_6_10: QCoreApplication.translate("Figures", "6–10 working days"),
        AgeBand.DAYS_11_20: QCoreApplication.translate("Figures", "11–20 working days"),
        AgeBand.OVER_20: QCoreApplication.translate("Figures", "over 20 working days"),
    }
    return names[band]


def number(value: float | None, decimals: int = 0) -> str:
    """A figure in the interface's number format; "—" for nothing to measure."""
    if value is None:
        return "—"
    if decimals == 0 or float(value).is_integer():
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


__all__ = [
    "band_name",
    "figure_description",
    "figure_title",
    "number",
    "staff_rule",
    "suppressed_text",
]
