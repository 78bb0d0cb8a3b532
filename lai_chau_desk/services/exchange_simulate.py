"""Packages of simulated units, each with its own key and realistic Vietnamese records, for
demos, tests and benchmarks. Nothing is written to the database."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import Problems
from ..domain.periods import Period
from ..domain.units import Unit, UnitProfile
from ..exchange.package import write_package
from ..exchange.signing import key_pair_from_seed
from ..storage import catalogue_repo
from . import demo_data
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import ExchangeBase, write_file
from .exchange_payload import (
    figures_from_records,
    manifest_period,
    manifest_unit,
    report_payload,
)
from .exchange_results import SimulateResult

SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường PTDTBT THCS",
           "Trạm Y tế xã", "Hợp tác xã chè", "Công ty TNHH Thủy điện", "Chi cục Thuế khu vực"]
PLACES = ["Bản Bo", "Nậm Tăm", "Pa Tần", "Mường Kim", "Sin Suối Hồ", "Khun Há", "Ka Lăng",
          "Tà Tổng", "Bum Nưa", "Dào San", "Mường Than", "Phúc Khoa"]


def simulated_code(parent: str, index: int) -> str:
    return f"{parent[:32]}-S{index:04d}"


def simulated_package(rng: random.Random, unit: Unit, period: Period, last_day: date,
                      directives: list[str], indicators: list[str], n_sessions: int,
                      seed: int, created_at: datetime) -> bytes:
    """One simulated unit's signed report package."""
    end = min(period.end, last_day)
    sessions = [demo_data.make_session(rng, unit.code, period.start, end, directives)
                for _ in range(n_sessions)]
    sups = [demo_data.make_supervision(rng, unit.code, period.start, end)
            for _ in range(rng.randint(0, 3))]
    records: list[Any] = [*sessions, *sups, *(r for x in sups for r in x.recommendations)]
    for record in records:
        record.id = _uuid(rng)  # reproducible from the seed
    values = {code: (float(rng.randint(0, 20)), "") for code in indicators}
    figures = figures_from_records(unit.code, period.code, sessions, sups,
                                   {k: v for k, (v, _) in values.items()})
    members = rng.randint(15, 120)
    profile = UnitProfile(unit_code=unit.code, members_total=members,
                          members_female=rng.randint(0, members),
                          members_ethnic_minority=rng.randint(0, members),
                          workers_total=members + rng.randint(0, 10))
    narrative = {"dac-diem": f"{unit.name} có {members} đoàn viên, công tác tại xã vùng cao.",
                 "ket-qua": "Tổ chức quán triệt đầy đủ các văn bản trong kỳ."}
    payload = report_payload(unit, period, figures, sessions, sups, values, narrative, profile)
    key = key_pair_from_seed(f"{seed}:{unit.code}".encode())
    return write_package("report", manifest_unit(unit), manifest_period(period), 1, payload, key,
                         created_at, package_id=str(_uuid(rng)))


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class SimulateMixin(ExchangeBase):
    def simulate(self, out_dir: Path, units: int, period_code: str,
                 parent_code: str | None = None, seed: int = 2026,
                 sessions: tuple[int, int] = (30, 50), created_at: datetime | None = None,
                 progress: Progress = no_progress,
                 cancel: Cancel = never_cancel) -> SimulateResult:
        """Write report packages of ``units`` simulated units under ``parent_code`` (default:
        the own unit) into ``out_dir``; each has its own key derived from ``seed``."""
        parent = parent_code or self.own_unit_code()
        p = Problems()
        if not parent:
            p.add("parent_code", "Cần chỉ rõ đơn vị cấp trên (--parent-code) của các đơn vị mô phỏng.")
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
        files, codes, total_sessions = [], [], 0
        for i in range(1, units + 1):
            if cancel():
                raise Cancelled()
            code = simulated_code(str(parent), i)
            unit = Unit(code=code, parent_code=parent, level="Công đoàn cơ sở",
                        name=f"Công đoàn cơ sở {rng.choice(SCHOOLS)} {rng.choice(PLACES)} số {i}")
            n = rng.randint(*sessions)
            data = simulated_package(rng, unit, period, last_day, directives, indicators, n,
                                     seed, moment)
            files.append(write_file(out_dir / f"{code}_{period.code}_r1.lcdx", data))
            codes.append(code)
            total_sessions += n
            progress(i, units)
        return SimulateResult(files=files, units=codes, sessions=total_sessions)
