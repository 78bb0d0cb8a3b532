"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..domain.dates import parse_iso_date
from ..domain.errors import Problems
from ..paths import default_db_path


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def lock_database(args: argparse.Namespace) -> Path:
    """Take this process's lock on the database (released at exit; a crash frees it too).
    Another process holding it -> ``DatabaseLocked``: a Vietnamese message and exit 1."""
    from ..storage.lock import lock_for_process

    path = db_path(args)
    lock_for_process(path)
    return path


def open_suite(args: argparse.Namespace, write: bool = True):  # noqa: ANN201 - ServiceSuite
    """Open the services on the chosen database; ``write`` commands first take the lock so a
    second process (CLI or GUI) on the same database is refused."""
    from ..services.suite import open_database

    if write:
        lock_database(args)
    return open_database(db_path(args))


def date_arg(text: str, field: str = "date") -> date:
    try:
        return parse_iso_date(text)
    except ValueError as e:
        p = Problems()
        p.add(field, str(e))
        p.raise_if_any()
        raise  # pragma: no cover


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
