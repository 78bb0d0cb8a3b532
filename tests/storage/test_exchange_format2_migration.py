"""Migration 0004_fmt2 upgrades a database that holds format-1 exchange data: rows, figures
and pins are kept, embedded copies drop their whole-package bytes, the totals still add up."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from lai_chau_desk.storage import migrate
from lai_chau_desk.storage.engine import Database
from lai_chau_desk.storage.models import Base


def _row(conn, code: str, via: str | None, data: bytes) -> str:  # noqa: ANN001
    rid = uuid.uuid4().hex
    conn.execute(
        text(
            "INSERT INTO received_package (id, package_id, kind, unit_code, unit_name, parent_code, "
            "period_code, revision, payload_sha256, package_sha256, fingerprint, created_at, "
            "created_at_text, imported_at, via_id, status, review, review_comment, reviewed_at, data) "
            "VALUES (:id, :pid, 'report', :code, 'Đơn vị', 'CDVC-LC', '2026S2', 1, :sha, :sha, 'FP', "
            "'2026-11-20 02:30:00.000000', '2026-11-20T09:30:00+07:00', '2026-11-21 00:00:00.000000', "
            ":via, 'current', 'accepted', '', NULL, :data)"
        ),
        {
            "id": rid,
            "pid": str(uuid.uuid4()),
            "code": code,
            "sha": "a" * 64,
            "via": via,
            "data": data,
        },
    )
    conn.execute(
        text(
            "INSERT INTO received_figures (unit_code, period_code, package_row_id, sessions, "
            "participants, union_members, female, ethnic_minority, materials, supervisions, "
            "recommendations, details) VALUES (:code, '2026S2', :id, 3, 40, 30, 20, 10, 5, 1, 2, '{}')"
        ),
        {"code": code, "id": rid},
    )
    return rid


def test_upgrade_keeps_format_1_data_and_matches_the_models(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    migrate.upgrade(db.engine, "0003")
    with db.engine.begin() as conn:
        top = _row(conn, "CDCS-A", None, b"PK whole package of A" * 100)
        _row(conn, "CDCS-B", top, b"PK embedded copy of B" * 100)
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT unit_code, data IS NULL, format_version, manifest "
                "FROM received_package ORDER BY unit_code"
            )
        ).all()
        assert rows == [("CDCS-A", 0, 1, None), ("CDCS-B", 1, 1, None)]
        assert conn.execute(
            text("SELECT sum(sessions), sum(materials) FROM received_figures")
        ).one() == (6, 10)
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_totals_and_status_still_read_an_upgraded_database(tmp_path: Path) -> None:
    from lai_chau_desk.app import open_database

    path = tmp_path / "u.db"
    db = Database(path)
    migrate.upgrade(db.engine, "0003")
    with db.engine.begin() as conn:
        for code, parent in (("CDVC-LC", None), ("CDCS-A", "CDVC-LC"), ("CDCS-B", "CDCS-A")):
            conn.execute(
                text(
                    "INSERT INTO unit (id, code, name, short_name, parent_code, level, parent_body, "
                    "place_name, valid_from, valid_to, origin, user_edited) VALUES (:id, :code, "
                    "'Đơn vị', '', :parent, '', '', '', NULL, NULL, 'user', 0)"
                ),
                {"id": uuid.uuid4().hex, "code": code, "parent": parent},
            )
        top = _row(conn, "CDCS-A", None, b"PK whole package of A")
        _row(conn, "CDCS-B", top, b"PK embedded copy of B")
    db.dispose()
    suite = open_database(path, today=lambda: date(2026, 11, 28))
    suite.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    totals = suite.status.subtree_totals("2026S2")
    assert totals.units_reported == 2 and totals.subtree["sessions"] == 6
    assert suite.status.completeness("2026S2").on_time == ["CDCS-A"]
    plan = suite.export.plan_export("2026S2")
    assert plan.included == [] and "định dạng cũ" in plan.left_out[0][2]
    suite.close()
