"""Where things live: bundled resources and the user's database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "LAI_CHAU_DESK_DB"


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, inside the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("LaiChauDesk", appauthor=False, ensure_exists=True)


def default_db_path() -> Path:
    """``--db`` beats ``LAI_CHAU_DESK_DB`` beats the user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return user_data_dir() / "lai-chau-desk.db"
