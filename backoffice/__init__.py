"""Rathaus Backoffice: the town hall clerks' desktop program for citizen portal applications.

``backoffice.__version__`` is the version in ``pyproject.toml`` (the only place it is written),
read from the installed distribution's metadata on first use: importing ``importlib.metadata``
costs the program's start about 30 ms, so it is not done before someone asks.
"""

from __future__ import annotations

DISTRIBUTION = "rathaus-backoffice"


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version(DISTRIBUTION)
        except PackageNotFoundError:  # run from a source tree that was never installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
