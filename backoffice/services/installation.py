r"""One installation of the program: its data folder and database.

Everything of one installation lives in one folder (database file, settings,
logs, keys), so that several can live side by side. The folder comes from
``--data-dir``, else ``$BACKOFFICE_DATA_DIR``, else the platform's user data
folder; the database from ``--database``, else ``$BACKOFFICE_DATABASE_URL``,
else the ``database_url`` stored in the folder's ``settings.json`` (by the first-start
wizard, :meth:`Installation.save_database_url`), else the machine-wide setting, else
``backoffice.sqlite3`` in that folder.

Machine-wide settings (:class:`MachineSettings`) are what an administrator gave the
Windows installer (its public properties, e.g. through group policy's software
installation) or set by group policy directly: registry values under
``HKLM\SOFTWARE\Rathaus Backoffice``, overridden value by value by those under
``HKLM\SOFTWARE\Policies\Rathaus Backoffice``. They are defaults: the database URL
applies when neither ``--database`` nor the environment names one, the portal
connection while the installation has none of its own (``backoffice portal configure``).
Other systems have none.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from backoffice.domain.text import visible_text
from backoffice.store.database import Database, DatabaseConfigError

if TYPE_CHECKING:
    from backoffice.portal.settings import PortalSettings

APP_NAME = "rathaus-backoffice"
DATA_DIR_ENV = "BACKOFFICE_DATA_DIR"
DATABASE_ENV = "BACKOFFICE_DATABASE_URL"
DATABASE_FILE = "backoffice.sqlite3"
SETTINGS_FILE = "settings.json"
#: The key of the stored database URL in ``settings.json`` (no password: see save_database_url).
DATABASE_URL_KEY = "database_url"
FILE_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
CONSOLE_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
LOG_FILE = "backoffice.log"
#: The log file is rotated at this size, and this many rotated files are kept beside it.
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 5
#: Lines of one log record after its first start with this, so that only a record's
#: first line starts at the left margin: a line break in logged citizen text cannot
#: forge a record of its own.
CONTINUATION = "    "


class CitizenSafeFormatter(logging.Formatter):
    """Log lines that never carry raw control characters, whatever a message quotes.

    Log messages quote citizen data (file names, reasons, exception texts): the whole
    record goes through :func:`~backoffice.domain.text.visible_text`, so that an ESC or
    BEL sequence never reaches a console and a CR never hides part of a line in a file;
    the lines of a multi-line record (a traceback) after the first are indented by
    :data:`CONTINUATION`."""

    def format(self, record: logging.LogRecord) -> str:
        text = visible_text(super().format(record), multiline=True)
        return text.replace("\n", "\n" + CONTINUATION)


def console_log_handler(level: int = logging.WARNING) -> logging.Handler:
    """The handler for log output on stderr, with the same protection as the log file."""
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(CitizenSafeFormatter(CONSOLE_LOG_FORMAT))
    return handler


#: Registry keys under HKEY_LOCAL_MACHINE, the first winning: group policy, then the installer's.
REGISTRY_KEYS = (r"SOFTWARE\Policies\Rathaus Backoffice", r"SOFTWARE\Rathaus Backoffice")
#: The registry value of each machine-wide setting (installer/windows/backoffice.wxs writes
#: them from its public properties DATABASE_URL, PORTAL_BASE_URL, … of the same meaning).
REGISTRY_VALUES = {
    "database_url": "DatabaseUrl",
    "portal_base_url": "PortalBaseUrl",
    "portal_token_url": "PortalTokenUrl",
    "portal_destinations": "PortalDestinations",  # comma-separated UUIDs
    "portal_client_id": "PortalClientId",
}

#: Reads one registry value: (key under HKLM, value name) -> text, None when absent.
RegistryReader = Callable[[str, str], "str | None"]


class InstallationError(Exception):
    """The data folder cannot be used (missing rights, a file in the way, …)."""


def _read_settings(path: Path) -> dict[str, object]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):  # a file in the data folder's place:
        return {}  # prepare() names that problem
    except (OSError, ValueError) as exc:
        raise InstallationError(f"cannot read {path} ({exc}); fix or remove it") from None
    if not isinstance(document, dict):
        raise InstallationError(f"{path} does not hold a JSON object; fix or remove it")
    return document


def stored_database_url(path: Path) -> str | None:
    """The database URL the first-start wizard stored in ``settings.json``, if any."""
    value = _read_settings(path).get(DATABASE_URL_KEY)
    if value is not None and not isinstance(value, str):
        raise InstallationError(f"{path}: {DATABASE_URL_KEY} is not a text")
    return value or None


@dataclass(frozen=True)
class MachineSettings:
    """Machine-wide defaults from the administrator (see the module docstring). No secrets:
    the portal's client secret is never in the registry, only in the user's keyring."""

    database_url: str | None = None
    portal_base_url: str | None = None
    portal_token_url: str | None = None
    portal_destinations: tuple[str, ...] = ()
    portal_client_id: str | None = None

    @classmethod
    def read(cls, reader: RegistryReader | None = None) -> MachineSettings:
        """The settings from the registry (``reader``: Windows' own unless a test gives one)."""
        if reader is None:
            if sys.platform != "win32":
                return cls()
            reader = _read_windows_registry
        values: dict[str, str] = {}
        for attribute, name in REGISTRY_VALUES.items():
            for key in REGISTRY_KEYS:
                value = (reader(key, name) or "").strip()
                if value:  # the installer writes an empty value for a property not given
                    values[attribute] = value
                    break
        destinations = values.pop("portal_destinations", "")
        return cls(
            **values,
            portal_destinations=tuple(d.strip() for d in destinations.split(",") if d.strip()),
        )

    def portal_settings(self) -> PortalSettings | None:
        """The machine-wide portal connection; None if none is set, an error if incomplete."""
        from backoffice.portal.errors import PortalConfigError
        from backoffice.portal.settings import PortalSettings

        given = {
            "PortalBaseUrl": self.portal_base_url,
            "PortalTokenUrl": self.portal_token_url,
            "PortalDestinations": ",".join(self.portal_destinations),
            "PortalClientId": self.portal_client_id,
        }
        if not any(given.values()):
            return None
        missing = [name for name, value in given.items() if not value]
        if missing:
            raise PortalConfigError(
                "the machine-wide portal settings are incomplete (registry values missing: "
                f"{', '.join(missing)}); ask your administrator"
            )
        assert self.portal_base_url and self.portal_token_url and self.portal_client_id
        try:
            return PortalSettings(
                base_url=self.portal_base_url,
                token_url=self.portal_token_url,
                destination_ids=self.portal_destinations,
                client_id=self.portal_client_id,
            )
        except PortalConfigError as exc:
            raise PortalConfigError(f"the machine-wide portal settings: {exc}") from None


def _read_windows_registry(key: str, name: str) -> str | None:
    if sys.platform == "win32":  # (mypy: winreg exists only there)
        import winreg

        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY  # the 64-bit view the MSI writes
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, access) as handle:
                value, kind = winreg.QueryValueEx(handle, name)
        except OSError:  # no such key or value
            return None
        return value if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None
    return None


@dataclass(frozen=True)
class Installation:
    data_dir: Path
    database_url: str
    machine: MachineSettings = field(default_factory=MachineSettings)

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / SETTINGS_FILE

    @property
    def default_database_url(self) -> str:
        """The SQLite file in the data folder: the database of a single computer."""
        return f"sqlite:///{self.data_dir / DATABASE_FILE}"

    @classmethod
    def locate(
        cls,
        data_dir: str | Path | None = None,
        database: str | None = None,
        machine: MachineSettings | None = None,
    ) -> Installation:
        machine = MachineSettings.read() if machine is None else machine
        chosen = data_dir or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
        folder = Path(chosen).expanduser().resolve()
        url = (
            database
            or os.environ.get(DATABASE_ENV)
            or stored_database_url(folder / SETTINGS_FILE)
            or machine.database_url
            or f"sqlite:///{folder / DATABASE_FILE}"
        )
        return cls(folder, url, machine)

    def portal_settings(self) -> PortalSettings | None:
        """This installation's portal connection, else the machine-wide one, else None."""
        from backoffice.portal.settings import load_portal_settings

        return load_portal_settings(self.settings_file) or self.machine.portal_settings()

    def require_portal_settings(self) -> PortalSettings:
        from backoffice.portal.errors import PortalConfigError

        settings = self.portal_settings()
        if settings is None:
            raise PortalConfigError(
                "the portal is not configured yet: run `backoffice portal configure` first"
            )
        return settings

    def save_database_url(self, url: str | None) -> Installation:
        """Remember ``url`` for the next start (None: back to the SQLite default), keeping the
        rest of ``settings.json``; returns the installation on that database.

        A URL with a password is refused: the password would sit in a plain file. PostgreSQL
        takes it from ``~/.pgpass`` (or ``PGPASSFILE``), or needs none (peer, certificate)."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        if url is not None:
            try:
                parsed = make_url(url)
            except ArgumentError:
                raise InstallationError(f"not a database URL: {url!r}") from None
            if parsed.password is not None:
                raise InstallationError(
                    "the database URL holds a password, which would be stored in a plain file: "
                    "remove it from the URL and put it in ~/.pgpass (or PGPASSFILE) instead"
                )
        document = _read_settings(self.settings_file)
        if url is None or url == self.default_database_url:
            document.pop(DATABASE_URL_KEY, None)
        else:
            document[DATABASE_URL_KEY] = url
        from backoffice.portal.settings import write_json_atomically

        try:
            write_json_atomically(self.settings_file, document)
        except OSError as exc:
            raise InstallationError(f"cannot write {self.settings_file}: {exc.strerror}") from None
        return Installation(
            self.data_dir,
            url or self.machine.database_url or self.default_database_url,
            self.machine,
        )

    def prepare(self) -> None:
        """Create the folders and check that we can write there; change nothing else."""
        for folder in (self.data_dir, self.logs_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except FileExistsError:
                raise InstallationError(f"{folder} exists but is not a folder") from None
            except OSError as exc:
                raise InstallationError(
                    f"cannot create the data folder {folder}: {exc.strerror}"
                ) from None
        try:
            with tempfile.TemporaryFile(dir=self.data_dir):
                pass
        except OSError as exc:
            raise InstallationError(
                f"the data folder {self.data_dir} is not writable ({exc.strerror}); "
                "choose another with --data-dir or fix its permissions"
            ) from None

    @contextmanager
    def logging_to_file(self, level: int = logging.INFO) -> Iterator[Path]:
        """Log to ``logs/backoffice.log`` in the data folder meanwhile, rotated at
        :data:`LOG_MAX_BYTES` with :data:`LOG_BACKUPS` older files kept (``.1`` newest)."""
        path = self.logs_dir / LOG_FILE
        handler = RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setLevel(level)
        handler.setFormatter(CitizenSafeFormatter(FILE_LOG_FORMAT))
        root = logging.getLogger()
        previous_level = root.level
        root.addHandler(handler)
        root.setLevel(min(previous_level or logging.WARNING, level))
        try:
            yield path
        finally:
            root.removeHandler(handler)
            root.setLevel(previous_level)
            handler.close()

    def open_database(self) -> Database:
        try:
            return Database(self.database_url)
        except DatabaseConfigError:
            raise
        except Exception as exc:
            raise DatabaseConfigError(f"cannot open the database: {exc}") from None
