"""A fresh database and a migrated one end with the same schema as the models."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from lai_chau_desk.storage import migrate
from lai_chau_desk.storage.engine import Database, make_engine
from lai_chau_desk.storage.models import Base


def schema_of(path: Path) -> set[tuple]:
    with sqlite3.connect(path) as c:
        rows = c.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    cols = set()
    with sqlite3.connect(path) as c:
        for _t, name, _tbl, _sql in rows:
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
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 0  # writes: no map
    with db.reader.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -32768
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 256 * 1024 * 1024


def test_0003_backfills_the_directive_key_of_existing_sessions(tmp_path: Path) -> None:
    """Sessions recorded before 0003 get their directive key, so their figures do not change."""
    from datetime import date

    from alembic import command

    from lai_chau_desk.app import open_database
    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession

    suite = open_database(tmp_path / "s.db", today=lambda: date(2026, 11, 28))
    suite.units.init_own_unit("X", "CĐCS X")
    ids = [
        suite.sessions.add(
            DisseminationSession(
                date(2026, 3, 5), "Buổi", "loa", codes, attendance=Attendance(10, 5, 3, 2)
            )
        )
        for codes in (["50-KL/TW", "334-KH/TU"], ["51-KL/TW"], ["51-KL/TW"])
    ]
    with suite.db.engine.begin() as conn:  # a session of an older version, with no directive
        conn.exec_driver_sql("DELETE FROM session_directive WHERE session_id = ?", (ids[-1].hex,))
        conn.exec_driver_sql(
            "UPDATE dissemination_session SET directive_key = '' WHERE id = ?", (ids[-1].hex,)
        )
    before = suite.reporting.figures("2026S1")
    command.downgrade(migrate.alembic_config(suite.db.engine), "0002")
    migrate.upgrade(suite.db.engine)
    with suite.db.engine.connect() as conn:
        keys = sorted(
            conn.exec_driver_sql("SELECT directive_key FROM dissemination_session").scalars()
        )
    assert keys == ["", "334-KH/TU\n50-KL/TW", "51-KL/TW"]
    after = suite.reporting.figures("2026S1")
    assert after.to_dict() == before.to_dict()
    assert after.sessions_by_directive == {"50-KL/TW": 1, "334-KH/TU": 1, "51-KL/TW": 1}
    suite.close()


# --- Stored databases of every released schema, built by the old code (see fixtures/) ------

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORED = sorted(FIXTURES.glob("schema_*.db"))


def full_schema_of(path: Path) -> dict[str, set[tuple]]:
    """Tables with their columns, indexes with their columns and uniqueness, foreign keys
    (SQL text left out: a migration and ``create_all`` may word the same table differently)."""
    out: dict[str, set[tuple]] = {
        "tables": set(),
        "columns": set(),
        "indexes": set(),
        "foreign_keys": set(),
    }
    with sqlite3.connect(path) as c:
        tables = [
            r[0]
            for r in c.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version'"
            )
        ]
        for t in tables:
            out["tables"].add(t)
            for col in c.execute(f"PRAGMA table_info('{t}')"):
                out["columns"].add((t, col[1], col[2].upper(), col[3], col[5]))
            for idx in c.execute(f"PRAGMA index_list('{t}')"):
                cols = tuple(r[2] for r in c.execute(f"PRAGMA index_info('{idx[1]}')"))
                name = idx[1] if not idx[1].startswith("sqlite_autoindex") else "(auto)"
                out["indexes"].add((t, name, bool(idx[2]), cols))
            for fk in c.execute(f"PRAGMA foreign_key_list('{t}')"):
                out["foreign_keys"].add((t, fk[2], fk[3], fk[4], fk[6]))
    return out


def _contains(old: object, new: object, where: str = "") -> list[str]:
    """Where ``new`` differs from ``old`` on what ``old`` has (new keys may be added)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            d
            for k, v in old.items()
            for d in (
                _contains(v, new[k], f"{where}/{k}") if k in new else [f"{where}/{k} missing"]
            )
        ]
    return [] if old == new else [f"{where}: {old!r} -> {new!r}"]


def test_every_released_revision_has_a_stored_database() -> None:
    from alembic.script import ScriptDirectory

    from lai_chau_desk.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(make_engine(":memory:")))
    released = {"0001", "0002", "0003"}  # revisions shipped before issue 13
    revisions = {r.revision for r in script.walk_revisions()}
    assert released <= revisions
    assert {p.stem.removeprefix("schema_") for p in STORED} == released
    for p in STORED:
        assert p.stat().st_size < 1_000_000, p


@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.stem)
def test_stored_database_upgrades_to_a_fresh_schema_with_its_data_intact(
    stored: Path, tmp_path: Path, cli
) -> None:  # noqa: ANN001
    expected = json.loads(stored.with_suffix(".expected.json").read_text("utf-8"))
    db = tmp_path / "unit.db"
    shutil.copy(stored, db)
    engine = make_engine(db)
    assert migrate.current_revision(engine) == expected["revision"]
    migrate.upgrade(engine)  # every migration up to whatever the head is
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()

    fresh = tmp_path / "fresh.db"
    fresh_engine = make_engine(fresh)
    migrate.upgrade(fresh_engine)
    fresh_engine.dispose()
    upgraded, created = full_schema_of(db), full_schema_of(fresh)
    for part in ("tables", "columns", "indexes", "foreign_keys"):
        assert upgraded[part] == created[part], part

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in expected["counts"]
            if t in tables
        }
        row = c.execute(
            "SELECT title, place, presenter, note FROM dissemination_session "
            "WHERE held_on = '2026-03-02' AND title LIKE 'Quán triệt Nghị quyết%'"
        ).fetchone()
        unit = c.execute("SELECT name FROM unit WHERE code = 'CDVC-TU'").fetchone()
    # a table a later migration renames or merges is checked through the figures below
    assert {t: n for t, n in expected["counts"].items() if t in counts} == counts
    assert row == (
        "Quán triệt Nghị quyết Đại hội Công đoàn tỉnh Lai Châu",
        "Hội trường UBND huyện Tân Uyên",
        "Lò Văn Thắng",
        "Có phiên dịch tiếng Thái",
    )
    assert unit == ("Công đoàn Viên chức huyện Tân Uyên",)

    # What the old code said about its database, the current code says after the upgrade.
    for period, old in expected["totals"].items():
        r = cli("totals", "--period", period, "--json", db=db)
        assert r.returncode == 0, r.stderr
        assert _contains(old, json.loads(r.stdout)) == [], period
    if "status" in expected:
        r = cli("status", "--period", "2026S2", "--json", db=db)
        assert r.returncode == 0, r.stderr
        assert _contains(expected["status"], json.loads(r.stdout)) == []


def test_0007_adds_the_period_index_and_the_queries_read_it(tmp_path: Path) -> None:
    """Members reached and the sessions list's newest-first page read the narrow index alone
    (no table row per session, no sort); downgrading drops it again."""
    from alembic import command

    engine = make_engine(tmp_path / "i.db")
    migrate.upgrade(engine, "0006_interpreted")

    def indexes() -> set[str]:
        with engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE tbl_name = 'dissemination_session' "
                    "AND type = 'index'"
                ).scalars()
            )

    assert "ix_session_period" not in indexes()
    migrate.upgrade(engine)
    assert "ix_session_period" in indexes()
    reached = (
        "SELECT count(DISTINCT a.member_id) FROM attendance a "
        "JOIN dissemination_session s ON s.id = a.session_id "
        "WHERE s.unit_code = 'X' AND s.held_on >= '2026-01-01' AND s.held_on <= '2026-06-30'"
    )
    first_page = (
        "SELECT id FROM dissemination_session WHERE unit_code = 'X' "
        "ORDER BY held_on DESC, created_at DESC LIMIT 200"
    )
    with engine.connect() as conn:
        for sql in (reached, first_page):
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "COVERING INDEX ix_session_period" in plan, plan
            assert sql is reached or "TEMP B-TREE" not in plan, plan  # no sort for the page
    command.downgrade(migrate.alembic_config(engine), "0006_interpreted")
    assert "ix_session_period" not in indexes()
    engine.dispose()
