"""The exchange services are separate, each built with exactly what it uses (issue 13): the
composition root hands them their collaborators, and the drill-down the UI shows is typed."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, datetime
from pathlib import Path

from lai_chau_desk.app import build_services, open_database
from lai_chau_desk.domain.figures import PeriodFigures
from lai_chau_desk.exchange.package import read_package
from lai_chau_desk.reports.paper_code import PaperIdentity
from lai_chau_desk.services import (
    exchange_catalogue,
    exchange_export,
    exchange_import,
    exchange_receipts,
    exchange_simulate,
    exchange_status,
)
from lai_chau_desk.services.exchange_export import ExportService
from lai_chau_desk.services.exchange_keys import SigningKeys
from lai_chau_desk.services.exchange_outbox import SentPackages
from lai_chau_desk.services.exchange_results import (
    CarriedSession,
    PinnedKey,
    ReceivedPackage,
    ReportDetail,
)
from lai_chau_desk.services.suite import ServiceSuite

TODAY = date(2026, 11, 28)
SERVICES = [
    exchange_export.ExportService,
    exchange_import.ImportService,
    exchange_status.StatusService,
    exchange_receipts.ReceiptService,
    exchange_catalogue.CatalogueExportService,
    exchange_simulate.SimulateService,
]


def test_the_composition_root_hands_each_service_what_it_uses(unit_suite: ServiceSuite) -> None:
    s = unit_suite
    assert s.export.keys is s.keys and s.receipts.keys is s.keys
    assert s.catalogue_export.keys is s.keys
    assert s.export.sent is s.receipts.sent is s.catalogue_export.sent  # one record of sent
    assert s.export.render_pdf == s.reports.package_pdf  # the printed report goes in
    assert s.reports.fingerprint_source == s.keys.fingerprint  # and prints the key
    assert s.imports.backup is s.backup  # a backup before every import batch
    assert not hasattr(s, "exchange")


def test_no_exchange_service_is_made_of_another() -> None:
    """No mixins reaching into siblings: no service inherits another's methods."""
    for cls in SERVICES:
        assert not [other for other in SERVICES if other is not cls and issubclass(cls, other)]
        source = inspect.getsource(inspect.getmodule(cls))  # type: ignore[arg-type]
        assert "isinstance(self" not in source


def test_an_export_service_built_by_hand_signs_and_embeds_its_renderer(
    unit_suite: ServiceSuite,
) -> None:
    db = unit_suite.db
    seen: list[PaperIdentity] = []

    def render(unit: str, period: str, paper: PaperIdentity) -> bytes:
        seen.append(paper)
        return b"%PDF-1.7 by hand"

    keys = SigningKeys(db)
    export = ExportService(
        db,
        keys,
        SentPackages(db),
        render,
        today=lambda: TODAY,
        clock=lambda: datetime(2026, 11, 28, 9),
    )
    r = export.export_report("2026S2")
    pkg = read_package(r.data)
    assert pkg.pdf == b"%PDF-1.7 by hand"
    assert pkg.fingerprint == keys.fingerprint() == unit_suite.keys.fingerprint()
    assert [p.revision for p in seen] == [r.revision]


def test_build_services_on_an_open_database_is_a_second_view_of_it(
    unit_suite: ServiceSuite, tmp_path: Path
) -> None:
    again = build_services(unit_suite.db, lambda: TODAY)
    assert again.keys.fingerprint() == unit_suite.keys.fingerprint()
    assert again.units.own_unit().code == "CDCS-THCS-TN"


def test_what_the_ui_reads_is_typed(tmp_path: Path) -> None:
    low = open_database(tmp_path / "low.db", today=lambda: TODAY)
    low.units.init_own_unit("CDCS-THCS-TN", "Công đoàn cơ sở Trường THCS Thử Nghiệm", "CDVC-LC")
    low.demo.fill(seed=11)
    up = open_database(tmp_path / "up.db", today=lambda: TODAY)
    up.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    try:
        sent = low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
        [outcome] = up.imports.import_files([tmp_path / "r.lcdx"])
        assert outcome.outcome == "new"
        detail = up.status.report_detail("CDCS-THCS-TN", "2026S2")
        assert isinstance(detail, ReportDetail)
        assert (detail.unit, detail.period, detail.revision) == (
            "CDCS-THCS-TN",
            "2026S2",
            sent.revision,
        )
        assert detail.unit_name == "Công đoàn cơ sở Trường THCS Thử Nghiệm"
        assert detail.fingerprint == low.keys.fingerprint() and detail.has_pdf
        assert isinstance(detail.figures, PeriodFigures)
        assert detail.figures == detail.stored_figures
        assert detail.figures.sessions == len(detail.sessions) > 0
        assert all(isinstance(x, CarriedSession) for x in detail.sessions)
        assert sum(x.participants for x in detail.sessions) == detail.figures.participants
        assert isinstance(detail.narrative, dict)
        # nothing in it is the package's JSON: plain fields all the way down
        for f in dataclasses.fields(detail):
            assert f.name not in ("payload", "manifest")
        [held] = up.status.received("2026S2")
        assert isinstance(held, ReceivedPackage)
        assert (held.unit, held.status, held.review, held.embedded) == (
            "CDCS-THCS-TN",
            "current",
            "pending",
            False,
        )
        [pin] = up.status.pinned_keys()
        assert isinstance(pin, PinnedKey)
        assert (pin.unit, pin.how, pin.retired_at) == ("CDCS-THCS-TN", "first-import", None)
    finally:
        low.close()
        up.close()


def test_the_import_is_split_by_responsibility() -> None:
    folder = Path(exchange_import.__file__).parent
    sizes = {p.name: len(p.read_text().splitlines()) for p in folder.glob("exchange_import*.py")}
    assert set(sizes) == {
        "exchange_import.py",
        "exchange_import_plan.py",
        "exchange_import_trust.py",
        "exchange_import_write.py",
    }
    assert max(sizes.values()) < 400, sizes
