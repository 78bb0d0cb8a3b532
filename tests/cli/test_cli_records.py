"""The command line end to end in a temporary folder, as issue 2 states it."""

import json
import sqlite3
from pathlib import Path

NAME = "Công đoàn cơ sở Trường THCS Thử Nghiệm"
SESSION = [
    "session",
    "add",
    "--date",
    "2026-03-05",
    "--title",
    "Hội nghị quán triệt Kết luận 50",
    "--directive",
    "50-KL/TW",
    "--form",
    "truc-tiep",
    "--participants",
    "30",
    "--members",
    "25",
    "--female",
    "12",
    "--ethnic-minority",
    "20",
]


def totals(cli, db: Path, period: str = "2026S1") -> dict:
    out = cli("totals", "--period", period, "--json", db=db, check=True)
    return json.loads(out.stdout)


def test_init_session_totals(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    r = cli("init", "--unit-code", "X", "--unit-name", NAME, db=db, check=True)
    assert "X" in r.stdout
    r = cli(*SESSION, db=db, check=True)
    assert len(r.stdout.strip()) == 36  # the new session's UUID
    t = totals(cli, db)
    assert t["unit"] == "X" and t["period"] == "2026S1"
    assert {
        k: t[k]
        for k in (
            "sessions",
            "participants",
            "union_members",
            "female",
            "ethnic_minority",
            "supervisions",
            "recommendations",
        )
    } == {
        "sessions": 1,
        "participants": 30,
        "union_members": 25,
        "female": 12,
        "ethnic_minority": 20,
        "supervisions": 0,
        "recommendations": 0,
    }


def test_refused_session_exits_1_and_changes_nothing(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    cli("init", "--unit-code", "X", "--unit-name", NAME, db=db, check=True)
    cli(*SESSION, db=db, check=True)
    before = totals(cli, db)
    bad = SESSION[:-6] + ["--female", "40"]
    r = cli(*bad, db=db)
    assert r.returncode == 1
    assert "Số nữ (40) lớn hơn số người tham dự (30)." in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert totals(cli, db) == before


def test_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    r = cli("session", "add", "--date", "2026-03-05", db=db)
    assert r.returncode == 2 and "lỗi cú pháp" in r.stderr
    r = cli("session", "add", *SESSION[2:10], "--form", "bay", "--participants", "3", db=db)
    assert r.returncode == 2
    r = cli("totals", "--period", "2026S1", db=db)
    assert r.returncode == 1 and "Chưa khai báo đơn vị" in r.stderr


def test_bad_date_and_period_are_refused(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    cli("init", "--unit-code", "X", "--unit-name", NAME, db=db, check=True)
    r = cli(*[("2026-02-30" if a == "2026-03-05" else a) for a in SESSION], db=db)
    assert r.returncode == 1 and "Ngày không hợp lệ: «2026-02-30»" in r.stderr
    r = cli("totals", "--period", "2026S7", "--json", db=db)
    assert r.returncode == 1 and "Mã kỳ báo cáo không hợp lệ" in r.stderr


def test_supervision_demo_backup_restore(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    cli(
        "init",
        "--unit-code",
        "X",
        "--unit-name",
        NAME,
        "--parent-code",
        "CDVC-LC",
        db=db,
        check=True,
    )
    cli(
        "supervision",
        "add",
        "--date",
        "2026-04-02",
        "--field",
        "giao-duc",
        "--target",
        "Trường Tiểu học Bản Bo",
        "--recommendation",
        "Bổ sung phòng học",
        "--recommendation",
        "Công khai thu chi",
        db=db,
        check=True,
    )
    t = totals(cli, db)
    assert (t["supervisions"], t["recommendations"]) == (1, 2)
    cli("demo", "--seed", "3", db=db, check=True)
    assert totals(cli, db, "2026S2")["sessions"] >= 6
    out = tmp_path / "b.db"
    r = cli("backup", "--out", str(out), db=db, check=True)
    with sqlite3.connect(out) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = c.execute("SELECT count(*) FROM dissemination_session").fetchone()[0]
    cli(*SESSION, db=db, check=True)
    r = cli("restore", str(out), db=db, check=True)
    assert "Đã khôi phục" in r.stdout
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM dissemination_session").fetchone()[0] == n


def test_database_from_environment(cli, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    cli(
        "init",
        "--unit-code",
        "Y",
        "--unit-name",
        "CĐCS Y",
        env={"LAI_CHAU_DESK_DB": str(db)},
        check=True,
    )
    assert db.exists()


def test_version(cli) -> None:
    r = cli("--version", check=True)
    assert r.stdout.startswith("lai-chau-desk 0.")


def test_an_unexpected_error_is_one_line_unless_debugging(tmp_path: Path) -> None:
    """A bug never shows a traceback to an officer, but a developer can ask for it."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys; from lai_chau_desk import cli; from lai_chau_desk.cli import "
        "commands_records as c\n"
        "def boom(args): raise RuntimeError('hỏng')\n"
        "c.cmd_totals = boom\n"
        "sys.exit(cli.main(['--db', sys.argv[1], 'totals', '--period', '2026S1']))"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    r = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "lỗi không mong đợi (RuntimeError: hỏng)" in r.stderr
    r = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        env={**env, "LAI_CHAU_DESK_DEBUG": "1"},
        cwd=ROOT,
    )
    assert r.returncode == 1 and "Traceback" in r.stderr and "RuntimeError: hỏng" in r.stderr


def test_session_add_records_the_tasks_covered(cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    cli("init", "--unit-code", "X", "--unit-name", NAME, db=db, check=True)
    cli(*SESSION, "--task", "334-KH/TU II.3.a", "334-KH/TU II.3.c", db=db, check=True)
    with sqlite3.connect(db) as con:
        refs = sorted(r[0] for r in con.execute("SELECT task_ref FROM session_task"))
        dirs = sorted(r[0] for r in con.execute("SELECT * FROM session_directive"))
    assert refs == ["334-KH/TU II.3.a", "334-KH/TU II.3.c"]
    assert len(dirs) == 2  # 50-KL/TW, and 334-KH/TU brought by its tasks
    r = cli(*SESSION, "--task", "334-KH/TU II.9", db=db)
    assert r.returncode == 1 and "Nhiệm vụ «334-KH/TU II.9» không có trong danh mục." in r.stderr
