"""Fill the database with a realistic period of work for the own unit."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ..domain.catalogue import IndicatorValue
from ..domain.periods import period_for
from ..domain.units import UnitProfile
from ..storage import (
    catalogue_repo,
    members_repo,
    reports_repo,
    sessions_repo,
    supervision_repo,
    units_repo,
)
from . import demo_data
from .base import ServiceBase

NARRATIVE = {
    "dac-diem": "Công đoàn cơ sở có {members} đoàn viên, trong đó nữ chiếm đa số; nhiều đoàn viên "
    "là người dân tộc thiểu số công tác tại các điểm trường vùng cao.",
    "ton-tai": "Một số buổi sinh hoạt lồng ghép còn ngắn; tài liệu tuyên truyền bằng tiếng dân tộc "
    "chưa nhiều.",
    "nguyen-nhan": "Địa bàn rộng, đi lại khó khăn; đường truyền internet ở các điểm trường chưa ổn định.",
    "phuong-huong": "Tiếp tục tuyên truyền sâu rộng Kết luận số 50-KL/TW, Kết luận số 51-KL/TW; "
    "phối hợp giám sát việc thực hiện chính sách đối với nhà giáo.",
    "de-xuat": "Đề nghị Liên đoàn Lao động tỉnh cung cấp thêm tài liệu tuyên truyền song ngữ.",
}


@dataclass
class DemoResult:
    members: int
    sessions: int
    supervisions: int
    periods: list[str]


class DemoService(ServiceBase):
    def fill(self, seed: int = 2026, members: int = 48, years: int = 1) -> DemoResult:
        """Add a roster of ``members``, sessions with ticked attendance, supervisions,
        indicator values and narrative for the last ``years`` × 2 six-month periods (the
        current one included). One transaction."""
        rng = random.Random(seed)
        unit = self.require_own_unit()
        today = self.today()
        ps = self.period_settings()
        periods = [period_for(today, "S", ps)]
        for _ in range(max(1, years) * 2 - 1):
            periods.insert(
                0, period_for(date.fromordinal(periods[0].start.toordinal() - 1), "S", ps)
            )
        n_sessions = n_sup = 0
        with self.db.transaction() as s:
            directives = [d.code for d in catalogue_repo.all_directives(s)] or ["50-KL/TW"]
            roster = demo_data.make_members(rng, members, unit, today)
            members_repo.insert_members(s, roster)
            for period in periods:
                end = min(period.end, today)
                sessions = [
                    demo_data.make_session(rng, unit, period.start, end, directives, roster)
                    for _ in range(rng.randint(6, 10))
                ]
                n_sessions += sessions_repo.insert_sessions(s, sessions)
                for _ in range(rng.randint(1, 3)):
                    supervision_repo.save_supervision(
                        s, demo_data.make_supervision(rng, unit, period.start, end)
                    )
                    n_sup += 1
                for ind in catalogue_repo.all_indicators(s):
                    v = IndicatorValue(ind.code, period.code, float(rng.randint(0, 12)))
                    reports_repo.save_indicator_value(
                        s, unit, period.code, v.indicator_code, v.value, ""
                    )
                for section, text in NARRATIVE.items():
                    reports_repo.save_narrative(
                        s,
                        unit,
                        period.code,
                        section,
                        text.format(members=sum(m.is_union_member for m in roster)),
                    )
            profile = units_repo.get_profile(s, unit) or UnitProfile(unit_code=unit)
            if not profile.signer_name:
                profile.signer_name = "Lò Thị Hương"
                profile.members_total = sum(m.is_union_member for m in roster)
                profile.members_female = sum(m.is_union_member and m.gender == "nu" for m in roster)
                profile.members_ethnic_minority = sum(
                    m.is_union_member and m.ethnic_minority for m in roster
                )
                profile.workers_total = len(roster)
                profile.workers_female = sum(m.gender == "nu" for m in roster)
                profile.workers_ethnic_minority = sum(m.ethnic_minority for m in roster)
                profile.counts_as_of = today
                units_repo.save_profile(s, profile)
        return DemoResult(members, n_sessions, n_sup, [p.code for p in periods])
