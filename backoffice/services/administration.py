"""The administrators' services, as one bundle for the composition root and the window.

Each service checks the acting user's permission itself (MANAGE_PORTAL, MANAGE_TEMPLATES,
MANAGE_USERS); the bundle only saves the window from taking them one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from backoffice.store.database import Database

from .admin_audit import AdminAuditService
from .audit_views import AuditViews
from .identity import IdentityService
from .portal_admin import InstallationLike, PortalAdministration
from .retention import RetentionService
from .template_preview import TemplatePreview
from .template_versions import TemplateVersions


@dataclass(frozen=True)
class AdministrationServices:
    #: Portal settings, client secret, keys, connection test.
    portal: PortalAdministration
    #: Drafts, publishing, the configuration check, the difference view, export/import.
    templates: TemplateVersions
    #: The town's identity on documents, per installation and per service.
    identity: IdentityService
    #: Deleting closed cases whose retention period is over.
    retention: RetentionService
    #: The administration's own audit trail and its verification.
    audit: AdminAuditService
    #: Histories of cases and the administration, chain verification, the read log.
    views: AuditViews
    #: An unsaved definition's check and the documents of a sample case (the editor).
    preview: TemplatePreview

    @classmethod
    def build(
        cls,
        db: Database,
        installation: InstallationLike,
        identity: IdentityService,
        clock: Callable[[], datetime],
    ) -> AdministrationServices:
        """The bundle on one database and data folder (``identity`` is shared with the
        documents, which draw the town's identity)."""
        audit = AdminAuditService(db)
        return cls(
            portal=PortalAdministration(installation),
            templates=TemplateVersions(db, clock),
            identity=identity,
            retention=RetentionService(db, clock),
            audit=audit,
            views=AuditViews(db, audit),
            preview=TemplatePreview(identity.letterhead_for, clock),
        )
