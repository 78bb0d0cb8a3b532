"""Report inputs built without a database: a consolidated report of many units, and helpers
that read a PDF back (text, fonts, text positions)."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from lai_chau_desk.domain.figures import PeriodFigures, sum_figures
from lai_chau_desk.domain.sessions import FORMS
from lai_chau_desk.domain.units import UnitProfile
from lai_chau_desk.reports.model import (
    ConsolidatedData,
    SessionLine,
    SupervisionLine,
    UnitStatusLine,
)

DIRECTIVES = {
    "50-KL/TW": "Kết luận số 50-KL/TW",
    "51-KL/TW": "Kết luận số 51-KL/TW",
    "334-KH/TU": "Kế hoạch số 334-KH/TU",
}
START, END = date(2025, 12, 15), date(2026, 6, 14)


def unit_figures(rng: random.Random, code: str) -> PeriodFigures:
    n = rng.randint(1, 12)
    people = rng.randint(n * 10, n * 40)
    f = PeriodFigures(
        unit=code,
        period="2026S1",
        sessions=n,
        participants=people,
        union_members=people * 8 // 10,
        female=people // 2,
        ethnic_minority=people // 3,
        supervisions=rng.randint(0, 3),
    )
    f.recommendations = f.supervisions * 2
    f.sessions_by_form = {"truc-tiep": n}
    f.sessions_by_directive = {"50-KL/TW": n}
    f.participants_by_directive = {"50-KL/TW": people}
    f.supervisions_by_field = {"giao-duc": f.supervisions} if f.supervisions else {}
    f.supervisions_by_role = {"phoi-hop": f.supervisions} if f.supervisions else {}
    f.recommendations_by_status = {"da": f.recommendations} if f.recommendations else {}
    return f


def consolidated(units: int = 12, sessions: int = 40, seed: int = 7) -> ConsolidatedData:
    """An upper level with ``units`` units below (every 5th late, every 7th missing) and
    ``sessions`` sessions in the appendix."""
    rng = random.Random(seed)
    lines = []
    for i in range(1, units + 1):
        code = f"CDCS-{i:04d}"
        status = "missing" if i % 7 == 0 else "late" if i % 5 == 0 else "on_time"
        figures = None if status == "missing" else unit_figures(rng, code)
        received = (
            None if status == "missing" else END + timedelta(days=3 if status == "on_time" else 12)
        )
        lines.append(
            UnitStatusLine(
                code, f"Công đoàn cơ sở Trường số {i} xã Bản Hon", figures, status, received
            )
        )
    total = sum_figures("CDVC-LC", "2026S1", [u.figures for u in lines if u.figures])
    forms = list(FORMS)
    session_lines = [
        SessionLine(
            held_on=START + timedelta(days=rng.randint(0, 180)),
            title=f"Hội nghị quán triệt Kết luận số 50-KL/TW lần {k + 1} tại điểm trường vùng cao",
            form=forms[k % len(forms)],
            directives=["50-KL/TW"],
            counts={"participants": 30, "union_members": 25, "female": 15, "ethnic_minority": 10},
            unit_name=f"Công đoàn cơ sở Trường số {k % max(units, 1) + 1}",
        )
        for k in range(sessions)
    ]
    sups = [
        SupervisionLine(
            held_on=START + timedelta(days=20 + k),
            field="giao-duc",
            role="phoi-hop",
            target="Phòng Giáo dục và Đào tạo",
            recommendations=2,
            resolved=1,
            unit_name="Công đoàn cơ sở Trường số 1",
        )
        for k in range(min(sessions // 10, 30))
    ]
    return ConsolidatedData(
        unit_code="CDVC-LC",
        unit_name="Công đoàn Viên chức tỉnh Lai Châu",
        profile=UnitProfile(
            unit_code="CDVC-LC",
            parent_body="Liên đoàn Lao động tỉnh Lai Châu",
            issuing_body="CÔNG ĐOÀN VIÊN CHỨC TỈNH",
            doc_prefix="BC-CĐVC",
            signer_name="Nguyễn Văn Bình",
            signature_title="CHỦ TỊCH",
        ),
        period_code="2026S1",
        period_start=START,
        period_end=END,
        period_label="6 tháng đầu năm 2026",
        doc_number="12/BC-CĐVC",
        issue_date=date(2026, 6, 25),
        figures=total,
        directives=dict(DIRECTIVES),
        sessions=sorted(session_lines, key=lambda s: s.held_on),
        supervisions=sups,
        recipients=["Ban Tuyên giáo và Nữ công LĐLĐ tỉnh (b/c);", "Lưu: VT."],
        units=lines,
    )


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def text_runs(pdf: bytes) -> list[list[tuple[str, float, float, float, str]]]:
    """Per page: (text, x, y, font size in points, base font name) of every text run drawn."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[str, float, float, float, str]] = []

        def visit(text, cm, tm, font, size, runs=runs):  # noqa: ANN001
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] * cm[0] + tm[1] * cm[2]) or 1
            name = str(font.get("/BaseFont", "")) if font else ""
            runs.append((text, x, y, size * scale, name.split("+")[-1]))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM


def check_margins(pdf: bytes) -> int:
    """Assert that every text run lies inside the body frame (the page number excepted) and
    return the number of runs checked."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    checked = 0
    for number, runs in enumerate(text_runs(pdf), 1):
        for text, x, y, size, font in runs:
            body = text.strip()
            if body == str(number) and y > PAGE_H - TOP:
                assert number > 1, "page 1 carries no page number"
                assert (
                    abs(
                        x + stringWidth(body, font, size) / 2 - (LEFT + (PAGE_W - LEFT - RIGHT) / 2)
                    )
                    < 1
                )
                continue
            width = stringWidth(body, font, size)
            assert x >= LEFT - 0.5, (number, text, x)
            assert x + width <= PAGE_W - RIGHT + 0.5, (number, text, x + width)
            assert y + 0.75 * size <= PAGE_H - TOP + 0.5, (number, text, y)
            assert y - 0.25 * size >= BOTTOM - 0.5, (number, text, y)
            checked += 1
    return checked
