"""A fresh database and a migrated one end with the same schema as the models."""

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from lai_chau_desk.storage import migrate
from lai_chau_desk.storage.engine import Database, make_engine
from lai_chau_desk.storage.models import Base


def schema_of(path: Path) -> set[tuple]:
    with sqlite3.connect(path) as c:
        rows = c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                         "WHERE name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    cols = set()
    with sqlite3.connect(path) as c:
        for (_t, name, _tbl, _sql) in rows:
            if _t == "table":
                for col in c.execute(f"PRAGMA table_info('{name}')"):
                    cols.add((name, col[1], col[2].upper(), col[3], col[5]))
    return {(t, n, tbl) for t, n, tbl, _ in rows} | cols


def test_migrations_match_the_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert not migrate.needs_upgrade(engine)


def test_migrated_and_created_schemas_are_identical(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    migrate.upgrade(make_engine(migrated))
    created = tmp_path / "created.db"
    Base.metadata.create_all(make_engine(created))
    a = {x for x in schema_of(migrated) if "alembic_version" not in x}
    b = schema_of(created)
    assert a == b


def test_stepwise_upgrade_from_the_first_revision(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "old.db")
    migrate.upgrade(engine, "0001")
    assert migrate.current_revision(engine) == "0001"
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_head_found_without_alembic_matches_alembic(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    engine = make_engine(tmp_path / "h.db")
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.needs_upgrade(engine)


def test_pragmas_are_set(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_0003_backfills_the_directive_key_of_existing_sessions(tmp_path: Path) -> None:
    """Sessions recorded before 0003 get their directive key, so their figures do not change."""
    from datetime import date

    from alembic import command

    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
    from lai_chau_desk.services.suite import open_database

    suite = open_database(tmp_path / "s.db", today=lambda: date(2026, 11, 28))
    suite.units.init_own_unit("X", "CĐCS X")
    for codes in (["50-KL/TW", "334-KH/TU"], ["51-KL/TW"], []):
        suite.sessions.add(DisseminationSession(date(2026, 3, 5), "Buổi", "loa", codes,
                                                attendance=Attendance(10, 5, 3, 2)))
    before = suite.reporting.figures("2026S1")
    command.downgrade(migrate.alembic_config(suite.db.engine), "0002")
    migrate.upgrade(suite.db.engine)
    with suite.db.engine.connect() as conn:
        keys = sorted(conn.exec_driver_sql(
            "SELECT directive_key FROM dissemination_session").scalars())
    assert keys == ["", "334-KH/TU\n50-KL/TW", "51-KL/TW"]
    after = suite.reporting.figures("2026S1")
    assert after.to_dict() == before.to_dict()
    assert after.sessions_by_directive == {"50-KL/TW": 1, "334-KH/TU": 1, "51-KL/TW": 1}
    suite.close()
