"""Checks of a payload against its manifest: dates, figures recomputed from the records,
agreement between the two (a consolidation table's checks: :mod:`.consolidation_checks`)."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter
from typing import Any

from ..domain.figures import BREAKDOWNS, COUNTS, MANIFEST_FIGURES
from ..domain.sessions import SESSION_COUNTS
from .errors import PackageError
from .strict import check_date, check_moment


def _refuse(message: str) -> PackageError:
    return PackageError("payload-inconsistent", message)


def _check_dates(kind: str, p: dict[str, Any]) -> None:
    """Every date a real calendar date within 2000–2200 (the schema only checks the shape)."""
    if kind == "report":
        for d in (
            p["period"]["start"],
            p["period"]["end"],
            p["period"]["due"],
            p["profile_counts"]["counts_as_of"],
        ):
            check_date(d)
        for s in p["sessions"]:
            check_date(s["held_on"])
        for s in p["supervisions"]:
            check_date(s["held_on"])
            for r in s["recommendations"]:
                check_date(r["status_on"])
    elif kind == "receipt":
        check_moment(p["decided_at"])
    else:
        for d in p["directives"]:
            check_date(d["issued_on"])
        for u in p["units"]:
            check_date(u["valid_from"])
            check_date(u["valid_to"])


_SESSION_SUMS = tuple((c.figure, c.name) for c in SESSION_COUNTS)
# Each signed figure with the value it has when no record gives it one.
_MANIFEST_DEFAULTS = tuple((name, name in BREAKDOWNS) for name in MANIFEST_FIGURES)


# The session fields summed and the figure each goes into (one getter takes them all).
_SUMMED = tuple(figure for figure, _name in _SESSION_SUMS)
_COUNTED = itemgetter(*(name for _figure, name in _SESSION_SUMS))
_FORM = itemgetter("form")


def _projection(figures: dict[str, Any]) -> dict[str, Any]:
    """:func:`~lai_chau_desk.domain.figures.manifest_figures` but for the order of the
    mappings: what is only compared (``==`` on dictionaries ignores their order)."""
    get = figures.get
    return {name: get(name, {} if breakdown else 0) for name, breakdown in _MANIFEST_DEFAULTS}


def record_figures(p: dict[str, Any]) -> dict[str, Any]:
    """Every additive figure of a report payload, computed from its records, as the manifest
    signs them (order of the mappings aside: the result is only compared).

    The payload has passed its schema, so every counted field is an integer and every yes/no
    a boolean (``True`` counts one): the sums and tallies are taken by ``sum`` and
    ``Counter`` over columns, not field by field in Python."""
    sessions, sups = p["sessions"], p["supervisions"]
    f: dict[str, Any] = dict.fromkeys(COUNTS, 0)
    if sessions:
        columns = (
            zip(*map(_COUNTED, sessions), strict=True)
            if len(_SUMMED) > 1
            else ([_COUNTED(s) for s in sessions],)
        )
        for figure, column in zip(_SUMMED, columns, strict=True):
            f[figure] += sum(column)
    by_dir: dict[str, int] = {}
    people_dir: dict[str, int] = {}
    people_month: dict[str, int] = {}
    months = [s["held_on"][:7] for s in sessions]
    for s, month in zip(sessions, months, strict=True):
        n = s["participants"]
        people_month[month] = people_month.get(month, 0) + n
        for code in set(s["directives"]):
            by_dir[code] = by_dir.get(code, 0) + 1
            people_dir[code] = people_dir.get(code, 0) + n
    f["sessions"] = len(sessions)
    by_status = Counter(r["status"] for s in sups for r in s["recommendations"])
    f["recommendations"] = sum(by_status.values())
    f["supervisions"] = len(sups)
    f.update(
        sessions_by_form=dict(Counter(map(_FORM, sessions))),
        sessions_by_directive=by_dir,
        participants_by_directive=people_dir,
        sessions_by_month=dict(Counter(months)),
        participants_by_month=people_month,
        supervisions_by_field=dict(Counter(s["field"] for s in sups)),
        supervisions_by_role=dict(Counter(s["role"] for s in sups)),
        recommendations_by_status=dict(by_status),
        indicators={v["indicator_code"]: v["value"] for v in p["indicator_values"]},
    )
    return _projection(f)


def check_report(manifest: dict[str, Any], p: dict[str, Any], where: str = "") -> None:
    """A report payload agrees with its manifest and with itself (``where`` prefixes the
    refusal when the report is carried inside another package)."""
    m = manifest
    if (
        p["unit"]["code"] != m["unit"]["code"]
        or p["unit"]["parent_code"] != m["unit"]["parent_code"]
        or p["unit"]["name"] != m["unit"]["name"]
    ):
        raise _refuse(f"{where}Đơn vị trong nội dung báo cáo khác với đơn vị ghi trong manifest.")
    period = {k: p["period"][k] for k in ("code", "start", "end")}
    if period != m["period"]:
        raise _refuse(f"{where}Kỳ báo cáo trong nội dung khác với kỳ ghi trong manifest.")
    f = p["figures"]
    if f["unit"] != p["unit"]["code"] or f["period"] != p["period"]["code"]:
        raise _refuse(f"{where}Bảng số liệu ghi sai đơn vị hoặc kỳ báo cáo.")
    start, end = p["period"]["start"], p["period"]["end"]
    for s in p["sessions"]:
        if max(s["union_members"], s["female"], s["ethnic_minority"]) > s["participants"]:
            raise _refuse(
                f"{where}Có buổi tuyên truyền ghi số thành phần lớn hơn số người tham dự."
            )
    for rec in (*p["sessions"], *p["supervisions"]):
        if not start <= rec["held_on"] <= end:
            raise _refuse(f"{where}Có bản ghi ngày {rec['held_on']} nằm ngoài kỳ báo cáo.")
    computed = record_figures(p)
    declared = _projection(f)
    for key, value in computed.items():
        if declared[key] != value:
            shown = value if not isinstance(value, dict) else "…"
            raise _refuse(
                f"{where}Số liệu «{key}» ({declared[key] if not isinstance(value, dict) else '…'}) "
                f"không khớp với các bản ghi ({shown})."
            )
    if f["roster_reached"] > f["roster_members"]:
        raise _refuse(f"{where}Số đoàn viên được quán triệt lớn hơn số đoàn viên trong danh sách.")
    if m["figures"] != declared:
        raise _refuse(
            f"{where}Số liệu ký trong manifest khác với số liệu tính từ nội dung báo cáo."
        )


def _first_repeat(codes: Any) -> str | None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            return str(code)
        seen.add(code)
    return None


def _check_unique(kind: str, p: dict[str, Any], where: str) -> None:
    """Each code names one record: a catalogue's directives, a directive's tasks, indicators
    and units (whose codes the schema keeps in upper case), a report's indicator values. With a
    repeat, which record counts would depend on the reader (the last one read, the first…)."""
    if kind == "report":
        lists = [("chỉ tiêu", (v["indicator_code"] for v in p["indicator_values"]))]
    elif kind == "catalogue":
        lists = [
            ("văn bản", (d["code"] for d in p["directives"])),
            *(
                (f"nhiệm vụ của văn bản «{d['code']}»", (t["code"] for t in d["tasks"]))
                for d in p["directives"]
            ),
            ("chỉ tiêu", (i["code"] for i in p["indicators"])),
            ("đơn vị", (u["code"] for u in p["units"])),
        ]
    else:
        return
    for what, codes in lists:
        repeat = _first_repeat(codes)
        if repeat is not None:
            raise _refuse(f"{where}Mã {what} «{repeat}» lặp lại trong gói; gói bị từ chối.")


def check_payload(manifest: dict[str, Any], payload: dict[str, Any], where: str) -> None:
    """Dates of the payload's kind, each code once, then agreement between payload and
    manifest."""
    kind = manifest["kind"]
    _check_dates(kind, payload)
    _check_unique(kind, payload, where)
    if kind == "report":
        check_report(manifest, payload, where)
    elif kind == "receipt" and payload["subject"]["period"] != manifest["period"]["code"]:
        raise _refuse("Kỳ báo cáo trong phiếu tiếp nhận khác với kỳ ghi trong manifest.")
