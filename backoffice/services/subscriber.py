"""Our side of the portal connection, assembled: keys, decryption, signed decisions, the client.

The glue between ``portal`` (HTTP, JOSE, keys, keyring) and the intake use case,
built from one installation's settings, keyring entries and key file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from backoffice.portal import jose
from backoffice.portal.client import SubscriberClient
from backoffice.portal.credentials import SecretStore
from backoffice.portal.keys import KeyStore, SubscriberKeys
from backoffice.portal.protocol import Problem
from backoffice.portal.settings import PortalSettings

from .installation import Installation

log = logging.getLogger(__name__)


class KeyCrypto:
    """Decrypt with our encryption key, sign with our signing key, recognise our decisions."""

    def __init__(
        self, keys: SubscriberKeys, delivery_jwks: Callable[[], Mapping[str, Any]]
    ) -> None:
        self._keys = keys
        self._delivery_jwks = delivery_jwks
        self._own = {"keys": [keys.signing_public().export_public(as_dict=True)]}

    def decrypt(self, compact_jwe: jose.JweText) -> bytes:
        return jose.decrypt(compact_jwe, self._keys.encryption, self._keys.encryption_kid)

    def accept_event(
        self, destination_id: str, submission_id: str, case_id: str, tags: Mapping[str, Any]
    ) -> str:
        decision = jose.Accept(
            metadata_tag=str(tags["metadata"]),
            data_tag=tags.get("data"),
            attachment_tags=dict(tags.get("attachments", {})),
        )
        return jose.sign_set(
            self._keys.signing,
            decision,
            destination_id=destination_id,
            submission_id=submission_id,
            case_id=case_id,
        )

    def reject_event(
        self,
        destination_id: str,
        submission_id: str,
        case_id: str,
        problem: Problem,
        instance: str,
        detail: str,
    ) -> str:
        decision = jose.Reject([jose.RejectReason(problem, instance, detail)])
        return jose.sign_set(
            self._keys.signing,
            decision,
            destination_id=destination_id,
            submission_id=submission_id,
            case_id=case_id,
        )

    def decision_recorded(self, event_log: Sequence[str], token: str) -> bool:
        """True if the log holds our decision: a SET with our token's ``jti``, signed by us.

        Every entry is verified (ours against our key, the delivery service's against its
        published keys); an entry that verifies against neither is ignored and logged.
        """
        ours = jose.verify_set(token, self._own)
        delivery: Mapping[str, Any] | None = None
        for entry in event_log:
            try:
                claims = jose.verify_set(entry, self._own)
            except jose.SetVerificationError:
                if delivery is None:
                    delivery = self._delivery_jwks()
                try:
                    jose.verify_set(entry, delivery)
                except jose.SetVerificationError as exc:
                    log.warning("event log entry with an invalid signature ignored: %s", exc)
                continue
            if claims.get("jti") == ours["jti"]:
                return True
        return False


def open_portal(
    installation: Installation, **client_options: Any
) -> tuple[PortalSettings, SubscriberClient, KeyCrypto]:
    """Settings, client and crypto for an installation; clear errors when something is missing."""
    settings = installation.require_portal_settings()
    secrets = SecretStore(installation.data_dir)
    keys = KeyStore(installation.keys_dir, secrets).load()
    client = SubscriberClient.from_settings(
        settings, secrets.client_secret(settings.client_id), **client_options
    )
    return settings, client, KeyCrypto(keys, client.get_jwks)
