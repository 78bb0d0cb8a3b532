"""Driver for the crash-safety test: N consecutive saves through the session service.

Run as ``python tests/storage/crash_driver.py DB N``. It takes the database lock like the CLI,
opens the database (integrity check, migrations, daily backup), prints ``ready``, then saves N
sessions one by one, printing each id (hex) with a flush only after ``add`` returned, i.e.
after the commit: a printed id is an acknowledged save.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lai_chau_desk.app import open_database  # noqa: E402
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession  # noqa: E402
from lai_chau_desk.storage.lock import lock_for_process  # noqa: E402


def main(db: str, n: int) -> int:
    lock_for_process(db)
    suite = open_database(db, today=lambda: date(2026, 11, 28))
    if suite.units.own_unit_code() is None:
        suite.units.init_own_unit("CDCS-CRASH", "Công đoàn cơ sở Thử Mất Điện", "CDVC-LC")
    print("ready", flush=True)
    for i in range(n):
        sid = suite.sessions.add(
            DisseminationSession(
                held_on=date(2026, 3, 1 + i % 28),
                title=f"Sinh hoạt chuyên đề an toàn lao động số {i}",
                form="truc-tiep",
                directive_codes=["50-KL/TW"],
                place="Hội trường",
                note="Ghi chép nội dung buổi. " * (i % 7),
                attendance=Attendance(40 + i % 9, 30, 18, 7),
            )
        )
        print(sid.hex, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
