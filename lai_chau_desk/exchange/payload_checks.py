"""Checks of a payload against its manifest and of embedded packages against their parent."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .errors import PackageError
from .schema import validate

if TYPE_CHECKING:
    from .package import Package


def _refuse(message: str) -> PackageError:
    return PackageError("payload-inconsistent", message)


def _dates(values: list[Any], with_time: bool = False) -> None:
    """Every value must be a real calendar date (the schema only checks the shape)."""
    parse = datetime.fromisoformat if with_time else date.fromisoformat
    for value in values:
        if value is None:
            continue
        try:
            parse(value)
        except (TypeError, ValueError):
            raise _refuse(f"Ngày «{value}» trong gói không có thật.") from None


def _check_dates(pkg: Package) -> None:
    p, period = pkg.payload, pkg.manifest["period"]
    if period:
        _dates([period["start"], period["end"]])
    if pkg.kind == "report":
        _dates([p["period"]["due"], p["profile_counts"]["counts_as_of"]])
        _dates([s["held_on"] for s in p["sessions"]])
        _dates([s["held_on"] for s in p["supervisions"]])
        _dates([r["status_on"] for s in p["supervisions"] for r in s["recommendations"]])
    elif pkg.kind == "receipt":
        _dates([p["decided_at"]], with_time=True)
    else:
        _dates([d["issued_on"] for d in p["directives"]])
        _dates([u[k] for u in p["units"] for k in ("valid_from", "valid_to")])


def _check_report(pkg: Package) -> None:
    p, m = pkg.payload, pkg.manifest
    if p["unit"]["code"] != m["unit"]["code"] or p["unit"]["parent_code"] != m["unit"]["parent_code"]:
        raise _refuse("Đơn vị trong nội dung báo cáo khác với đơn vị ghi trong manifest.")
    period = {k: p["period"][k] for k in ("code", "start", "end")}
    if period != m["period"]:
        raise _refuse("Kỳ báo cáo trong nội dung khác với kỳ ghi trong manifest.")
    f = p["figures"]
    if f["unit"] != p["unit"]["code"] or f["period"] != p["period"]["code"]:
        raise _refuse("Bảng số liệu ghi sai đơn vị hoặc kỳ báo cáo.")
    sessions, sups = p["sessions"], p["supervisions"]
    start, end = p["period"]["start"], p["period"]["end"]
    participants = union_members = female = ethnic = 0
    outside: str | None = None  # the first date outside the period, sessions first
    overfull = False
    for s in sessions:  # one pass: sums, dates, parts within the whole
        n, u, w, e = s["participants"], s["union_members"], s["female"], s["ethnic_minority"]
        participants += n
        union_members += u
        female += w
        ethnic += e
        if outside is None and not start <= s["held_on"] <= end:
            outside = s["held_on"]
        if max(u, w, e) > n:
            overfull = True
    expected = {"sessions": len(sessions), "supervisions": len(sups),
                "recommendations": sum(len(s["recommendations"]) for s in sups),
                "participants": participants, "union_members": union_members, "female": female,
                "ethnic_minority": ethnic}
    for key, value in expected.items():
        if f[key] != value:
            raise _refuse(f"Số liệu «{key}» ({f[key]}) không khớp với các bản ghi ({value}).")
    for rec in sups:
        if outside is None and not start <= rec["held_on"] <= end:
            outside = rec["held_on"]
    if outside is not None:
        raise _refuse(f"Có bản ghi ngày {outside} nằm ngoài kỳ báo cáo.")
    if overfull:
        raise _refuse("Có buổi tuyên truyền ghi số thành phần lớn hơn số người tham dự.")


def check_payload(pkg: Package, max_depth: int) -> None:
    """Schema of the payload's kind, then agreement between payload and manifest."""
    validate(pkg.kind, pkg.payload, "payload.json", max_depth)
    _check_dates(pkg)
    if pkg.kind == "report":
        _check_report(pkg)
    elif pkg.kind == "receipt" and pkg.payload["subject"]["period"] != pkg.period_code:
        raise _refuse("Kỳ báo cáo trong phiếu tiếp nhận khác với kỳ ghi trong manifest.")
    if pkg.kind != "report" and any(n.startswith("children/") for n in pkg.manifest["members"]):
        raise _refuse("Chỉ gói báo cáo tổng hợp mới được chứa gói con.")


def check_children(pkg: Package) -> None:
    """Embedded packages must be reports of direct children, same period, listed by the
    consolidation table with their exact SHA-256."""
    consolidation = pkg.payload.get("consolidation") if pkg.kind == "report" else None
    listed = {u["code"]: u for u in consolidation["units"]} if consolidation else {}
    if set(listed) != set(pkg.children):
        raise _refuse("Danh sách đơn vị trong báo cáo tổng hợp không khớp với các gói con kèm theo.")
    for code, child in pkg.children.items():
        if child.unit_code != code or child.kind != "report":
            raise _refuse(f"Gói con «{code}» không phải báo cáo của đơn vị «{code}».")
        if child.parent_code != pkg.unit_code:
            raise _refuse(f"Gói con «{code}» không thuộc đơn vị «{pkg.unit_code}».")
        if child.period_code != pkg.period_code:
            raise _refuse(f"Gói con «{code}» thuộc kỳ khác ({child.period_code}).")
        if listed[code]["package_sha256"] != child.sha256 or listed[code]["revision"] != child.revision:
            raise _refuse(f"Gói con «{code}» không đúng bản được kê trong báo cáo tổng hợp.")
        if listed[code]["counts"] != child.counts():
            raise _refuse(f"Số liệu của đơn vị «{code}» trong bảng tổng hợp khác với gói con.")
    if consolidation is not None:
        expected = pkg.counts()
        for child in pkg.children.values():
            for key, value in subtree_counts(child).items():
                expected[key] += value
        if consolidation["subtree"] != expected:
            raise _refuse("Số liệu toàn khối trong báo cáo tổng hợp không bằng tổng số liệu của "
                          "đơn vị và các gói con kèm theo.")


def subtree_counts(pkg: Package) -> dict[str, int]:
    """The figures of a report and everything embedded below it."""
    consolidation = pkg.payload.get("consolidation")
    return dict(consolidation["subtree"]) if consolidation else pkg.counts()
