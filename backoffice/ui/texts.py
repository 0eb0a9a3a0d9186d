"""The domain returns codes, the UI translates: statuses, events, roles, trust, dates.

Every text here goes through Qt Linguist (context ``Texts``); service names,
status labels and form labels come from the service templates in the UI
language. Nothing here renders markup: callers show these strings as plain text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QDateTime, QLocale, QTimeZone

from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.domain.templates import FieldDef, ServiceTemplate
from backoffice.services.casework import AttachmentInfo
from backoffice.services.errors import ConcurrentChange

_BERLIN_ZONE = QTimeZone(QByteArray(b"Europe/Berlin"))


#: A form value longer than this is cut (the rest is counted): bounded, like all citizen data.
MAX_VALUE_CHARS = 4000


def _bounded(text: str) -> str:
    if len(text) <= MAX_VALUE_CHARS:
        return text
    rest = len(text) - MAX_VALUE_CHARS
    return (
        text[:MAX_VALUE_CHARS]
        + " "
        + QCoreApplication.translate("Texts", "… ({n} more characters)").format(n=rest)
    )


class Tone(Enum):
    """How a fact should look: fine, worth a look, or a problem."""

    GOOD = "good"
    NEUTRAL = "neutral"
    WARNING = "warning"
    BAD = "bad"


@dataclass(frozen=True)
class Fact:
    text: str
    tone: Tone
    detail: str = ""


def time_zone_note() -> str:
    """Where a time is shown without context: which clock it is (stored in UTC)."""
    return QCoreApplication.translate("Texts", "Times in German time (Europe/Berlin)")


def status_name(status: Status) -> str:
    """The core name of a status (templates may label it differently)."""
    names = {
        Status.RECEIVED: QCoreApplication.translate("Texts", "Received"),
        Status.IN_PROGRESS: QCoreApplication.translate("Texts", "In progress"),
        Status.WAITING_FOR_CITIZEN: QCoreApplication.translate(
            "Texts", "Waiting for the applicant"
        ),
        Status.COMPLETED: QCoreApplication.translate("Texts", "Completed"),
        Status.REJECTED: QCoreApplication.translate("Texts", "Rejected"),
        Status.WITHDRAWN: QCoreApplication.translate("Texts", "Withdrawn"),
    }
    return names[status]


def role_name(role: Role) -> str:
    names = {
        Role.CLERK: QCoreApplication.translate("Texts", "Clerk"),
        Role.TEAM_LEAD: QCoreApplication.translate("Texts", "Team lead"),
        Role.ADMINISTRATOR: QCoreApplication.translate("Texts", "Administrator"),
    }
    return names[role]


def transition_verb(source: Status, target: Status) -> str:
    """What the button that moves a case from ``source`` to ``target`` says."""
    if target is Status.IN_PROGRESS:
        return (
            QCoreApplication.translate("Texts", "Start work")
            if source is Status.RECEIVED
            else QCoreApplication.translate("Texts", "Resume work")
        )
    verbs = {
        Status.WAITING_FOR_CITIZEN: QCoreApplication.translate("Texts", "Ask the applicant…"),
        Status.COMPLETED: QCoreApplication.translate("Texts", "Complete…"),
        Status.REJECTED: QCoreApplication.translate("Texts", "Reject…"),
        Status.WITHDRAWN: QCoreApplication.translate("Texts", "Record withdrawal…"),
        Status.RECEIVED: QCoreApplication.translate("Texts", "Reset to received"),
    }
    return verbs[target]


def requirement_name(code: str) -> str:
    names = {
        "comment": QCoreApplication.translate("Texts", "a comment"),
        "message": QCoreApplication.translate("Texts", "a message to the applicant"),
        "document": QCoreApplication.translate("Texts", "a generated document"),
    }
    return names.get(code, code)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt guesses rich text in tooltips, so the
    text is escaped and wrapped in an explicit rich-text document."""
    escaped = html.escape(text, quote=False).replace("\n", "<br/>")
    return f"<qt>{escaped}</qt>"


def escape_mnemonic(text: str) -> str:
    """Data in a button, action or menu text: a single ``&`` would mark a shortcut."""
    return text.replace("&", "&&")


class Vocabulary:
    """Texts that depend on the UI language, the service templates and the users."""

    def __init__(
        self,
        language: str,
        templates: Mapping[str, ServiceTemplate] | None = None,
        user_names: Mapping[str, str] | None = None,
    ) -> None:
        self.language = language
        self.locale = QLocale(
            QLocale.Language.English if language == "en" else QLocale.Language.German,
            QLocale.Country.UnitedKingdom if language == "en" else QLocale.Country.Germany,
        )
        self.templates: dict[str, ServiceTemplate] = dict(templates or {})
        self.user_names: dict[str, str] = dict(user_names or {})

    # -- services and statuses ----------------------------------------------------------------

    def service_name(self, key: str) -> str:
        template = self.templates.get(key)
        return template.name.get(self.language) if template else key

    def status(self, status: Status, template: ServiceTemplate | None = None) -> str:
        """The template's label for the status if it has one, else the core name."""
        label = template.status_label(status, self.language) if template else None
        return label or status_name(status)

    def status_of_service(self, status: Status, service_key: str) -> str:
        return self.status(status, self.templates.get(service_key))

    def user(self, login: str | None) -> str:
        if not login:
            return QCoreApplication.translate("Texts", "nobody")
        return self.user_names.get(login, login)

    # -- dates and sizes ----------------------------------------------------------------------

    def date(self, value: date | None) -> str:
        if value is None:
            return "—"
        fmt = "d MMM yyyy" if self.language == "en" else "dd.MM.yyyy"
        return self.locale.toString(QDate(value.year, value.month, value.day), fmt)

    def datetime(self, value: datetime | None, *, zone: bool = False) -> str:
        """A moment in Berlin time (stored in UTC); ``zone``: labelled so ("… (Berlin)"),
        as the command line does, where the text stands alone."""
        if value is None:
            return "—"
        fmt = "d MMM yyyy, HH:mm" if self.language == "en" else "dd.MM.yyyy, HH:mm"
        moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _BERLIN_ZONE)
        text = self.locale.toString(moment, fmt)
        return f"{text} " + QCoreApplication.translate("Texts", "(Berlin)") if zone else text

    def size(self, n_bytes: int) -> str:
        return self.locale.formattedDataSize(n_bytes, 1, QLocale.DataSizeFormat.DataSizeSIFormat)

    # -- trust --------------------------------------------------------------------------------

    def identification(self, auth_level: str | None) -> Fact:
        if not auth_level:
            return Fact(
                QCoreApplication.translate("Texts", "not identified"),
                Tone.WARNING,
                QCoreApplication.translate(
                    "Texts",
                    "The applicant did not sign in with an identity account; check identity "
                    "before relying on the request.",
                ),
            )
        kind, _, version = auth_level.partition(" ")
        if kind == "identificationReport":
            # What intake records today: the kind of proof, not its level of assurance.
            return Fact(
                QCoreApplication.translate("Texts", "identification report"),
                Tone.GOOD,
                QCoreApplication.translate(
                    "Texts",
                    "The portal sent an identification report (version {version}); this "
                    "program does not evaluate its level of assurance yet.",
                ).format(version=version or "?"),
            )
        return Fact(
            auth_level,
            Tone.GOOD,
            QCoreApplication.translate("Texts", "Identity confirmed by the portal."),
        )

    def payment(self, state: str | None, fee_due: bool) -> Fact:
        code = (state or "").upper()
        if code == "BOOKED":
            return Fact(QCoreApplication.translate("Texts", "paid"), Tone.GOOD)
        if code == "INITIAL":
            return Fact(
                QCoreApplication.translate("Texts", "started, not confirmed"),
                Tone.WARNING,
                QCoreApplication.translate(
                    "Texts",
                    "The payment was started but the payment provider has not confirmed it.",
                ),
            )
        if code in ("FAILED", "CANCELED", "CANCELLED"):
            return Fact(QCoreApplication.translate("Texts", "failed or cancelled"), Tone.BAD)
        if not code:
            if fee_due:
                return Fact(
                    QCoreApplication.translate("Texts", "no payment"),
                    Tone.WARNING,
                    QCoreApplication.translate("Texts", "A fee is due for this service."),
                )
            return Fact(QCoreApplication.translate("Texts", "no fee"), Tone.NEUTRAL)
        return Fact(state or "", Tone.NEUTRAL)

    @staticmethod
    def reply_channel(code: str) -> str:
        names = {
            "fitConnect": QCoreApplication.translate("Texts", "portal mailbox"),
            "eMail": QCoreApplication.translate("Texts", "e-mail"),
            "deMail": QCoreApplication.translate("Texts", "De-Mail"),
            "elster": QCoreApplication.translate("Texts", "ELSTER mailbox"),
            "fink": QCoreApplication.translate("Texts", "FINK mailbox"),
            "postal": QCoreApplication.translate("Texts", "letter"),
        }
        return names.get(code, code)

    @staticmethod
    def verification(code: str) -> Fact:
        known = {
            "ok": Fact(QCoreApplication.translate("Texts", "in order"), Tone.GOOD),
            "verified": Fact(QCoreApplication.translate("Texts", "in order"), Tone.GOOD),
            "unknown_type": Fact(
                QCoreApplication.translate("Texts", "file type not recognised"), Tone.WARNING
            ),
            "type_mismatch": Fact(
                QCoreApplication.translate("Texts", "file type differs from its declaration"),
                Tone.BAD,
            ),
            "unchecked": Fact(QCoreApplication.translate("Texts", "not checked"), Tone.WARNING),
            "damaged": Fact(
                QCoreApplication.translate("Texts", "damaged: cannot be opened"), Tone.BAD
            ),
        }
        return known.get(code, Fact(code, Tone.NEUTRAL))

    @staticmethod
    def check_detail(attachment: AttachmentInfo) -> str:
        """What the check of an attachment found, in the UI language (by its code; the
        service's English detail only for a check this program does not know)."""
        code = attachment.verification
        declared = attachment.declared_type
        if code == "type_mismatch" and declared:
            return QCoreApplication.translate(
                "Texts", "declared as {declared}, but the content is {actual}"
            ).format(declared=declared, actual=attachment.media_type)
        if code == "unknown_type":
            return QCoreApplication.translate(
                "Texts", "the content is of no known type; declared as {declared}"
            ).format(declared=declared or attachment.media_type)
        if code in ("ok", "verified", "unchecked"):
            return ""
        if code == "damaged":
            return QCoreApplication.translate(
                "Texts",
                "the file is damaged and cannot be opened; ask the applicant to send it again",
            )
        return attachment.verification_detail or ""

    # -- form values --------------------------------------------------------------------------

    def value(self, field: FieldDef | None, value: Any) -> str:
        """A form value as the clerk reads it (still plain text)."""
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return (
                QCoreApplication.translate("Texts", "yes")
                if value
                else QCoreApplication.translate("Texts", "no")
            )
        if field is not None and field.type == "choice":
            for option, label in field.options:
                if option == value:
                    return label.get(self.language)
        if field is not None and field.type == "date" and isinstance(value, str):
            try:
                return self.date(date.fromisoformat(value))
            except ValueError:
                return value
        if isinstance(value, dict | list):
            try:
                text = json.dumps(value, ensure_ascii=False, indent=1)
            except (RecursionError, ValueError):  # nested beyond reason: say so
                text = QCoreApplication.translate("Texts", "(nested too deeply to show)")
            return _bounded(text)
        return _bounded(str(value))

    # -- history ------------------------------------------------------------------------------

    def event(
        self,
        kind: str,
        payload: Mapping[str, Any],
        actor_name: str | None,
        template: ServiceTemplate | None = None,
    ) -> tuple[str, str]:
        """Title and detail of one history entry (or one change in a conflict)."""
        who = actor_name or QCoreApplication.translate("Texts", "System")
        detail_parts = []
        if payload.get("comment"):
            detail_parts.append(
                QCoreApplication.translate("Texts", "Comment: {text}").format(
                    text=payload["comment"]
                )
            )
        if payload.get("message"):
            detail_parts.append(
                QCoreApplication.translate("Texts", "Message to the applicant: {text}").format(
                    text=payload["message"]
                )
            )
        if kind == "received":
            title = QCoreApplication.translate("Texts", "Application received")
        elif kind == "claimed":
            title = QCoreApplication.translate("Texts", "{who} took the case").format(who=who)
        elif kind == "assigned":
            if payload.get("from"):
                title = QCoreApplication.translate(
                    "Texts", "{who} moved the case from {old} to {new}"
                ).format(
                    who=who, old=self.user(payload.get("from")), new=self.user(payload.get("to"))
                )
            else:
                title = QCoreApplication.translate(
                    "Texts", "{who} assigned the case to {new}"
                ).format(who=who, new=self.user(payload.get("to")))
        elif kind == "released":
            title = QCoreApplication.translate("Texts", "{who} released the case").format(who=who)
        elif kind == "status_changed":
            title = QCoreApplication.translate("Texts", "{who}: {old} → {new}").format(
                who=who,
                old=self._status_code(payload.get("from"), template),
                new=self._status_code(payload.get("to"), template),
            )
        elif kind == "note_added":
            title = QCoreApplication.translate("Texts", "Note by {who}").format(who=who)
            detail_parts.append(str(payload.get("text", "")))
        elif kind == "document_generated":
            title = QCoreApplication.translate("Texts", "Document generated")
        elif kind == "message_queued":
            title = QCoreApplication.translate("Texts", "Message to the applicant queued")
            detail_parts.append(str(payload.get("subject", "")))
        elif kind == "message_sent":
            title = QCoreApplication.translate("Texts", "Message to the applicant sent")
        elif kind == "message_failed":
            title = QCoreApplication.translate(
                "Texts", "Message to the applicant could not be sent"
            )
        elif kind == "attachment_viewed":
            title = QCoreApplication.translate("Texts", "{who} opened an attachment").format(
                who=who
            )
        elif kind == "citizen_answered":
            title, more = self._answer(payload)
            detail_parts.extend(more)
        else:
            title = kind
        return title, "\n".join(part for part in detail_parts if part)

    def _answer(self, payload: Mapping[str, Any]) -> tuple[str, list[str]]:
        """A follow-up submission: the applicant's message and the files they sent."""
        if payload.get("form_resent"):
            title = QCoreApplication.translate("Texts", "The applicant sent the form again")
        else:
            title = QCoreApplication.translate("Texts", "The applicant answered")
        parts = []
        if payload.get("text"):
            parts.append(_bounded(str(payload["text"])))
        names = [str(name) for name in payload.get("attachments") or []]
        if names:
            parts.append(
                QCoreApplication.translate("Texts", "New attachments: {names}").format(
                    names=", ".join(names)
                )
            )
        if payload.get("form_resent"):
            parts.append(
                QCoreApplication.translate(
                    "Texts", "The form data of the case is unchanged; see the attachments."
                )
            )
        return title, parts

    def _status_code(self, code: Any, template: ServiceTemplate | None) -> str:
        try:
            return self.status(Status(code), template)
        except ValueError:
            return str(code)

    def notice(
        self,
        kind: str,
        payload: Mapping[str, Any],
        actor_name: str | None,
        file_number: str,
        my_login: str,
    ) -> str:
        """What happened to one of my cases, said to me."""
        who = actor_name or QCoreApplication.translate("Texts", "System")
        if kind == "assigned" and payload.get("to") == my_login:
            return QCoreApplication.translate("Texts", "{who} assigned case {file} to you.").format(
                who=who, file=file_number
            )
        if kind == "assigned":
            return QCoreApplication.translate(
                "Texts", "{who} took case {file} from you and gave it to {new}."
            ).format(who=who, file=file_number, new=self.user(payload.get("to")))
        if kind == "released":
            return QCoreApplication.translate(
                "Texts", "{who} took case {file} from you; it is unassigned now."
            ).format(who=who, file=file_number)
        if kind == "citizen_answered":
            return QCoreApplication.translate(
                "Texts", "The applicant answered on case {file}."
            ).format(file=file_number)
        title, _detail = self.event(kind, payload, actor_name)
        return f"{file_number}: {title}"

    def conflict(self, error: ConcurrentChange, template: ServiceTemplate | None) -> str:
        """Who changed a case meanwhile and what, for the clerk whose change was refused."""
        # None: the system changed it (intake, a background job), not a person.
        who = error.changed_by or QCoreApplication.translate("Texts", "the system")
        lines = [
            QCoreApplication.translate(
                "Texts", "{who} changed this case while you were looking at it:"
            ).format(who=who)
        ]
        for change in error.changes:
            title, detail = self.event(change.get("kind", ""), change, change.get("by"), template)
            lines.append(f"• {self._moment(change.get('at'))}  {title}")
            if detail:
                lines.append(f"   {detail}")
        lines.append(
            QCoreApplication.translate(
                "Texts",
                "The case has been reloaded. Check it and repeat your change if it is "
                "still needed.",
            )
        )
        return "\n".join(lines)

    def _moment(self, iso: Any) -> str:
        try:
            return self.datetime(datetime.fromisoformat(str(iso)), zone=True)
        except ValueError:
            return ""
