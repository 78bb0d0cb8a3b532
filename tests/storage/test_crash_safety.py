"""Crash safety: SIGKILL at random moments during 200 consecutive saves, 20 rounds.

Each round starts one long-lived driver process (``crash_driver.py``: lock, open, 200 saves
through ``SessionService.add``, each id printed after its commit) and kills it at a random
moment — sometimes while it is still opening the database, mostly in the middle of the saves.
One process per round instead of 200 CLI starts keeps the 20 rounds under a minute (a CLI
start costs ~0.5 s of imports) while exercising the same commit path the CLI uses. After each
kill the database must pass ``PRAGMA integrity_check`` and hold every acknowledged id; the next
round's driver must get the lock (no stale lock after a kill).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lai_chau_desk.services.backup import check_integrity

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("crash_driver.py")
ROUNDS = 20
SAVES = 200

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _start(db: Path, n: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), str(n)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _acknowledged(lines: list[str]) -> set[str]:
    # A complete line is a hex id printed after a commit; a torn last line is not an ack.
    return {ln[:-1] for ln in lines if ln.endswith("\n") and len(ln) == 33}


def _one_round(db: Path, rng: random.Random) -> tuple[set[str], bool]:
    proc = _start(db, SAVES)
    lines: list[str] = []
    if rng.random() < 0.15:  # kill while opening: integrity check, daily backup, lock
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        first = proc.stdout.readline()
        assert first == "ready\n", first + proc.stderr.read()
        for _ in range(rng.randint(0, SAVES)):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(rng.uniform(0.0, 0.004))  # land inside a transaction or a commit
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate()
    lines.extend(ln + "\n" for ln in rest.split("\n")[:-1] if ln != "ready")
    if rest and not rest.endswith("\n"):
        lines.append(rest.rsplit("\n", 1)[-1])
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err
    return _acknowledged(lines), killed


def test_sigkill_during_saves_loses_no_acknowledged_save(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    setup = _start(db, 0)
    assert setup.wait(60) == 0, setup.stderr.read()
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    acked: set[str] = set()
    kills = 0
    for n in range(ROUNDS):
        got, killed = _one_round(db, rng)
        acked |= got
        kills += killed
        verdict = check_integrity(db, read_only=False)
        assert verdict == "ok", f"round {n} (CRASH_SEED={seed}): {verdict}"
        with sqlite3.connect(db) as c:
            stored = {r[0] for r in c.execute("SELECT lower(id) FROM dissemination_session")}
        missing = acked - stored
        assert not missing, f"round {n} (CRASH_SEED={seed}): {len(missing)} acknowledged lost"
    assert kills >= ROUNDS - 2  # almost every round was really killed mid-way
    assert len(acked) > ROUNDS * 20
