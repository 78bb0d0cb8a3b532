"""Migration 0002 brings a 0001 database to exactly the tables the models declare."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from lai_chau_desk.storage import migrate
from lai_chau_desk.storage.engine import Database
from lai_chau_desk.storage.models import Base

EXCHANGE_TABLES = {"received_package", "received_figures", "pinned_key", "sent_package", "receipt"}


def test_upgrade_from_0001_matches_the_models(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    migrate.upgrade(db.engine, "0001")
    assert not EXCHANGE_TABLES & set(inspect(db.engine).get_table_names())
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    assert set(inspect(db.engine).get_table_names()) >= EXCHANGE_TABLES
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_downgrade_removes_only_the_exchange_tables(tmp_path: Path) -> None:
    from alembic import command

    db = Database(tmp_path / "db.db")
    migrate.upgrade(db.engine)
    command.downgrade(migrate.alembic_config(db.engine), "0001")
    tables = set(inspect(db.engine).get_table_names())
    assert not EXCHANGE_TABLES & tables and "dissemination_session" in tables
    db.dispose()
