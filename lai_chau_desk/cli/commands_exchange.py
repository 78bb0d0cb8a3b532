"""Commands of the package exchange: export, verify, import, status, simulate, review,
export-catalogue, fingerprint (DESIGN §9)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import open_suite, print_json

REVIEW_VI = {"pending": "chờ tiếp nhận", "accepted": "đã tiếp nhận", "returned": "đã trả lại"}
KIND_VI = {"report": "báo cáo", "receipt": "phiếu tiếp nhận", "catalogue": "gói danh mục"}
COUNT_VI = {"sessions": "Số buổi", "participants": "Lượt người tham dự",
            "union_members": "Lượt đoàn viên", "female": "Lượt nữ",
            "ethnic_minority": "Lượt dân tộc thiểu số", "supervisions": "Cuộc giám sát",
            "recommendations": "Kiến nghị"}
OUTCOME_VI = {"new": "mới", "replaced": "thay thế", "unchanged": "không đổi", "refused": "từ chối"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="xuất gói báo cáo đã ký của đơn vị")
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--include-pending", action="store_true",
                   help="kèm cả báo cáo cấp dưới chưa tiếp nhận vào gói tổng hợp")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help="kiểm tra một gói mà không nhập")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--code", metavar="MÃ",
                   help="mã đối chiếu in trên báo cáo giấy: tệp có đúng là gói đó không")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("import", help="nhập gói báo cáo, phiếu tiếp nhận, danh mục")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không thay đổi gì")
    p.add_argument("--json", action="store_true")
    p.add_argument("--accept-new-key", action="append", default=[], metavar="UNIT_CODE",
                   help="chấp nhận khóa ký mới của đơn vị (sau khi đã xác minh)")
    p.add_argument("--accept-parent-key", metavar="FINGERPRINT",
                   help="dấu vân tay khóa ký của đơn vị cấp trên, đã đối chiếu với văn bản giấy")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("status", help="tình hình nộp báo cáo của các đơn vị cấp dưới")
    p.add_argument("--period", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("simulate", help="tạo gói báo cáo của các đơn vị mô phỏng")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--units", required=True, type=int)
    p.add_argument("--period", required=True)
    p.add_argument("--parent-code")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--sessions", type=int, nargs=2, default=[30, 50], metavar=("MIN", "MAX"))
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("review", help="tiếp nhận hoặc trả lại báo cáo; xuất phiếu tiếp nhận")
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", action="store_true")
    group.add_argument("--return", dest="return_comment", metavar="COMMENT")
    p.add_argument("--comment", default="")
    p.add_argument("--out", type=Path)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("export-catalogue", help="xuất gói danh mục cho đơn vị cấp dưới")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(func=cmd_export_catalogue)

    p = sub.add_parser("sent", help="các báo cáo đã gửi và ý kiến của cấp trên")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sent)

    p = sub.add_parser("fingerprint", help="in dấu vân tay khóa ký của máy này")
    p.set_defaults(func=cmd_fingerprint)


def cmd_export(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    r = suite.exchange.export_report(args.period, out=args.out, include_pending=args.include_pending)
    change = "lần mới" if r.new_revision else "nội dung không đổi"
    print(f"Đã xuất {args.out}: đơn vị {r.unit}, kỳ {r.period}, lần {r.revision} ({change}).")
    for line in (r.plan.lines() if r.plan is not None else []):
        print(line)
    print(f"Dấu vân tay khóa ký: {r.fingerprint}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    suite = open_suite(args, write=False)
    report = suite.exchange.verify_file(args.file, args.code)
    if args.json:
        print_json(report.to_json())
        return 0 if report.valid and report.code_matches is not False else 1
    elif report.valid:
        period = f", kỳ {report.period}" if report.period else ""
        print(f"Hợp lệ: {KIND_VI.get(report.kind or '', report.kind)} của {report.unit} "
              f"({report.unit_name}){period}, lần {report.revision}, lập lúc "
              f"{_when(report.created_at)}.")
        print(f"Dấu vân tay khóa ký: {report.fingerprint}")
        for key, value in report.figures.items():
            print(f"  {COUNT_VI.get(key, key)}: {value}")
        if report.embedded:
            print(f"Kèm {len(report.embedded)} báo cáo cấp dưới (mỗi báo cáo có chữ ký riêng, "
                  "đã kiểm tra).")
    else:
        print(f"Không hợp lệ: {report.reason}")
    if report.valid and report.code_matches is True:
        print("Khớp với báo cáo giấy: tệp này đúng là gói mà mã đối chiếu trên giấy ghi.")
    elif report.valid and report.code_matches is False:
        print("KHÔNG khớp với báo cáo giấy: mã đối chiếu trên giấy ghi một gói khác (khác đơn "
              "vị, kỳ, lần gửi, nội dung hoặc khóa ký). Hãy đề nghị đơn vị gửi lại đúng tệp.")
    return 0 if report.valid and report.code_matches is not False else 1


def cmd_import(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    outcomes = suite.exchange.import_files(args.files, dry_run=args.dry_run,
                                           accept_new_key=args.accept_new_key,
                                           accept_parent_key=args.accept_parent_key)
    if args.json:
        print_json([o.to_json() for o in outcomes])
    else:
        if args.dry_run:
            print("Xem trước (chưa thay đổi gì):")
        for o in outcomes:
            period = f" kỳ {o.period}" if o.period else ""
            what = (f" {KIND_VI.get(o.kind, o.kind)} của {o.unit}{period} lần {o.revision}"
                    if o.unit else "")
            reason = f": {o.reason}" if o.reason else ""
            print(f"{o.file}: {OUTCOME_VI[o.outcome]}{what}{reason}")
            if o.outcome != "refused":
                for note in o.key_notes():
                    print(f"  {note}")
    return 1 if any(o.outcome == "refused" for o in outcomes) else 0


def cmd_status(args: argparse.Namespace) -> int:
    suite = open_suite(args, write=False)
    st = suite.exchange.completeness(args.period)
    if args.json:
        print_json(st.to_json())
        return 0
    labels = {"on_time": "đúng hạn", "late": "muộn", "missing": "chưa nộp"}
    print(f"Kỳ {st.period}, hạn nộp {_when(st.due)}: {len(st.expected)} đơn vị phải nộp, "
          f"{len(st.on_time)} đúng hạn, {len(st.late)} muộn, {len(st.missing)} chưa nộp.")
    for u in st.units:
        rev = f" (lần {u.revision}, {REVIEW_VI.get(u.review or '', '')})" if u.revision else ""
        print(f"  {u.code:<24} {labels[u.timeliness]:<9} {u.name}{rev}")
    return 0


def _when(iso: str | None) -> str:
    """ISO date or timestamp -> dd/mm/yyyy (HH:MM)."""
    if not iso:
        return ""
    from datetime import datetime

    moment = datetime.fromisoformat(iso)
    return moment.strftime("%d/%m/%Y %H:%M" if "T" in iso else "%d/%m/%Y")


def cmd_simulate(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    r = suite.exchange.simulate(args.out, args.units, args.period, parent_code=args.parent_code,
                                seed=args.seed, sessions=tuple(args.sessions))
    print(f"Đã tạo {len(r.files)} gói ({r.sessions} buổi tuyên truyền) trong {args.out}.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    decision = "accepted" if args.accept else "returned"
    comment = args.return_comment if decision == "returned" else args.comment
    r = suite.exchange.review(args.unit, args.period, decision, comment, out=args.out)
    verb = "Đã tiếp nhận" if decision == "accepted" else "Đã trả lại"
    where = f"; phiếu tiếp nhận: {args.out}" if args.out else ""
    print(f"{verb} báo cáo kỳ {r.period} của {r.unit}{where}")
    return 0


def cmd_export_catalogue(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    r = suite.exchange.export_catalogue(out=args.out)
    print(f"Đã xuất gói danh mục {args.out} (lần {r.revision}).")
    return 0


def cmd_sent(args: argparse.Namespace) -> int:
    suite = open_suite(args, write=False)
    rows = suite.exchange.sent_reports()
    if args.json:
        print_json([{"period": r.period, "revision": r.revision, "status": r.status,
                     "comment": r.comment, "decided_at": r.decided_at} for r in rows])
        return 0
    labels = {"sent": "đã gửi, chưa có ý kiến", "accepted": "đã được tiếp nhận",
              "returned": "bị trả lại"}
    for r in rows:
        comment = f": {r.comment}" if r.comment else ""
        print(f"Kỳ {r.period} lần {r.revision} ({_when(r.created_at)}): {labels[r.status]}{comment}")
    if not rows:
        print("Chưa gửi báo cáo nào.")
    return 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    print(suite.exchange.fingerprint())
    return 0
