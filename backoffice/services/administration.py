"""The administrators' services, as one bundle for the composition root and the window.

Each service checks the acting user's permission itself (MANAGE_PORTAL, MANAGE_TEMPLATES,
MANAGE_USERS); the bundle only saves the window from taking them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .admin_audit import AdminAuditService
from .audit_views import AuditViews
from .identity import IdentityService
from .portal_admin import PortalAdministration
from .retention import RetentionService
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
