"""Smoke tests of a built program: the bundle folder, or the installed package.

Each run starts the real program as a user would, from a folder outside the checkout, with a
fresh data folder and no OS keyring (the demo keeps its made-up secrets in memory), and checks
what it prints: the version, the shipped services, and the demo window painting its inbox.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class SmokeTestFailed(Exception):
    """The built program did not start or did not show what it should."""


def _environment(home: Path, platform: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "BACKOFFICE_", "VIRTUAL_ENV", "QT_"))
    }
    env |= {
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "share"),
        "QT_QPA_PLATFORM": platform,
        "LANG": "C.UTF-8" if os.name != "nt" else env.get("LANG", ""),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return {k: v for k, v in env.items() if v}


def _run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float) -> str:
    started = time.monotonic()
    try:
        done = subprocess.run(
            argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeTestFailed(f"{' '.join(argv)} did not end within {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise SmokeTestFailed(
            f"{' '.join(argv)} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    print(
        f"  ok ({time.monotonic() - started:.1f} s): {' '.join(Path(a).name for a in argv[:1])}"
        f" {' '.join(argv[1:])}"
    )
    return done.stdout + done.stderr


def shipped_services() -> list[str]:
    return sorted(
        json.loads(path.read_text(encoding="utf-8"))["key"]
        for path in (ROOT / "resources" / "services").glob("*.json")
    )


def smoke_test(program: Path, version: str, *, xvfb: bool = False) -> None:
    """Run ``program`` (the bundle's executable or /usr/bin/backoffice); raise on failure."""
    with tempfile.TemporaryDirectory(prefix="backoffice-smoke-") as folder:
        home = Path(folder)
        env = _environment(home, "offscreen")
        out = _run([str(program), "--version"], env, home, 60)
        if version not in out:
            raise SmokeTestFailed(f"--version printed {out.strip()!r}, not {version}")
        catalogue = [str(program), "--data-dir", str(home / "a"), "catalogue", "list"]
        out = _run(catalogue, env, home, 60)
        listed = sorted(line.split()[0] for line in out.splitlines()[2:] if line.strip())
        if listed != shipped_services():
            raise SmokeTestFailed(f"catalogue list showed {listed}")
        runs = [("offscreen", [])]
        if xvfb:
            # A real X server: the xcb platform plugin and its libraries must load.
            xvfb_run = shutil.which("xvfb-run")
            if xvfb_run is None:
                raise SmokeTestFailed("xvfb-run is missing (apt-get install xvfb xauth)")
            runs.append(("xcb", [xvfb_run, "-a"]))
        for platform, prefix in runs:
            env = _environment(home, platform)
            data = home / f"demo-{platform}"
            out = _run(
                [*prefix, str(program), "--data-dir", str(data), "--demo", "--smoke-test"],
                env,
                home,
                180,
            )
            shown = re.search(r"smoke test: the inbox shows (\d+) rows", out)
            received = re.search(r"First sync: (\d+) applications received, 1 rejected", out)
            if shown is None or received is None or int(shown[1]) == 0:
                raise SmokeTestFailed(f"the demo window showed no rows ({platform}):\n{out}")
            if shown[1] != received[1]:  # the team lead sees every application
                raise SmokeTestFailed(f"{received[1]} applications, {shown[1]} rows:\n{out}")
            warnings = [line for line in out.splitlines() if "WARNING" in line]
            if warnings:
                raise SmokeTestFailed(f"the demo ({platform}) warned:\n" + "\n".join(warnings))
            print(f"  the demo window ({platform}) shows {shown[1]} rows")
