"""The files that ship with the program, read through backoffice.assets (not a code package)."""
