"""How fast the simulator generates and serves: ``python -m backoffice.simulator.bench``.

Generates N submissions (A attachments of S bytes each) for a registered key, then lets C
client threads download every attachment over loopback, without decrypting (the subscriber's
RSA work is not the simulator's). Prints wall and CPU seconds and requests per second.
"""

from __future__ import annotations

import argparse
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from backoffice.portal import protocol

from .crypto import SimulatorKeys, generate_rsa, public_jwk
from .server import Simulator


def _subscriber_jwks() -> dict[str, Any]:
    encryption, signing = generate_rsa(), generate_rsa()
    return {
        "keys": [
            public_jwk(encryption, key_ops=protocol.ENCRYPTION_KEY_OPS, alg=protocol.JWE_ALG),
            public_jwk(signing, key_ops=protocol.SIGNATURE_KEY_OPS, alg=protocol.JWS_ALG),
        ]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backoffice.simulator.bench")
    parser.add_argument("--generate", type=int, default=1000)
    parser.add_argument("--attachments", type=int, default=2)
    parser.add_argument("--attachment-size", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=4, help="parallel download threads")
    args = parser.parse_args(argv)

    simulator = Simulator(
        seed=1,
        keys=SimulatorKeys.generate(),
        attachments=args.attachments,
        attachment_size=args.attachment_size,
        subscriber_jwks=_subscriber_jwks(),
    ).start()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        made = simulator.generate(args.generate)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"generated {len(made)} submissions × {args.attachments} × "
            f"{args.attachment_size} B: {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"({1000 * cpu / max(1, len(made)):.1f} ms CPU each)"
        )
        token = requests.post(
            simulator.token_url,
            data={"grant_type": protocol.GRANT_TYPE, **simulator.subscriber.as_dict()},
            timeout=10,
        ).json()["access_token"]
        paths = [
            f"/submissions/{item.submission_id}/attachments/{attachment}"
            for item in made
            for attachment in item.attachment_ids
        ]
        local = threading.local()

        def fetch(path: str) -> int:
            session = getattr(local, "session", None)
            if session is None:
                session = local.session = requests.Session()
            answer = session.get(
                simulator.base_url + path,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            answer.raise_for_status()
            return len(answer.content)

        wall, cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(args.clients) as pool:
            total = sum(pool.map(fetch, paths))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"downloaded {len(paths)} attachments ({total / 1e6:.0f} MB) with {args.clients} "
            f"clients: {len(paths) / wall:.0f} requests/s, {total / 1e6 / wall:.0f} MB/s "
            f"({wall:.1f} s wall, {cpu:.1f} s CPU for server and clients together)"
        )
    finally:
        simulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
