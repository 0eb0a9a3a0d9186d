"""The bundle's start script (PyInstaller needs one): the ``backoffice`` command."""

import sys

from backoffice.cli import main

if __name__ == "__main__":
    sys.exit(main())
