"""The set of services of one open database, built by the composition root and handed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import migrate
from ..storage.engine import Database
from .backup_service import BackupService
from .catalogue import CatalogueService
from .members import MemberService
from .reporting import ReportingService
from .sessions import SessionService
from .settings import SettingsService
from .startup import check_at_start, check_thoroughly, is_existing_database
from .supervision import SupervisionService
from .units import UnitService

if TYPE_CHECKING:
    from .demo import DemoService
    from .exchange import ExchangeService
    from .report_service import ReportService
    from .roster_io import RosterIO
    from .roster_paste import RosterPaste


@dataclass
class ServiceSuite:
    """The services of one database. ``demo``, ``roster_io``, ``reports`` and ``exchange`` are
    built (and their modules imported) on first use: the first window does not need them, and
    importing them cost start-up some 0.1 s."""

    db: Database
    settings: SettingsService
    units: UnitService
    catalogue: CatalogueService
    sessions: SessionService
    members: MemberService
    supervision: SupervisionService
    reporting: ReportingService
    backup: BackupService
    today: Callable[[], date] = date.today

    @cached_property
    def demo(self) -> DemoService:
        from .demo import DemoService

        return DemoService(self.db, self.today)

    @cached_property
    def roster_io(self) -> RosterIO:
        from .roster_io import RosterIO

        return RosterIO(self.db, self.today)

    @cached_property
    def roster_paste(self) -> RosterPaste:
        from .roster_paste import RosterPaste

        return RosterPaste(self.db, self.today)

    @cached_property
    def reports(self) -> ReportService:
        from .report_service import ReportService

        reports = ReportService(self.db, self.today)
        # The printed report carries the signing key's fingerprint.
        reports.fingerprint_source = lambda: self.exchange.fingerprint()
        return reports

    @cached_property
    def exchange(self) -> ExchangeService:
        from .exchange import ExchangeService

        exchange = ExchangeService(self.db, self.today)
        # Every exported report package carries the printed report.
        exchange.render_pdf = lambda _unit, period, paper: self.reports.pdf_bytes(
            period, paper=paper
        )
        return exchange

    def close(self) -> None:
        self.db.dispose()


def build_suite(db: Database, today: Callable[[], date] = date.today) -> ServiceSuite:
    return ServiceSuite(
        db=db,
        settings=SettingsService(db, today),
        units=UnitService(db, today),
        catalogue=CatalogueService(db, today),
        sessions=SessionService(db, today),
        members=MemberService(db, today),
        supervision=SupervisionService(db, today),
        reporting=ReportingService(db, today),
        backup=BackupService(db, today),
        today=today,
    )


def open_database(
    path: Path | str, today: Callable[[], date] = date.today, startup_checks: bool = True
) -> ServiceSuite:
    """Open (creating if needed) the database at ``path``: check an existing file
    (``quick_check``, raising ``DatabaseDamaged`` with the latest good backup), back it up before
    a migration, apply migrations, load the bundled catalogue on first run, and once a day the
    full ``integrity_check`` and the daily backup (a damaged file is never copied as a good
    backup)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    existed = is_existing_database(path)
    if existed and startup_checks:
        check_at_start(path)
    db = Database(path)
    suite = build_suite(db, today)
    if migrate.needs_upgrade(db.engine):
        if db.path is not None and migrate.current_revision(db.engine) is not None:
            suite.backup.backup(reason="before-migration")
        migrate.upgrade(db.engine)
    suite.catalogue.load_defaults()
    if existed and startup_checks and suite.backup.daily_due():
        try:
            check_thoroughly(db.path)
        except BaseException:
            suite.close()
            raise
        suite.backup.daily()
    return suite
