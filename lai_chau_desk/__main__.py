import sys

from .app import pause_gc

pause_gc()  # start-up builds objects, not garbage: see app.pause_gc

from .cli import main  # noqa: E402

sys.exit(main())
