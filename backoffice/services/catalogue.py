"""The service catalogue: template files on disk, template versions in the database.

Installing the catalogue compares each file with the newest stored version of
its service and stores a new version only when the definition changed: the first
version of a service is published at once (valid since :data:`SINCE_ALWAYS`); a
changed one is published from today, and the version live until now ends
yesterday (installing files is the administrator's explicit "take these"). Where
a version is already scheduled to start later, the changed file becomes a draft
instead, so that no validity periods overlap. The editor's way, drafts first, is
:mod:`backoffice.services.template_versions`. Cases keep pointing at the version
they arrived under.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backoffice import assets
from backoffice.domain.roles import Permission
from backoffice.domain.templates import ServiceTemplate, load_template_text, parse_template
from backoffice.store.database import Database
from backoffice.store.models import ServiceTemplateRow

from . import admin_audit
from .actor import Actor
from .errors import storage_errors
from .template_live import SINCE_ALWAYS, VersionState, berlin_today, live_on


def read_catalogue(folder: Traversable | None = None) -> list[ServiceTemplate]:
    """Load and validate every ``*.json`` template in a folder (all or nothing).

    Without a folder: the catalogue that ships with the program.
    """
    folder = assets.service_templates() if folder is None else folder
    templates = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json") and path.is_file():
            templates.append(load_template_text(path.read_text(encoding="utf-8"), path.name))
    keys = [t.key for t in templates]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValueError(
            f"service key(s) defined twice in {folder}: {', '.join(sorted(duplicates))}"
        )
    return templates


@dataclass(frozen=True)
class InstallResult:
    added: list[str]  # new services, published
    updated: list[str]  # changed services, published from today (the predecessor ended)
    unchanged: list[str]
    #: Changed services with a version scheduled for later: stored as a draft.
    drafted: list[str] = field(default_factory=list)


@lru_cache(maxsize=512)
def _parse_cached(source: str, raw_json: str) -> ServiceTemplate:
    return parse_template(json.loads(raw_json), source)


def template_from_row(row: ServiceTemplateRow) -> ServiceTemplate:
    """The validated definition of a stored template version (parsed once per content)."""
    return _parse_cached(f"{row.key} v{row.version}", json.dumps(row.definition, sort_keys=True))


@storage_errors
class CatalogueService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    def install(self, templates: Iterable[ServiceTemplate], actor: Actor) -> InstallResult:
        actor.require(Permission.MANAGE_TEMPLATES)
        result = InstallResult([], [], [])
        today = berlin_today(self._clock())
        with self._db.write() as session:
            for template in templates:
                latest = newest_row(session, template.key)
                definition = dict(template.raw)
                state, valid_from = VersionState.DRAFT.value, None
                if latest is None:
                    version = 1
                    state, valid_from = VersionState.PUBLISHED.value, SINCE_ALWAYS
                    result.added.append(template.key)
                elif latest.definition == _with_version(definition, latest.version):
                    result.unchanged.append(template.key)
                    continue
                else:
                    version = latest.version + 1
                    if self._take_over(session, actor, template.key, today):
                        state, valid_from = VersionState.PUBLISHED.value, today
                        result.updated.append(template.key)
                    else:
                        result.drafted.append(template.key)
                definition = _with_version(definition, version)
                session.add(
                    ServiceTemplateRow(
                        key=template.key,
                        version=version,
                        leika=template.leika,
                        name_de=template.name.de,
                        name_en=template.name.en,
                        definition=definition,
                        active=template.active,
                        state=state,
                        valid_from=valid_from,
                    )
                )
                admin_audit.record(
                    session,
                    actor,
                    "template_installed" if state == VersionState.PUBLISHED else "draft_saved",
                    f"{template.key} v{version}",
                    {
                        "key": template.key,
                        "version": version,
                        "state": state,
                        "valid_from": valid_from.isoformat() if valid_from else None,
                    },
                )
        return result

    @staticmethod
    def _take_over(session: Session, actor: Actor, key: str, today: date) -> bool:
        """End the open-ended version before today's new one; False (store a draft instead)
        where a version is scheduled to start later or any period reaches past today."""
        periods = session.scalars(
            select(ServiceTemplateRow)
            .where(
                ServiceTemplateRow.key == key,
                ServiceTemplateRow.state != VersionState.DRAFT.value,
                ServiceTemplateRow.valid_from.is_not(None),
            )
            .with_for_update()
        ).all()
        ending = []
        for row in periods:
            assert row.valid_from is not None
            if row.valid_until is not None and row.valid_until < today:
                continue
            if row.valid_from > today or row.valid_until is not None:
                return False  # scheduled, or its end is fixed already: the editor decides
            ending.append(row)
        for row in ending:
            row.state, row.valid_until = VersionState.ENDED.value, today - timedelta(days=1)
            admin_audit.record(
                session,
                actor,
                "version_ended",
                f"{key} v{row.version}",
                {"key": key, "version": row.version, "valid_until": row.valid_until.isoformat()},
            )
        return True

    def install_defaults_if_empty(self, actor: Actor) -> InstallResult | None:
        with self._db.read() as session:
            count = session.scalar(select(func.count()).select_from(ServiceTemplateRow))
        if count:
            return None
        return self.install(read_catalogue(), actor)

    def current(self, on: date | None = None) -> list[ServiceTemplate]:
        """The live version of every service on ``on`` (default: today in Berlin); a service
        with nothing live that day is left out, and drafts never count."""
        day = on or berlin_today(self._clock())
        with self._db.read() as session:
            rows = session.scalars(
                select(ServiceTemplateRow).where(live_on(day)).order_by(ServiceTemplateRow.key)
            ).all()
            return [template_from_row(row) for row in rows]


def newest_row(session: Session, key: str) -> ServiceTemplateRow | None:
    """The newest stored version of a service, whatever its state."""
    return session.scalars(
        select(ServiceTemplateRow)
        .where(ServiceTemplateRow.key == key)
        .order_by(ServiceTemplateRow.version.desc())
        .limit(1)
    ).first()


def _with_version(definition: dict[str, Any], version: int) -> dict[str, Any]:
    return {**definition, "version": version}
