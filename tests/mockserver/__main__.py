"""``python -m tests.mockserver --factory package.module:function ...``: serve in this process."""

import sys

from tests.mockserver.process import main

sys.exit(main())
