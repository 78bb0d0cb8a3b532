"""Apply Alembic migrations at start. Schema upgrades are one transaction per revision.

Alembic itself is imported only when an upgrade is needed: checking that a database is at the
newest revision reads the version table and the revision ids of the migration files, which
keeps every start-up (GUI and CLI) free of Alembic's import cost.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _assigned(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    return None


@cache
def head_revision() -> str | None:
    """The newest revision: the one no other migration file names as its ``down_revision``."""
    revisions: set[str] = set()
    parents: set[object] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        rev = _assigned(tree, "revision")
        if isinstance(rev, str) and rev:
            revisions.add(rev)
            down = _assigned(tree, "down_revision")
            parents.update(down if isinstance(down, tuple) else [down])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"Migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database at ``engine`` to ``revision`` (default: the newest)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
