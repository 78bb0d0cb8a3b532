"""A province's database holding the reports of a real-size tree: ``communes`` commune unions,
each with ``per_commune`` grassroots unions, written straight into the exchange tables (as an
import leaves them: one ``received_package`` row and one ``received_figures`` row per unit), so
the consolidated report can be tested at 40 × 25 in seconds."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lai_chau_desk.domain.figures import PeriodFigures, sum_figures
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.domain.units import UnitProfile
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.storage.exchange_models import ReceivedFiguresRow, ReceivedPackageRow
from lai_chau_desk.storage.models import UnitRow

PERIOD = "2026S1"
COMMUNES = [
    "Bình Lư",
    "Bản Hon",
    "Tam Đường",
    "Sơn Bình",
    "Khun Há",
    "Nậm Tăm",
    "Pa Tần",
    "Sìn Hồ",
    "Phong Thổ",
    "Sin Suối Hồ",
    "Mường Tè",
    "Bum Nưa",
    "Pắc Ma",
    "Nậm Nhùn",
    "Mường Kim",
    "Than Uyên",
    "Tân Uyên",
    "Pắc Ta",
    "Mường Khoa",
    "Khoen On",
    "Dào San",
    "Tả Lèng",
    "Bản Bo",
    "Nậm Hàng",
    "Lê Lợi",
    "Mường Mô",
    "Tủa Sín Chải",
    "Hồng Thu",
    "Nậm Mạ",
    "Tà Tổng",
    "Thu Lũm",
    "Pa Ủ",
    "Mù Cả",
    "Hua Bum",
    "Bum Tở",
    "Nậm Sỏ",
    "Phúc Than",
    "Mường Than",
    "Tân Phong",
    "Đoàn Kết",
]
KINDS = [
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Trạm Y tế",
    "Ủy ban nhân dân",
    "Trường PTDTBT THCS",
    "Hợp tác xã Nông nghiệp",
    "Công ty TNHH Chè",
]
FORMS = ["truc-tiep", "long-ghep", "mang-xa-hoi", "tai-lieu", "loa"]


@dataclass
class Tree:
    province: str
    communes: list[str]
    leaves: dict[str, list[str]]
    figures: dict[str, PeriodFigures] = field(default_factory=dict)  # every held report
    missing: list[str] = field(default_factory=list)  # communes that did not report
    late: list[str] = field(default_factory=list)

    def subtree_total(self) -> PeriodFigures:
        return sum_figures(self.province, PERIOD, list(self.figures.values()))


def _figures(rng: random.Random, code: str, sessions: tuple[int, int]) -> PeriodFigures:
    n = rng.randint(*sessions)
    people = rng.randint(n * 20, n * 60)
    f = PeriodFigures(
        unit=code,
        period=PERIOD,
        sessions=n,
        participants=people,
        union_members=people * 9 // 10,
        female=people * rng.randint(40, 60) // 100,
        ethnic_minority=people * rng.randint(40, 80) // 100,
        materials=rng.randint(0, 3) * 10,
        supervisions=rng.randint(0, 1),
    )
    forms: dict[str, int] = {}
    for _ in range(n):
        k = rng.choice(FORMS)
        forms[k] = forms.get(k, 0) + 1
    f.sessions_by_form = forms
    f.sessions_by_directive = {"50-KL/TW": n, "51-KL/TW": max(1, n // 2)}
    f.participants_by_directive = {"50-KL/TW": people, "51-KL/TW": people // 2}
    if f.supervisions:
        f.supervisions_by_field = {rng.choice(["giao-duc", "khcn"]): 1}
        f.supervisions_by_role = {"phoi-hop": 1}
        f.recommendations = rng.randint(0, 2)
        done = rng.randint(0, f.recommendations)
        f.recommendations_by_status = {
            k: v for k, v in (("da", done), ("chua", f.recommendations - done)) if v
        }
    f.indicators = {"sang-kien": float(rng.randint(0, 2)), "clb-khkt": float(rng.randint(0, 1))}
    return f


def _held(
    s,
    code: str,
    name: str,
    parent: str,
    f: PeriodFigures,
    created: datetime,  # noqa: ANN001
    via: uuid.UUID | None,
) -> uuid.UUID:
    row_id = uuid.uuid4()
    s.add(
        ReceivedPackageRow(
            id=row_id,
            package_id=str(uuid.uuid4()),
            kind="report",
            unit_code=code,
            unit_name=name,
            parent_code=parent,
            period_code=PERIOD,
            revision=1,
            payload_sha256="0" * 64,
            package_sha256="0" * 64,
            fingerprint="0" * 32,
            created_at=created - timedelta(hours=7),
            created_at_text=created.isoformat() + "+07:00",
            imported_at=created + timedelta(days=1),
            via_id=via,
            status="current",
            review="accepted",
            data=b"",
        )
    )
    s.flush()
    s.add(
        ReceivedFiguresRow(
            unit_code=code,
            period_code=PERIOD,
            package_row_id=row_id,
            details=json.dumps(f.to_dict(), ensure_ascii=False),
            **{
                k: getattr(f, k)
                for k in (
                    "sessions",
                    "participants",
                    "union_members",
                    "female",
                    "ethnic_minority",
                    "materials",
                    "supervisions",
                    "recommendations",
                )
            },
        )
    )
    return row_id


def build_province(
    suite: ServiceSuite,
    communes: int = 40,
    per_commune: int = 25,
    seed: int = 1,
    missing: int = 2,
    late: int = 3,
) -> Tree:
    """The province (LĐLĐ tỉnh Lai Châu) as the own unit, with the tree's reports held."""
    rng = random.Random(seed)
    suite.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    suite.units.save_profile(
        UnitProfile(
            unit_code="LDLD-LC",
            parent_body="Tổng Liên đoàn Lao động Việt Nam",
            issuing_body="Liên đoàn Lao động tỉnh Lai Châu",
            place_name="Lai Châu",
            signature_title="PHÓ CHỦ TỊCH",
            signer_name="Đồng Thị Nghĩa",
        )
    )
    tree = Tree("LDLD-LC", [], {})
    on_time_day, late_day = datetime(2026, 6, 17, 9, 30), datetime(2026, 6, 26, 15, 0)
    with suite.db.transaction() as s:
        for i in range(communes):
            place = COMMUNES[i % len(COMMUNES)] + ("" if i < len(COMMUNES) else f" {i}")
            word = "phường" if place in ("Tân Phong", "Đoàn Kết") else "xã"
            code = f"CD-XA-{i + 1:02d}"
            name = f"Công đoàn {word} {place}"
            s.add(
                UnitRow(
                    code=code,
                    name=name,
                    parent_code="LDLD-LC",
                    level="Công đoàn xã, phường",
                    place_name="Lai Châu",
                    origin="package",
                )
            )
            tree.communes.append(code)
            tree.leaves[code] = []
            leaves = []
            for k in range(per_commune):
                leaf = f"{code}.CS{k + 1:02d}"
                leaf_name = f"Công đoàn cơ sở {KINDS[k % len(KINDS)]} {word} {place}" + (
                    f" số {k // len(KINDS) + 1}" if k >= len(KINDS) else ""
                )
                s.add(
                    UnitRow(
                        code=leaf,
                        name=leaf_name,
                        parent_code=code,
                        level="Công đoàn cơ sở",
                        place_name="Lai Châu",
                        origin="package",
                    )
                )
                leaves.append((leaf, leaf_name))
                tree.leaves[code].append(leaf)
            if i >= communes - missing:
                tree.missing.append(code)
                continue
            is_late = i < late
            if is_late:
                tree.late.append(code)
            created = late_day if is_late else on_time_day
            f = _figures(rng, code, (1, 3))
            via = _held(s, code, name, "LDLD-LC", f, created, None)
            tree.figures[code] = f
            for leaf, leaf_name in leaves[: per_commune - (1 if i % 4 == 0 else 0)]:
                lf = _figures(rng, leaf, (1, 2))
                _held(s, leaf, leaf_name, code, lf, created - timedelta(days=3), via)
                tree.figures[leaf] = lf
    own = [
        DisseminationSession(
            held_on=date(2026, 3, 10) + timedelta(days=7 * k),
            title=[
                "Hội nghị quán triệt Kết luận số 50-KL/TW, 51-KL/TW cho cán bộ công đoàn chủ chốt",
                "Tọa đàm đổi mới giáo dục và đào tạo, phát triển khoa học và công nghệ",
                "Hội thi tìm hiểu Kết luận số 51-KL/TW trong đoàn viên ngành giáo dục",
            ][k],
            directive_codes=["50-KL/TW", "51-KL/TW"][: 2 - k % 2],
            form=["truc-tiep", "toa-dam", "hoi-thi"][k],
            place="Hội trường LĐLĐ tỉnh",
            attendance=Attendance(
                participants=120 - 20 * k,
                union_members=110 - 20 * k,
                female=60 - 10 * k,
                ethnic_minority=50 - 10 * k,
            ),
            materials=100,
        )
        for k in range(3)
    ]
    suite.sessions.bulk_add(own)
    return tree


def build_commune(
    suite: ServiceSuite, units: int = 25, seed: int = 2, missing: int = 1, late: int = 2
) -> Tree:
    """A commune union (Công đoàn xã Bình Lư, under the province) as the own unit, holding the
    reports of ``units`` grassroots unions registered below it."""
    rng = random.Random(seed)
    suite.units.init_own_unit("CD-XA-BL", "Công đoàn xã Bình Lư", "LDLD-LC")
    suite.units.save_profile(
        UnitProfile(
            unit_code="CD-XA-BL",
            parent_body="Liên đoàn Lao động tỉnh Lai Châu",
            issuing_body="Công đoàn xã Bình Lư",
            place_name="Bình Lư",
            signature_title="CHỦ TỊCH",
            signer_name="Lò Văn Thắng",
        )
    )
    tree = Tree("CD-XA-BL", [], {})
    with suite.db.transaction() as s:
        for k in range(units):
            code = f"CD-XA-BL.CS{k + 1:02d}"
            name = f"Công đoàn cơ sở {KINDS[k % len(KINDS)]} xã Bình Lư" + (
                f" số {k // len(KINDS) + 1}" if k >= len(KINDS) else ""
            )
            s.add(
                UnitRow(
                    code=code,
                    name=name,
                    parent_code="CD-XA-BL",
                    level="Công đoàn cơ sở",
                    place_name="Bình Lư",
                    origin="user",
                )
            )
            tree.communes.append(code)
            if k >= units - missing:
                tree.missing.append(code)
                continue
            created = datetime(2026, 6, 25, 10) if k < late else datetime(2026, 6, 16, 8)
            if k < late:
                tree.late.append(code)
            f = _figures(rng, code, (1, 3))
            _held(s, code, name, "CD-XA-BL", f, created, None)
            tree.figures[code] = f
    suite.sessions.bulk_add(
        [
            DisseminationSession(
                held_on=date(2026, 4, 8),
                title="Hội nghị quán triệt Kết luận số 50-KL/TW, 51-KL/TW cho "
                "chủ tịch công đoàn cơ sở",
                directive_codes=["50-KL/TW", "51-KL/TW"],
                form="truc-tiep",
                place="Hội trường Ủy ban nhân dân xã Bình Lư",
                attendance=Attendance(
                    participants=32, union_members=32, female=14, ethnic_minority=21
                ),
                materials=32,
            )
        ]
    )
    return tree
