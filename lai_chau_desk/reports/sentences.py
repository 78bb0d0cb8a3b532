"""Figures written into sentences the way union reports read (DESIGN §6).

Zero figures read naturally ("đơn vị chưa tổ chức hoạt động giám sát"), never "0 cuộc".
Every function takes the report language; anything but "en" is Vietnamese.
"""

from __future__ import annotations

from datetime import date

from ..domain.figures import PeriodFigures
from ..domain.sessions import AMOUNT, FLAG, FORMS, FORMS_EN, SESSION_COUNTS
from ..domain.supervision import FIELDS, FIELDS_EN, ROLES
from ..domain.units import UnitProfile
from ..i18n import format_date, format_int, format_number, format_percent
from .labels import labels

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_line(place: str, day: date, lang: str = "vi") -> str:
    """The italic place-and-date line: "Lai Châu, ngày 05 tháng 01 năm 2027".

    Decree 30/2020: the day is zero-padded below 10, the month only for January and February
    (so "tháng 3", "tháng 12" but "tháng 01", "tháng 02")."""
    if lang == "en":
        return f"{place}, {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def join_list(items: list[str], lang: str = "vi") -> str:
    """ "a, b và c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    word = " and " if lang == "en" else " và "
    return ", ".join(items[:-1]) + word + items[-1]


def body_date(day: date | None) -> str:
    """A date inside a sentence: "14/6/2026" (no zero padding; tables keep dd/mm/yyyy)."""
    return f"{day.day}/{day.month}/{day.year}" if day else ""


def percent(x: float) -> str:
    """ "92,5%", and "100%" (never "100,0%") for a whole number of per cent: the app's one
    percentage formatter (``i18n.format_percent``), as on the dashboard and the screens."""
    return format_percent(x)


def documents_phrase(
    codes: list[str], labels: dict[str, str], issuers: dict[str, str], lang: str = "vi"
) -> str:
    """The documents grouped by issuer as union reports name them: "Kết luận số 50-KL/TW,
    Kết luận số 51-KL/TW của Ban Bí thư Trung ương Đảng và Kế hoạch số 334-KH/TU của Ban
    Thường vụ Tỉnh ủy Lai Châu" ("và" before the last group)."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(issuers.get(code, ""), []).append(labels.get(code, code))
    word = " of the " if lang == "en" else " của "
    parts = [
        ", ".join(items) + (word + issuer if issuer else "") for issuer, items in groups.items()
    ]
    return join_list(parts, lang)


def _ordered(counts: dict[str, int], order: list[str]) -> list[tuple[str, int]]:
    """Non-zero counts in the catalogue order, unknown codes after them."""
    keys = [k for k in order if counts.get(k)] + sorted(
        k for k in counts if k not in order and counts[k]
    )
    return [(k, counts[k]) for k in keys]


def members_sentence(profile: UnitProfile, lang: str = "vi") -> str:
    """The membership figures of the unit profile, or "" when none were entered."""
    if profile.members_total <= 0 and profile.workers_total <= 0:
        return ""
    as_of = format_date(profile.counts_as_of) if profile.counts_as_of else ""
    if lang == "en":
        lead = f"As of {as_of}, the unit has " if as_of else "The unit has "
        parts = []
        if profile.workers_total:
            parts.append(
                f"{format_int(profile.workers_total)} officials, employees and workers "
                f"({format_int(profile.workers_female)} female, "
                f"{format_int(profile.workers_ethnic_minority)} ethnic minority)"
            )
        if profile.members_total:
            parts.append(
                f"{format_int(profile.members_total)} union members "
                f"({format_int(profile.members_female)} female, "
                f"{format_int(profile.members_ethnic_minority)} ethnic minority)"
            )
        return lead + "; ".join(parts) + "."
    as_of = body_date(profile.counts_as_of) if profile.counts_as_of else ""
    lead = f"Tính đến ngày {as_of}, đơn vị có " if as_of else "Đơn vị có "
    parts = []
    if profile.workers_total:
        parts.append(
            f"{format_int(profile.workers_total)} CNVCLĐ"
            + _of_whom(profile.workers_female, profile.workers_ethnic_minority, "người")
        )
    if profile.members_total:
        parts.append(
            f"{format_int(profile.members_total)} đoàn viên công đoàn"
            + _of_whom(profile.members_female, profile.members_ethnic_minority, "người")
        )
    return lead + "; ".join(parts) + "."


def _clauses(f: PeriodFigures, lang: str, *kinds: str) -> str:
    """The clause of every declared session count of ``kinds`` that is not 0, in declaration
    order, worded by its ``sentence_<figure>`` label."""
    L = labels(lang)
    out = ""
    for c in SESSION_COUNTS:
        n = getattr(f, c.figure)
        if c.kind in kinds and n > 0:
            out += L[f"sentence_{c.figure}"].format(n=format_int(n))
    return out


def _of_whom(female: int, ethnic: int, noun: str) -> str:
    parts = []
    if female:
        parts.append(f"nữ {format_int(female)} {noun}")
    if ethnic:
        parts.append(f"người dân tộc thiểu số {format_int(ethnic)} {noun}")
    return f" ({', '.join(parts)})" if parts else ""


def _attendance(f: PeriodFigures) -> str:
    if f.participants <= 0:
        return ""
    text = f", với {format_int(f.participants)} lượt đoàn viên, CNVCLĐ tham gia"
    parts = []
    if f.female:
        parts.append(f"nữ {format_int(f.female)} lượt")
    if f.ethnic_minority:
        parts.append(f"người dân tộc thiểu số {format_int(f.ethnic_minority)} lượt")
    return text + (f" ({', '.join(parts)})" if parts else "")


def dissemination_sentence(
    f: PeriodFigures,
    directives: dict[str, str],
    lang: str = "vi",
    subject: str = "",
    when: str = "Trong kỳ",
    issuers: dict[str, str] | None = None,
) -> str:
    """Sessions, participants and forms in one paragraph. ``subject`` names who organised them
    (default "Ban Chấp hành Công đoàn cơ sở"; "các cấp công đoàn" at an upper level), ``when``
    the period ("Trong 6 tháng đầu năm 2026"); the documents are grouped by ``issuers``."""
    if lang == "en":
        return _dissemination_en(f, directives, subject)
    if f.sessions <= 0:
        return f"{when}, đơn vị chưa tổ chức buổi quán triệt, tuyên truyền nào."
    codes = [c for c, _ in _ordered(f.sessions_by_directive, list(directives))]
    docs = documents_phrase(codes, directives, issuers or {})
    what = f" {docs}" if docs else ""
    text = (
        f"{when}, {subject or 'Ban Chấp hành Công đoàn cơ sở'} đã tổ chức "
        f"{format_int(f.sessions)} buổi quán triệt, tuyên truyền{what}"
    )
    text += _clauses(f, "vi", FLAG)
    text += _attendance(f)
    if f.roster_reach is not None:
        text += f"; {percent(f.roster_reach)} đoàn viên của đơn vị được quán triệt ít nhất một lần"
    text += "."
    forms = _ordered(f.sessions_by_form, list(FORMS))
    if forms:
        text += (
            " Hình thức: "
            + ", ".join(f"{FORMS.get(k, k)} ({format_int(n)})" for k, n in forms)
            + "."
        )
    text += _clauses(f, "vi", AMOUNT)
    return text


def own_dissemination_sentence(f: PeriodFigures, committee: str, lang: str = "vi") -> str:
    """An upper level's own sessions, in their own sentence after the tree's."""
    if lang == "en":
        if f.sessions <= 0:
            return f"{committee} itself held no dissemination session."
        return (
            f"{committee} itself held {format_int(f.sessions)} dissemination sessions "
            f"attended by {format_int(f.participants)} participants."
        )
    if f.sessions <= 0:
        return f"{committee} chưa trực tiếp tổ chức buổi quán triệt, tuyên truyền trong kỳ."
    text = (
        f"Riêng {committee} đã trực tiếp tổ chức {format_int(f.sessions)} buổi quán triệt, "
        f"tuyên truyền{_attendance(f)}"
    )
    text += "."
    forms = _ordered(f.sessions_by_form, list(FORMS))
    if forms:
        text += (
            " Hình thức: "
            + ", ".join(f"{FORMS.get(k, k)} ({format_int(n)})" for k, n in forms)
            + "."
        )
    return text


def _dissemination_en(f: PeriodFigures, directives: dict[str, str], subject: str) -> str:
    if f.sessions <= 0:
        return "No dissemination session was held in the period."
    docs = [directives.get(c, c) for c, _ in _ordered(f.sessions_by_directive, list(directives))]
    noun = "session" if f.sessions == 1 else "sessions"
    text = (
        f"In the period, {subject or 'the union executive committee'} held "
        f"{format_int(f.sessions)} dissemination {noun}"
    )
    if docs:
        text += f" on {join_list(docs, 'en')}"
    if f.participants > 0:
        text += f", attended by {format_int(f.participants)} participants"
        parts = []
        if f.female:
            parts.append(f"{format_int(f.female)} female")
        if f.ethnic_minority:
            parts.append(f"{format_int(f.ethnic_minority)} ethnic minority")
        if parts:
            text += f" ({', '.join(parts)})"
    if f.roster_reach is not None:
        text += (
            f"; {format_percent(f.roster_reach)} of the unit's members were reached at least once"
        )
    text += "."
    forms = _ordered(f.sessions_by_form, list(FORMS))
    if forms:
        text += " Forms: " + ", ".join(f"{FORMS_EN.get(k, k)} ({n})" for k, n in forms) + "."
    text += _clauses(f, "en", FLAG, AMOUNT)
    return text


_ROLE_VERB = {
    "chu-tri": "chủ trì {n} cuộc giám sát",
    "phoi-hop": "phối hợp tham gia {n} cuộc giám sát",
    "tham-gia": "cử cán bộ tham gia {n} đoàn giám sát",
}
_ROLE_VERB_EN = {"chu-tri": "led", "phoi-hop": "coordinated", "tham-gia": "joined"}
_ROLE_SHARE = {
    "chu-tri": "chủ trì {n} cuộc",
    "phoi-hop": "phối hợp {n} cuộc",
    "tham-gia": "tham gia đoàn giám sát của cấp trên {n} cuộc",
}


def recommendations_clause(rec: int, done: int) -> str:
    """ "đưa ra 5 kiến nghị, trong đó 3 kiến nghị đã được giải quyết" (and the singular and
    all-resolved cases read naturally: "đưa ra 1 kiến nghị, đã được giải quyết")."""
    if rec <= 0:
        return "các cuộc giám sát chưa đưa ra kiến nghị"
    head = f"đưa ra {format_int(rec)} kiến nghị"
    if done <= 0:
        return head + (
            ", chưa được giải quyết" if rec == 1 else ", chưa có kiến nghị nào được giải quyết"
        )
    if done >= rec:
        return head + (", đã được giải quyết" if rec == 1 else ", đến nay đều đã được giải quyết")
    return head + f", trong đó {format_int(done)} kiến nghị đã được giải quyết"


def supervision_sentence(
    f: PeriodFigures, lang: str = "vi", subject: str = "đơn vị", when: str = "Trong kỳ"
) -> str:
    """Supervisions by role and field, and the follow-up of their recommendations."""
    if lang == "en":
        return _supervision_en(f)
    if f.supervisions <= 0:
        return f"{when}, {subject} chưa tổ chức hoạt động giám sát."
    roles = _ordered(f.supervisions_by_role, list(ROLES))
    fields = _ordered(f.supervisions_by_field, list(FIELDS))
    n = format_int(f.supervisions)
    if len(roles) == 1:
        clause = _ROLE_VERB.get(roles[0][0], "tham gia {n} cuộc giám sát").format(n=n)
    else:
        clause = f"tham gia {n} cuộc giám sát"
    if len(fields) == 1:
        clause += f" về {FIELDS.get(fields[0][0], fields[0][0])}"
    elif fields:
        clause += " về " + ", ".join(
            f"{FIELDS.get(k, k)} ({format_int(c)} cuộc)" for k, c in fields
        )
    if len(roles) > 1:
        clause += ", trong đó " + ", ".join(
            _ROLE_SHARE.get(k, k + " {n} cuộc").format(n=format_int(c)) for k, c in roles
        )
    done = f.recommendations_by_status.get("da", 0)
    return f"{when}, {subject} đã {clause}; {recommendations_clause(f.recommendations, done)}."


def _supervision_en(f: PeriodFigures) -> str:
    if f.supervisions <= 0:
        return "The unit held no supervision activity in the period."
    roles = _ordered(f.supervisions_by_role, list(ROLES))
    fields = _ordered(f.supervisions_by_field, list(FIELDS))
    parts = [f"{_ROLE_VERB_EN.get(k, k)} {format_int(n)}" for k, n in roles]
    text = f"In the period, the unit {join_list(parts, 'en')} supervision activities"
    if fields:
        text += " (" + ", ".join(f"{FIELDS_EN.get(k, k)}: {format_int(n)}" for k, n in fields) + ")"
    rec, done = f.recommendations, f.recommendations_by_status.get("da", 0)
    if rec <= 0:
        text += " and made no recommendation."
    else:
        text += (
            f" and made {format_int(rec)} recommendations, of which {format_int(done)} resolved."
        )
    return text


def indicator_clause(name: str, value: float, unit_label: str) -> str:
    """One mobilisation result, number first: "7 sáng kiến, cải tiến kỹ thuật được công
    nhận", "45 lượt đoàn viên được cử đi đào tạo…" (the unit label is not repeated when the
    indicator's name already begins with it)."""
    low = name[:1].lower() + name[1:]
    label = unit_label.strip()
    number = format_number(value)
    if not label or low.lower().startswith(label.lower()) or label.lower() == "người":
        return f"{number} {low}"
    words = label.split()
    if words[0].lower() == "lượt":  # "lượt người" + "Đoàn viên, người lao động…"
        return f"{number} lượt {low}"
    return f"{number} {label} {low}"


def indicators_sentence(
    values: list[tuple[str, float, str]],
    lang: str = "vi",
    when: str = "Trong kỳ",
    subject: str = "đơn vị",
) -> str:
    """``values``: (name, value, unit label). Only non-zero indicators are written out, one
    per clause, number first."""
    nonzero = [(n, v, u) for n, v, u in values if v]
    if lang == "en":
        if not nonzero:
            return "No mobilisation result was recorded in the period."
        return (
            "Mobilisation results: "
            + "; ".join(f"{n}: {format_number(v)}" for n, v, _ in nonzero)
            + "."
        )
    if not nonzero:
        return f"{when}, {subject} chưa ghi nhận kết quả vận động theo các chỉ tiêu."
    return (
        "Kết quả tuyên truyền, vận động: "
        + "; ".join(indicator_clause(n, v, u) for n, v, u in nonzero)
        + "."
    )


def reporting_sentence(
    on_time: int,
    late: int,
    missing: int,
    noun: str,
    when: str,
    appendix_no: int | None,
    below: tuple[int, int] | None = None,
) -> str:
    """ "Trong 6 tháng đầu năm 2026, 38/40 công đoàn trực thuộc đã gửi báo cáo (35 đúng hạn, 3
    chậm; 2 chưa báo cáo, danh sách tại Phụ lục 2)." ``below``: (reports held, units known)
    further down the tree, added as the extent of the consolidation."""
    total = on_time + late + missing
    if total == 0:
        return f"{when}, chưa có {noun} trực thuộc phải báo cáo."
    sent = on_time + late
    parts = [f"{format_int(on_time)} đúng hạn"] + ([f"{format_int(late)} chậm"] if late else [])
    tail = ", ".join(parts)
    where = f", danh sách tại Phụ lục {appendix_no}" if appendix_no and (late or missing) else ""
    if missing:
        tail += f"; {format_int(missing)} chưa báo cáo{where}"
    elif where:
        tail += where
    if sent == 0:
        text = (
            f"{when}, chưa có {noun} trực thuộc nào gửi báo cáo ({format_int(missing)}/"
            f"{format_int(total)} chưa báo cáo{where})."
        )
    elif sent == total and not late:
        text = f"{when}, {format_int(sent)}/{format_int(total)} {noun} trực thuộc đã gửi báo cáo đúng hạn."
    else:
        text = (
            f"{when}, {format_int(sent)}/{format_int(total)} {noun} trực thuộc đã gửi báo cáo "
            f"({tail})."
        )
    if below and below[1] > 0:
        text += (
            f" Số liệu dưới đây tổng hợp từ báo cáo của {format_int(below[0])}/"
            f"{format_int(below[1])} công đoàn cơ sở và đơn vị cấp dưới."
        )
    return text


def status_sentences(
    on_time: list[str], late: list[str], missing: list[str], lang: str = "vi"
) -> list[str]:
    """Who reported on time, late, and not at all (unit names)."""
    total = len(on_time) + len(late) + len(missing)
    if lang == "en":
        out = [f"{len(on_time) + len(late)} of {total} units reported; {len(on_time)} on time."]
        if late:
            out.append("Reported late: " + "; ".join(late) + ".")
        if missing:
            out.append("Not reported: " + "; ".join(missing) + ".")
        return out
    if total == 0:
        return ["Không có đơn vị trực thuộc phải báo cáo trong kỳ."]
    out = [
        f"Có {format_int(len(on_time) + len(late))}/{format_int(total)} đơn vị đã gửi báo cáo, "
        f"trong đó {format_int(len(on_time))} đơn vị báo cáo đúng hạn."
    ]
    out.append(
        "Các đơn vị báo cáo muộn: " + "; ".join(late) + "."
        if late
        else "Không có đơn vị báo cáo muộn."
    )
    out.append(
        "Các đơn vị chưa báo cáo: " + "; ".join(missing) + "."
        if missing
        else "Tất cả các đơn vị đã gửi báo cáo."
    )
    return out
