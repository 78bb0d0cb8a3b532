"""The ``report`` command: the official report of the own unit as PDF (and XLSX). At an upper
level it is the consolidated report of the subtree (DESIGN §6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import open_suite


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="in báo cáo chính thức của kỳ (PDF, XLSX)")
    p.add_argument("--period", required=True, help="kỳ báo cáo: 2026S1, 2026S2, 2026…")
    p.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="tệp PDF cần ghi")
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="ghi thêm bảng số liệu Excel")
    p.add_argument("--lang", dest="report_lang", choices=["vi", "en"], default=None,
                   help="ngôn ngữ của báo cáo (mặc định: tiếng Việt)")
    p.add_argument("--number", metavar="N",
                   help="số văn bản (5 -> 05/BC-…); mặc định: số tiếp theo trong năm")
    p.add_argument("--every-unit", action="store_true",
                   help="báo cáo tổng hợp: thêm phụ lục số liệu của từng đơn vị trong toàn khối")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    lang = args.report_lang or "vi"
    data = suite.reports.write_pdf(args.period, args.pdf, lang=lang, number=args.number,
                                   every_unit=args.every_unit)
    print(f"Đã ghi báo cáo số {data.doc_number} ({data.period_label}): {args.pdf}")
    if args.xlsx:
        suite.reports.write_xlsx(args.period, args.xlsx, lang=lang, number=args.number,
                                 every_unit=args.every_unit)
        print(f"Đã ghi bảng số liệu: {args.xlsx}")
    if lang != "en":
        for warning in suite.reports.report_warnings(args.period):
            print(f"Lưu ý: {warning}")
    return 0
