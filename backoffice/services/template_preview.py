"""What an unsaved template definition would produce, for the template editor.

The editor changes a definition in memory; before it is saved (or published) the
administrator wants to see the configuration check's findings and the documents it would
make. :class:`TemplatePreview` works on the raw definition, never touches the database:

* :meth:`~TemplatePreview.check` — :func:`~backoffice.domain.template_check.check_template`,
  every problem at once;
* :meth:`~TemplatePreview.render` — the certificate of a made-up **sample case** (every
  field of the form filled with a plausible value of its type, :func:`sample_form`) and the
  letter a citizen without a digital channel would get for one status, with the message
  texts of every status filled in. A definition that does not parse yet gives no PDFs but
  the reason (:attr:`PreviewResult.problem`); the texts are filled where they can be.

Both need :attr:`~backoffice.domain.roles.Permission.MANAGE_TEMPLATES`. Rendering takes
tens of milliseconds; the editor calls it in a worker.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from backoffice.documents import (
    DEFAULT_LETTERHEAD,
    CertificateData,
    LetterData,
    Letterhead,
    PostalAddress,
)
from backoffice.domain.errors import TemplateError
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.template_check import Finding, check_template
from backoffice.domain.templates import (
    APPLICANT_GROUP,
    LANGUAGES,
    ServiceTemplate,
    parse_template,
    render_text,
)

from .actor import Actor
from .errors import InvalidInput

#: The sample applicant (and the values of the applicant's usual fields).
SAMPLE_APPLICANT: Mapping[str, str] = {
    "given_name": "Erika",
    "family_name": "Mustermann",
    "birth_date": "1984-08-12",
    "birth_place": "Musterstadt",
    "email": "erika.mustermann@example.org",
    "phone": "0251 123456",
    "street": "Lindenweg",
    "house_number": "7",
    "postal_code": "48143",
    "city": "Musterstadt",
    "country": "Deutschland",
}
#: The sample case's number: the template's prefix, the year, this serial.
SAMPLE_SERIAL = 123
#: The verification code printed on a preview (never stored, so never valid).
SAMPLE_CODE = "PREVIEW0000000"
SAMPLE_CLERK = "Max Muster"


@dataclass(frozen=True)
class PreviewResult:
    """The sample case's documents (PDF bytes, or None) and texts."""

    file_number: str
    language: str
    #: The certificate, or None if the service issues none or the definition does not parse.
    certificate_pdf: bytes | None
    #: The letter with the message text of :attr:`status` (None: see :attr:`problem`).
    letter_pdf: bytes | None
    status: str | None
    #: Every status's message text, filled in for the sample case (in order of the states).
    messages: tuple[tuple[str, str], ...]
    #: Why there are no PDFs (the first problem of the definition), or None.
    problem: str | None


def sample_value(item: Mapping[str, Any]) -> Any:
    """A plausible value for one field definition (of any type)."""
    kind = item.get("type")
    options = item.get("options")
    if kind == "choice" and isinstance(options, list) and options:
        first = options[0]
        return str(first.get("value", "")) if isinstance(first, Mapping) else ""
    if kind == "boolean":
        return True
    if kind == "number":
        return 1
    if kind == "date":
        return "2026-03-01"
    if kind == "email":
        return "erika.mustermann@example.org"
    if kind == "phone":
        return "0251 123456"
    limit = item.get("max_length")
    text = "Beispiel" if kind != "multiline" else "Beispieltext über zwei Zeilen.\nZweite Zeile."
    return text[:limit] if isinstance(limit, int) and limit > 0 else text


def sample_form(definition: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Form data for every field of the definition (``{group: {field: value}}``)."""
    form: dict[str, dict[str, Any]] = {}
    groups = definition.get("field_groups")
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, Mapping) or not isinstance(group.get("key"), str):
            continue
        values = form.setdefault(group["key"], {})
        fields = group.get("fields")
        for item in fields if isinstance(fields, list) else []:
            if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
                continue
            if group["key"] == APPLICANT_GROUP and item["key"] in SAMPLE_APPLICANT:
                values[item["key"]] = SAMPLE_APPLICANT[item["key"]]
            else:
                values[item["key"]] = sample_value(item)
    return form


class TemplatePreview:
    def __init__(
        self,
        letterhead: Letterhead | Callable[[str], Letterhead] = DEFAULT_LETTERHEAD,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``letterhead``: the town's identity for a service key (as the documents use it)."""
        self._letterhead = letterhead
        self._clock = clock

    def check(self, actor: Actor, definition: Any) -> list[Finding]:
        """The configuration check of an unsaved definition."""
        actor.require(Permission.MANAGE_TEMPLATES)
        return check_template(definition)

    def render(
        self,
        actor: Actor,
        definition: Any,
        *,
        language: str = "de",
        status: str | None = None,
    ) -> PreviewResult:
        """The sample case's certificate and the letter for ``status`` (default: the first
        state) in ``language``."""
        actor.require(Permission.MANAGE_TEMPLATES)
        if language not in LANGUAGES:
            raise InvalidInput(f"unknown language {language!r}", language=language)
        if not isinstance(definition, dict):
            raise InvalidInput("a template definition is a JSON object")
        form = sample_form(definition)
        prefix = definition.get("file_prefix")
        now = self._clock()
        file_number = (
            f"{prefix if isinstance(prefix, str) and prefix else 'XX'}"
            f"-{now.year}-{SAMPLE_SERIAL:06d}"
        )
        values = self._values(definition, file_number, form, language)
        messages = tuple(self._messages(definition, values, language))
        try:
            template = parse_template(definition, str(definition.get("key", "<draft>")))
        except TemplateError as exc:
            return PreviewResult(file_number, language, None, None, None, messages, str(exc))
        chosen = self._status(template, status)
        letterhead = (
            self._letterhead
            if isinstance(self._letterhead, Letterhead)
            else self._letterhead(template.key)
        )
        # reportlab takes ~100 ms to import: with the first preview, not with the module.
        from backoffice.documents import render_certificate, render_letter

        certificate = None
        if template.certificate is not None:
            certificate = render_certificate(
                CertificateData(
                    template=template,
                    file_number=file_number,
                    form_data=form,
                    issued_at=now,
                    verification_code=SAMPLE_CODE,
                    clerk_name=SAMPLE_CLERK,
                    language=language,
                    letterhead=letterhead,
                )
            )
        status_label = template.status_label(chosen, language) or chosen.value
        letter = render_letter(
            LetterData(
                file_number=file_number,
                recipient=PostalAddress.from_form(form),
                subject=f"{template.name.get(language)}: {status_label}",
                message=_fill(template.messages[chosen].get(language), values),
                sent_at=now,
                clerk_name=SAMPLE_CLERK,
                language=language,
                letterhead=letterhead,
            )
        )
        return PreviewResult(
            file_number, language, certificate, letter, chosen.value, messages, None
        )

    @staticmethod
    def _status(template: ServiceTemplate, status: str | None) -> Status:
        states = template.workflow.states
        if status is not None and status in Status._value2member_map_:
            wanted = Status(status)
            if wanted in states:
                return wanted
        return states[0]

    @staticmethod
    def _values(
        definition: Mapping[str, Any], file_number: str, form: Mapping[str, Any], language: str
    ) -> dict[str, str]:
        name = definition.get("name")
        service_name = name.get(language, "") if isinstance(name, Mapping) else ""
        applicant = form.get(APPLICANT_GROUP, {})
        return {
            "file_number": file_number,
            "service_name": str(service_name),
            "given_name": str(applicant.get("given_name", "")),
            "family_name": str(applicant.get("family_name", "")),
        }

    @staticmethod
    def _messages(
        definition: Mapping[str, Any], values: Mapping[str, str], language: str
    ) -> list[tuple[str, str]]:
        messages = definition.get("messages")
        workflow = definition.get("workflow")
        states = workflow.get("states") if isinstance(workflow, Mapping) else None
        if not isinstance(messages, Mapping):
            return []
        order = [s for s in states if s in messages] if isinstance(states, list) else []
        order += [s for s in messages if s not in order]
        filled = []
        for state in order:
            text = messages[state]
            raw = text.get(language) if isinstance(text, Mapping) else None
            if not isinstance(raw, str):
                continue
            filled.append((str(state), _fill(raw, values)))
        return filled


def _fill(text: str, values: Mapping[str, str]) -> str:
    """A message text filled in; a broken or unknown placeholder stays as written."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return text
    if any(name not in values for name in names):
        return text
    try:
        return render_text(text, values)
    except (ValueError, KeyError, IndexError, AttributeError):  # a format spec such as {x:>}
        return text
