"""Issue 13's Done-when: adding a session count is a change to the domain declaration, one
migration and its labels — nothing else.

The package is copied and exactly those edits are made to the copy, as text: two fields in
``domain/sessions.py`` (a yes/no and an amount), their two figures in ``domain/figures.py``,
one new migration file, and their wording in ``reports/labels.py``. ``new_count_probe.py``
then runs against the copy and follows both counts through storage (the migrated database
equals the models), the session editor, ``session add``'s options, the schemas, the package's
payload and signed manifest, the import at the level above (which recomputes the figures
from the records), the consolidation, the XLSX and the PDF. Any list still kept by hand
would leave one of them behind and fail here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from lai_chau_desk.domain.sessions import SESSION_FIELDS

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).with_name("new_count_probe.py")

SESSION_FIELD_LINES = """\
    climate: bool = yes_no(
        "sessions_climate", "Có lồng ghép khí hậu", "Covers climate adaptation"
    )
    videos: int = amount("videos_shown", "Số video trình chiếu", "Videos shown")
"""
FIGURE_LINES = """\
    sessions_climate: int = count(in_totals=True)
    videos_shown: int = count()
"""
LABELS_VI = """\
    "row_sessions_climate": "Số buổi lồng ghép ứng phó biến đổi khí hậu",
    "col_sessions_climate": "Buổi lồng ghép khí hậu",
    "col_climate": "Có lồng ghép",
    "mark_climate": "lồng ghép BĐKH",
    "sentence_sessions_climate": ", trong đó {n} buổi lồng ghép ứng phó biến đổi khí hậu",
    "row_videos_shown": "Số video đã trình chiếu",
    "col_videos_shown": "Video",
    "col_videos": "Video",
    "sentence_videos_shown": " Đã trình chiếu {n} video.",
"""
LABELS_EN = """\
    "row_sessions_climate": "Sessions covering climate adaptation",
    "col_sessions_climate": "Climate sessions",
    "col_climate": "Climate",
    "mark_climate": "climate",
    "sentence_sessions_climate": " {n} sessions covered climate adaptation.",
    "row_videos_shown": "Videos shown",
    "col_videos_shown": "Videos",
    "col_videos": "Videos",
    "sentence_videos_shown": " {n} videos were shown.",
"""
MIGRATION = '''\
"""Two synthetic session counts (tests/test_new_count.py)."""

import sqlalchemy as sa
from alembic import op

revision = "9999_synthetic"
down_revision = {down!r}
branch_labels = None
depends_on = None

OLD_INDEX = {old!r}
NEW_INDEX = {new!r}


def upgrade() -> None:
    with op.batch_alter_table("dissemination_session") as batch:
        batch.add_column(sa.Column("climate", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("videos", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("dissemination_session") as batch:
        batch.alter_column("climate", server_default=None)
        batch.alter_column("videos", server_default=None)
        batch.drop_index("ix_session_figures")
        batch.create_index("ix_session_figures", NEW_INDEX, unique=False)
    with op.batch_alter_table("received_figures") as batch:
        for name in ("sessions_climate", "videos_shown"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("received_figures") as batch:
        for name in ("sessions_climate", "videos_shown"):
            batch.alter_column(name, server_default=None)


def downgrade() -> None:
    raise NotImplementedError
'''


def _insert_after(path: Path, anchor: str, text: str) -> None:
    source = path.read_text("utf-8")
    assert source.count(anchor) == 1, f"{path.name}: anchor {anchor!r} not found once"
    path.write_text(source.replace(anchor, anchor + text), "utf-8")


def _head(versions: Path) -> str:
    revisions, downs = set(), set()
    for f in versions.glob("*.py"):
        text = f.read_text("utf-8")
        revisions.add(re.search(r'^revision = "([^"]+)"', text, re.M).group(1))
        down = re.search(r'^down_revision = "([^"]+)"', text, re.M)
        if down:
            downs.add(down.group(1))
    (head,) = revisions - downs
    return head


def _copy_with_new_counts(dest: Path) -> Path:
    """The checkout's package and resources, with the documented edits and only those."""
    shutil.copytree(
        ROOT / "lai_chau_desk",
        dest / "lai_chau_desk",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    os.symlink(ROOT / "resources", dest / "resources")
    pkg = dest / "lai_chau_desk"
    _insert_after(
        pkg / "domain/sessions.py",
        '        "Interpreted into an ethnic-minority language",\n    )\n',
        SESSION_FIELD_LINES,
    )
    _insert_after(
        pkg / "domain/figures.py",
        "    sessions_interpreted: int = count(in_totals=True)\n",
        FIGURE_LINES,
    )
    _insert_after(pkg / "reports/labels.py", "VI: dict[str, str] = {\n", LABELS_VI)
    _insert_after(pkg / "reports/labels.py", "EN: dict[str, str] = {\n", LABELS_EN)
    versions = pkg / "storage/migrations/versions"
    old = ["unit_code", "held_on", "form", *SESSION_FIELDS, "directive_key"]
    new = [*old[:-1], "climate", "videos", "directive_key"]
    migration = MIGRATION.format(down=_head(versions), old=old, new=new)
    (versions / "9999_synthetic_counts.py").write_text(migration, "utf-8")
    return dest


def test_a_new_count_needs_only_declaration_migration_and_labels(tmp_path: Path) -> None:
    copy = _copy_with_new_counts(tmp_path / "copy")
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
        "LANGUAGE": "vi",
        "HOME": str(work),  # backups and settings of the copy stay in the test's folder
        "XDG_DATA_HOME": str(work / "data"),
    }
    proc = subprocess.run(
        [sys.executable, str(PROBE), str(work)],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    assert "new count carried through" in proc.stdout
