import sys

from .startup_gc import pause

pause()  # start-up builds objects, not garbage: see startup_gc

from .cli import main  # noqa: E402

sys.exit(main())
