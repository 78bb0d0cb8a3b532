"""The set of services of one open database, built by the composition root and handed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..storage import migrate
from ..storage.engine import Database
from .backup import BackupService
from .catalogue import CatalogueService
from .demo import DemoService
from .exchange import ExchangeService
from .members import MemberService
from .report_service import ReportService
from .reporting import ReportingService
from .roster_io import RosterIO
from .sessions import SessionService
from .settings import SettingsService
from .startup import check_at_start, is_existing_database
from .supervision import SupervisionService
from .units import UnitService


@dataclass
class ServiceSuite:
    db: Database
    settings: SettingsService
    units: UnitService
    catalogue: CatalogueService
    sessions: SessionService
    members: MemberService
    supervision: SupervisionService
    reporting: ReportingService
    demo: DemoService
    backup: BackupService
    roster_io: RosterIO
    reports: ReportService
    exchange: ExchangeService

    def close(self) -> None:
        self.db.dispose()


def build_suite(db: Database, today: Callable[[], date] = date.today) -> ServiceSuite:
    suite = ServiceSuite(
        db=db,
        settings=SettingsService(db, today),
        units=UnitService(db, today),
        catalogue=CatalogueService(db, today),
        sessions=SessionService(db, today),
        members=MemberService(db, today),
        supervision=SupervisionService(db, today),
        reporting=ReportingService(db, today),
        demo=DemoService(db, today),
        backup=BackupService(db, today),
        roster_io=RosterIO(db, today),
        reports=ReportService(db, today),
        exchange=ExchangeService(db, today),
    )
    # The printed report carries the signing key's fingerprint, and every exported report
    # package carries the printed report.
    suite.reports.fingerprint_source = suite.exchange.fingerprint
    suite.exchange.render_pdf = lambda _unit, period: suite.reports.pdf_bytes(period)
    return suite


def open_database(path: Path | str, today: Callable[[], date] = date.today,
                  startup_checks: bool = True) -> ServiceSuite:
    """Open (creating if needed) the database at ``path``: check an existing file's integrity
    (raising ``DatabaseDamaged`` with the latest good backup), back it up before a migration,
    apply migrations, load the bundled catalogue on first run, take the daily backup."""
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
    if existed and startup_checks:
        suite.backup.daily()
    return suite
