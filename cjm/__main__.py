"""`python -m cjm`: the same as the `cjm` command."""

import sys

from .cli import main

sys.exit(main())
