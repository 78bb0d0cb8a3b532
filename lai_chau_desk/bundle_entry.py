"""Entry point of the bundled executables (console ``lai-chau-desk`` and windowed ``LaiChauDesk``).

A windowed Windows executable has no console: ``sys.stdout``/``sys.stderr`` are None, so they
are pointed at the null device before anything prints (``--self-test`` then reports by its exit
code; use the console executable to read its output).
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives for the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from lai_chau_desk.app import GcPause  # noqa: E402

gc_pause = GcPause().pause()  # start-up builds objects, not garbage: see app.GcPause

from lai_chau_desk.cli import main  # noqa: E402

sys.exit(main(gc_pause=gc_pause))
