"""Packages of simulated units, each with its own key and realistic Vietnamese records, for
demos, tests and benchmarks. Nothing is written to the database (but the installation's own
key, made on first use when its report is rendered for the packages' ``report.pdf``)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import Problems
from ..domain.periods import Period
from ..domain.units import Unit, UnitProfile
from ..exchange.package import write_package
from ..exchange.signing import key_pair_from_seed
from ..storage import catalogue_repo
from . import demo_data
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import Clock, ExchangeBase, RenderPdf, local_now, write_file
from .exchange_payload import (
    figures_from_records,
    manifest_period,
    manifest_unit,
    report_payload,
)
from .exchange_results import SimulateResult

if TYPE_CHECKING:
    from ..storage.engine import Database

SCHOOLS = [
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Trường PTDTBT THCS",
    "Trạm Y tế xã",
    "Hợp tác xã chè",
    "Công ty TNHH Thủy điện",
    "Chi cục Thuế khu vực",
]
PLACES = [
    "Bản Bo",
    "Nậm Tăm",
    "Pa Tần",
    "Mường Kim",
    "Sin Suối Hồ",
    "Khun Há",
    "Ka Lăng",
    "Tà Tổng",
    "Bum Nưa",
    "Dào San",
    "Mường Than",
    "Phúc Khoa",
]


def simulated_code(parent: str, index: int) -> str:
    return f"{parent[:32]}-S{index:04d}"


def simulated_pdf(
    rng: random.Random, unit: Unit, period: Period, sessions: int, participants: int
) -> bytes:
    """A one-page PDF shaped like the app's printed report in size and make-up: about 105 KB,
    three quarters of it embedded font subsets (incompressible), the rest compressed page
    content, so packages and benchmarks carry what real exports carry."""
    import zlib

    text = (
        f"BT /F1 13 Tf 72 760 Td (BAO CAO {unit.code} {period.code}) Tj "
        f"0 -20 Td ({sessions} buoi, {participants} luot) Tj ET\n"
    )
    lines = "".join(
        f"BT /F1 11 Tf 72 {700 - 14 * (i % 45)} Td (dong {i} {rng.random():.6f}) Tj ET\n"
        for i in range(2200)
    )
    content = zlib.compress((text + lines).encode("latin-1"), 6)
    fonts = [rng.randbytes(rng.randint(19_000, 21_000)) for _ in range(4)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSerif /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /LiberationSerif /FontFile2 7 0 R >>",
    ]
    for font in fonts:
        objects.append(b"<< /Length %d >>\nstream\n" % len(font) + font + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def simulated_package(
    rng: random.Random,
    unit: Unit,
    period: Period,
    last_day: date,
    directives: list[str],
    indicators: list[str],
    n_sessions: int,
    seed: int,
    created_at: datetime,
    with_pdf: bool = True,
    pdf: bytes | None = None,
) -> bytes:
    """One simulated unit's signed report package, with its ``report.pdf`` like a real
    export: ``pdf`` when given (a report rendered by the app's renderer, see
    :meth:`SimulateMixin.simulate`), else :func:`simulated_pdf` (``with_pdf=False`` only for
    tests that need small files)."""
    end = min(period.end, last_day)
    sessions = [
        demo_data.make_session(rng, unit.code, period.start, end, directives)
        for _ in range(n_sessions)
    ]
    sups = [
        demo_data.make_supervision(rng, unit.code, period.start, end)
        for _ in range(rng.randint(0, 3))
    ]
    records: list[Any] = [*sessions, *sups, *(r for x in sups for r in x.recommendations)]
    for record in records:
        record.id = _uuid(rng)  # reproducible from the seed
    values = {code: (float(rng.randint(0, 20)), "") for code in indicators}
    figures = figures_from_records(
        unit.code, period.code, sessions, sups, {k: v for k, (v, _) in values.items()}
    )
    members = rng.randint(15, 120)
    profile = UnitProfile(
        unit_code=unit.code,
        members_total=members,
        members_female=rng.randint(0, members),
        members_ethnic_minority=rng.randint(0, members),
        workers_total=members + rng.randint(0, 10),
    )
    narrative = {
        "dac-diem": f"{unit.name} có {members} đoàn viên, công tác tại xã vùng cao.",
        "ket-qua": "Tổ chức quán triệt đầy đủ các văn bản trong kỳ.",
    }
    payload = report_payload(unit, period, figures, sessions, sups, values, narrative, profile)
    key = key_pair_from_seed(f"{seed}:{unit.code}".encode())
    if not with_pdf:
        pdf = None
    elif pdf is None:
        pdf = simulated_pdf(rng, unit, period, figures.sessions, figures.participants)
    return write_package(
        "report",
        manifest_unit(unit),
        manifest_period(period),
        1,
        payload,
        key,
        created_at,
        pdf=pdf,
        figures=figures.manifest_figures(),
        package_id=str(_uuid(rng)),
    )


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class SimulateService(ExchangeBase):
    """Packages of simulated units below (demos, tests, benchmarks); nothing is stored."""

    def __init__(
        self,
        db: Database,
        today: Callable[[], date] = date.today,
        clock: Clock = local_now,
        render_pdf: RenderPdf | None = None,
    ) -> None:
        super().__init__(db, today, clock)
        self.render_pdf = render_pdf

    def _rendered_pdf(self, period: Period) -> bytes | None:
        """The installation's report for ``period`` as the export renders it (with a paper
        code under a key derived for simulation), or ``None`` without a renderer or an own
        unit. Rendering, like printing the report, makes the installation's own key if it
        has none yet; nothing else is written."""
        own = self.own_unit_code()
        if self.render_pdf is None or not own:
            return None
        from ..exchange.signing import fingerprint
        from ..reports.paper_code import PaperIdentity

        key = key_pair_from_seed(b"simulate:" + own.encode())
        paper = PaperIdentity(own, period.code, 1, "0" * 64, fingerprint(key.public))
        return self.render_pdf(own, period.code, paper)

    def simulate(
        self,
        out_dir: Path,
        units: int,
        period_code: str,
        parent_code: str | None = None,
        seed: int = 2026,
        sessions: tuple[int, int] = (30, 50),
        created_at: datetime | None = None,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> SimulateResult:
        """Write report packages of ``units`` simulated units under ``parent_code`` (default:
        the own unit) into ``out_dir``; each has its own key derived from ``seed``.

        Each carries a ``report.pdf`` rendered by the app's own renderer (what an export
        embeds: fonts, tables, signature block and paper code), so files have the size and
        make-up of real exports: the installation's report for the period, rendered once
        and carried by every simulated unit (rendering one per unit would take about half a
        second each). Without a renderer (a bare exchange service),
        :func:`simulated_pdf` stands in."""
        parent = parent_code or self.own_unit_code()
        p = Problems()
        if not parent:
            p.add(
                "parent_code", "Cần chỉ rõ đơn vị cấp trên (--parent-code) của các đơn vị mô phỏng."
            )
        if not 1 <= units <= 100_000:
            p.add("units", "Số đơn vị mô phỏng phải từ 1 đến 100.000.")
        p.raise_if_any()
        period = self.period(period_code)
        with self.db.reading() as s:
            directives = [d.code for d in catalogue_repo.all_directives(s)] or ["50-KL/TW"]
            indicators = [i.code for i in catalogue_repo.all_indicators(s)]
        rng = random.Random(seed)
        moment = created_at or self.now()
        last_day = max(period.start, min(period.end, self.today()))
        out_dir = Path(out_dir)
        pdf = self._rendered_pdf(period)
        files, codes, total_sessions = [], [], 0
        for i in range(1, units + 1):
            if cancel():
                raise Cancelled()
            code = simulated_code(str(parent), i)
            unit = Unit(
                code=code,
                parent_code=parent,
                level="Công đoàn cơ sở",
                name=f"Công đoàn cơ sở {rng.choice(SCHOOLS)} {rng.choice(PLACES)} số {i}",
            )
            n = rng.randint(*sessions)
            data = simulated_package(
                rng, unit, period, last_day, directives, indicators, n, seed, moment, pdf=pdf
            )
            files.append(write_file(out_dir / f"{code}_{period.code}_r1.lcdx", data))
            codes.append(code)
            total_sessions += n
            progress(i, units)
        return SimulateResult(files=files, units=codes, sessions=total_sessions)
