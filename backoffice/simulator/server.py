"""The portal simulator as a class for tests and as the ``backoffice simulator`` command.

    sim = Simulator(port=0, generate=20, seed=1, submission_faults={3: "data-hash"})
    sim.start()            # binds 127.0.0.1, serves in a background thread, generates
    sim.base_url           # http://127.0.0.1:PORT/v1
    sim.expected(sid)      # what the subscriber should decide about a generated submission
    sim.stop()

Werkzeug serves HTTP (see :mod:`.web`); everything is kept in memory.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import sys
import threading
import uuid
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from importlib.resources.abc import Traversable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from backoffice.portal import protocol

from .api import Api
from .auth import Client, Role, Tokens
from .blobs import BlobStore
from .catalogue import SERVICES_DIR, Service, load_services
from .control import ControlDesk
from .crypto import SimulatorKeys
from .faults import Expected, FaultBoard, FaultKind, FaultRule, SubmissionFault
from .generator import ChosenFile, GenerationOptions, make_draft, make_follow_up
from .outcomes import Generated, agrees
from .portal import case_view
from .replies import ReplyDesk
from .sender import SenderDesk
from .state import ApiError, Decision, Store
from .subscriber import SubscriberDesk
from .web import LoopbackServer

log = logging.getLogger("backoffice.simulator")
HOST = "127.0.0.1"
_BATCH = 32


class Simulator:
    def __init__(
        self,
        port: int = 0,
        generate: int = 0,
        seed: int | None = None,
        faults: Iterable[FaultRule | str] = (),
        *,
        submission_faults: Mapping[int, SubmissionFault | str] | None = None,
        fault_share: float = 0.0,
        attachments: int | None = None,
        attachment_size: int | None = None,
        zip_share: float = 0.2,
        subscriber_jwks: Mapping[str, Any] | None = None,
        keys: SimulatorKeys | None = None,
        token_lifetime: int = protocol.TOKEN_MAX_SECONDS,
        destination_id: str | None = None,
        memory_budget: int = 256 * 1024 * 1024,
        services_dir: Traversable = SERVICES_DIR,
        set_schema: str = protocol.SET_SCHEMA,
    ) -> None:
        self.port = port
        self.seed = seed
        self._initial = generate
        self._rng = random.Random(seed)  # noqa: S311 - reproducible fake data
        self.options = GenerationOptions(attachments, attachment_size, zip_share, fault_share)
        self.submission_faults = {
            int(i): SubmissionFault(f) for i, f in (submission_faults or {}).items()
        }
        self.services: list[Service] = load_services(services_dir)
        self.keys = keys or SimulatorKeys.generate()
        self.destination_id = destination_id or str(uuid.UUID(int=self._rng.getrandbits(128)))
        self.subscriber = Client.new(Role.SUBSCRIBER)
        self.sender = Client.new(Role.SENDER)
        self.tokens = Tokens([self.subscriber, self.sender], token_lifetime)
        self.faults = FaultBoard(
            [r if isinstance(r, FaultRule) else FaultRule.from_spec(r) for r in faults], seed
        )
        self.blobs = BlobStore(memory_budget)
        self.store = Store(
            destination_id=self.destination_id,
            services=self.services,
            keys=self.keys,
            blobs=self.blobs,
            set_schema=set_schema,
        )
        self._sender_desk = SenderDesk(self.store, seed)
        self._subscriber_desk = SubscriberDesk(self.store, self._sender_desk.seal_pending)
        self._generated: list[Generated] = []
        self._generate_lock = threading.Lock()
        self._stopping = threading.Event()
        self._stopped = False
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None
        self.app = Api(
            store=self.store,
            subscriber=self._subscriber_desk,
            sender=self._sender_desk,
            replies=ReplyDesk(self.store),
            tokens=self.tokens,
            faults=self.faults,
            control=ControlDesk(
                self.faults,
                self.tokens,
                self._generate_dicts,
                self.outcomes,
                self.info,
                self._follow_up_dict,
            ),
            stopping=self._stopping,
        )
        if subscriber_jwks is not None:
            self.register_subscriber_keys(subscriber_jwks)

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> Simulator:
        """Bind 127.0.0.1, serve in a background thread, generate the initial submissions."""
        if self._server is not None or self._stopped:
            raise RuntimeError("a simulator starts once (make a new one to start again)")
        self._stopping.clear()
        try:
            self._server = LoopbackServer(HOST, self.port, self.app)
        except SystemExit:  # Werkzeug reports a busy port and exits; we raise instead
            raise OSError(f"cannot listen on {HOST}:{self.port}") from None
        self.port = self._server.server_port
        self.store.issuer = self.root_url
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"simulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        if self._initial:
            self.generate(self._initial)
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()
        server.shutdown()
        for _ in range(200):  # open connections would keep handler threads (and server_close)
            server.close_connections()
            thread.join(0.05)
            if not thread.is_alive():
                break
        self._server = self._thread = None
        self._stopped = True
        self.blobs.close()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses and credentials ----------------------------------------------------------------

    @property
    def root_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/v1"

    @property
    def token_url(self) -> str:
        return self.root_url + "/token"

    @property
    def jwks_url(self) -> str:
        return self.root_url + protocol.JWKS_PATH

    @property
    def portal_url(self) -> str:
        return self.root_url + "/portal/"

    @property
    def control_url(self) -> str:
        return self.root_url + "/_control"

    def info(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "token_url": self.token_url,
            "destination_id": self.destination_id,
            "sender": self.sender.as_dict(),
            "subscriber": self.subscriber.as_dict(),
            "jwks_url": self.jwks_url,
            "portal_url": self.portal_url,
            "control_url": self.control_url,
            "generated": len(self._generated),
        }

    # -- generation -------------------------------------------------------------------------------

    def generate(
        self,
        count: int,
        *,
        fault: SubmissionFault | str | None = None,
        service: str | None = None,
        attachments: int | None = None,
        attachment_size: int | None = None,
    ) -> list[Generated]:
        """Make ``count`` more submissions (encrypted at once if a key is registered)."""
        options = GenerationOptions(
            attachments if attachments is not None else self.options.attachments,
            attachment_size if attachment_size is not None else self.options.attachment_size,
            self.options.zip_share,
            self.options.fault_share,
        )
        chosen = SubmissionFault(fault) if fault else None
        fixed = self._service(service) if service else None
        made: list[Generated] = []
        # Drafting (this thread) overlaps with encrypting the previous batch (the sealer).
        with self._generate_lock, ThreadPoolExecutor(1, "simulator-sealer") as sealer:
            start = len(self._generated)
            sealing: list[Future[None]] = []
            for batch_start in range(start, start + count, _BATCH):
                drafts = []
                for index in range(batch_start, min(start + count, batch_start + _BATCH)):
                    per_index = f"{self.seed}:{index}" if self.seed is not None else None
                    rng = random.Random(per_index)  # noqa: S311 - fake data, not security
                    target_service = fixed or self.services[index % len(self.services)]
                    drafts.append(
                        make_draft(
                            index,
                            target_service,
                            rng,
                            options,
                            self.keys.reply,
                            self.services,
                            chosen or self._fault_for(index, rng),
                        )
                    )
                made.extend(Generated.of(draft) for draft in drafts)
                if len(sealing) >= 2:  # bound the plaintext waiting in memory
                    sealing.pop(0).result()
                sealing.append(sealer.submit(self._sender_desk.add_drafts, drafts))
            for future in sealing:
                future.result()
            self._generated.extend(made)
        return made

    def follow_up(
        self,
        case_id: str,
        message: str = "",
        *,
        attachments: int = 1,
        files: Iterable[ChosenFile] = (),
        fault: SubmissionFault | str | None = None,
    ) -> Generated:
        """The citizen answers on an existing case: a follow-up submission on ``case_id``
        (same service), carrying ``message`` and ``attachments`` generated PDFs plus the
        chosen ``files``; listed to the subscriber like any submission (encrypted at once
        if a key is registered). ``fault`` builds one defect in, as for :meth:`generate`.
        Raises ValueError for a case the portal does not know."""
        chosen = SubmissionFault(fault) if fault else None
        with self.store.lock:
            case = self.store.cases.get(case_id)
            first = (
                self.store.submissions.get(case.submissions[0])
                if case and case.submissions
                else None
            )
            if case is None or first is None:
                raise ValueError(f"no case {case_id} at the portal")
            identifier = first.service_type.get("identifier", "")
            citizen_name = case.citizen_name
        service = self._service(identifier)
        with self._generate_lock:
            index = len(self._generated)
            per_index = f"{self.seed}:follow-up:{index}" if self.seed is not None else None
            rng = random.Random(per_index)  # noqa: S311 - fake data, not security
            draft = make_follow_up(
                index,
                service,
                case_id,
                citizen_name,
                message,
                rng,
                self.options,
                self.services,
                count=attachments,
                files=tuple(files),
                fault=chosen,
            )
            made = Generated.of(draft)
            self._sender_desk.add_drafts([draft])
            self._generated.append(made)
        return made

    def _follow_up_dict(self, case_id: str, message: str, **options: Any) -> dict[str, Any]:
        return self.follow_up(case_id, message, **options).as_dict()

    def _generate_dicts(self, count: int, **options: Any) -> list[dict[str, Any]]:
        return [item.as_dict() for item in self.generate(count, **options)]

    def _fault_for(self, index: int, rng: random.Random) -> SubmissionFault | None:
        if index in self.submission_faults:
            return self.submission_faults[index]
        if self.options.fault_share and rng.random() < self.options.fault_share:
            return rng.choice(list(SubmissionFault))
        return None

    def _service(self, key_or_identifier: str) -> Service:
        for service in self.services:
            if key_or_identifier in (service.key, service.identifier):
                return service
        raise ValueError(f"no service {key_or_identifier!r}")

    # -- keys -------------------------------------------------------------------------------------

    def register_subscriber_keys(self, jwks: Mapping[str, Any]) -> None:
        """Register public keys as ``POST …/keys`` would (``{"keys": [...]}`` or one JWK)."""
        try:
            self._subscriber_desk.register_keys(self.destination_id, dict(jwks))
        except ApiError as error:
            raise ValueError(error.detail) from None

    # -- what tests look at -----------------------------------------------------------------------

    @property
    def generated(self) -> list[Generated]:
        with self._generate_lock:
            return list(self._generated)

    def expected(self, submission_id: str) -> Expected:
        with self.store.lock:
            expected = self.store.submission(submission_id).expected
        if expected is None:
            raise KeyError(f"{submission_id} was not generated by the simulator")
        return expected

    def decision(self, submission_id: str) -> Decision | None:
        with self.store.lock:
            found = self.store.submissions.get(submission_id)
            return found.decision if found else None

    def decisions(self) -> dict[str, Decision]:
        with self.store.lock:
            return {sid: s.decision for sid, s in self.store.submissions.items() if s.decision}

    def state(self, submission_id: str) -> str:
        with self.store.lock:
            return self.store.submission(submission_id).state.value

    def event_log(self, case_id: str) -> list[str]:
        with self.store.lock:
            return list(self.store.case(case_id).events)

    def citizen_view(self, case_id: str) -> dict[str, Any]:
        """What the citizen of a case has received (as ``GET /portal/cases/{caseId}``)."""
        return case_view(self.store, case_id)

    def outcomes(self) -> list[dict[str, Any]]:
        """Per generated submission: expected and actual decision, and whether they agree."""
        out = []
        for item in self.generated:
            decision = self.decision(item.submission_id)
            entry = item.as_dict()
            entry["state"] = self.state(item.submission_id)
            entry["decision"] = decision.as_dict() if decision else None
            entry["matches"] = None if decision is None else agrees(item.expected, decision)
            out.append(entry)
        return out

    def mismatches(self) -> list[dict[str, Any]]:
        return [entry for entry in self.outcomes() if entry["matches"] is False]

    def revoke_tokens(self) -> int:
        return self.tokens.revoke_all()


# -- command line ---------------------------------------------------------------------------------

_RATE_FLAGS = {
    "error_rate": FaultKind.ERROR,
    "rate_limit_rate": FaultKind.RATE_LIMIT,
    "slow_rate": FaultKind.SLOW,
    "drop_rate": FaultKind.DROP,
    "truncate_rate": FaultKind.TRUNCATE,
    "duplicate_rate": FaultKind.DUPLICATE,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backoffice simulator",
        description="Portal simulator: citizen portal and FIT-Connect delivery service on "
        "127.0.0.1, for the demo and the tests. Serves until interrupted.",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: a free one)")
    parser.add_argument("--generate", type=int, default=20, metavar="N", help="submissions")
    parser.add_argument("--seed", type=int, help="reproducible content and ids")
    parser.add_argument("--info", type=Path, metavar="FILE", help="write URLs and credentials")
    parser.add_argument("--attachments", type=int, metavar="N", help="files per submission")
    parser.add_argument("--attachment-size", type=int, metavar="BYTES", help="pad files to this")
    parser.add_argument("--zip-share", type=float, default=0.2, help="share with zip: DEF")
    parser.add_argument("--fault-share", type=float, default=0.0, help="share with a defect")
    parser.add_argument(
        "--submission-fault",
        action="append",
        default=[],
        metavar="N=KIND",
        help=f"defect in the N-th generated submission; KIND: {', '.join(SubmissionFault)}",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="KIND[:k=v,...]",
        help="transport fault rule, e.g. error:rate=0.1,status=502 or slow:delay=2,count=3; "
        f"KIND: {', '.join(FaultKind)}",
    )
    for flag in _RATE_FLAGS:
        parser.add_argument(f"--{flag.replace('_', '-')}", type=float, default=0.0)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds for --slow-rate")
    parser.add_argument("--subscriber-jwks", type=Path, metavar="FILE", help="public keys")
    parser.add_argument("--token-lifetime", type=int, default=protocol.TOKEN_MAX_SECONDS)
    parser.add_argument("--destination-id", help="the destination's UUID")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    return parser


def _rules(args: argparse.Namespace) -> list[FaultRule]:
    rules = [FaultRule.from_spec(spec) for spec in args.fault]
    for flag, kind in _RATE_FLAGS.items():
        rate = getattr(args, flag)
        if rate:
            rule = FaultRule.from_dict({"kind": kind.value, "rate": rate})
            if kind is FaultKind.SLOW:
                rule.delay = args.delay
            rules.append(rule)
    return rules


def _write_info(path: Path, info: dict[str, Any]) -> None:
    """Atomically, readable by the owner only (it holds client secrets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(info, handle, indent=2)
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(message)s"
    )
    try:
        submission_faults = {}
        for item in args.submission_fault:
            index, _, kind = item.partition("=")
            submission_faults[int(index)] = SubmissionFault(kind)
        jwks = (
            json.loads(args.subscriber_jwks.read_text(encoding="utf-8"))
            if args.subscriber_jwks
            else None
        )
        simulator = Simulator(
            port=args.port,
            generate=args.generate,
            seed=args.seed,
            faults=_rules(args),
            submission_faults=submission_faults,
            fault_share=args.fault_share,
            attachments=args.attachments,
            attachment_size=args.attachment_size,
            zip_share=args.zip_share,
            subscriber_jwks=jwks,
            token_lifetime=args.token_lifetime,
            destination_id=args.destination_id,
        )
    except (ValueError, OSError) as exc:
        print(f"backoffice simulator: {exc}", file=sys.stderr)
        return 2
    done = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
    try:
        simulator.start()
    except OSError as exc:
        print(f"backoffice simulator: {exc}", file=sys.stderr)
        return 1
    try:
        if args.info:
            _write_info(args.info, simulator.info())
        print(
            f"Portal simulator: API {simulator.base_url}, token {simulator.token_url}, "
            f"destination {simulator.destination_id}, citizen portal {simulator.portal_url}; "
            f"{len(simulator.generated)} submissions. Stop with Ctrl+C.",
            flush=True,
        )
        done.wait()
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
