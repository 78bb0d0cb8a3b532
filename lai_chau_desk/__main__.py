import sys

from .app import GcPause

gc_pause = GcPause().pause()  # start-up builds objects, not garbage: see app.GcPause

from .cli import main  # noqa: E402

sys.exit(main(gc_pause=gc_pause))
