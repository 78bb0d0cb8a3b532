"""Realistic Vietnamese demo records, generated from a seed (for demos, tests, benchmarks)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..domain.members import Member
from ..domain.sessions import Attendance, DisseminationSession
from ..domain.supervision import Recommendation, SupervisionActivity

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đỗ",
    "Lò",
    "Tao",
    "Lường",
    "Giàng",
    "Sùng",
    "Vàng",
    "Lý",
    "Tẩn",
    "Chảo",
    "Hà",
    "Điêu",
    "Bùi",
    "Đặng",
]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Hồng", "Thị Minh", "Ngọc", "Thị Kim"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "A", "Seo", "Văn Thành"]
GIVEN_F = ["Lan", "Hương", "Mai", "Hoa", "Thảo", "Dung", "Nga", "Xuân", "Yến", "Ánh", "Chi", "Vân"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Sơn",
    "Tuấn",
    "Vinh",
    "Chứ",
    "Páo",
    "Dếnh",
]
ETHNIC = (
    ["Kinh"] * 5 + ["Thái"] * 4 + ["Mông"] * 3 + ["Dao"] * 2 + ["Giáy", "Hà Nhì", "Lự", "Khơ Mú"]
)
POSITIONS = [
    "Giáo viên",
    "Nhân viên",
    "Kế toán",
    "Tổ trưởng chuyên môn",
    "Phó hiệu trưởng",
    "Cán bộ",
    "Chuyên viên",
]
DEPARTMENTS = [
    "Tổ Khoa học tự nhiên",
    "Tổ Khoa học xã hội",
    "Tổ Văn phòng",
    "Tổ Tiểu học",
    "Phòng Hành chính",
    "Phòng Chuyên môn",
]
TITLES = [
    ("Hội nghị quán triệt Kết luận số {d} của Ban Bí thư", "truc-tiep"),
    ("Lồng ghép tuyên truyền {d} trong sinh hoạt chuyên môn tháng {m}", "long-ghep"),
    ('Tọa đàm "Đoàn viên với khoa học và công nghệ"', "toa-dam"),
    ("Tuyên truyền {d} trên nhóm Zalo của Công đoàn", "mang-xa-hoi"),
    ("Hội nghị trực tuyến phổ biến Kế hoạch {d} của Tỉnh ủy", "truc-tuyen"),
    ("Phát tài liệu hỏi - đáp về đổi mới giáo dục và đào tạo", "tai-lieu"),
    ("Hội thi tìm hiểu Kết luận {d} trong đoàn viên", "hoi-thi"),
]
PLACES = ["Hội trường nhà trường", "Phòng họp đơn vị", "Nhà văn hóa bản", "Hội trường UBND xã"]
PRESENTERS = ["Chủ tịch Công đoàn", "Phó Chủ tịch Công đoàn", "Báo cáo viên Ban Tuyên giáo"]
TARGETS = [
    "Trường Tiểu học số 1 xã Bản Bo",
    "Trường THCS thị trấn Tam Đường",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện",
    "Phòng Giáo dục và Đào tạo",
    "Trạm Khuyến nông huyện",
    "Hợp tác xã chè Tân Uyên",
]
RECOMMENDATIONS = [
    "Bổ sung phòng học bộ môn Tin học, Ngoại ngữ",
    "Bố trí đủ giáo viên dạy tiếng Anh theo chương trình mới",
    "Công khai các khoản thu, chi đầu năm học",
    "Hỗ trợ kinh phí ứng dụng giống chè mới cho các hộ đoàn viên",
    "Tăng cường tập huấn kỹ năng số cho giáo viên vùng khó khăn",
]


def person_name(rng: random.Random, female: bool) -> str:
    if female:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"


def make_members(rng: random.Random, n: int, unit_code: str, today: date) -> list[Member]:
    out = []
    for _ in range(n):
        female = rng.random() < 0.6
        out.append(
            Member(
                full_name=person_name(rng, female),
                gender="nu" if female else "nam",
                birth_year=rng.randint(today.year - 58, today.year - 22),
                ethnicity=rng.choice(ETHNIC),
                is_union_member=rng.random() < 0.92,
                position=rng.choice(POSITIONS),
                department=rng.choice(DEPARTMENTS),
                unit_code=unit_code,
            )
        )
    return out


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def make_session(
    rng: random.Random,
    unit_code: str,
    start: date,
    end: date,
    directives: list[str],
    members: list[Member] | None = None,
) -> DisseminationSession:
    """A session between ``start`` and ``end``. With ``members`` attendance is ticked from the
    roster (plus a few guests in the headcount); without, only counts are made."""
    day = random_day(rng, start, end)
    template, form = rng.choice(TITLES)
    covered = rng.sample(directives, k=min(len(directives), rng.choice([1, 1, 2])))
    title = template.format(d=covered[0], m=day.month)
    s = DisseminationSession(
        held_on=day,
        title=title,
        form=form,
        directive_codes=covered,
        place=rng.choice(PLACES),
        presenter=rng.choice(PRESENTERS),
        materials=rng.choice([0, 0, 10, 20, 30]),
        unit_code=unit_code,
    )
    if members:
        ticked = rng.sample(members, k=rng.randint(len(members) // 2, len(members)))
        guests = rng.choice([0, 0, 2, 5])
        s.attendee_ids = [m.id for m in ticked]
        s.attendance = Attendance(
            participants=len(ticked) + guests,
            union_members=sum(m.is_union_member for m in ticked),
            female=sum(m.gender == "nu" for m in ticked) + guests // 2,
            ethnic_minority=sum(m.ethnic_minority for m in ticked),
        )
    else:
        n = rng.randint(12, 120)
        s.attendance = Attendance(
            participants=n,
            union_members=rng.randint(n * 7 // 10, n),
            female=rng.randint(n // 3, n * 2 // 3),
            ethnic_minority=rng.randint(n // 4, n * 3 // 4),
        )
    return s


def make_supervision(
    rng: random.Random, unit_code: str, start: date, end: date
) -> SupervisionActivity:
    day = random_day(rng, start, end)
    field = rng.choice(["giao-duc", "giao-duc", "khcn", "khac"])
    recs = []
    for text in rng.sample(RECOMMENDATIONS, k=rng.randint(1, 3)):
        status = rng.choice(["chua", "dang", "da", "da"])
        recs.append(
            Recommendation(text=text, status=status, status_on=None if status == "chua" else day)
        )
    return SupervisionActivity(
        held_on=day,
        field=field,
        target=rng.choice(TARGETS),
        role=rng.choice(["phoi-hop", "tham-gia", "chu-tri"]),
        partners="Ủy ban MTTQ Việt Nam xã, Đoàn Thanh niên, Hội Liên hiệp Phụ nữ",
        content="Giám sát việc thực hiện chính sách đối với nhà giáo và học sinh vùng khó khăn"
        if field == "giao-duc"
        else "Giám sát việc ứng dụng tiến bộ khoa học kỹ thuật vào sản xuất",
        findings="Đơn vị thực hiện cơ bản đầy đủ; còn thiếu cơ sở vật chất, thiết bị dạy học.",
        recommendations=recs,
        unit_code=unit_code,
    )
