"""``python -m tests.bench [--quick]``: run every benchmark and print one table."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.runner import main  # noqa: E402

sys.exit(main())
