"""Apply Alembic migrations at start. Schema upgrades are one transaction per revision.

Alembic itself is imported only when an upgrade is needed: checking that a database is at the
newest revision reads the version table and the revision ids of the migration files, which
keeps every start-up (GUI and CLI) free of Alembic's import cost. SQLAlchemy itself is imported
by the functions that take an engine, so :class:`DatabaseNewer` and :func:`known_revisions`
cost start-up nothing before Qt.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseNewer(DomainError):
    """The database is at a revision this version does not know: a newer version made it.
    Nothing was changed (no migration, no backup)."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            "Cơ sở dữ liệu này do phiên bản mới hơn của Lai Châu Desk tạo; hãy cập nhật phần mềm."
        )


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _assigned(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    return None


@cache
def known_revisions() -> frozenset[str]:
    """Every revision of this version's migration files."""
    return frozenset(_revision_graph()[0])


@cache
def _revision_graph() -> tuple[set[str], set[object]]:
    revisions: set[str] = set()
    parents: set[object] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        rev = _assigned(tree, "revision")
        if isinstance(rev, str) and rev:
            revisions.add(rev)
            down = _assigned(tree, "down_revision")
            parents.update(down if isinstance(down, tuple) else [down])
    return revisions, parents


@cache
def head_revision() -> str | None:
    """The newest revision: the one no other migration file names as its ``down_revision``."""
    revisions, parents = _revision_graph()
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"Migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def check_known(revision: str | None) -> None:
    """Raise :class:`DatabaseNewer` when ``revision`` is not one of this version's."""
    if revision is not None and revision not in known_revisions():
        raise DatabaseNewer(revision)


def needs_upgrade(engine: Engine) -> bool:
    """Whether migrations must run; :class:`DatabaseNewer` for a newer version's database."""
    current = current_revision(engine)
    check_known(current)
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database at ``engine`` to ``revision`` (default: the newest)."""
    from alembic import command
    from alembic.util import CommandError

    check_known(current_revision(engine))
    try:
        command.upgrade(alembic_config(engine), revision)
    except CommandError as exc:
        if "Can't locate revision" in str(exc):
            raise DatabaseNewer(str(exc)) from exc
        raise
