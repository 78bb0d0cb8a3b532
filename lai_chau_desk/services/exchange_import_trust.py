"""The trust rules an import enforces (DESIGN §5), each refusal one Vietnamese line: the
unit code's spelling (rule 6), the period (rule 5), the child's key (rules 2 and 3), the
revision (rule 4), the parent's key for receipts and catalogues (rule 1), and that a
receipt names a report this installation sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.periods import PeriodError, parse_period
from ..exchange.package import Embedded, Package
from ..storage import exchange_repo
from .exchange_index import BatchIndex, Current
from .exchange_results import ChangedKey, FirstKey, ImportOutcome, ImportRefused

if TYPE_CHECKING:
    from ..storage.engine import Session
    from .exchange_import_plan import ImportContext


def normal_fingerprint(text: str | None) -> str:
    """A fingerprint as typed (any spacing or case) in the printed form's letters only."""
    return "".join((text or "").split()).upper()


def refuse(code: str, message: str) -> ImportRefused:
    return ImportRefused(code, message)


def check_code(code: str, idx: BatchIndex) -> None:
    other = idx.same_as(code)
    if other is not None:
        raise refuse(
            "unit-code-case",
            f"Mã đơn vị «{code}» trong gói chỉ khác mã «{other}» trong danh mục ở chữ "
            "hoa/thường: đó là cùng một đơn vị; gói bị từ chối.",
        )


def check_period(pkg: Package, ctx: ImportContext) -> None:
    """Rule 5: the package's period is this installation's period of that code."""
    code = pkg.period_code
    if code is None:
        return
    period = ctx.periods.get(code)
    if period is None:
        try:
            period = parse_period(code, ctx.settings)
        except PeriodError:
            raise refuse("unknown-period", f"Kỳ báo cáo «{code}» trong gói không hợp lệ.") from None
        ctx.periods[code] = period
    if pkg.kind == "report" and period.start > ctx.today:
        raise refuse("unknown-period", f"Kỳ báo cáo «{code}» chưa bắt đầu; gói bị từ chối.")
    sent = pkg.period or {}
    if (sent.get("start"), sent.get("end")) != (
        period.start.isoformat(),
        period.end.isoformat(),
    ):
        raise refuse(
            "period-mismatch",
            f"Kỳ {code} trong gói tính từ {sent.get('start')} đến {sent.get('end')}, "
            f"khác với kỳ {code} của đơn vị này (từ {period.start.isoformat()} đến "
            f"{period.end.isoformat()}); gói bị từ chối.",
        )


def child_key(
    code: str,
    source: Package | Embedded,
    ctx: ImportContext,
    idx: BatchIndex,
    result: ImportOutcome,
    relay: str,
) -> str:
    """Rule 2 (and 3 for a carried report): ``new``, ``known`` or ``accepted``."""
    pin = idx.pins.get(code)
    if pin is None or pin[0] != source.public_key:
        owner = idx.key_owner.get(source.public_key)
        if owner is not None and owner != code and code not in ctx.accept:
            raise refuse("key-reused", reused(code, owner, source, relay))
    if pin is None:
        result.first_keys.append(FirstKey(code, source.unit_name, source.fingerprint))
        return "new"
    if pin[0] == source.public_key:
        return "known"
    if code in ctx.accept:
        result.changed_keys.append(ChangedKey(code, source.unit_name, pin[1], source.fingerprint))
        return "accepted"
    where = f"{relay}«{code}»: " if relay else ""
    raise refuse(
        "key-changed",
        f"{where}Khóa ký của đơn vị «{code}» đã thay đổi ({source.unit_name}: dấu vân "
        f"tay đã ghi nhận: {pin[1]}; trong gói: {source.fingerprint}). Chỉ nhập sau "
        f"khi đã xác minh với đơn vị, bằng: import --accept-new-key {code}.",
    )


def reused(code: str, owner: str, source: Package | Embedded, relay: str) -> str:
    where = f"{relay}«{code}»: " if relay else ""
    return (
        f"{where}Báo cáo của đơn vị «{code}» được ký bằng khóa của đơn vị «{owner}» (dấu "
        f"vân tay {source.fingerprint}): mỗi đơn vị ký bằng khóa riêng của máy mình, "
        "không đơn vị nào ký thay đơn vị khác; gói bị từ chối."
    )


def revision(
    idx: BatchIndex, code: str, source: Package | Embedded, key_action: str, relay: str = ""
) -> tuple[str, Current | None]:
    """Rule 4 (and 2: the first report under a newly accepted key replaces the old)."""
    cur = idx.current.get((code, source.period_code, source.kind))
    if cur is None:
        return "new", None
    if cur.fingerprint != source.fingerprint and key_action in (
        "accepted",
        "known",
        "parent-confirmed",
    ):
        return "replaced", cur  # the new key's first report for this period
    if cur.revision == source.revision and cur.content_sha256 == source.content_sha256:
        return "unchanged", cur
    if source.revision > cur.revision:
        return "replaced", cur
    where = f"{relay}«{code}»: " if relay else ""
    raise refuse(
        "stale",
        f"{where}Gói lần {source.revision} của «{code}» cũ hơn hoặc bằng "
        f"bản đang lưu (lần {cur.revision}) nhưng nội dung khác; gói bị "
        "từ chối.",
    )


def parent_key(pkg: Package, ctx: ImportContext, idx: BatchIndex, result: ImportOutcome) -> str:
    """Rule 1: receipts and catalogues only from the parent, under its pinned key."""
    parent = idx.parent.get(ctx.own)
    what = "Phiếu tiếp nhận" if pkg.kind == "receipt" else "Gói danh mục"
    if not parent:
        raise refuse(
            "not-parent",
            f"{what} do «{pkg.unit_code}» lập, nhưng đơn vị này không có "
            "đơn vị cấp trên trong danh mục; gói bị từ chối.",
        )
    if pkg.unit_code != parent:
        raise refuse(
            "not-parent",
            f"{what} do «{pkg.unit_code}» lập, không phải đơn vị cấp trên trực tiếp "
            f"«{parent}» của đơn vị này (văn bản của cấp trên nữa phải do «{parent}» "
            "chuyển và ký); gói bị từ chối.",
        )
    pin = idx.pins.get(parent)
    confirmed = ctx.parent_key and ctx.parent_key == normal_fingerprint(pkg.fingerprint)
    if pin is not None and pin[0] == pkg.public_key:
        return "known"
    if confirmed:
        if pin is not None:
            result.changed_keys.append(ChangedKey(parent, pkg.unit_name, pin[1], pkg.fingerprint))
        else:
            result.first_keys.append(FirstKey(parent, pkg.unit_name, pkg.fingerprint))
        return "parent-confirmed"
    hint = (
        f"Hãy đối chiếu dấu vân tay này với dấu vân tay in trên văn bản giấy của cấp trên "
        f"(hoặc hỏi qua điện thoại), rồi nhập lại bằng: import --accept-parent-key "
        f'"{pkg.fingerprint}" TỆP.'
    )
    if pin is None:
        raise refuse(
            "parent-key-unconfirmed",
            f"Chưa xác nhận khóa ký của đơn vị cấp trên «{parent}»; dấu vân tay trong "
            f"gói: {pkg.fingerprint}. {hint}",
        )
    raise refuse(
        "key-changed",
        f"Khóa ký của đơn vị cấp trên «{parent}» khác với khóa đã ghi nhận (đã ghi "
        f"nhận: {pin[1]}; trong gói: {pkg.fingerprint}); gói bị từ chối. Chỉ khi cấp "
        f"trên xác nhận đã đổi khóa: {hint}",
    )


def check_receipt(s: Session, pkg: Package, ctx: ImportContext) -> None:
    subject = pkg.payload["subject"]
    if subject["unit"] != ctx.own:
        raise refuse(
            "not-ours",
            f"Phiếu tiếp nhận dành cho đơn vị «{subject['unit']}», không phải đơn vị này.",
        )
    sent = [
        r
        for r in exchange_repo.sent_reports(s, ctx.own)
        if r.period_code == subject["period"]
        and r.revision == subject["revision"]
        and r.payload_sha256 == subject["payload_sha256"]
        and r.package_id == subject["package_id"]
    ]
    if not sent:
        raise refuse(
            "unknown-report",
            f"Phiếu tiếp nhận nói về báo cáo kỳ {subject['period']} "
            f"lần {subject['revision']} (mã gói {subject['package_id']}) "
            "mà máy này chưa từng gửi; gói bị từ chối.",
        )
