"""Demo mode: a fresh installation connected to a portal simulator on loopback.

Part of the top layer (it starts the simulator, which the program proper never imports);
the services come from the composition root, :mod:`backoffice.app`. Sets up demo users of
every role, subscriber keys, the portal connection and a few dozen realistic applications,
pulls them with a real sync, moves a handful along their workflow, and hands over to the
window.
"""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from dataclasses import dataclass

import keyring
import keyring.backend

from backoffice.app import Backoffice
from backoffice.domain.status import Status
from backoffice.portal.credentials import SecretStore
from backoffice.portal.errors import KeyringUnavailable
from backoffice.portal.keys import KeyStore, generate_keys
from backoffice.portal.settings import (
    PortalSettings,
    load_portal_settings,
    save_portal_settings,
)
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.casework import Casework
from backoffice.services.demo import TEAM_USERS, add_demo_users, add_team_history
from backoffice.services.errors import ServiceError
from backoffice.services.installation import Installation
from backoffice.services.intake import SyncReport
from backoffice.services.progress import ProgressCallback, no_progress
from backoffice.services.queries import CaseFilter, CaseSort, SortKey
from backoffice.services.users import UserService
from backoffice.simulator.citizens import fill_form
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator

log = logging.getLogger(__name__)

DEMO_SUBMISSIONS = 36
#: What the demo's citizens answer when asked for a missing document (with it, as a PDF).
DEMO_ANSWERS = (
    "Guten Tag, anbei die Kopie meines Personalausweises. Mit freundlichen Grüßen",
    "Hier der fehlende Nachweis. Bei Rückfragen erreichen Sie mich vormittags.",
)


class DemoKeyring(keyring.backend.KeyringBackend):
    """Process-lifetime secrets for a throwaway demo where no OS keyring is available.

    Used only in demo mode and only when the system has no usable keyring: the
    demo's secrets are made up and die with the process; nothing is written to disk.
    """

    priority = 0.1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._secrets.pop((service, username), None)


@dataclass
class DemoPortal:
    simulator: Simulator
    report: SyncReport
    #: Queried cases whose applicant answered (a follow-up submission, linked to the case).
    answers: int = 0


def ensure_keyring(installation: Installation) -> bool:
    """Use the system keyring if it works; else a demo-only in-memory one. True if replaced."""
    try:
        SecretStore(installation.data_dir).check()
        return False
    except KeyringUnavailable as exc:
        log.info("demo: no usable keyring (%s); secrets stay in memory", exc)
        keyring.set_keyring(DemoKeyring())
        return True


def start_demo_portal(
    backoffice: Backoffice,
    resources: ExitStack,
    submissions: int = DEMO_SUBMISSIONS,
    progress: ProgressCallback = no_progress,
    *,
    team_history: bool = True,
) -> DemoPortal:
    """Simulator up, portal configured, keys registered, applications pulled in; with
    ``team_history``, twelve weeks of the team's work first (for the team figures)."""
    installation = backoffice.installation
    add_demo_users(backoffice.users, SYSTEM)
    if team_history and not any(u.login == TEAM_USERS[0][0] for u in backoffice.users.list()):
        # Weeks of the team's work for the team lead's figures (once per demo folder).
        log.info("demo: adding twelve weeks of the team's work")
        add_team_history(backoffice.db, backoffice.catalogue.current(), backoffice.users, fill_form)
    previous = load_portal_settings(installation.settings_file)
    simulator = Simulator(
        keys=SimulatorKeys.generate(reply_keys=1),
        destination_id=previous.destination_ids[0] if previous else None,
        zip_share=0.2,
    ).start()
    resources.callback(simulator.stop)
    secrets = SecretStore(installation.data_dir)
    keys = generate_keys()
    KeyStore(installation.keys_dir, secrets).save(keys, replace=True)
    secrets.set_client_secret(simulator.subscriber.client_id, simulator.subscriber.client_secret)
    save_portal_settings(
        installation.settings_file,
        PortalSettings(
            base_url=simulator.base_url,
            token_url=simulator.token_url,
            destination_ids=(simulator.destination_id,),
            client_id=simulator.subscriber.client_id,
        ),
    )
    simulator.register_subscriber_keys(keys.export_public_jwks())
    simulator.generate(submissions)
    simulator.generate(1, fault="data-hash")  # one for the delivery panel: rejected
    with backoffice.portal() as portal:
        report = portal.intake.sync(SYSTEM, simulator.destination_id, progress)
    queried = bring_to_life(backoffice.users, backoffice.casework)
    answers = 0
    # Some applicants answer the query at once: the clerk sees "the applicant answered".
    for portal_case_id, message in zip(queried, DEMO_ANSWERS, strict=False):
        simulator.follow_up(portal_case_id, message, attachments=1)
    if queried:
        with backoffice.portal() as portal:
            answers = portal.intake.sync(SYSTEM, simulator.destination_id).follow_ups
    return DemoPortal(simulator, report, answers)


def bring_to_life(users: UserService, casework: Casework) -> list[str]:
    """Move a few fresh cases along, so the inbox shows what a working day looks like.
    Returns the portal caseIds of the cases now waiting for the applicant."""
    clerk = users.by_login("sachbearbeitung1").as_actor()
    other = users.by_login("sachbearbeitung2").as_actor()
    lead = users.by_login("teamleitung").as_actor()
    fresh = casework.queries.list_cases(
        lead,
        CaseFilter(statuses=frozenset({Status.RECEIVED}), unassigned=True),
        CaseSort(SortKey.RECEIVED, descending=False),
        limit=8,
    ).rows
    steps: list[tuple[Actor, str]] = [
        (clerk, "in_progress"),
        (clerk, "waiting"),
        (clerk, "waiting"),
        (other, "waiting"),
        (other, "in_progress"),
        (other, "claim"),
        (lead, "assign"),
    ]
    queried: list[str] = []
    for row, (actor, step) in zip(fresh, steps, strict=False):
        try:
            if step == "assign":
                casework.commands.assign(lead, row.id, "sachbearbeitung2")
                continue
            version = casework.commands.claim(actor, row.id).version
            if step == "claim":
                continue
            version = casework.commands.change_status(
                actor, row.id, version, Status.IN_PROGRESS
            ).version
            if step == "waiting":
                casework.commands.change_status(
                    actor,
                    row.id,
                    version,
                    Status.WAITING_FOR_CITIZEN,
                    comment="Nachweis fehlt",
                    message="Bitte reichen Sie eine Kopie Ihres Personalausweises nach.",
                )
                if row.portal_case_id:
                    queried.append(row.portal_case_id)
        except ServiceError as exc:  # a template without that step: leave the case as it is
            log.info("demo: %s", exc)
        except Exception as exc:
            log.warning("demo: could not move %s: %s", row.file_number, exc)
    return queried


def explain(installation: Installation, portal: DemoPortal, replaced_keyring: bool) -> None:
    report = portal.report
    print(f"Demo installation: {installation.data_dir}", file=sys.stderr)
    print(
        f"Portal simulator: {portal.simulator.root_url} "
        f"(citizen view: {portal.simulator.portal_url})",
        file=sys.stderr,
    )
    print(
        f"First sync: {report.accepted} applications received, {report.rejected} rejected.",
        file=sys.stderr,
    )
    if portal.answers:
        print(
            f"Applicants who answered a query since: {portal.answers} "
            "(their documents are on their cases).",
            file=sys.stderr,
        )
    print(
        "Users: sachbearbeitung1 to sachbearbeitung5 (clerks), teamleitung (team lead), admin.",
        file=sys.stderr,
    )
    if replaced_keyring:
        print(
            "No system keyring is available: the demo keeps its made-up secrets in memory.",
            file=sys.stderr,
        )
