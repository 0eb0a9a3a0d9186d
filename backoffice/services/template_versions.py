"""Template versions as a whole: draft → published (valid from a date) → ended.

* A **draft** is stored next to the live version and never affects intake or live cases
  (:mod:`backoffice.services.template_live` decides what is live). One draft per service.
* **Publishing** runs the configuration check (:func:`~backoffice.domain.template_check.
  check_template`) and refuses while it finds anything; it refuses a validity period that
  overlaps another version's unless asked to end the predecessor (the version open-ended
  before the new start date, which then ends the day before).
* Each case keeps the version it arrived under (``cases.template_id``).
* Any earlier version can be **restored** as a new draft.
* **Export/import**: one JSON document with the service key and version; importing the same
  version again changes nothing, a newer one becomes a draft, and what is missing or invalid
  is listed (:class:`ImportInvalid`) before anything is stored.

Every change is recorded in the administration's audit trail in the same transaction. All
methods need :attr:`~backoffice.domain.roles.Permission.MANAGE_TEMPLATES`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import OPEN_STATUSES
from backoffice.domain.template_check import Finding, check_template
from backoffice.domain.template_diff import TemplateDiff, diff_templates
from backoffice.domain.templates import _KEY
from backoffice.store.database import Database
from backoffice.store.models import Case, ServiceTemplateRow

from . import admin_audit
from .actor import Actor
from .catalogue import newest_row
from .errors import InvalidInput, NotFound, ServiceError, storage_errors
from .template_live import VersionState, berlin_today, live_on

EXPORT_FORMAT = "rathaus-backoffice/service-template"
EXPORT_FORMAT_VERSION = 1


class ConfigurationInvalid(ServiceError):
    """The configuration check found problems; ``findings`` lists them all."""

    code = "template_configuration_invalid"

    def __init__(self, message: str, findings: Sequence[Finding]) -> None:
        super().__init__(message, findings=[str(f) for f in findings])
        self.findings = list(findings)


class PeriodOverlap(ServiceError):
    """The validity period would overlap another version's."""

    code = "template_period_overlap"


class DraftExists(ServiceError):
    code = "template_draft_exists"


class ImportInvalid(ConfigurationInvalid):
    """An import document is incomplete or its template invalid; nothing was stored."""

    code = "template_import_invalid"


@dataclass(frozen=True)
class VersionInfo:
    id: int
    key: str
    version: int
    state: str
    valid_from: date | None
    valid_until: date | None
    name_de: str
    created_at: datetime
    live: bool  # live today
    cases: int  # cases that arrived under this version
    open_cases: int = 0  # of them, the ones still open


@dataclass(frozen=True)
class ServiceOverview:
    """One service for the administration's list: what is live today, whether a draft waits."""

    key: str
    name_de: str
    name_en: str
    live_version: int | None
    live_from: date | None
    live_until: date | None
    draft_version: int | None
    versions: int
    open_cases: int  # open cases over all versions


@dataclass(frozen=True)
class PublishResult:
    published: VersionInfo
    #: Versions ended by this publication (their valid_until set to the day before).
    ended: tuple[int, ...]


@dataclass(frozen=True)
class ImportResult:
    key: str
    version: int
    outcome: str  # "unchanged" | "draft"


def _reading_key(key: Any) -> str:
    import re

    if not isinstance(key, str) or not re.match(str(_KEY["pattern"]), key):
        raise InvalidInput(f"{key!r} is not a service key", key=key)
    return key


@storage_errors
class TemplateVersions:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    def today(self) -> date:
        return berlin_today(self._clock())

    # -- reading ---------------------------------------------------------------------------

    def versions(self, actor: Actor, key: str) -> list[VersionInfo]:
        """Every version of a service, oldest first."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.read() as session:
            rows = session.scalars(
                select(ServiceTemplateRow)
                .where(ServiceTemplateRow.key == key)
                .order_by(ServiceTemplateRow.version)
            ).all()
            if not rows:
                raise NotFound(f"no service {key!r}", key=key)
            return [self._info(session, row) for row in rows]

    def overview(self, actor: Actor) -> list[ServiceOverview]:
        """Every service (by key): its live version today, its draft, its open cases."""
        actor.require(Permission.MANAGE_TEMPLATES)
        today = self.today()
        with self._db.read() as session:
            rows = session.execute(
                select(
                    ServiceTemplateRow.id,
                    ServiceTemplateRow.key,
                    ServiceTemplateRow.version,
                    ServiceTemplateRow.state,
                    ServiceTemplateRow.valid_from,
                    ServiceTemplateRow.valid_until,
                    ServiceTemplateRow.name_de,
                    ServiceTemplateRow.name_en,
                ).order_by(ServiceTemplateRow.key, ServiceTemplateRow.version)
            ).all()
            open_by_template = dict(
                session.execute(
                    select(Case.template_id, func.count(Case.id))
                    .where(Case.status.in_([s.value for s in OPEN_STATUSES]))
                    .group_by(Case.template_id)
                ).all()
            )
        by_key: dict[str, list[Any]] = {}
        for row in rows:
            by_key.setdefault(row.key, []).append(row)
        result = []
        for key, versions in by_key.items():
            live = next((v for v in versions if _live_today(v, today)), None)
            draft = next((v for v in versions if v.state == VersionState.DRAFT.value), None)
            named = live or versions[-1]
            result.append(
                ServiceOverview(
                    key=key,
                    name_de=named.name_de,
                    name_en=named.name_en,
                    live_version=live.version if live else None,
                    live_from=live.valid_from if live else None,
                    live_until=live.valid_until if live else None,
                    draft_version=draft.version if draft else None,
                    versions=len(versions),
                    open_cases=sum(int(open_by_template.get(v.id, 0)) for v in versions),
                )
            )
        return result

    def drafts(self, actor: Actor) -> list[VersionInfo]:
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.read() as session:
            rows = session.scalars(
                select(ServiceTemplateRow)
                .where(ServiceTemplateRow.state == VersionState.DRAFT.value)
                .order_by(ServiceTemplateRow.key)
            ).all()
            return [self._info(session, row) for row in rows]

    def definition(self, actor: Actor, key: str, version: int | None = None) -> dict[str, Any]:
        """The raw definition of a version (default: the draft), for an editor."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.read() as session:
            return copy.deepcopy(dict(self._row(session, key, version).definition))

    def check(self, actor: Actor, key: str, version: int | None = None) -> list[Finding]:
        """The configuration check of a version (default: the draft)."""
        return check_template(self.definition(actor, key, version))

    def diff(self, actor: Actor, key: str, version: int | None = None) -> TemplateDiff:
        """What a version (default: the draft) changes against the version live today."""
        new = self.definition(actor, key, version)
        with self._db.read() as session:
            live = self._live_row(session, key)
            old = copy.deepcopy(dict(live.definition)) if live is not None else None
        return diff_templates(old, new)

    # -- drafts ----------------------------------------------------------------------------

    def save_draft(self, actor: Actor, definition: dict[str, Any]) -> VersionInfo:
        """Store a definition as the service's draft (a new one, or replacing the draft).

        The draft may be incomplete; the check before publishing says what is missing."""
        actor.require(Permission.MANAGE_TEMPLATES)
        if not isinstance(definition, dict):
            raise InvalidInput("a template definition is a JSON object")
        key = _reading_key(definition.get("key"))
        with self._db.write() as session:
            row = self._save_draft(session, key, definition)
            admin_audit.record(
                session,
                actor,
                "draft_saved",
                f"{key} v{row.version}",
                {"key": key, "version": row.version},
                at=self._clock(),
            )
            return self._info(session, row)

    def discard_draft(self, actor: Actor, key: str) -> None:
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.write() as session:
            row = self._row(session, key, None)
            session.delete(row)
            admin_audit.record(
                session,
                actor,
                "draft_discarded",
                f"{key} v{row.version}",
                {"key": key, "version": row.version},
                at=self._clock(),
            )

    def restore(self, actor: Actor, key: str, version: int) -> VersionInfo:
        """An earlier version's definition as a new draft (a draft there must be discarded
        first, so that nobody's unpublished work is overwritten silently)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.write() as session:
            source = self._row(session, key, version)
            if self._draft(session, key) is not None:
                raise DraftExists(
                    f"{key} has a draft already; publish or discard it before restoring",
                    key=key,
                )
            row = self._save_draft(session, key, copy.deepcopy(dict(source.definition)))
            admin_audit.record(
                session,
                actor,
                "version_restored",
                f"{key} v{row.version}",
                {"key": key, "version": row.version, "restored_from": version},
                at=self._clock(),
            )
            return self._info(session, row)

    def _save_draft(
        self, session: Session, key: str, definition: dict[str, Any]
    ) -> ServiceTemplateRow:
        draft = self._draft(session, key)
        if draft is None:
            latest = newest_row(session, key)
            version = latest.version + 1 if latest else 1
            draft = ServiceTemplateRow(key=key, version=version, state=VersionState.DRAFT.value)
            session.add(draft)
        self._fill(draft, definition)
        session.flush()
        return draft

    @staticmethod
    def _fill(row: ServiceTemplateRow, definition: dict[str, Any]) -> None:
        definition = {**copy.deepcopy(definition), "version": row.version}
        raw_name = definition.get("name")
        name: dict[str, Any] = raw_name if isinstance(raw_name, dict) else {}
        row.definition = definition
        row.leika = str(definition.get("leika", ""))[:60]
        row.name_de = str(name.get("de", row.key))[:200]
        row.name_en = str(name.get("en", row.key))[:200]
        row.active = bool(definition.get("active", True))

    # -- publishing ------------------------------------------------------------------------

    def publish(
        self,
        actor: Actor,
        key: str,
        valid_from: date,
        *,
        version: int | None = None,
        end_predecessor: bool = False,
    ) -> PublishResult:
        """Publish the draft (or the named draft version) valid from ``valid_from`` (today or
        later). An open-ended predecessor that started before is ended the day before when
        ``end_predecessor`` is set; otherwise the overlap is refused, naming it (the UI
        offers to end it)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        if valid_from < self.today():
            raise InvalidInput(
                f"a version cannot be published for the past ({valid_from.isoformat()})",
                valid_from=valid_from.isoformat(),
            )
        with self._db.write() as session:
            row = self._row(session, key, version)
            if row.state != VersionState.DRAFT.value:
                raise InvalidInput(
                    f"{key} v{row.version} is {row.state}; only a draft can be published",
                    key=key,
                    version=row.version,
                )
            findings = check_template(dict(row.definition))
            if findings:
                raise ConfigurationInvalid(
                    f"{key} v{row.version} cannot be published: {len(findings)} problem(s): "
                    + "; ".join(str(f) for f in findings[:5]),
                    findings,
                )
            ended = []
            for other in self._periods(session, key):
                if other.valid_until is not None and other.valid_until < valid_from:
                    continue  # ends before the new one starts
                assert other.valid_from is not None
                if other.valid_from < valid_from and other.valid_until is None and end_predecessor:
                    other.valid_until = valid_from - timedelta(days=1)
                    other.state = VersionState.ENDED.value
                    ended.append(other.version)
                    admin_audit.record(
                        session,
                        actor,
                        "version_ended",
                        f"{key} v{other.version}",
                        {
                            "key": key,
                            "version": other.version,
                            "valid_until": other.valid_until.isoformat(),
                        },
                        at=self._clock(),
                    )
                    continue
                raise PeriodOverlap(
                    f"{key} v{row.version} from {valid_from.isoformat()} would overlap "
                    f"v{other.version} (valid {other.valid_from.isoformat()} to "
                    f"{other.valid_until.isoformat() if other.valid_until else 'open end'})"
                    + (
                        "; end that version first"
                        if other.valid_from >= valid_from
                        else "; publish with the predecessor ended"
                    ),
                    key=key,
                    version=row.version,
                    overlapping_version=other.version,
                    can_end_predecessor=other.valid_from < valid_from and other.valid_until is None,
                )
            row.state = VersionState.PUBLISHED.value
            row.valid_from = valid_from
            row.valid_until = None
            session.flush()
            admin_audit.record(
                session,
                actor,
                "version_published",
                f"{key} v{row.version}",
                {
                    "key": key,
                    "version": row.version,
                    "valid_from": valid_from.isoformat(),
                    "ended": ended,
                },
                at=self._clock(),
            )
            return PublishResult(self._info(session, row), tuple(ended))

    def end(self, actor: Actor, key: str, version: int, last_day: date) -> VersionInfo:
        """Fix the last day of a published version (no successor needed)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.write() as session:
            row = self._row(session, key, version)
            if row.state == VersionState.DRAFT.value or row.valid_from is None:
                raise InvalidInput(f"{key} v{version} is not published", key=key)
            if last_day < row.valid_from or last_day < self.today() - timedelta(days=1):
                raise InvalidInput("the last day lies before the version started or in the past")
            row.state, row.valid_until = VersionState.ENDED.value, last_day
            admin_audit.record(
                session,
                actor,
                "version_ended",
                f"{key} v{version}",
                {"key": key, "version": version, "valid_until": last_day.isoformat()},
                at=self._clock(),
            )
            return self._info(session, row)

    # -- export and import -----------------------------------------------------------------

    def export_document(self, actor: Actor, key: str, version: int | None = None) -> dict[str, Any]:
        """One JSON document: the format, the service key, the version and its definition
        (default version: the one live today, else the newest)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.read() as session:
            if version is None:
                row = self._live_row(session, key) or newest_row(session, key)
                if row is None:
                    raise NotFound(f"no service {key!r}", key=key)
            else:
                row = self._row(session, key, version)
            return {
                "format": EXPORT_FORMAT,
                "format_version": EXPORT_FORMAT_VERSION,
                "key": row.key,
                "version": row.version,
                "definition": copy.deepcopy(dict(row.definition)),
            }

    def check_import(self, document: Any) -> list[Finding]:
        """Everything missing or invalid in an import document (nothing is stored)."""
        findings = []
        if not isinstance(document, dict):
            return [Finding("import_invalid", "$", "an export document is a JSON object")]
        if document.get("format") != EXPORT_FORMAT:
            findings.append(Finding("import_invalid", "$.format", f"must be {EXPORT_FORMAT!r}"))
        if document.get("format_version") != EXPORT_FORMAT_VERSION:
            findings.append(
                Finding("import_invalid", "$.format_version", f"must be {EXPORT_FORMAT_VERSION}")
            )
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            findings.append(Finding("import_invalid", "$.version", "a version number is missing"))
        definition = document.get("definition")
        if not isinstance(definition, dict):
            findings.append(Finding("import_invalid", "$.definition", "the definition is missing"))
            return findings
        if definition.get("key") != document.get("key"):
            findings.append(
                Finding("import_invalid", "$.key", "the key differs from the definition's key")
            )
        if definition.get("version") != version:
            findings.append(
                Finding("import_invalid", "$.definition.version", "differs from $.version")
            )
        findings += [
            Finding(f.code, "$.definition" + f.path[1:], f.message, f.details)
            for f in check_template(definition)
        ]
        return findings

    def import_document(self, actor: Actor, document: Any) -> ImportResult:
        """Import an export document: the same version again changes nothing; a version newer
        than every stored one becomes a draft under its own number; anything else is refused
        with the reason, before anything is stored."""
        actor.require(Permission.MANAGE_TEMPLATES)
        findings = self.check_import(document)
        if findings:
            raise ImportInvalid(
                f"the file cannot be imported: {len(findings)} problem(s): "
                + "; ".join(str(f) for f in findings[:5]),
                findings,
            )
        key, version, definition = document["key"], document["version"], document["definition"]
        with self._db.write() as session:
            same = session.scalars(
                select(ServiceTemplateRow).where(
                    ServiceTemplateRow.key == key, ServiceTemplateRow.version == version
                )
            ).first()
            if same is not None:
                if dict(same.definition) == definition:
                    return ImportResult(key, version, "unchanged")
                raise InvalidInput(
                    f"{key} v{version} exists here with a different content; nothing imported",
                    key=key,
                    version=version,
                )
            latest = newest_row(session, key)
            if latest is not None and latest.version > version:
                raise InvalidInput(
                    f"{key} v{version} is older than v{latest.version} stored here; "
                    "nothing imported",
                    key=key,
                    version=version,
                )
            if self._draft(session, key) is not None:
                raise DraftExists(
                    f"{key} has a draft already; publish or discard it before importing",
                    key=key,
                )
            row = ServiceTemplateRow(key=key, version=version, state=VersionState.DRAFT.value)
            self._fill(row, definition)
            session.add(row)
            session.flush()
            admin_audit.record(
                session,
                actor,
                "version_imported",
                f"{key} v{version}",
                {"key": key, "version": version},
                at=self._clock(),
            )
            return ImportResult(key, version, "draft")

    # -- helpers ---------------------------------------------------------------------------

    def _row(self, session: Session, key: str, version: int | None) -> ServiceTemplateRow:
        if version is None:
            row = self._draft(session, key)
            if row is None:
                raise NotFound(f"{key} has no draft", key=key)
            return row
        row = session.scalars(
            select(ServiceTemplateRow).where(
                ServiceTemplateRow.key == key, ServiceTemplateRow.version == version
            )
        ).first()
        if row is None:
            raise NotFound(f"{key} has no version {version}", key=key, version=version)
        return row

    @staticmethod
    def _draft(session: Session, key: str) -> ServiceTemplateRow | None:
        return session.scalars(
            select(ServiceTemplateRow).where(
                ServiceTemplateRow.key == key,
                ServiceTemplateRow.state == VersionState.DRAFT.value,
            )
        ).first()

    def _live_row(self, session: Session, key: str) -> ServiceTemplateRow | None:
        return session.scalars(
            select(ServiceTemplateRow).where(ServiceTemplateRow.key == key, live_on(self.today()))
        ).first()

    @staticmethod
    def _periods(session: Session, key: str) -> list[ServiceTemplateRow]:
        """Published and ended versions with a period, for the overlap check (locked)."""
        return list(
            session.scalars(
                select(ServiceTemplateRow)
                .where(
                    ServiceTemplateRow.key == key,
                    ServiceTemplateRow.state != VersionState.DRAFT.value,
                    ServiceTemplateRow.valid_from.is_not(None),
                )
                .order_by(ServiceTemplateRow.version)
                .with_for_update()
            )
        )

    def _info(self, session: Session, row: ServiceTemplateRow) -> VersionInfo:
        cases, open_cases = session.execute(
            select(
                func.count(Case.id),
                func.count(Case.id).filter(Case.status.in_([s.value for s in OPEN_STATUSES])),
            ).where(Case.template_id == row.id)
        ).one()
        return VersionInfo(
            id=row.id,
            key=row.key,
            version=row.version,
            state=row.state,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            name_de=row.name_de,
            created_at=row.created_at,
            live=_live_today(row, self.today()),
            cases=cases or 0,
            open_cases=open_cases or 0,
        )


def _live_today(row: Any, today: date) -> bool:
    """The same rule as :func:`~backoffice.services.template_live.live_on`, on a loaded row."""
    return bool(
        row.state != VersionState.DRAFT.value
        and row.valid_from is not None
        and row.valid_from <= today
        and (row.valid_until is None or row.valid_until >= today)
    )
