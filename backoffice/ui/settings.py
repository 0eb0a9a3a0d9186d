"""The interface's own settings (layout, language, refresh), declared once and typed.

Stored with ``QSettings`` in an INI file of the installation (or Qt's default
place); window and header layouts are opaque Qt state blobs. Settings of the
program proper (portal, database) live elsewhere; secrets never here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

#: Bumped when a stored layout can no longer be read; older layouts are then dropped.
SETTINGS_VERSION = 1
LANGUAGES = ("de", "en")


class UiSettings:
    def __init__(self, settings: QSettings) -> None:
        self._s = settings
        if self._int("version", 0) != SETTINGS_VERSION:
            for key in ("window/geometry", "window/state", "window/splitter", "inbox/header"):
                self._s.remove(key)
            self._s.setValue("version", SETTINGS_VERSION)

    @classmethod
    def at(cls, path: Path | None) -> UiSettings:
        """Settings in an INI file at ``path``; with None, Qt's per-user default place."""
        if path is None:
            return cls(QSettings("Rathaus Backoffice", "backoffice"))
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def file_name(self) -> str:
        """Where the settings are stored (a file, or a registry path on Windows)."""
        return self._s.fileName()

    def sync(self) -> None:
        self._s.sync()

    # -- typed access -------------------------------------------------------------------------

    def _int(self, key: str, default: int) -> int:
        value = self._s.value(key, default)
        if not isinstance(value, int | float | str | bytes):
            return default
        try:
            return int(value)
        except ValueError:
            return default

    def _bytes(self, key: str) -> QByteArray:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def language(self) -> str | None:
        """``de`` or ``en`` when the user chose one; None: follow the system."""
        value = self._s.value("ui/language", "")
        return value if value in LANGUAGES else None

    @language.setter
    def language(self, value: str | None) -> None:
        self._s.setValue("ui/language", value if value in LANGUAGES else "")

    @property
    def refresh_seconds(self) -> int:
        """How often the inbox asks the database for changes (0: never)."""
        return max(0, self._int("inbox/refresh_seconds", 60))

    @refresh_seconds.setter
    def refresh_seconds(self, value: int) -> None:
        self._s.setValue("inbox/refresh_seconds", int(value))

    @property
    def quick_filter(self) -> str:
        value = self._s.value("inbox/quick_filter", "")
        return value if isinstance(value, str) else ""

    @quick_filter.setter
    def quick_filter(self, value: str) -> None:
        self._s.setValue("inbox/quick_filter", value)

    def layout(self, name: str) -> QByteArray:
        """A stored Qt state blob: ``window/geometry``, ``window/state``, ``window/splitter``,
        ``inbox/header``."""
        return self._bytes(name)

    def set_layout(self, name: str, state: QByteArray) -> None:
        self._s.setValue(name, state)
