"""``python -m backoffice.cli``: the same as the ``backoffice`` command."""

import sys

from backoffice.cli.main import main

sys.exit(main())
