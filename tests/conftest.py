"""Shared fixtures: a real database in a temporary folder, an initialised unit, the CLI."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import
os.environ["LANGUAGE"] = "vi"  # the CLI follows the locale: tests read Vietnamese everywhere

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.services.suite import ServiceSuite

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 28)


@pytest.fixture
def fixed_today() -> date:
    return TODAY


@pytest.fixture
def suite(tmp_path: Path) -> Iterator[ServiceSuite]:
    """A fresh, migrated, seeded database with no own unit yet; 'today' is 2026-11-28."""
    s = open_database(tmp_path / "unit.db", today=lambda: TODAY)
    yield s
    s.close()


@pytest.fixture
def unit_suite(suite: ServiceSuite) -> ServiceSuite:
    """The same, with the own unit declared (a grassroots union under the civil servants union)."""
    suite.units.init_own_unit("CDCS-THCS-TN", "Công đoàn cơ sở Trường THCS Thử Nghiệm", "CDVC-LC")
    return suite


def run_cli(
    *args: str, db: Path | None = None, env: dict | None = None, check: bool = False
) -> subprocess.CompletedProcess:
    """Run ``python -m lai_chau_desk`` from the checkout, as an administrator would."""
    cmd = [sys.executable, "-m", "lai_chau_desk"]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **(env or {})}
    proc = subprocess.run(
        cmd + list(args), capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=120
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture
def cli():
    return run_cli
