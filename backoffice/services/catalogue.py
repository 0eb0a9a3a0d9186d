"""The service catalogue: template files on disk, template versions in the database.

Installing the catalogue compares each file with the newest stored version of
its service and stores a new version only when the definition changed; cases
keep pointing at the version they arrived under.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from sqlalchemy import func, select

from backoffice import assets
from backoffice.domain.roles import Permission
from backoffice.domain.templates import ServiceTemplate, load_template_text, parse_template
from backoffice.store.database import Database
from backoffice.store.models import ServiceTemplateRow

from .actor import Actor
from .errors import storage_errors
from .registration import template_row_for


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
    added: list[str]
    updated: list[str]
    unchanged: list[str]


@lru_cache(maxsize=512)
def _parse_cached(source: str, raw_json: str) -> ServiceTemplate:
    return parse_template(json.loads(raw_json), source)


def template_from_row(row: ServiceTemplateRow) -> ServiceTemplate:
    """The validated definition of a stored template version (parsed once per content)."""
    return _parse_cached(f"{row.key} v{row.version}", json.dumps(row.definition, sort_keys=True))


@storage_errors
class CatalogueService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def install(self, templates: Iterable[ServiceTemplate], actor: Actor) -> InstallResult:
        actor.require(Permission.MANAGE_TEMPLATES)
        result = InstallResult([], [], [])
        with self._db.write() as session:
            for template in templates:
                latest = template_row_for(session, template.key)
                definition = dict(template.raw)
                if latest is None:
                    version = 1
                    result.added.append(template.key)
                elif latest.definition == _with_version(definition, latest.version):
                    result.unchanged.append(template.key)
                    continue
                else:
                    version = latest.version + 1
                    result.updated.append(template.key)
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
                    )
                )
        return result

    def install_defaults_if_empty(self, actor: Actor) -> InstallResult | None:
        with self._db.read() as session:
            count = session.scalar(select(func.count()).select_from(ServiceTemplateRow))
        if count:
            return None
        return self.install(read_catalogue(), actor)

    def current(self) -> list[ServiceTemplate]:
        """The newest version of every service."""
        with self._db.read() as session:
            newest = (
                select(ServiceTemplateRow.key, func.max(ServiceTemplateRow.version).label("v"))
                .group_by(ServiceTemplateRow.key)
                .subquery()
            )
            rows = session.scalars(
                select(ServiceTemplateRow)
                .join(
                    newest,
                    (ServiceTemplateRow.key == newest.c.key)
                    & (ServiceTemplateRow.version == newest.c.v),
                )
                .order_by(ServiceTemplateRow.key)
            ).all()
            return [template_from_row(row) for row in rows]


def _with_version(definition: dict[str, Any], version: int) -> dict[str, Any]:
    return {**definition, "version": version}
