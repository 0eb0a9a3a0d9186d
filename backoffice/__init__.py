"""Rathaus Backoffice: the town hall clerks' desktop program for citizen portal applications."""

__version__ = "0.1.0"
