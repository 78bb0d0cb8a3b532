"""The set-up the command-line tests share: a grassroots unit and the level above it, declared
with ``init`` as an administrator would, a grassroots unit filled by ``demo``, and the package
its ``export`` writes."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

GRASSROOTS = ("CDCS-THCS-TN", "Công đoàn cơ sở Trường THCS", "CDVC-LC")
UPPER = ("CDVC-LC", "Công đoàn Viên chức tỉnh")
PERIOD = "2026S2"
NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def run_raw(
    *args: str, env: dict[str, str] | None = None, encoding: str = "utf-8"
) -> subprocess.CompletedProcess:
    """The CLI with no locale set (unless ``env`` sets one) and ``encoding`` as its I/O
    encoding; raw bytes captured and decoded as UTF-8 here, whatever Python chose."""
    full = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        **NO_LOCALE,
        "PYTHONIOENCODING": encoding,
        **(env or {}),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "lai_chau_desk", *args],
        capture_output=True,
        cwd=ROOT,
        env=full,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def init_unit(cli, db: Path, code: str, name: str, parent: str | None = None) -> Path:  # noqa: ANN001
    """``init`` a database for unit ``code`` (under ``parent``); returns the database."""
    cli(
        "init",
        "--unit-code",
        code,
        "--unit-name",
        name,
        *(["--parent-code", parent] if parent else []),
        db=db,
        check=True,
    )
    return db


@dataclass
class Exported:
    db: Path  # the grassroots unit's database, filled by ``demo``
    package: Path  # what ``export --period 2026S2`` wrote
    run: subprocess.CompletedProcess  # the export's own run (its output)


@pytest.fixture
def grassroots_db(cli, tmp_path: Path) -> Path:  # noqa: ANN001
    """A grassroots unit under CDVC-LC, declared and empty."""
    return init_unit(cli, tmp_path / "low.db", *GRASSROOTS)


@pytest.fixture
def upper_db(cli, tmp_path: Path) -> Path:  # noqa: ANN001
    """The level above (CDVC-LC), declared and empty."""
    return init_unit(cli, tmp_path / "up.db", *UPPER)


@pytest.fixture
def demo_db(cli, grassroots_db: Path) -> Path:  # noqa: ANN001
    """The grassroots unit with ``demo`` data."""
    cli("demo", db=grassroots_db, check=True)
    return grassroots_db


@pytest.fixture
def exported(cli, demo_db: Path, tmp_path: Path) -> Exported:  # noqa: ANN001
    """The demo unit's report package for 2026S2."""
    pkg = tmp_path / "bao-cao.lcdx"
    run = cli("export", "--period", PERIOD, "--out", str(pkg), db=demo_db, check=True)
    return Exported(demo_db, pkg, run)
