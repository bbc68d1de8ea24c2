"""``python -m discourse``: the same as the ``discourse`` command."""

import sys

from discourse.cli import main

sys.exit(main())
