"""The services of one open database, as the composition root (``app.build_services``) built
them: a plain holder handed down to the CLI and the window. Nothing here builds or wires."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..storage.engine import Database
    from .backup_service import BackupService
    from .catalogue import CatalogueService
    from .demo import DemoService
    from .exchange_catalogue import CatalogueExportService
    from .exchange_export import ExportService
    from .exchange_import import ImportService
    from .exchange_keys import SigningKeys
    from .exchange_receipts import ReceiptService
    from .exchange_simulate import SimulateService
    from .exchange_status import StatusService
    from .members import MemberService
    from .report_service import ReportService
    from .reporting import ReportingService
    from .roster_io import RosterIO
    from .roster_paste import RosterPaste
    from .sessions import SessionService
    from .settings import SettingsService
    from .supervision import SupervisionService
    from .units import UnitService


@dataclass(frozen=True)
class ServiceSuite:
    """The services of one database.

    Exchange: ``keys`` (this installation's signing key), ``export`` (report packages),
    ``imports`` (verify, preview, import), ``status`` (completeness, totals, pinned keys,
    what is held, one report's detail), ``receipts`` (accept / return, decisions on what
    was sent), ``catalogue_export`` (catalogue packages), ``simulation`` (simulated units)."""

    db: Database
    today: Callable[[], date]
    settings: SettingsService
    units: UnitService
    catalogue: CatalogueService
    sessions: SessionService
    members: MemberService
    supervision: SupervisionService
    reporting: ReportingService
    backup: BackupService
    demo: DemoService
    roster_io: RosterIO
    roster_paste: RosterPaste
    reports: ReportService
    keys: SigningKeys
    export: ExportService
    imports: ImportService
    status: StatusService
    receipts: ReceiptService
    catalogue_export: CatalogueExportService
    simulation: SimulateService

    def close(self) -> None:
        self.db.dispose()
