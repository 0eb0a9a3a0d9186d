"""Migration 0010: template rows get states and periods; the administration trail already
written under 0009 becomes the start of one verifiable hash chain."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from backoffice.services.actor import SYSTEM
from backoffice.services.admin_audit import AdminAuditService, record
from backoffice.store.database import Database
from backoffice.store.migrate import _config, upgrade


def test_existing_entries_and_templates_are_carried_over(database_url: str) -> None:
    db = Database(database_url)
    try:
        config = _config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0009")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO service_templates (key, version, leika, name_de, name_en, "
                    "definition, active, created_at) VALUES "
                    "('dog', 1, 'x', 'Hund', 'Dog', :d, true, :at), "
                    "('dog', 2, 'x', 'Hund', 'Dog', :d, true, :at)"
                ),
                {"d": json.dumps({"key": "dog"}), "at": "2026-01-01 00:00:00+00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO admin_events (at, actor_id, kind, payload) VALUES "
                    "(:at, NULL, 'council_policy_changed', :p)"
                ),
                {"at": "2026-02-01 10:00:00+00:00", "p": json.dumps({"to": {"min_staff": 3}})},
            )
        upgrade(db)
        with db.read() as session:
            states = session.execute(
                text("SELECT version, state, valid_from FROM service_templates ORDER BY version")
            ).all()
            assert [(v, s) for v, s, _ in states] == [(1, "ended"), (2, "published")]
            assert states[0][2] is None and str(states[1][2]).startswith("2000-01-01")
        with db.write() as session:
            record(session, SYSTEM, "user_added", "anna", {"role": "administrator"})
        audit = AdminAuditService(db)
        assert audit.verify(SYSTEM) is None
        assert [(e.seq, e.kind) for e in audit.history(SYSTEM)] == [
            (2, "user_added"),
            (1, "council_policy_changed"),
        ]
    finally:
        db.dispose()
