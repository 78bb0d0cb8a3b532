"""``lai-chau-desk --self-test``: a headless end-to-end check in a temporary folder.

The check is a list of named steps run in order on one shared :class:`SelfTestContext`. The
first step that raises stops the run: its name and the error are printed and the exit code is
1. Other layers append their steps with :func:`add_step` (e.g. the PDF report, package export,
verify and import into a second database), placing them after an existing step if they need
its results::

    from lai_chau_desk.selftest import add_step
    add_step("render-pdf", render_pdf, after="compute-figures")
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

UNIT_CODE = "CDCS-SELFTEST"
UNIT_NAME = "Công đoàn cơ sở Kiểm Thử Tự Động"
PARENT_CODE = "CDVC-LC"
SESSION_TITLE = "Quán triệt Nghị quyết về phát triển khoa học, công nghệ và đổi mới sáng tạo"


class SelfTestFailure(Exception):
    """A step found something wrong (as opposed to crashing)."""


@dataclass
class SelfTestContext:
    """What the steps share: the temporary folder, the open suite, what was recorded."""

    workdir: Path
    today: date = field(default_factory=date.today)
    suite: Any = None  # ServiceSuite, imported lazily
    period_code: str = ""
    session_ids: list = field(default_factory=list)
    figures: Any = None  # PeriodFigures of the own unit
    extra: dict[str, Any] = field(default_factory=dict)  # room for appended steps

    @property
    def db_path(self) -> Path:
        return self.workdir / "selftest.db"


Step = Callable[[SelfTestContext], None]


def check(condition: bool, message: str) -> None:
    """Fail the current step with ``message`` unless ``condition`` holds."""
    if not condition:
        raise SelfTestFailure(message)


# --- the steps possible with the storage and service layers ------------------------------


def step_create_database(ctx: SelfTestContext) -> None:
    from .app import open_database

    ctx.suite = open_database(ctx.db_path, today=lambda: ctx.today)
    check(ctx.db_path.is_file(), "the database file was not created")


def step_init_unit(ctx: SelfTestContext) -> None:
    unit = ctx.suite.units.init_own_unit(UNIT_CODE, UNIT_NAME, PARENT_CODE)
    check(unit.code == UNIT_CODE, f"own unit is {unit.code!r}")
    check(ctx.suite.units.own_unit().code == UNIT_CODE, "own unit not stored")


def step_record_session(ctx: SelfTestContext) -> None:
    from .domain.periods import period_for
    from .domain.sessions import Attendance, DisseminationSession

    held_on = ctx.today - timedelta(days=1)
    ctx.period_code = period_for(held_on, "S", ctx.suite.settings.period_settings()).code
    directive = next(iter(ctx.suite.catalogue.directives())).code
    for i, (people, members, female, minority) in enumerate([(45, 40, 22, 18), (30, 28, 15, 9)]):
        s = DisseminationSession(
            held_on=held_on,
            title=f"{SESSION_TITLE} (đợt {i + 1})",
            form="truc-tiep",
            directive_codes=[directive],
            place="Hội trường nhà trường",
            presenter="Chủ tịch CĐCS",
            attendance=Attendance(people, members, female, minority),
        )
        ctx.session_ids.append(ctx.suite.sessions.add(s))
    stored = ctx.suite.sessions.fetch(ctx.session_ids)
    check(len(stored) == 2, f"{len(stored)} of 2 sessions read back")
    check(stored[0].title.startswith(SESSION_TITLE), "the Vietnamese title did not round-trip")


def step_compute_figures(ctx: SelfTestContext) -> None:
    f = ctx.suite.reporting.figures(ctx.period_code)
    ctx.figures = f
    got = (f.sessions, f.participants, f.union_members, f.female, f.ethnic_minority)
    check(got == (2, 75, 68, 37, 27), f"figures {got} != (2, 75, 68, 37, 27)")
    # Every declared count of a session adds into its figure (a count added to the
    # declaration is checked here too, with nothing listed by hand).
    from .domain.sessions import SESSION_COUNTS, count_values

    stored = ctx.suite.sessions.fetch(ctx.session_ids)
    for c in SESSION_COUNTS:
        want = sum(int(count_values(x)[c.name]) for x in stored)
        check(getattr(f, c.figure) == want, f"figure {c.figure} = {getattr(f, c.figure)} != {want}")


def step_backup_restore(ctx: SelfTestContext) -> None:
    from .app import open_database

    before = ctx.figures.counts()
    copy = ctx.suite.backup.backup(reason="manual")
    ctx.suite.sessions.delete(ctx.session_ids[0])
    check(ctx.suite.reporting.figures(ctx.period_code).sessions == 1, "delete did not count")
    safety = ctx.suite.backup.restore(copy)
    check(safety.is_file(), "no safety backup before restore")
    ctx.suite.close()
    ctx.suite = open_database(ctx.db_path, today=lambda: ctx.today)
    after = ctx.suite.reporting.figures(ctx.period_code).counts()
    check(after == before, f"figures after restore {after} != {before}")


def step_integrity_check(ctx: SelfTestContext) -> None:
    from .services.backup import check_integrity

    ctx.suite.close()
    verdict = check_integrity(ctx.db_path, read_only=False)
    check(verdict == "ok", f"integrity_check: {verdict}")
    from .app import open_database

    ctx.suite = open_database(ctx.db_path, today=lambda: ctx.today)


def step_database_lock(ctx: SelfTestContext) -> None:
    from .storage.lock import DatabaseLock, DatabaseLocked

    with DatabaseLock(ctx.db_path):
        try:
            DatabaseLock(ctx.db_path).acquire()
        except DatabaseLocked:
            pass
        else:
            raise SelfTestFailure("a second lock on the same database was not refused")


def step_qt(ctx: SelfTestContext) -> None:
    from .app import qt_check

    # the QApplication lives as long as the self-test's context
    ctx.extra["qt_platform"], ctx.extra["qt_app"] = qt_check()


def step_render_pdf(ctx: SelfTestContext) -> None:
    """The official report renders, embeds its fonts and prints the signing key's fingerprint."""
    pdf = ctx.suite.reports.pdf_bytes(ctx.period_code)
    check(pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF"), "the PDF is malformed")
    check(b"LiberationSerif" in pdf, "the bundled font is not embedded in the report")
    data = ctx.suite.reports.build_data(ctx.period_code)
    check(
        data.key_fingerprint == ctx.suite.keys.fingerprint(),
        "the report does not carry the signing key's fingerprint",
    )


def step_export_package(ctx: SelfTestContext) -> None:
    out = ctx.workdir / "report.lcdx"
    result = ctx.suite.export.export_report(ctx.period_code, out=out)
    check(out.is_file() and result.revision >= 1, "no package was written")
    ctx.extra["package"] = out


def step_verify_package(ctx: SelfTestContext) -> None:
    report = ctx.suite.imports.verify_file(ctx.extra["package"])
    check(report.valid, f"the package does not verify: {report.reason}")
    check(report.figures == ctx.figures.counts(), "the package's figures differ from the unit's")


def step_import_upstream(ctx: SelfTestContext) -> None:
    """A second installation, the parent unit, imports the package and holds the same figures."""
    from .app import open_database

    upper = open_database(ctx.workdir / "upper.db", today=lambda: ctx.today)
    try:
        upper.units.init_own_unit(PARENT_CODE, "Công đoàn Viên chức tỉnh Lai Châu")
        outcomes = upper.imports.import_files([ctx.extra["package"]])
        check(outcomes[0].outcome == "new", f"import refused: {outcomes[0].reason}")
        again = upper.imports.import_files([ctx.extra["package"]])
        check(again[0].outcome == "unchanged", "a second import of the same package changed data")
        totals = upper.status.subtree_totals(ctx.period_code)
        check(
            totals.subtree == ctx.figures.counts(),
            "the upper level's subtree figures differ from the unit's own",
        )
    finally:
        upper.close()


STEPS: list[tuple[str, Step]] = [
    ("create-database", step_create_database),
    ("init-unit", step_init_unit),
    ("record-session", step_record_session),
    ("compute-figures", step_compute_figures),
    ("render-pdf", step_render_pdf),
    ("export-package", step_export_package),
    ("verify-package", step_verify_package),
    ("import-upstream", step_import_upstream),
    ("backup-restore", step_backup_restore),
    ("integrity-check", step_integrity_check),
    ("database-lock", step_database_lock),
    ("qt", step_qt),
]


def add_step(name: str, func: Step, after: str | None = None) -> None:
    """Append a step (or insert it right after the step named ``after``); re-adding a name
    replaces that step in place."""
    for i, (existing, _) in enumerate(STEPS):
        if existing == name:
            STEPS[i] = (name, func)
            return
    if after is None:
        STEPS.append((name, func))
        return
    names = [n for n, _ in STEPS]
    STEPS.insert(names.index(after) + 1, (name, func))


def run(out: TextIO | None = None, workdir: Path | None = None) -> int:
    """Run every step in a fresh temporary folder; 0 when all pass, 1 naming the failed step."""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="lcd-selftest-") as tmp:
        ctx = SelfTestContext(Path(workdir or tmp))
        try:
            for name, func in list(STEPS):
                t0 = time.perf_counter()
                try:
                    func(ctx)
                except Exception as exc:  # noqa: BLE001 - any failure is reported by step name
                    print(
                        f"self-test: FAILED at step {name}: {type(exc).__name__}: {exc}",
                        file=sys.stderr,
                    )
                    if not isinstance(exc, SelfTestFailure):
                        traceback.print_exc(file=sys.stderr)
                    return 1
                print(
                    f"self-test: {name} ok ({(time.perf_counter() - t0) * 1000:.0f} ms)", file=out
                )
        finally:
            if ctx.suite is not None:
                ctx.suite.close()
    print(f"self-test: all {len(STEPS)} steps passed", file=out)
    return 0
