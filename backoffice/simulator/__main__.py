"""``python -m backoffice.simulator``: the same as ``backoffice simulator``."""

import sys

from .server import main

sys.exit(main())
